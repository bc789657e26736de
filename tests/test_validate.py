"""Validation of content: every problem, with file, line, column and the exact message."""

import datetime
from pathlib import Path

from generator.validate import check_content

from .conftest import problems_after as shared_problems_after

TODAY = datetime.date(2026, 11, 23)
TOPIC = "guides_src/topics/example-topic.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_after(content_dir: Path, old: str, new: str, file: str = "topics/example-topic.yaml") -> list[str]:
    return shared_problems_after(content_dir, old, new, file, TODAY)


def test_fixture_is_valid(content_dir):
    content, problems = check_content(content_dir, today=TODAY)
    assert problems == []
    assert [t.slug for t in content.topics] == ["example-other", "example-topic"]


def test_unknown_field_points_at_the_key_and_suggests(content_dir):
    assert problems_after(content_dir, "summary:", "sumary:") == [
        f"{TOPIC}:1:1: error: missing field 'summary'",
        f"{TOPIC}:4:1: error: unknown field 'sumary' (did you mean 'summary'?)",
    ]


def test_missing_translation(content_dir):
    assert problems_after(content_dir, "title: {zh: 示例主题标题, en: Example topic title}", "title: {zh: 示例主题标题}") == [
        f"{TOPIC}:3:8: error: title: missing translation 'en'"]


def test_wrong_type(content_dir):
    assert problems_after(content_dir, "stations: true", "stations: maybe") == [
        f"{TOPIC}:26:13: error: help.stations: expected true or false, got text"]


def test_wrong_date(content_dir):
    assert problems_after(content_dir, "reviewed_on: 2020-01-02", "reviewed_on: 2 January 2020") == [
        f"{TOPIC}:29:14: error: reviewed_on: '2 January 2020' is not a date (use YYYY-MM-DD)"]


def test_future_review_date(content_dir):
    assert problems_after(content_dir, "reviewed_on: 2020-01-02", "reviewed_on: 2027-01-02") == [
        f"{TOPIC}:29:14: error: reviewed_on: date 2027-01-02 is in the future"]


def test_unknown_law_suggests_the_right_one(content_dir):
    assert problems_after(content_dir, "cites: [example-law 14]\n  - zh: 做示例第二步", "cites: [exampel-law 14]\n  - zh: 做示例第二步") == [
        f"{TOPIC}:15:13: error: steps.0.cites.0: unknown law 'exampel-law' (did you mean 'example-law'?)"]


def test_unknown_article(content_dir):
    # Article 2 is in the statute text (guides_src/statutes/example-law.yaml) but not in the registry.
    assert problems_after(content_dir, "[example-law 1, example-law 276-1]", "[example-law 1, example-law 2]") == [
        f"{TOPIC}:8:28: error: law_says.0.cites.1: 'example-law' has no article 2 in the law registry "
        "(add it to guides_src/laws.yaml first)"]


def test_statute_must_be_cited_with_an_article(content_dir):
    assert problems_after(content_dir, "cites: [example-guideline]", "cites: [example-law]") == [
        f"{TOPIC}:11:13: error: law_says.1.cites.0: cite an article of 'example-law', e.g. 'example-law 1'"]


def test_malformed_citation(content_dir):
    assert problems_after(content_dir, "cites: [example-guideline]", "cites: [Example Law art. 3]") == [
        f"{TOPIC}:11:13: error: law_says.1.cites.0: 'Example Law art. 3' is not a citation; write "
        "'<law-id> <article>', e.g. 'labour-contract-law 30'"]


def test_legal_statement_without_citation(content_dir):
    assert problems_after(content_dir, "    cites: [example-guideline]\n", "    cites: []\n") == [
        f"{TOPIC}:11:12: error: law_says.1.cites: needs at least one entry"]


def test_unknown_related_topic(content_dir):
    assert problems_after(content_dir, "related: [example-other]", "related: [example-othr]") == [
        f"{TOPIC}:28:11: error: related.0: unknown topic 'example-othr' (did you mean 'example-other'?)"]


def test_over_long_summary(content_dir):
    long_zh = "示例" * 31
    assert problems_after(content_dir, "zh: 示例主题的一句话概述。", f"zh: {long_zh}") == [
        f"{TOPIC}:4:15: error: summary.zh: too long for one line (62 characters; at most 60)"]


