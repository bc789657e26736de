"""The bad-input corpus: each broken input gives its exact message and exit status, never a crash, a hang or a
damaged file. Every case runs the real build on a built copy of the example project and checks that site/ and
docs/ are byte for byte as they were."""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

TOPIC = "guides_src/topics/example-topic.yaml"
CSV = "guides_src/stations/example.csv"
NOTHING = "nothing was written"


def replace(relative: str, old: str, new: str):
    def change(project: Path):
        path = project / relative
        text = path.read_text("utf-8-sig")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), "utf-8")
    return change


def write(relative: str, text: str):
    def change(project: Path):
        (project / relative).write_text(text, "utf-8")
    return change


def alias_bomb(project: Path):
    lines = ['a0: &a0 ["lol"]'] + [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(9))}]" for i in range(1, 10)]
    (project / TOPIC).write_text("\n".join(lines) + "\n", "utf-8")


def secret_link(project: Path):
    secret = project / "secret.txt"
    secret.write_text("password: hunter2\n", "utf-8")
    (project / "guides_src/topics/leak.yaml").symlink_to(secret)


def fifo(project: Path):
    os.mkfifo(project / "guides_src/topics/pipe.yaml")


def folder(project: Path):
    (project / "guides_src/topics/folder.yaml").mkdir()


def yml_topic(project: Path):
    shutil.copy(project / TOPIC, project / "guides_src/topics/another-topic.yml")


def long_csv_cell(project: Path):
    path = project / CSV
    path.write_text(path.read_text("utf-8-sig").replace("1 Example Road", "x" * 140_000), "utf-8")


