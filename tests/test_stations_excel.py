"""Station lists kept in Excel or WPS: .xlsx workbooks, GBK CSV, the template workbook and `stations check`."""

import datetime
import io
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from generator.cli import main
from generator.models import SERVICES, StationKind
from generator.provinces import PROVINCES
from generator.stations import COLUMNS, load_csv
from generator.stations_check import dial_problem
from generator.stations_template import SHEET, stations_template
from generator.stations_xlsx import load_xlsx
from generator.validate import check_content

from .conftest import ROOT

TODAY = datetime.date(2026, 11, 23)
XLSX = "guides_src/stations/test.xlsx"
FAKE = {"id": "test-station-1", "name_zh": "测试站点", "name_en": "Test Station", "kind": "legal-aid-centre",
        "province": "广东", "city_zh": "测试市", "city_en": "Test City", "phones": "010-00000000; 12348",
        "services": "consultation; wage-claims", "platform_workers": "yes", "source": "Fake test data",
        "verified_on": "2026-01-02"}


def row(**changes) -> list:
    values = {**FAKE, **changes}
    return [values.get(column) for column in COLUMNS]


def workbook(path, rows, title="站点") -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(COLUMNS)
    for cells in rows:
        sheet.append(cells)
    book.save(path)
    return book


def problems(content_dir) -> list[str]:
    content, found = check_content(content_dir, today=TODAY)
    return [str(p) for p in found]


def test_workbook_loads_like_the_csv(content_dir):
    workbook(content_dir / "stations/test.xlsx", [
        row(),
        [],  # an empty row is skipped
        row(id="test-station-2", province="guangdong", phones=13000000000, platform_workers=False,
            verified_on=datetime.datetime(2026, 3, 4), services="mediation"),
    ])
    content, found = check_content(content_dir, today=TODAY)
    assert found == []
    stations = {s.id: s for s in content.stations}
    assert stations["test-station-1"].phones == ["010-00000000", "12348"]
    assert stations["test-station-1"].name.zh == "测试站点" and stations["test-station-1"].platform_workers
    second = stations["test-station-2"]
    assert (second.province, second.phones, second.verified_on, second.platform_workers) == (
        "guangdong", ["13000000000"], datetime.date(2026, 3, 4), False)


def test_bad_rows_are_reported_by_sheet_row_and_column(content_dir):
    workbook(content_dir / "stations/test.xlsx", [
        row(),
        row(id="test-station-2", phones=2012348, kind="legal-aid"),
        [],
        row(id="test-station-3", city_zh="=B2", verified_on=20260102) + ["extra"],
        row(id="test-station-4", verified_on="2027-01-01", source=""),
    ])
    assert problems(content_dir) == [
        f"{XLSX}:3:4: error: sheet 站点, row 3, column kind: 'legal-aid' is not one of: 'legal-aid-centre', "
        "'union-workstation', 'community-workstation', 'service-window', 'mobile-station' or 'hotline'",
        f"{XLSX}:3:12: error: sheet 站点, row 3, column phones: '2012348' is a number in Excel, which drops a "
        "leading 0 and the '-' (was it 02012348?); format the column as Text (选中该列 → 设置单元格格式 → 文本) "
        "and type it again, e.g. 020-12345678",
        f"{XLSX}:5:6: error: sheet 站点, row 5, column city_zh: is a formula whose result was never saved; type "
        "the value instead (复制 → 选择性粘贴 → 数值 pastes values)",
        f"{XLSX}:5:18: error: sheet 站点, row 5, column verified_on: '20260102' is a number, not a date; type the "
        "date as YYYY-MM-DD, e.g. 2026-01-31",
        f"{XLSX}:5:19: error: sheet 站点, row 5: cell S5 ('extra') is under no column; delete it, or name its "
        "column in row 1",
        f"{XLSX}:6:17: error: sheet 站点, row 6, column source: is empty; every row needs it",
        f"{XLSX}:6:18: error: sheet 站点, row 6, column verified_on: date 2027-01-01 is in the future",
    ]


def test_a_calculated_formula_gives_its_saved_value(tmp_path):
    """Excel and WPS save a formula's result beside it; that value is what the row holds."""
    path = tmp_path / "saved.xlsx"
    workbook(path, [row(city_zh="=B2")])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    uncalculated = '<c r="F2"><f>B2</f><v /></c>'
    assert uncalculated in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(uncalculated, '<c r="F2" t="str"><f>B2</f><v>测试市</v></c>').encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    source, found = load_xlsx(path, "saved.xlsx")
    assert found == [] and source.data["stations"][0]["city"] == {"zh": "测试市", "en": "Test City"}


