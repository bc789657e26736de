"""Statute texts: the parser on every shipped file, the import, the build check, the change watch and the pages."""

import datetime
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markupsafe import escape

from generator.models import LANGS
from generator.render import review_line
from generator.statutes import LAW_IDS, MARK, chinese_to_int, law_key, load_statutes, parse_statute, read_snapshot

from .conftest import FIXTURE, ROOT, problems_after
from .test_content import real_content

SNAPSHOT = ROOT.parent / "shared" / "statutes"
LATER = datetime.date(2030, 1, 1)

# From shared/statutes/README.md: articles found by ^第…条(之…)? in this snapshot.
EXPECTED_COUNTS = {"labour-contract-law": 98, "labour-law": 107, "social-insurance-law": 98,
                   "work-injury-insurance-regulations": 67, "labour-dispute-law": 54, "legal-aid-law": 71,
                   "labour-contract-law-regulations": 38, "migrant-worker-wages-regulations": 64,
                   "spc-labour-dispute-interpretation-1": 54, "labour-inspection-regulations": 36,
                   "occupational-disease-law": 88, "civil-code": 204}


def run(*args: str, root: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *args],
                          capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def snapshot():
    assert SNAPSHOT.is_dir(), f"the statute snapshot is expected beside the repository, at {SNAPSHOT}"
    return read_snapshot(SNAPSHOT)


# ── Parser ─────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("numeral, number", [("一", 1), ("十", 10), ("十四", 14), ("二十", 20), ("八十二", 82),
                                              ("一百", 100), ("一百零五", 105), ("一百一十", 110),
                                              ("二百七十六", 276), ("四百五十二", 452)])
def test_chinese_numerals(numeral, number):
    assert chinese_to_int(numeral) == number


def test_parser_keeps_paragraphs_and_items_and_skips_headings():
    text = ("# 示例法\n\n2000年1月2日 通过\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 第一款。\n\n第二款：\n\n"
            "（一）第一项；\n\n（二）第二项。\n\n### 第一节 分节\n\n第二条之一 之一的原文。\n\n## 附件\n\n附件的文字。\n")
    parsed = parse_statute(text, "示例法.md")
    assert parsed.title == "示例法"
    assert parsed.version_date == datetime.date(2000, 1, 2)
    assert [(a.number, a.paragraphs) for a in parsed.articles] == [
        ("1", ["第一款。", "第二款：", "（一）第一项；", "（二）第二项。"]),
        ("2-1", ["之一的原文。"]),
    ]


def test_parser_joins_a_sentence_broken_over_two_lines_and_drops_invisible_characters():
    text = ("# 示例\n\n<!-- INFO END -->\n\n第一条 应按以下标准支付：\n\n（一）延长工作时间的，按照\n\n"
            "不低于１５０％支付；\n\n\u200b\n\n女职工禁忌从事的劳动范围\n\n一、第一项。\n")
    assert parse_statute(text, "示例(2000-01-02).md").articles[0].paragraphs == [
        "应按以下标准支付：", "（一）延长工作时间的，按照不低于１５０％支付；", "女职工禁忌从事的劳动范围", "一、第一项。"]


def test_every_file_with_articles_is_imported_with_the_expected_counts(snapshot):
    texts, skipped = snapshot
    assert skipped == ["刑法/刑法修正案（八）.md",
                       "部门规章/人力资源社会保障部/关于职工全年月平均工作时间和工资折算问题的通知(2009-03-29).md"]
    assert sorted(texts) == sorted(LAW_IDS.values())
    for law, count in EXPECTED_COUNTS.items():
        assert len(texts[law].articles) == count, law
    for law, text in texts.items():
        raw = (SNAPSHOT / text.source_file).read_text("utf-8")
        assert len(text.articles) == len(re.findall(r"^第[零一二三四五六七八九十百千]+条(之[一二三四五六七八九十]+)? ", raw, re.M)), law
        assert law_key(text.source_file) in LAW_IDS
        paragraphs = [p for a in text.articles for p in a.paragraphs]
        assert not [p for p in paragraphs if p.startswith("#") or re.match(r"^第.+[章节] ", p)], law
        # Articles are in order and numbered as in laws.yaml.
        keys = [tuple(int(x) for x in a.number.split("-")) for a in text.articles]
        assert keys == sorted(keys), law


