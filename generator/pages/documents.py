"""The guided fill-in documents (/act/): the arbitration application, the legal-aid application, the evidence
list and the case summary for a lawyer. The page carries its questions as JSON; documents.js asks them one at a
time, keeps the answers on the phone and lays out the Chinese paper form for printing."""

from __future__ import annotations

from generator.models import ANSWER_MAX, DocumentField, FilledDocument, Lang


# The words documents.js, values.js and paper.js show, from generator/labels.yaml (the rest are in the page).
SCRIPT_LABELS = ("act_add_item", "act_bad_date", "act_bad_number", "act_before", "act_choose", "act_count",
                 "act_date_range", "act_edit", "act_empty", "act_example", "act_from_tool", "act_items",
                 "act_need_item", "act_no_items", "act_on_form", "act_optional", "act_remove_item", "act_required",
                 "act_too_long")
PRINTED_LABELS = ("p_age", "p_age_unit", "p_amount_unit", "p_annex_title", "p_copies", "p_deadline", "p_entered",
                  "p_made", "p_none", "p_total")


# The summary asks nothing: it only prints answers, so its page carries no question texts or checks.
PRINTING_KEYS = ("id", "kind", "printed", "choices", "items")
SUMMARY_LABELS = ("act_empty", "act_qr_left_out", "act_qr_title", "act_qr_too_big")


def _printing(question: dict) -> dict:
    return {key: [_printing(item) for item in value] if key == "items" else value
            for key, value in question.items() if key in PRINTING_KEYS}


def _question(field: DocumentField, lang: Lang) -> dict:
    question = {"id": field.id, "kind": field.kind, "required": field.required or None, "printed": field.printed,
                "question": field.question(lang), "meaning": field.meaning(lang), "max": ANSWER_MAX.get(field.kind),
                "example": field.example(lang) if field.example else None, "after": field.after,
                # A choice's Chinese word for the paper, when the page shows it in English.
                "choices": {value: {"text": text(lang), **({"printed": text.zh} if lang == "en" else {})}
                            for value, text in (field.choices or {}).items()} or None,
                "items": [_question(item, lang) for item in field.items or []] or None}
    # Only what a question has: the page carries every question, and a first visit should stay small.
    return {key: value for key, value in question.items() if value is not None}


def page_data(renderer, document: FilledDocument, lang: Lang, root: str) -> dict:
    """What documents.js needs: the document's layout, its questions in asking order, and the page's words."""
    documents = renderer.content.documents
    summary = document.slug == "summary"
    questions = [_question(documents.field(name), lang) for name in document.field_ids()]
    return {
        "slug": document.slug,
        "printed_title": document.printed_title,
        "sections": [{"printed": s.printed, "heading": s.heading(lang), "fields": s.fields} for s in document.sections],
        "signature": document.signature,
        "questions": [_printing(q) for q in questions] if summary else questions,
        "labels": {key: renderer.labels(lang)[key] for key in (SUMMARY_LABELS if summary else SCRIPT_LABELS)
},
        # Words on the paper itself: Chinese whatever the page's language.
        "printed": {key: renderer.labels("zh")[key] for key in PRINTED_LABELS
                    if document.slug == "summary" or key != "p_deadline"},
        "summary_url": f"{root}act/summary/",
    }


def document_pages(renderer, lang: Lang) -> dict[str, str]:
    from generator.render import script_json

    documents = renderer.content.documents
    root = "../../" if lang == "zh" else "../../../"
    out = {f"{lang}/act/index.md": renderer.page("act_index.md.j2", lang, documents=documents,
                                                 assets="../" if lang == "zh" else "../../")}
    for document in [*documents.documents, documents.summary]:
        data = page_data(renderer, document, lang, root)
        body = renderer.page("act_form.html.j2", lang, document=document, assets=root, data=script_json(data),
                             first_question=data["questions"][0], first_section=data["sections"][0]["heading"],
                             question_count=len(data["questions"]))
        # An index page, so its raw-HTML asset links hold in the offline copy's .html layout too.
        out[f"{lang}/act/{document.slug}/index.md"] = renderer.page(
            "act_document.md.j2", lang, document=document, body=body.strip(),
            basis=renderer.legal_basis(document.cites))
    return out