def test_number_phones_that_cannot_have_lost_a_zero_are_kept(tmp_path):
    path = tmp_path / "numbers.xlsx"
    workbook(path, [row(phones=13000000000.0), row(phones=12348), row(phones=1012345678), row(phones=20.5)])
    source, found = load_xlsx(path, "n.xlsx")
    assert [s.get("phones") for s in source.data["stations"]] == [["13000000000"], ["12348"], None, None]
    assert [(p.line, p.col, p.message.split(" is a number")[0]) for p in found] == [
        (4, 12, "'1012345678'"), (5, 12, "'20.5'")]


def test_merged_hidden_and_other_sheets(tmp_path):
    path = tmp_path / "sheets.xlsx"
    book = workbook(path, [row(), row(id="test-station-2")])
    book.active.merge_cells("F2:F3")
    hidden = book.create_sheet("旧表")
    hidden.append(COLUMNS)
    hidden.sheet_state = "hidden"
    book.create_sheet("Sheet3")  # empty: skipped
    other = book.create_sheet("第二批")
    other.append(COLUMNS)
    other.append(row(id="test-station-3", kind="hotline", phones="12348"))
    book.save(path)
    source, found = load_xlsx(path, "s.xlsx")
    assert [str(p) for p in found] == [
        "s.xlsx:2:6: error: sheet 站点: cells F2:F3 are merged; unmerge them (取消合并单元格) and fill in every "
        "row's own cell",
        "s.xlsx:1: error: sheet 旧表: is hidden; unhide it (right-click a sheet tab → 取消隐藏 Unhide) or delete "
        "it: rows nobody sees would be published",
    ]
    assert [s["id"] for s in source.data["stations"]] == ["test-station-1", "test-station-2", "test-station-3"]
    assert source.problem(("stations", 2, "kind"), "x").field == "sheet 第二批, row 2, column kind"


def test_header_problems_and_dates_or_booleans_in_text_columns(tmp_path):
    path = tmp_path / "header.xlsx"
    book = openpyxl.Workbook()
    book.active.append([c if c != "source" else "sauce" for c in COLUMNS])
    book.save(path)
    assert [str(p) for p in load_xlsx(path, "h.xlsx")[1]] == [
        "h.xlsx:1:17: error: sheet Sheet, column sauce: unknown column",
        "h.xlsx:1: error: sheet Sheet, column source: missing column"]
    workbook(path, [row(hours_zh=datetime.time(9, 0), name_en=True)])
    assert [str(p) for p in load_xlsx(path, "h.xlsx")[1]] == [
        "h.xlsx:2:3: error: sheet 站点, row 2, column name_en: is TRUE/FALSE; type the text instead and format the "
        "column as Text (选中该列 → 设置单元格格式 → 文本) and type it again",
        "h.xlsx:2:13: error: sheet 站点, row 2, column hours_zh: Excel turned it into a time (09:00:00); format the "
        "column as Text (选中该列 → 设置单元格格式 → 文本) and type it again"]


def test_control_characters_long_text_and_formula_prefix(content_dir):
    workbook(content_dir / "stations/test.xlsx", [
        row(name_en="Test\u202eStation", address_zh="测" * 401, address_en="1 Test Road",
            hours_zh="'+全天", hours_en="'=1+1")])
    assert problems(content_dir) == [
        f"{XLSX}:2:3: error: sheet 站点, row 2, column name_en: contains the control character U+202E; remove it "
        "(retype the text if it was pasted)",
        f"{XLSX}:2:10: error: sheet 站点, row 2, column address_zh: is 401 characters long; at most 400 here",
    ]
    source, _ = load_xlsx(content_dir / "stations/test.xlsx", "t.xlsx")
    assert source.data["stations"][0]["hours"] == {"zh": "+全天", "en": "=1+1"}  # as the CSV: the apostrophe comes off


