"""The enterprise check-up (用工法治体检) for lawyers: the checklist of every topic's checkpoints, grouped by area
(/guide/checkup/, printable, and as a PDF), and the check-up on a tablet or phone (/guide/checkup/report/):
tick, note and print the risk report, in Chinese, with the record kept only on the device (checkup.js)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.models import Category, Checkpoint, Lang, Topic
from generator.qr import page_url

if TYPE_CHECKING:
    from generator.render import Renderer

# The words checkup.js shows on the page, and the report's, which are Chinese on every page.
SCRIPT_LABELS = ("ck_progress", "ck_bad_date")
REPORT_LABELS = ("ckr_title", "ckr_enterprise", "ckr_date", "ckr_lawyer", "ckr_summary", "ckr_counts", "ckr_unchecked", "ckr_none",
                 "ckr_failed", "ckr_severity", "ckr_requirement", "ckr_risk", "ckr_fix", "ckr_note", "ckr_basis", "ckr_scope",
                 "ckr_sign", "ckr_made", "ck_sev")


@dataclass
class Point:
    """A checkpoint with its place: its number in the whole list and its topic."""

    number: int
    id: str  # "<topic>-<n>": the key of its result in the stored record
    topic: Topic
    point: Checkpoint


def areas(renderer: Renderer) -> list[tuple[Category, list[Point]]]:
    """The areas (the site's categories) that have checkpoints, in the site's order, numbered throughout."""
    content, grouped, number = renderer.content, [], 0
    for category in content.site.categories:
        points = []
        for topic in content.topics_in(category.id):
            for i, point in enumerate(topic.practitioner.checkup, start=1):
                number += 1
                points.append(Point(number, f"{topic.slug}-{i}", topic, point))
        if points:
            grouped.append((category, points))
    return grouped


def report_data(renderer: Renderer, grouped: list[tuple[Category, list[Point]]]) -> dict:
    """What the risk report prints, in Chinese, for each checkpoint."""
    zh = renderer.labels("zh")
    # The report names each point's area (劳动合同、工资…), not the worker page's question that holds it.
    return {
        "points": {p.id: {"n": p.number, "area": category.name("zh"), "severity": p.point.severity,
                          "requirement": p.point.requirement.zh,
                          "requirement_cites": renderer.cite(p.point.requirement.cites, "zh"),
                          "risk": p.point.risk.zh, "risk_cites": renderer.cite(p.point.risk.cites, "zh"),
                          "fix": p.point.fix.zh}
                   for category, points in grouped for p in points},
        "report": {key: zh[key] for key in REPORT_LABELS},
    }


def checkup_pages(renderer: Renderer, lang: Lang) -> dict[str, str]:
    from generator.render import script_json

    grouped = areas(renderer)
    if not grouped:
        return {}
    root = "../../" if lang == "zh" else "../../../"
    total = sum(len(points) for _, points in grouped)
    checklist = renderer.page("checkup_list.html.j2", lang, areas=grouped, controls=False, assets=root)
    data = {**report_data(renderer, grouped), "labels": {key: renderer.labels(lang)[key] for key in SCRIPT_LABELS},
            "total": total, "address": page_url(renderer.base_url, lang, "guide/checkup/")}
    form = renderer.page("checkup_report.html.j2", lang, areas=grouped, data=script_json(data), assets=root + "../")
    return {
        f"{lang}/guide/checkup/index.md": renderer.page("checkup.md.j2", lang, body=checklist.strip(), total=total,
                                                        root=root, run=False),
        f"{lang}/guide/checkup/report/index.md": renderer.page("checkup.md.j2", lang, body=form.strip(), total=total,
                                                               root=root + "../", run=True),
    }
