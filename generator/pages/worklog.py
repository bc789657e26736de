"""The work and pay log (/log/): one page per language, its script's words as page data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.models import Lang

if TYPE_CHECKING:
    from generator.render import Renderer


def worklog_pages(renderer: Renderer, lang: Lang) -> dict[str, str]:
    from generator.render import script_json

    worklog = renderer.content.worklog
    root = "../" if lang == "zh" else "../../"
    data = {"labels": worklog.script_labels(lang), "lang": lang, "tools": "../tools/",
            "calendar_years": [y.year for y in renderer.content.holidays.years],
            "cites": {str(c): renderer.cite([c], lang) for c in worklog.cites}}
    app = renderer.page("log_app.html.j2", lang, l=worklog.script_labels(lang), data=script_json(data), root=root)
    return {f"{lang}/log/index.md": renderer.page("log.md.j2", lang, worklog=worklog, app=app.strip(), root=root,
                                                  basis=renderer.legal_basis(worklog.citations()))}
