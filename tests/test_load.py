from pathlib import Path

from generator.load import load_yaml


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_values_keep_their_line_and_column(tmp_path):
    path = write(tmp_path, "slug: example-topic\nlaw_says:\n  - zh: 示例\n    cites: [example-law 1, example-law 14]\n")
    source, problems = load_yaml(path, "example.yaml")
    assert problems == []
    assert source.locate(("slug",)) == (1, 7)
    assert source.locate(("law_says", 0, "cites", 1)) == (4, 28)
    assert source.locate(("law_says", 0, "cites"), key=True) == (4, 5)


def test_missing_location_falls_back_to_the_nearest_parent(tmp_path):
    source, _ = load_yaml(write(tmp_path, "title:\n  zh: 示例\n"), "example.yaml")
    assert source.locate(("title", "en")) == (2, 3)


def test_syntax_error_reports_line_and_column(tmp_path):
    source, problems = load_yaml(write(tmp_path, "slug: example-topic\ntitle: {zh: 示例\n"), "example.yaml")
    assert source is None
    assert [str(p) for p in problems] == [
        "example.yaml:3:1: error: YAML syntax: expected ',' or '}', but got '<stream end>'"]


def test_impossible_date_is_reported_where_it_stands(tmp_path):
    _, problems = load_yaml(write(tmp_path, "reviewed_on: 2026-13-01\n"), "example.yaml")
    assert [str(p) for p in problems] == [
        "example.yaml:1:14: error: reviewed_on: '2026-13-01' is not a valid date (use YYYY-MM-DD)"]


def test_duplicate_key_is_reported(tmp_path):
    _, problems = load_yaml(write(tmp_path, "slug: a\nslug: b\n"), "example.yaml")
    assert [str(p) for p in problems] == ["example.yaml:2:1: error: slug: duplicate key (first given on line 1)"]


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffslug: example-topic\n".encode("utf-8"))
    source, problems = load_yaml(path, "bom.yaml")
    assert problems == [] and source.data == {"slug": "example-topic"}


def test_unreadable_file_is_reported_not_raised(tmp_path, monkeypatch):
    path = write(tmp_path, "slug: example-topic\n")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    source, problems = load_yaml(path, "example.yaml")
    assert source is None
    assert [str(p) for p in problems] == ["example.yaml:1: error: cannot be read (Permission denied)"]
