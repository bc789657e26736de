"""The guided fill-in documents (/act/): the arbitration application, the legal-aid application, the evidence
list and the case summary for a lawyer. The page carries its questions as JSON; documents.js asks them one at a
time, keeps the answers on the phone and lays out the Chinese paper form for printing."""

from __future__ import annotations

from generator.models import ANSWER_MAX, DocumentField, FilledDocument, Lang


def _question(field: DocumentField, lang: Lang) -> dict:
    return {"id": field.id, "kind": field.kind, "required": field.required, "printed": field.printed,
            "question": field.question(lang), "meaning": field.meaning(lang),
            "example": field.example(lang) if field.example else None, "after": field.after,
            "max": ANSWER_MAX.get(field.kind),
            "choices": {value: {"text": text(lang), "printed": text.zh} for value, text in (field.choices or {}).items()},
            "items": [_question(item, lang) for item in field.items or []]}


def page_data(renderer, document: FilledDocument, lang: Lang, root: str) -> dict:
    """What documents.js needs: the document's layout, its questions in asking order, and the page's words."""
    documents = renderer.content.documents
    return {
        "slug": document.slug,
        "printed_title": document.printed_title,
        "sections": [{"printed": s.printed, "heading": s.heading(lang), "fields": s.fields} for s in document.sections],
        "signature": document.signature,
        "questions": [_question(documents.field(name), lang) for name in document.field_ids()],
        # Every question by id, for the summary read from a QR code and for the printed dates and choices.
        "all": {f.id: _question(f, lang) for f in documents.fields},
        "labels": {key: value for key, value in renderer.labels(lang).items() if key.startswith("act_")},
        # Words on the paper itself: Chinese whatever the page's language.
        "printed": {key: value for key, value in renderer.labels("zh").items() if key.startswith("p_")},
        "summary_url": f"{root}act/summary/",
    }


def document_pages(renderer, lang: Lang) -> dict[str, str]:
    from generator.render import script_json

    documents = renderer.content.documents
    root = "../../" if lang == "zh" else "../../../"
    out = {f"{lang}/act/index.md": renderer.page("act_index.md.j2", lang, documents=documents,
                                                 assets="../" if lang == "zh" else "../../")}
    for document in [*documents.documents, documents.summary]:
        body = renderer.page("act_form.html.j2", lang, document=document, assets=root,
                             data=script_json(page_data(renderer, document, lang, root)))
        out[f"{lang}/act/{document.slug}.md"] = renderer.page(
            "act_document.md.j2", lang, document=document, body=body.strip(),
            basis=renderer.legal_basis(document.cites))
    return out
