"""Read a station workbook (.xlsx, as Excel and WPS save it): the same columns as the CSV, one station a row.

Every problem names the file, the row as its line and the cell's column number, and in the field the sheet, the
row and the column's name: `guides_src/stations/gd.xlsx:7:12: error: sheet 站点, row 7, column phones: …`."""

from __future__ import annotations

import datetime
import io
import re
import warnings
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse

from generator.load import Source, read_bytes
from generator.problems import Problem
from generator.stations import COLUMNS, REQUIRED_COLUMNS, row_to_data

# A real sheet of 3,000 stations unpacks to about 4 MB; a "zip bomb" of 2 MB can unpack to gigabytes.
MAX_UNPACKED_BYTES = 40_000_000
MAX_ROWS = 20_000
MAX_COLUMN = 100  # a cell far to the right (XFD7) would make every row that wide in memory
# A number can stand for a phone only when no leading 0 can have been lost: an 11-digit mobile or a 1xxxx
# service number. A landline typed as a number (020… → 20…) has lost its 0.
NUMBER_PHONE_RE = re.compile(r"^(1[3-9]\d{9}|1\d{4})$")
_REF_RE = re.compile(r"^([A-Z]{1,3})(\d+)$")
TEXT_FORMAT_HINT = "format the column as Text (选中该列 → 设置单元格格式 → 文本) and type it again"


def load_xlsx(path: Path, display_path: str) -> tuple[Source | None, list[Problem]]:
    """Every visible sheet with anything in it is a list of stations whose first row names the columns."""
    data, problem = read_bytes(path, display_path)
    if problem:
        return None, [problem]

    def whole_file(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(display_path, 1, 0, "", message)]

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return whole_file("is not an Excel workbook; save it from Excel or WPS as 'Excel 工作簿 (*.xlsx)' "
                          "(without a password)")
    if unpacked > MAX_UNPACKED_BYTES:
        return whole_file(f"unpacks to {unpacked:,} bytes; at most {MAX_UNPACKED_BYTES:,}")
    from openpyxl import load_workbook  # here: every other command starts without it (~80 ms)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of extensions (e.g. WPS's) it does not read
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises KeyError, TypeError… on a broken workbook
        return whole_file(f"cannot be read as an .xlsx workbook ({error.__class__.__name__}); open it in Excel "
                          "or WPS and save it again as 'Excel 工作簿 (*.xlsx)'")
    source = Source(display_path, {"stations": []})
    source.marks[()] = (1, 0)
    problems: list[Problem] = []
    rows_read = 0
    try:
        for sheet in workbook.worksheets:
            if sheet.sheet_state != "visible":
                problems.append(Problem(display_path, 1, 0, f"sheet {sheet.title}", (
                    "is hidden; unhide it (right-click a sheet tab → 取消隐藏 Unhide) or delete it: rows nobody "
                    "sees would be published")))
                continue
            scan, problem = _scan(archive, sheet._worksheet_path, display_path, sheet.title)
            if problem:
                problems.append(problem)
                continue
            rows_read += scan.rows
            if rows_read > MAX_ROWS:
                problems.append(Problem(display_path, 1, 0, f"sheet {sheet.title}",
                                        f"the workbook has more than {MAX_ROWS:,} rows; split it into files by team"))
                break
            problems.extend(_read_sheet(sheet, scan, source))
    finally:
        workbook.close()
        archive.close()
    return source, problems


class _Scan:
    """What openpyxl's read-only mode does not tell: merged cells, and formulas that were never calculated."""

    def __init__(self):
        self.rows = 0
        self.merged: list[str] = []
        self.uncalculated: set[tuple[int, int]] = set()


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>]")
_FORMULA_OR_MERGE = re.compile(rb"<(?:\w+:)?(?:f|mergeCell)[\s>/]")
_WIDE_CELL = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]{2,3})(\d+)\"")


def _scan(archive: zipfile.ZipFile, part: str, display_path: str, title: str) -> tuple[_Scan, Problem | None]:
    scan = _Scan()
    where = f"sheet {title}"
    try:
        raw = archive.read(part.lstrip("/"))
    except (KeyError, zipfile.BadZipFile, ValueError, OSError) as error:
        return scan, Problem(display_path, 1, 0, where, f"cannot be read ({error.__class__.__name__}); "
                                                        "open the file in Excel or WPS and save it again")
    scan.rows = len(_ROW_TAG.findall(raw))
    for match in _WIDE_CELL.finditer(raw):
        col, row = _column_index(match.group(1).decode()), int(match.group(2))
        if col > MAX_COLUMN:
            return scan, Problem(display_path, row, col, where, (
                f"has a cell at {get_column_letter(col)}{row}, far right of the columns; "
                "delete the columns after the last one"))
    if _FORMULA_OR_MERGE.search(raw):  # the XML is walked only when a formula or a merge is in it
        return scan, _walk(raw, scan, display_path, where)
    return scan, None


def _walk(raw: bytes, scan: _Scan, display_path: str, where: str) -> Problem | None:
    row = col = 0
    try:
        for event, element in iterparse(io.BytesIO(raw), events=("start", "end")):
            tag = element.tag.rsplit("}", 1)[-1]
            if event == "start":
                if tag == "row":
                    row, col = int(element.get("r") or row + 1), 0
                elif tag == "c":
                    ref = _REF_RE.match(element.get("r") or "")
                    col = _column_index(ref.group(1)) if ref else col + 1
                continue
            if tag == "c":
                parts = {child.tag.rsplit("}", 1)[-1]: child for child in element}
                if "f" in parts and not (parts.get("v") is not None and parts["v"].text):
                    scan.uncalculated.add((row, col))
            elif tag == "mergeCell":
                scan.merged.append(element.get("ref", ""))
            elif tag == "row":
                element.clear()
    except (ParseError, ValueError) as error:
        return Problem(display_path, row or 1, 0, where, f"cannot be read ({error.__class__.__name__}); "
                                                         "open the file in Excel or WPS and save it again")
    return None