CASES = {
    "alias bomb": (alias_bomb, 1, [
        f"{TOPIC}:1:10: error: more than 100,000 values once aliases are expanded; is an alias repeated by mistake?"]),
    "self-referencing alias": (replace(TOPIC, "related: [example-other]", "related: &loop [*loop]"), 1, [
        f"{TOPIC}:28:10: error: related.0: an alias refers to the value that contains it"]),
    "5,000 nested brackets": (write(TOPIC, "slug: " + "[" * 5000 + "\n"), 1, [
        f"{TOPIC}:1:46: error: nested more than 40 levels deep"]),
    "folder named .yaml": (folder, 1, [
        "guides_src/topics/folder.yaml:1: error: is a folder; only regular files are read"]),
    "FIFO named .yaml": (fifo, 1, [
        "guides_src/topics/pipe.yaml:1: error: is not a regular file; only regular files are read"]),
    "symlink to a secret": (secret_link, 1, [
        "guides_src/topics/leak.yaml:1: error: is a symbolic link; only regular files inside guides_src/ are read"]),
    ".yml topic": (yml_topic, 1, [
        "guides_src/topics/another-topic.yml:1: error: is not read: files here must end in .yaml "
        "(rename it to 'another-topic.yaml')"]),
    "not UTF-8": (lambda p: (p / TOPIC).write_bytes("slug: 示例".encode("gb18030")), 1, [
        f"{TOPIC}:1: error: not UTF-8 text (invalid start byte)"]),
    "empty file": (write(TOPIC, ""), 1, [f"{TOPIC}:1: error: the file is empty"]),
    "file over 2 MB": (write(TOPIC, "# " + "x" * 2_000_001 + "\n"), 1, [
        f"{TOPIC}:1: error: the file is 2,000,004 bytes; at most 2,000,000"]),
    "form feed in a title": (replace(TOPIC, "en: Example topic title", 'en: "Example\\ftopic title"'), 1, [
        f"{TOPIC}:3:25: error: title.en: contains the control character U+000C; remove it "
        "(retype the text if it was pasted)"]),
    "1 MB line": (replace(TOPIC, "en: Example topic title", "en: " + "x" * 1_000_000), 1, [
        f"{TOPIC}:3:25: error: title.en: is 1,000,000 characters long; at most 400 here"]),
    "quote in a URL": (replace("guides_src/site.yaml", "url: null", 'url: "https://example.org/a\\"b"'), 1, [
        "guides_src/site.yaml:23:10: error: sources.0.url: 'https://example.org/a\"b' is not an https:// address "
        "(only https:// links are allowed; no spaces, quotes, brackets or parentheses)"]),
    "javascript: URL": (replace("guides_src/site.yaml", "url: null", "url: javascript:alert(1)"), 1, [
        "guides_src/site.yaml:23:10: error: sources.0.url: 'javascript:alert(1)' is not an https:// address "
        "(only https:// links are allowed; no spaces, quotes, brackets or parentheses)"]),
    "carriage return in a YAML station": (
        replace("guides_src/stations/example.yaml", "zh: 工作日", 'zh: "工作日\\r周六"'), 1, [
            "guides_src/stations/example.yaml:9:17: error: stations.0.hours.zh: contains the control character "
            "U+000D; remove it (retype the text if it was pasted)"]),
    "CSV cell over 131,072 characters": (long_csv_cell, 1, [
        f"{CSV}:2: error: cannot be read as CSV (field larger than field limit (131072))"]),
    "extra CSV cells": (replace(CSV, ",2026-10-01", ",2026-10-01,surplus,=1+1"), 1, [
        f"{CSV}:4: error: the row has 2 more cells than the header has columns ('surplus'…)"]),
    "duplicate CSV header": (replace(CSV, ",source,", ",city_zh,"), 1, [
        f"{CSV}:1: error: city_zh: column given twice", f"{CSV}:1: error: source: missing column"]),
    "NUL byte in CSV": (replace(CSV, "示例路1号", "示例路\x001号"), 1, [
        f"{CSV}:2: error: address_zh: contains the control character U+0000; remove it "
        "(retype the text if it was pasted)"]),
    "future date in a chapter": (replace(TOPIC, "reviewed_on: 2020-01-03", "reviewed_on: 2999-01-03"), 1, [
        f"{TOPIC}:66:16: error: practitioner.reviewed_on: date 2999-01-03 is in the future"]),
    "future date in the guide": (replace("guides_src/guide.yaml", "reviewed_on: 20", "reviewed_on: 29"), 1, [
        "guides_src/guide.yaml:7:14: error: reviewed_on: date 2920-01-04 is in the future"]),
    "future date in the tools": (replace("guides_src/tools.yaml", "reviewed_on: 20", "reviewed_on: 29"), 1, [
        "guides_src/tools.yaml:5:14: error: reviewed_on: date 2926-01-02 is in the future"]),
    "mkdocs.yml with !ENV and no value": (replace("mkdocs.yml", "site_url: https://workers-legal-help.example/",
                                                  "site_url: !ENV PORTAL_TEST_UNSET_URL"), 1, [
        "mkdocs.yml:6:11: error: site_url: 'None' is not the site's https:// address (e.g. https://example.org/help/)"]),
    "mkdocs.yml site_url javascript:": (replace("mkdocs.yml", "site_url: https://workers-legal-help.example/",
                                                'site_url: "javascript:alert(1)//"'), 1, [
        "mkdocs.yml:6:11: error: site_url: 'javascript:alert(1)//' is not the site's https:// address "
        "(e.g. https://example.org/help/)"]),
    "markup in mkdocs.yml site_name": (replace("mkdocs.yml", "site_name: 劳动者法律帮助",
                                               "site_name: 劳动者法律帮助<img src=x onerror=alert(1)>"), 1, [
        "mkdocs.yml:3:12: error: site_name: must not contain '<' (the theme prints this text into pages as HTML)"]),
    "YAML syntax error in mkdocs.yml": (replace("mkdocs.yml", "strict: true", "strict: [true"), 1, [
        "mkdocs.yml:10:10: error: YAML syntax: expected ',' or ']', but got ':'"]),
}


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", CASES)
def test_bad_input(name, built_example, tmp_path):
    change, status, messages = CASES[name]
    project = tmp_path / "p"
    shutil.copytree(built_example, project)
    before = digest(project / "site"), digest(project / "docs")
    change(project)
    completed = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "build"],
                               capture_output=True, text=True, cwd=ROOT, timeout=120,
                               env={k: v for k, v in os.environ.items() if k != "PORTAL_TEST_UNSET_URL"})
    lines = completed.stderr.splitlines()
    assert (completed.returncode, lines[:-1]) == (status, messages)
    assert lines[-1].endswith(NOTHING)
    assert "hunter2" not in completed.stderr + completed.stdout
    assert (digest(project / "site"), digest(project / "docs")) == before
    assert not (project / "site.new").exists()