def test_control_character_in_text(content_dir):
    assert problems_after(content_dir, "en: Do example step two.", 'en: "Do example\\fstep two."') == [
        f"{TOPIC}:17:9: error: steps.1.en: contains the control character U+000C; remove it (retype the text if it "
        "was pasted)"]


def test_over_long_text(content_dir):
    assert problems_after(content_dir, "en: Do example step two.", "en: " + "x" * 3001) == [
        f"{TOPIC}:17:9: error: steps.1.en: is 3,001 characters long; at most 3,000 here"]


def test_cross_checks_still_run_beside_a_type_error(content_dir):
    assert problems_after(content_dir, "stations: true\nkeywords: {zh: [示例关键词], en: [example keyword]}\nrelated: [example-other]",
                          "stations: maybe\nkeywords: {zh: [示例关键词], en: [example keyword]}\nrelated: [example-othr]") == [
        f"{TOPIC}:26:13: error: help.stations: expected true or false, got text",
        f"{TOPIC}:28:11: error: related.0: unknown topic 'example-othr' (did you mean 'example-other'?)"]


def test_english_in_the_chinese_field(content_dir):
    assert problems_after(content_dir, "zh: 做示例第二步。", "zh: Do example step two.") == [
        f"{TOPIC}:16:9: error: steps.1.zh: has no Chinese text; is the translation in the wrong field?"]


def test_slug_must_match_file_name_and_be_unique(content_dir):
    assert problems_after(content_dir, "slug: example-other", "slug: example-topic", file="topics/example-other.yaml") == [
        "guides_src/topics/example-other.yaml:1:7: error: slug: slug 'example-topic' does not match the file name "
        "'example-other.yaml'",
        f"{TOPIC}:1:7: error: slug: duplicate slug 'example-topic' (also in guides_src/topics/example-other.yaml)",
    ]


def test_unknown_hotline_and_category(content_dir):
    edit(content_dir / "topics/example-topic.yaml", 'hotlines: ["99999", "99998"]', 'hotlines: ["99999", "12300"]')
    assert problems_after(content_dir, "category: example-category", "category: example-categry") == [
        f"{TOPIC}:2:11: error: category: unknown category 'example-categry' (did you mean 'example-category'?)",
        f"{TOPIC}:25:23: error: help.hotlines.1: unknown hotline '12300' (see guides_src/site.yaml)",
    ]


def test_yaml_syntax_error_does_not_hide_other_files(content_dir):
    edit(content_dir / "topics/example-other.yaml", "related: []", "related: [")
    assert problems_after(content_dir, "stations: true", "stations: 3") == [
        "guides_src/topics/example-other.yaml:16:12: error: YAML syntax: expected ',' or ']', but got ':'",
        f"{TOPIC}:26:13: error: help.stations: expected true or false, got a number",
    ]


def test_unknown_topic_on_the_home_page(content_dir):
    assert problems_after(content_dir, "topic: example-topic", "topic: example-tpic", file="site.yaml") == [
        "guides_src/site.yaml:9:12: error: problems.0.topic: unknown topic 'example-tpic' (did you mean 'example-topic'?)"]


def test_duplicate_article_in_registry(content_dir):
    problems = problems_after(content_dir, 'number: "14"', 'number: "1"', file="laws.yaml")
    assert problems[0] == "guides_src/laws.yaml:19:17: error: laws.0.articles.1.number: duplicate article '1' in 'example-law'"
    # and every citation of the article that is gone is reported where it stands
    assert len(problems) == 6
    assert all(p.endswith("'example-law' has no article 14 in the law registry (add it to guides_src/laws.yaml first)")
               for p in problems[1:])
    assert f"{TOPIC}:15:13: error: steps.0.cites.0: 'example-law' has no article 14 in the law registry " \
           "(add it to guides_src/laws.yaml first)" in problems


def test_impossible_date_is_reported_once(content_dir):
    assert problems_after(content_dir, "reviewed_on: 2020-01-02", "reviewed_on: 2020-02-30") == [
        f"{TOPIC}:29:14: error: reviewed_on: '2020-02-30' is not a valid date (use YYYY-MM-DD)"]