def get_column_letter(index: int) -> str:
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index


def _read_sheet(sheet, scan: _Scan, source: Source) -> list[Problem]:
    path, title = source.path, sheet.title
    problems = []
    for ref in scan.merged:
        first = _REF_RE.match(ref.split(":")[0])
        line, col = (int(first.group(2)), _column_index(first.group(1))) if first else (1, 0)
        problems.append(Problem(path, line, col, f"sheet {title}", (
            f"cells {ref} are merged; unmerge them (取消合并单元格) and fill in every row's own cell")))
    sheet.reset_dimensions()  # WPS and other tools write wrong sizes; read the rows as they are
    rows = sheet.iter_rows()
    header_cells = next(rows, ())
    header = [_header_name(cell.value) for cell in header_cells]
    if not any(header):
        if any(_has_value(cell) for row in rows for cell in row):
            problems.append(Problem(path, 1, 0, f"sheet {title}", "row 1 must name the columns (id, name_zh, …)"))
        return problems
    where = {name: f"sheet {title}, column {name}" for name in header if name}
    header_problems = [Problem(path, 1, i, where[name], "unknown column")
                       for i, name in enumerate(header, 1) if name and name not in COLUMNS]
    header_problems += [Problem(path, 1, i, where[name], "column given twice")
                        for i, name in enumerate(header, 1) if name and name in header[:i - 1]]
    header_problems += [Problem(path, 1, 0, f"sheet {title}, column {name}", "missing column")
                        for name in COLUMNS if name in REQUIRED_COLUMNS and name not in header]
    if header_problems:
        return problems + header_problems
    position = {name: i for i, name in enumerate(header, 1) if name}
    for line, cells in enumerate(rows, 2):
        if not any(_has_value(cell) for cell in cells):
            continue
        at_row = f"sheet {title}, row {line}"
        text: dict[str, str] = {}
        for col, cell in enumerate(cells, 1):
            name = header[col - 1] if col <= len(header) else ""
            if not name:
                if _has_value(cell):
                    problems.append(Problem(path, line, col, at_row, (
                        f"cell {get_column_letter(col)}{line} ({str(cell.value)[:40]!r}) is under no column; "
                        "delete it, or name its column in row 1")))
                continue
            value, message = _cell_text(cell, name, (line, col) in scan.uncalculated)
            if message:
                problems.append(Problem(path, line, col, f"{at_row}, column {name}", message))
            else:
                text[name] = value
        index = len(source.data["stations"])
        data, columns = row_to_data(text)
        source.data["stations"].append(data)
        source.marks[("stations", index)] = (line, 0)
        for field, column in columns.items():
            loc = ("stations", index, *field)
            source.columns[loc] = f"{at_row}, column {column}"
            source.marks[loc] = (line, position.get(column, 0))
    return problems


def _header_name(value) -> str:
    return value.strip() if isinstance(value, str) else "" if value is None else str(value)


def _has_value(cell) -> bool:
    value = getattr(cell, "value", None)
    return value is not None and not (isinstance(value, str) and not value.strip())


def _cell_text(cell, column: str, uncalculated: bool) -> tuple[str, str | None]:
    """The cell as the text a CSV would hold, or why it cannot be taken as it is."""
    value = cell.value
    if uncalculated:
        return "", ("is a formula whose result was never saved; type the value instead (复制 → 选择性粘贴 → 数值 "
                    "pastes values)")
    if value is None:
        return "", None
    if cell.data_type == "e":
        return "", f"shows the error {value}; correct the formula or type the value"
    if isinstance(value, str):
        return value, None
    if isinstance(value, bool):
        if column == "platform_workers":
            return ("yes" if value else "no"), None
        return "", f"is TRUE/FALSE; type the text instead and {TEXT_FORMAT_HINT}"
    if isinstance(value, (datetime.datetime, datetime.date)):
        if column == "verified_on":
            day = value.date() if isinstance(value, datetime.datetime) else value
            return day.isoformat(), None
        return "", f"Excel turned it into a date ({value:%Y-%m-%d}); {TEXT_FORMAT_HINT}"
    if isinstance(value, (datetime.time, datetime.timedelta)):
        return "", f"Excel turned it into a time ({value}); {TEXT_FORMAT_HINT}"
    if isinstance(value, (int, float)):
        number = int(value) if float(value).is_integer() else None
        if column == "phones":
            if number is not None and NUMBER_PHONE_RE.match(str(number)):
                return str(number), None
            shown = str(number) if number is not None else str(value)
            return "", (f"'{shown}' is a number in Excel, which drops a leading 0 and the '-' (was it "
                        f"0{shown}?); {TEXT_FORMAT_HINT}, e.g. 020-12345678")
        if column == "verified_on":
            return "", f"'{value}' is a number, not a date; type the date as YYYY-MM-DD, e.g. 2026-01-31"
        return (str(number) if number is not None else str(value)), None
    return "", f"cannot be read ({type(value).__name__}); {TEXT_FORMAT_HINT}"