def test_zhi_yi_articles_items_and_versions(snapshot):
    texts, _ = snapshot
    criminal = texts["criminal-law"]
    assert len(criminal.articles) == 505 and criminal.articles[-1].number == "452"
    assert criminal.article("276-1").paragraphs[0].startswith("以转移财产、逃匿等方法逃避支付劳动者的劳动报酬")
    assert len(criminal.article("276-1").paragraphs) == 3
    assert criminal.version_date == datetime.date(2023, 12, 29)
    assert not any("①" in p for p in criminal.article("452").paragraphs), "the snapshot's footnote is no article text"
    dismissal = texts["labour-contract-law"].article("39").paragraphs
    assert dismissal[1] == "（一）在试用期间被证明不符合录用条件的；" and dismissal[-1] == "（六）被依法追究刑事责任的。"
    assert texts["labour-contract-law"].version_date == datetime.date(2012, 12, 28)
    assert texts["interim-wage-payment-provisions"].article("13").paragraphs[1] == (
        "（一）用人单位依法安排劳动者在日法定标准工作时间以外延长工作时间的，按照不低于劳动合同规定的劳动者本人小时工资标准的"
        "１５０％支付劳动者工资；")
    assert not [a.number for a in texts["civil-procedure-law"].articles if any(not p.strip() for p in a.paragraphs)]
    assert texts["civil-code"].version_date == datetime.date(2020, 5, 28)
    assert {t.snapshot_commit for t in texts.values()} == {"2f4c5c23716267af9dbebbbbd6cbbf732b101981"}


# ── Import ─────────────────────────────────────────────────────────────────────

