"""The station directory: spreadsheet validation, pages for every province, open data, filter and calls."""

import csv
import datetime
import io
import json
from pathlib import Path


from generator.models import LANGS
from generator.provinces import PROVINCES
from generator.stations import load_csv, station_to_row
from generator.validate import check_content

from .conftest import FIXTURE, ROOT
from .conftest import problems_after as shared_problems_after

TODAY = datetime.date(2026, 11, 23)
CSV = "guides_src/stations/example.csv"


def problems_after(content_dir: Path, old: str, new: str, file: str = "stations/example.csv") -> list[str]:
    return shared_problems_after(content_dir, old, new, file, TODAY)


def test_csv_with_and_without_byte_order_mark(content_dir):
    path = content_dir / "stations/example.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with_bom, _ = load_csv(path, "x.csv")
    path.write_text(path.read_text("utf-8-sig"), "utf-8")
    without_bom, _ = load_csv(path, "x.csv")
    assert with_bom.data == without_bom.data and len(with_bom.data["stations"]) == 3
    content, problems = check_content(content_dir, today=TODAY)
    assert problems == [] and len(content.stations) == 4


def test_chinese_province_name_is_accepted(content_dir):
    content, _ = check_content(content_dir, today=TODAY)
    assert [s.province for s in content.stations if s.id == "example-station-2"] == ["guangdong"]


def test_bad_rows_are_reported_by_row_and_column_all_at_once(content_dir):
    path = content_dir / "stations/example.csv"
    text = path.read_text("utf-8-sig")
    text = text.replace(",广东省,", ",广东州,").replace("13000000000", "010-12")
    text = text.replace("Example source (fake test data),2026-10-01", ",2027-10-01")
    text = text.replace("example-station-3,", "example-station-1,")
    path.write_text(text, "utf-8")
    _, problems = check_content(content_dir, today=TODAY)
    assert [str(p) for p in problems] == [
        f"{CSV}:3: error: phones: '010-12' is not a phone number (area code and number, 11-digit mobile, "
        "or a 5-digit service number such as 12348)",
        f"{CSV}:3: error: province: unknown province '广东州' (use a code such as 'guangdong' or the Chinese name '广东')",
        f"{CSV}:4: error: source: is empty; every row needs it",
        f"{CSV}:4: error: verified_on: date 2027-10-01 is in the future",
    ]


def test_duplicate_id_and_future_date(content_dir):
    path = content_dir / "stations/example.csv"
    text = path.read_text("utf-8-sig").replace("example-station-3,", "example-station-1,")
    path.write_text(text.replace(",2026-10-01", ",2027-10-01"), "utf-8")
    _, problems = check_content(content_dir, today=TODAY)
    assert [str(p) for p in problems] == [
        f"{CSV}:4: error: id: duplicate station id 'example-station-1' (also in {CSV})",
        f"{CSV}:4: error: verified_on: date 2027-10-01 is in the future",
    ]


def test_unknown_and_missing_columns(content_dir):
    assert problems_after(content_dir, ",source,", ",sauce,") == [
        f"{CSV}:1: error: sauce: unknown column", f"{CSV}:1: error: source: missing column"]


def test_missing_translation_names_the_column(content_dir):
    assert problems_after(content_dir, "Another Example City", "") == [
        f"{CSV}:3: error: city_en: missing translation 'en'"]


def test_yaml_station_file_is_checked_the_same_way(content_dir):
    assert problems_after(content_dir, '"010-00000002"', '"12"', file="stations/example.yaml") == [
        "guides_src/stations/example.yaml:8:14: error: stations.0.phones.0: '12' is not a phone number "
        "(area code and number, 11-digit mobile, or a 5-digit service number such as 12348)"]


def test_every_province_has_a_page_in_both_languages(built_example):
    site = built_example / "site"
    for lang in LANGS:
        prefix = "" if lang == "zh" else "en/"
        index = (site / prefix / "stations/index.html").read_text("utf-8")
        assert index.count("<rect ") == 31
        for province in PROVINCES:
            page = site / prefix / "stations" / province.code / "index.html"
            html = page.read_text("utf-8")
            assert 'href="tel:99999"' in html, page
            assert f'href="{province.code}/"' in index


def test_station_counts_on_the_map(built_example):
    index = (built_example / "site/stations/index.html").read_text("utf-8")
    assert 'aria-label="广东: 3 个站点"' in index and 'aria-label="北京: 1 个站点"' in index
    # A province without stations says so; no tile shows a "0".
    assert 'aria-label="上海: 还没有收录站点"' in index
    assert '<text' in index and not any(t.endswith(">0") for t in index.split("</text>"))
    assert "上海 (0)" not in index and "广东 (3)" in index