def test_ctrl_c_says_one_line_and_leaves_no_half_built_site(built_example, tmp_path):
    import signal
    import time

    project = tmp_path / "p"
    shutil.copytree(built_example, project)
    before = digest(project / "site")
    (project / ".cache").exists() and shutil.rmtree(project / ".cache")  # so the build runs long enough
    process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), "build"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    deadline = time.monotonic() + 60
    while not (project / "site.new").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert (project / "site.new").exists(), "the build never reached mkdocs"
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (130, "interrupted; site/ was left as it was\n")
    assert not (project / "site.new").exists() and not (project / "site.offline").exists()
    assert digest(project / "site") == before


def event_pack(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "event-pack", "--province",
                           "guangdong", "--topics", "example-topic", *args], capture_output=True, text=True, cwd=project,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.mark.parametrize("output, message", [
    ("mkdocs.yml", "error: --output mkdocs.yml: the file name must end in .pdf"),
    ("site/index.pdf", "error: --output site/index.pdf: must not be inside site/; choose another folder"),
    ("guides_src/x.pdf", "error: --output guides_src/x.pdf: must not be inside guides_src/; choose another folder"),
    ("docs/zh/pack.PDF", "error: --output docs/zh/pack.PDF: must not be inside docs/; choose another folder"),
    ("existing.pdf", "error: --output existing.pdf: exists; add --force to replace it"),
])
def test_event_pack_writes_only_new_pdfs_outside_the_project_folders(built_example, tmp_path, output, message):
    project = tmp_path / "p"
    shutil.copytree(built_example, project)
    (project / "existing.pdf").write_bytes(b"keep me")
    before = digest(project)
    completed = event_pack(project, "--output", output)
    assert (completed.returncode, completed.stderr) == (2, message + "\n")
    assert digest(project) == before


def test_event_pack_replaces_a_pdf_with_force(built_example, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(built_example, project)
    (project / "existing.pdf").write_bytes(b"old")
    completed = event_pack(project, "--output", "existing.pdf", "--force")
    assert completed.returncode == 0, completed.stderr
    assert (project / "existing.pdf").read_bytes().startswith(b"%PDF")


def test_published_csv_neutralises_formulas_and_reads_back(content_dir, tmp_path):
    from generator.stations import stations_csv
    from generator.validate import check_content
    import datetime

    path = content_dir / "stations/example.csv"
    text = path.read_text("utf-8-sig")
    text = text.replace("Example source (fake test data),2026-10-01", '"=HYPERLINK(""https://x.example"")",2026-10-01')
    text = text.replace("1 Example Road", "@SUM(1+1)").replace("Mon-Fri 9:00-17:00", "-2+3")
    path.write_text(text, "utf-8")
    content, problems = check_content(content_dir, today=datetime.date(2026, 11, 23))
    assert problems == []
    published = stations_csv(content.stations)
    assert "\r\n" in published and "\n" not in published.replace("\r\n", "")
    assert '"\'=HYPERLINK(' in published and ",'@SUM(1+1)," in published and ",'-2+3," in published
    path.write_text(published, "utf-8")
    (content_dir / "stations/example.yaml").unlink()  # its station is in the published file too
    again, problems = check_content(content_dir, today=datetime.date(2026, 11, 23))
    assert problems == [] and again.stations == content.stations