def test_import_writes_the_committed_files(tmp_path, snapshot):
    shutil.copytree(FIXTURE / "guides_src", tmp_path / "guides_src")
    completed = run("statutes", "import", str(SNAPSHOT), root=tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines()[-1] == "guides_src/statutes/: 27 laws, 27 written, 1 removed"
    made = sorted(p.name for p in (tmp_path / "guides_src/statutes").glob("*.yaml"))
    committed = sorted(p.name for p in (ROOT / "guides_src/statutes").glob("*.yaml"))
    assert made == committed == sorted(f"{law}.yaml" for law in LAW_IDS.values())
    for name in made:
        text = (tmp_path / "guides_src/statutes" / name).read_text("utf-8")
        assert text.startswith(f"# {MARK}\n")
        assert text == (ROOT / "guides_src/statutes" / name).read_text("utf-8"), f"{name}: run the import again"
    assert load_statutes(tmp_path / "guides_src") == snapshot[0]
    again = run("statutes", "import", str(SNAPSHOT), root=tmp_path)
    assert again.stdout.splitlines()[-1] == "guides_src/statutes/: 27 laws, 0 written, 0 removed"


def test_every_citation_resolves_to_an_article_text():
    content = real_content()
    sites = [c for topic in content.topics for _, c in topic.citation_sites()]
    sites += [c for template in content.templates for _, c in template.citation_sites()]
    sites += [c for tool in content.tools.tools for c in tool.cites]
    sites += [c for section in content.guide.sections for p in section.paragraphs for c in p.cites]
    with_text = [c for c in sites if c.law in content.statutes and c.article]
    assert len(with_text) > 300
    for citation in with_text:
        assert content.statute_article(citation.law, citation.article), str(citation)
    # The laws that are not in the snapshot keep their secondary mark. The wage-conversion notice is in it, but as
    # numbered sections, not articles, so it has no imported text and was checked against the snapshot by hand.
    for law in content.laws.laws:
        if law.id not in content.statutes and law.id != "wage-conversion-notice":
            assert law.check == "secondary", law.id


# ── The build check ────────────────────────────────────────────────────────────

def test_citing_an_article_not_in_the_text_is_an_error(content_dir):
    problems = problems_after(content_dir, "cites: [example-law 1, example-law 276-1]",
                              "cites: [example-law 1, example-law 99]", "topics/example-topic.yaml", LATER)
    assert problems == ["guides_src/topics/example-topic.yaml:8:28: error: law_says.0.cites.1: "
                        "示例法 has no article 99 (it has 4)"]


def test_every_registry_article_must_be_in_the_text(content_dir):
    problems = problems_after(content_dir, '- number: "14"\n  paragraphs:\n  - 示例第十四条的原文。\n', "",
                              "statutes/example-law.yaml", LATER)
    assert problems == [
        "guides_src/laws.yaml:19:17: error: laws.0.articles.1.number: 示例法 has no article 14 (it has 3)",
        "guides_src/templates/example-form.yaml:12:48: error: notes.0.cites.0: 示例法 has no article 14 (it has 3)",
        "guides_src/topics/example-other.yaml:22:55: error: practitioner.legal_basis.0.cites.0: "
        "示例法 has no article 14 (it has 3)",
        "guides_src/topics/example-topic.yaml:15:13: error: steps.0.cites.0: 示例法 has no article 14 (it has 3)",
        "guides_src/topics/example-topic.yaml:23:11: error: deadline.cites.0: 示例法 has no article 14 (it has 3)",
        "guides_src/topics/example-topic.yaml:36:55: error: practitioner.legal_basis.0.cites.0: "
        "示例法 has no article 14 (it has 3)",
    ]


def test_statute_file_is_checked_against_its_model(content_dir):
    problems = problems_after(content_dir, "law: example-law", "law: example-guideline",
                              "statutes/example-law.yaml", LATER)
    assert problems == ["guides_src/statutes/example-law.yaml:1: error: law: 'example-guideline' does not match "
                        "the file name 'example-law.yaml'"]
    problems = problems_after(content_dir, "version_date: 2010-11-12", "version_date: soon",
                              "statutes/example-law.yaml", LATER)
    assert problems == ["guides_src/statutes/example-law.yaml:1:1: error: version_date: 'soon' is not a date "
                        "(use YYYY-MM-DD)"]


# ── Change watch ───────────────────────────────────────────────────────────────

def places(citation: str) -> list[str]:
    """Where a citation stands, found by reading the files line by line (independently of the generator)."""
    found = []
    files = [*sorted((ROOT / "guides_src/topics").glob("*.yaml")), *sorted((ROOT / "guides_src/templates").glob("*.yaml")),
             ROOT / "guides_src/tools.yaml", ROOT / "guides_src/guide.yaml"]
    for path in files:
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if re.search(rf"[\[\s\"']{re.escape(citation)}[\]\",']", line):
                found.append(f"{path.relative_to(ROOT).as_posix()}:{number}")
    return found


def test_diff_finds_a_changed_and_a_removed_cited_article(tmp_path):
    newer = tmp_path / "statutes"
    shutil.copytree(SNAPSHOT, newer)
    contract = newer / "社会法/劳动合同法(2012-12-28).md"
    text = contract.read_text("utf-8")
    old = "第三十条 用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。"
    assert old in text
    contract.write_text(text.replace(old, old.replace("及时足额", "按月足额")), "utf-8")
    labour = newer / "社会法/劳动法(2018-12-29).md"
    text = labour.read_text("utf-8")
    removed = "第五十条 工资应当以货币形式按月支付给劳动者本人。不得克扣或者无故拖欠劳动者的工资。\n"
    assert removed in text
    labour.write_text(text.replace(removed, ""), "utf-8")

    completed = run("statutes", "diff", str(newer))
    assert completed.returncode == 1, completed.stderr
    lines = completed.stdout.splitlines()
    changed_at, removed_at = places("labour-contract-law 30"), places("labour-law 50")
    assert "guides_src/topics/unpaid-wages.yaml:13" in changed_at and "guides_src/topics/unpaid-wages.yaml:13" in removed_at
    assert lines == [
        "labour-contract-law: 1 changed, 0 added, 0 removed",
        f"  changed article 30: cited in {len(changed_at)} places",
        *[f"    {place}" for place in changed_at],
        "labour-law: 0 changed, 0 added, 1 removed",
        f"  removed article 50: cited in {len(removed_at)} places",
        *[f"    {place}" for place in removed_at],
        "2 cited articles changed or removed: review every place listed above",
    ]


def test_diff_of_the_same_snapshot_reports_nothing():
    completed = run("statutes", "diff", str(SNAPSHOT))
    assert (completed.returncode, completed.stdout) == (0, "no article changed\n")


def test_diff_of_an_uncited_change_exits_0(tmp_path):
    newer = tmp_path / "statutes"
    shutil.copytree(SNAPSHOT, newer)
    contract = newer / "社会法/劳动合同法(2012-12-28).md"
    contract.write_text(contract.read_text("utf-8").replace("第九十八条 本法自2008年1月1日起施行。",
                                                            "第九十八条 本法自2008年1月1日起施行。\n\n第九十九条 新增。"), "utf-8")
    completed = run("statutes", "diff", str(newer))
    assert (completed.returncode, completed.stdout.splitlines()) == (0, [
        "labour-contract-law: 0 changed, 1 added, 0 removed", "  added: 99", "no cited article changed"])


def test_diff_of_a_folder_without_a_commit_is_an_error(tmp_path):
    completed = run("statutes", "diff", str(tmp_path))
    assert completed.returncode == 1
    assert completed.stderr == f"error: {tmp_path / 'README.md'}: no snapshot commit (40 hex digits) found\n"


# ── Pages ──────────────────────────────────────────────────────────────────────

def test_review_line_says_who_checked():
    date = datetime.date(2026, 1, 5)
    assert review_line(date, "Portal editorial team (lawyer review pending)", "en") == (
        "Checked against the statute text by the editors on 5 January 2026; not yet reviewed by a lawyer.")
    assert review_line(date, "编辑部（待律师审核）", "zh") == "编辑部已于2026年1月5日对照法律原文核对；尚未经律师审核。"
    assert review_line(date, "Zhang San, Example Law Firm", "en") == (
        "Reviewed by a lawyer: Zhang San, Example Law Firm, 5 January 2026")


@pytest.mark.parametrize("lang", LANGS)
def test_example_topic_opens_each_article_to_its_text(built_example, lang):
    prefix = "" if lang == "zh" else "en/"
    html = (built_example / "site" / prefix / "topics/example-topic/index.html").read_text("utf-8")
    basis = html[html.index('id="legal-basis"'):]
    assert basis.count('<details class="statute">') == 3
    label = {"zh": "第十四条", "en": "Art. 14"}[lang]
    summary = {"zh": "示例第十四条的概述。", "en": "Summary of example article fourteen."}[lang]
    assert (f'<details class="statute">\n<summary><strong>{label}</strong>{"：" if lang == "zh" else ": "}{summary}'
            in basis)
    assert '<p lang="zh-Hans">示例第十四条的原文。</p>' in basis
    assert '<p lang="zh-Hans">示例第一条第一款的原文，含&lt;b&gt;尖括号&lt;/b&gt;与&amp;符号和*星号*。</p>' in basis
    version = {"zh": "法律原文，2010年11月12日版本", "en": "Official Chinese text, version of 12 November 2010"}[lang]
    assert f'<p class="statute-version">{version}</p>' in basis
    if lang == "en":
        assert '<em class="statute-ours"> (our unofficial summary)</em>' in basis


@pytest.mark.parametrize("lang", LANGS)
def test_real_pages_show_the_text_of_every_cited_article(real_site, lang):
    content = real_content()
    prefix = real_site if lang == "zh" else real_site / "en"
    for topic in content.topics:
        for folder, citations in (("topics", topic.citations()), ("guide", topic.practitioner_citations())):
            html = (prefix / folder / topic.slug / "index.html").read_text("utf-8")
            basis = html[html.index('id="legal-basis"' if folder == "topics" else 'id="articles"'):]
            for citation in citations:
                found = content.statute_article(citation.law, citation.article)
                if found:
                    assert f'<p lang="zh-Hans">{escape(found[1].paragraphs[0])}</p>' in basis, (folder, str(citation))
    index = (prefix / "guide/statutes/index.html").read_text("utf-8")
    article = content.statutes["criminal-law"].article("276-1")
    assert all(f'<p lang="zh-Hans">{escape(p)}</p>' in index for p in article.paragraphs)
    tool = (prefix / "tools/arbitration-deadline/index.html").read_text("utf-8")
    assert '<details class="statute">' in tool


def test_browser_opens_an_article_on_a_zh_and_an_en_topic_page(phone, example_server):
    for path, label in (("/topics/example-topic/", "第十四条"), ("/en/topics/example-topic/", "Art. 14")):
        phone.goto(example_server + path)
        details = phone.locator("details.statute", has_text=label)
        text = details.locator('p[lang="zh-Hans"]').first
        assert not text.is_visible()
        details.locator("summary").click()
        assert text.is_visible()
        assert text.inner_text() == "示例第十四条的原文。"
        assert details.evaluate("d => d.open")


@pytest.mark.parametrize("lang", LANGS)
def test_guide_pdf_has_an_appendix_of_the_cited_articles(real_site, lang):
    content = real_content()
    pdf = real_site / "downloads" / f"practitioner-guide-{lang}.pdf"
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True, text=True,
                                             check=True).stdout)
    heading = re.sub(r"\s+", "", {"zh": "法律条文索引", "en": "Statute index"}[lang])
    text = re.sub(re.escape(heading) + r"\d+/\d+", "", text)  # the running header and page number of each page
    appendix = text[text.index(heading, text.index(heading) + 1):]  # after the table of contents
    cited = {(c.law, c.article) for topic in content.topics for c in topic.practitioner_citations()}
    for law, number in sorted(cited, key=str):
        found = content.statute_article(law, number)
        if found:
            for paragraph in found[1].paragraphs:
                assert re.sub(r"\s+", "", paragraph) in appendix, (law, number)
    # The chapters list the articles; the text itself is printed once, in the appendix.
    first = re.sub(r"\s+", "", content.statutes["criminal-law"].article("276-1").paragraphs[0])
    assert text.count(first) == 1
