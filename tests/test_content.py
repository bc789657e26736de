"""The real content in guides_src/: it validates, has the fifteen starter topics, and its schemas are current."""

import json

from generator.models import LANGS
from generator.schema import schema_files
from generator.validate import check_content

from .conftest import ROOT

STARTER_SLUGS = {
    "written-contract", "unpaid-wages", "overtime-pay", "probation", "social-insurance", "work-injury",
    "platform-workers", "dismissal", "resignation", "labor-arbitration", "mediation", "legal-aid",
    "labor-inspection", "deposits-and-ids", "evidence",
}


def real_content():
    content, problems = check_content(ROOT / "guides_src")
    assert problems == [], "\n".join(str(p) for p in problems)
    return content


def test_every_real_file_validates():
    real_content()


def test_the_fifteen_starter_topics_exist():
    assert STARTER_SLUGS <= {t.slug for t in real_content().topics}


def test_every_topic_has_colloquial_keywords_in_both_languages():
    for topic in real_content().topics:
        for lang in LANGS:
            assert len(getattr(topic.keywords, lang)) >= 5, (topic.slug, lang)


def test_platform_workers_find_occupational_injury_protection():
    topic = real_content().topic("platform-workers")
    cited = {c.law for c in topic.citations()}
    assert "occupational-injury-pilot-notice" in cited
    text = " ".join(s.zh for s in [*topic.law_says, *topic.steps])
    assert "职业伤害保障" in text
    keywords = " ".join(topic.keywords.zh)
    assert "外卖" in keywords and "网约车" in keywords and "快递" in keywords


def test_every_topic_file_points_editors_at_the_schema():
    for path in sorted((ROOT / "guides_src/topics").glob("*.yaml")):
        assert path.read_text("utf-8").startswith("# yaml-language-server: $schema=../schema/topic.schema.json"), path


def test_committed_json_schemas_are_current():
    for name, text in schema_files().items():
        path = ROOT / "guides_src/schema" / name
        assert path.read_text("utf-8") == text, f"{name} is stale: run make site"
        assert json.loads(text)["additionalProperties"] is False