def test_files_that_are_not_workbooks(content_dir):
    (content_dir / "stations/broken.xlsx").write_bytes(b"id,name_zh\n")
    (content_dir / "stations/big.xlsx").write_bytes(b"\0" * 2_000_001)
    (content_dir / "stations/old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (content_dir / "stations/~$test.xlsx").write_bytes(b"owner")  # Excel's lock file: not read
    (content_dir / "stations/upper.XLSX").write_bytes(b"")
    assert problems(content_dir) == [
        "guides_src/stations/big.xlsx:1: error: the file is 2,000,001 bytes; at most 2,000,000",
        "guides_src/stations/broken.xlsx:1: error: is not an Excel workbook; save it from Excel or WPS as "
        "'Excel 工作簿 (*.xlsx)' (without a password)",
        "guides_src/stations/old.xls:1: error: is not read: save it from Excel or WPS as 'Excel 工作簿 (*.xlsx)' "
        "or as 'CSV UTF-8'",
        "guides_src/stations/upper.XLSX:1: error: is not read: rename it to 'upper.xlsx'",
    ]


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 50_000_000)
    assert path.stat().st_size < 2_000_000
    assert [str(p) for p in load_xlsx(path, "b.xlsx")[1]] == [
        "b.xlsx:1: error: unpacks to 50,000,000 bytes; at most 40,000,000"]


def test_gbk_csv_loads_as_excel_and_wps_save_it(content_dir):
    header = ",".join(COLUMNS)
    line = ",".join(str(v) if v is not None else "" for v in row())
    (content_dir / "stations/gbk.csv").write_bytes(f"{header}\r\n{line}\r\n".encode("gbk"))
    content, found = check_content(content_dir, today=TODAY)
    assert found == []
    station = next(s for s in content.stations if s.id == "test-station-1")
    assert (station.name.zh, station.city.zh, station.province) == ("测试站点", "测试市", "guangdong")


def test_gbk_csv_bad_rows_are_reported_by_row_and_column(content_dir):
    header = ",".join(COLUMNS)
    bad = ",".join(str(v) if v is not None else "" for v in row(province="广东州", phones="010-12"))
    (content_dir / "stations/gbk.csv").write_bytes(f"{header}\r\n{bad}\r\n".encode("gbk"))
    assert problems(content_dir) == [
        "guides_src/stations/gbk.csv:2: error: phones: '010-12' is not a phone number (area code and number, "
        "11-digit mobile, or a 5-digit service number such as 12348)",
        "guides_src/stations/gbk.csv:2: error: province: unknown province '广东州' (use a code such as 'guangdong' "
        "or the Chinese name '广东')",
    ]