def test_open_data_round_trips(built_example):
    published = (built_example / "site/downloads/stations.csv").read_text("utf-8")
    content, _ = check_content(built_example / "guides_src", today=TODAY)
    rows = list(csv.DictReader(io.StringIO(published)))
    assert rows == [station_to_row(s) for s in content.stations]
    source_rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        (FIXTURE / "guides_src/stations/example.csv").read_text("utf-8-sig")))}
    for row in rows:
        if row["id"] in source_rows and row["id"] != "example-station-2":  # that row names its province in Chinese
            assert row == source_rows[row["id"]]
    reloaded = built_example / "reloaded.csv"
    reloaded.write_text(published, "utf-8")
    source, problems = load_csv(reloaded, "reloaded.csv")
    assert problems == [] and len(source.data["stations"]) == len(content.stations)
    data = json.loads((built_example / "site/downloads/stations.json").read_text("utf-8"))
    assert [s["id"] for s in data["stations"]] == [s.id for s in content.stations]
    assert [h["number"] for h in data["hotlines"]] == ["99999", "99998"]


def test_topic_page_links_to_the_directory(built_example):
    html = (built_example / "site/topics/example-topic/index.html").read_text("utf-8")
    assert 'href="../../stations/"' in html


def test_filter_by_city_and_service(phone, example_server):
    phone.goto(example_server + "/stations/guangdong/")
    visible = lambda: phone.eval_on_selector_all(".station", "els => els.filter(e => !e.hidden).map(e => e.id)")
    assert sorted(visible()) == ["example-station-1", "example-station-2", "example-station-3"]
    phone.select_option(".station-filter select[name=city]", "示例市")
    assert sorted(visible()) == ["example-station-1", "example-station-3"]
    phone.select_option(".station-filter select[name=service]", "representation")
    assert visible() == ["example-station-1"]
    assert phone.inner_text(".station-filter__count") == "显示 1 个站点"
    assert phone.locator("section.city[data-city='另一示例市']").is_hidden()
    phone.select_option(".station-filter select[name=city]", "")
    phone.select_option(".station-filter select[name=service]", "work-injury")
    assert visible() == ["example-station-2"]


def test_tel_link_and_stale_entry(phone, example_server):
    phone.goto(example_server + "/en/stations/guangdong/")
    call = phone.locator("#example-station-1 a.tel").first
    assert call.get_attribute("href") == "tel:01000000000"
    box = call.bounding_box()
    assert box["height"] >= 48 and box["width"] >= 48
    assert "may be out of date" in phone.inner_text("#example-station-1 .verified")
    assert phone.locator("#example-station-2 .stale").count() == 0


def test_real_directory_reaches_every_province_by_hotline(real_site):
    for province in PROVINCES:
        html = (real_site / "stations" / province.code / "index.html").read_text("utf-8")
        for number in ("12348", "12333", province.union_line):
            assert f'href="tel:{number}"' in html, (province.code, number)
    guangdong = (real_site / "stations/guangdong/index.html").read_text("utf-8")
    assert "在广东，拨广州的区号020加12351，接入省级总工会。" in guangdong
    assert "这里还没有收录本省的线下站点。请先拨打上面的热线。" in guangdong
    beijing = (real_site / "en/stations/beijing/index.html").read_text("utf-8")
    assert "In Beijing, 010-12351 reaches the All-China Federation of Trade Unions." in beijing


def test_the_union_line_of_each_province_is_its_capitals_area_code_and_12351():
    codes = {p.code: p.area_code for p in PROVINCES}
    assert len(codes) == 31 and len(set(codes.values())) == 31
    assert all(len(code) in (3, 4) and code.startswith("0") and code.isdigit() for code in codes.values())
    # The table in ../shared/reference/labour-law.md (10.3a), a few by hand.
    assert (codes["beijing"], codes["guangdong"], codes["hainan"], codes["xinjiang"], codes["tibet"]) == (
        "010", "020", "0898", "0991", "0891")
    reference = ROOT.parent / "shared/reference/labour-law.md"
    if reference.exists():  # the whole table, where the shared reference sits beside the project
        table = reference.read_text("utf-8").split("**10.3a", 1)[1].split("**10.4", 1)[0]
        for p in PROVINCES:
            assert f"{p.capital_zh} {p.area_code}" in table, p.code


def test_tiles_of_the_map_are_at_least_44_pixels_on_a_phone(phone, example_server):
    phone.goto(example_server + "/stations/")
    sizes = phone.locator(".tile-map rect").evaluate_all(
        "rects => rects.map(r => { const b = r.getBoundingClientRect(); return [b.width, b.height]; })")
    assert len(sizes) == 31 and min(min(s) for s in sizes) >= 44, sizes[:3]
    # The map scrolls sideways on its own; the page does not.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