def test_csv_in_neither_encoding_names_the_line(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(",".join(COLUMNS).encode() + b"\r\ntest-station-1,Caf\xe9,\xff\r\n")
    assert [str(p) for p in load_csv(path, "l.csv")[1]] == [
        "l.csv:2: error: is neither UTF-8 (byte 0xE9 at offset 184, line 2) nor GB18030/GBK (offset 184, line 2) "
        "text; save the sheet as 'CSV UTF-8'"]
    # UTF-8 Chinese with one cell in another encoding is not read as GBK (every character would change).
    path.write_bytes(",".join(COLUMNS).encode() + "\r\n测试站点,".encode() + "测试".encode("gbk") + b"\r\n")
    assert [str(p) for p in load_csv(path, "l.csv")[1]] == [
        "l.csv:2: error: is UTF-8 up to byte 0xB2 at offset 179 on this line, which is not; was a cell pasted from "
        "a file in another encoding? Retype it, or save the sheet as 'CSV UTF-8'"]


def test_template_has_the_columns_lists_and_text_phones(tmp_path):
    data = stations_template()
    assert data == stations_template()  # the same bytes every build
    path = tmp_path / "template.xlsx"
    path.write_bytes(data)
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    assert [c.value for c in sheet[1]] == COLUMNS and sheet.freeze_panes == "B2"
    assert all(c.comment and c.comment.text.startswith(c.value) for c in sheet[1])
    lists = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    letter = {name: openpyxl.utils.get_column_letter(i) for i, name in enumerate(COLUMNS, 1)}
    kind = lists[f"{letter['kind']}2:{letter['kind']}5000"]
    assert kind.type == "list" and kind.formula1 == '"' + ",".join(StationKind.__args__) + '"' and kind.showErrorMessage
    services = lists[f"{letter['services']}2:{letter['services']}5000"]
    assert services.formula1 == '"' + ",".join(SERVICES) + '"' and not services.showErrorMessage
    province = lists[f"{letter['province']}2:{letter['province']}5000"]
    assert province.formula1 == '"' + ",".join(p.zh for p in PROVINCES) + '"'
    assert all(p.code in sheet[f"{letter['province']}1"].comment.text for p in PROVINCES)
    assert sheet.column_dimensions[letter["phones"]].number_format == "@"
    # Filled in with a pick from each list, it loads.
    sheet.append(row(phones="020-00000000"))
    book.save(path)
    source, found = load_xlsx(path, "t.xlsx")
    assert found == [] and source.data["stations"][0]["id"] == "test-station-1"


def test_template_is_published_and_linked(built_example):
    site = built_example / "site"
    assert (site / "downloads/stations-template.xlsx").read_bytes() == stations_template()
    index = (site / "stations/index.html").read_text("utf-8")
    assert '<a href="../downloads/stations-template.xlsx" download>stations-template.xlsx</a>' in index
    assert "编辑人员可用 Excel 或 WPS 填写站点名录的模板" in index


@pytest.mark.parametrize("phone, problem", [
    ("010-00000000", "010-00000000: the number after the area code 010 starts with 0, which does not dial"),
    ("020-1234567", "020-1234567: the number after the area code 020 starts with 1, which does not dial"),
    ("020-2345678", "020-2345678: after the area code 020 comes a number of 8 digits, not 7"),
    ("0201-2345678", "0201-2345678: 0201 is not an area code (010, 02x, or four digits from 03xx to 09xx)"),
    ("011-23456789", "011-23456789: 011 is not an area code (010, 02x, or four digits from 03xx to 09xx)"),
    ("07552345678", None), ("0755-23456789", None), ("020-23456789", None), ("02023456789", None),
    ("020-12351", None), ("13000000000", None), ("12348", None),
    ("10086", "10086: 5-digit service numbers start with 12 (e.g. 12348)"),
])
def test_which_numbers_dial(phone, problem):
    assert dial_problem(phone) == problem


def test_stations_check_lists_stale_entries_and_numbers_that_do_not_dial(example_project, capsys):
    stations = example_project / "guides_src/stations"
    for path in stations.iterdir():
        path.unlink()
    workbook(stations / "test.xlsx", [
        row(phones="020-23456789; 12348", verified_on="2026-01-02"),
        row(id="test-station-2", phones="010-00000000", verified_on="2025-11-22"),
        row(id="test-station-3", phones="020-23456789", verified_on="2025-11-23"),
    ])
    assert main(["--root", str(example_project), "stations", "check", "--today", "2026-11-23"]) == 1
    out, err = capsys.readouterr()
    assert out == (f"{XLSX}:3: test-station-2: verified on 2025-11-22, more than 12 months ago; 010-00000000: the "
                   "number after the area code 010 starts with 0, which does not dial\n")
    assert err == "1 of 3 entries need a look\n"
    assert main(["--root", str(example_project), "stations", "check", "--today", "2026-11-21"]) == 1
    capsys.readouterr()
    workbook(stations / "test.xlsx", [row(phones="020-23456789", verified_on="2026-01-02")])
    assert main(["--root", str(example_project), "stations", "check", "--today", "2026-11-23"]) == 0
    assert capsys.readouterr().out == "1 entry: all verified within 12 months, every phone number dials\n"


def test_stations_check_reports_unreadable_files_and_documents_its_exit_status(example_project):
    (example_project / "guides_src/stations/test.xlsx").write_bytes(b"not a workbook")
    completed = subprocess.run([sys.executable, "-m", "generator", "--root", str(example_project), "stations", "check"],
                               capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 1 and completed.stdout == ""
    assert completed.stderr == (
        "guides_src/stations/test.xlsx:1: error: is not an Excel workbook; save it from Excel or WPS as "
        "'Excel 工作簿 (*.xlsx)' (without a password)\n1 error in 1 file; nothing was written\n")
    helped = subprocess.run([sys.executable, "-m", "generator", "stations", "check", "--help"],
                            capture_output=True, text=True, cwd=ROOT)
    assert "Exit status 0 when there are none, 1 otherwise" in " ".join(helped.stdout.split())


def test_a_cell_far_to_the_right_is_refused_before_the_rows_are_read(tmp_path):
    path = tmp_path / "wide.xlsx"
    book = workbook(path, [row()])
    book.active.cell(row=2, column=16384, value="x")
    book.save(path)
    source, found = load_xlsx(path, "w.xlsx")
    assert [str(p) for p in found] == [
        "w.xlsx:2:16384: error: sheet 站点: has a cell at XFD2, far right of the columns; delete the columns after "
        "the last one"]
    assert source.data["stations"] == []
