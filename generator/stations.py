"""The station spreadsheet format: CSV columns ⇄ the Station model's shape. Used to read and to publish."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from generator.load import Source, read_bytes
from generator.models import Station
from generator.problems import Problem

COLUMNS = ["id", "name_zh", "name_en", "kind", "province", "city_zh", "city_en", "district_zh", "district_en",
           "address_zh", "address_en", "phones", "hours_zh", "hours_en", "services", "platform_workers",
           "source", "verified_on"]
BILINGUAL = ["name", "city", "district", "address", "hours"]
LISTS = ["phones", "services"]
REQUIRED_COLUMNS = {"id", "name_zh", "name_en", "kind", "province", "city_zh", "city_en", "phones", "services",
                    "platform_workers", "source", "verified_on"}
YES = {"yes", "y", "true", "1", "是"}
NO = {"no", "n", "false", "0", "否"}
_LIST_SPLIT = re.compile(r"[;；,，、/\s]+")
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection"): the published
# file puts an apostrophe before it, which spreadsheets hide, and reading the file back takes it off again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def row_to_data(row: dict[str, str]) -> tuple[dict, dict[tuple, str]]:
    """One CSV row as the model's shape, and for each field the column it came from."""
    data: dict = {}
    columns: dict[tuple, str] = {}
    cell = {name: _unquote(value or "").strip() for name, value in row.items() if name}
    for name in BILINGUAL:
        zh, en = cell.get(f"{name}_zh", ""), cell.get(f"{name}_en", "")
        if zh or en:
            data[name] = {k: v for k, v in (("zh", zh), ("en", en)) if v}
        columns[(name,)] = f"{name}_zh"
        columns[(name, "zh")] = f"{name}_zh"
        columns[(name, "en")] = f"{name}_en"
    for name in ("id", "kind", "province", "source", "verified_on"):
        if cell.get(name):
            data[name] = cell[name]
        columns[(name,)] = name
    for name in LISTS:
        if cell.get(name):
            data[name] = [part for part in _LIST_SPLIT.split(cell[name]) if part]
        columns[(name,)] = name
    flag = cell.get("platform_workers", "").lower()
    if flag:
        data["platform_workers"] = True if flag in YES else False if flag in NO else flag
    columns[("platform_workers",)] = "platform_workers"
    return data, columns


def station_to_row(station: Station) -> dict[str, str]:
    row = {"id": station.id, "kind": station.kind, "province": station.province, "source": station.source,
           "verified_on": station.verified_on.isoformat(), "phones": "; ".join(station.phones),
           "services": "; ".join(station.services), "platform_workers": "yes" if station.platform_workers else "no"}
    for name in BILINGUAL:
        text = getattr(station, name)
        row[f"{name}_zh"] = text.zh if text else ""
        row[f"{name}_en"] = text.en if text else ""
    return {column: row[column] for column in COLUMNS}


def stations_csv(stations: list[Station]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for station in stations:
        writer.writerow({column: _neutralise(value) for column, value in station_to_row(station).items()})
    return out.getvalue()


def _neutralise(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _unquote(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def stations_json(stations: list[Station], hotlines) -> str:
    """The whole directory as JSON: every station, and the national hotlines that reach every province."""
    data = {"stations": [station.model_dump(mode="json") for station in stations],
            "hotlines": [hotline.model_dump(mode="json") for hotline in hotlines]}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def load_csv(path: Path, display_path: str) -> tuple[Source | None, list[Problem]]:
    """Read a station CSV, keeping row numbers: UTF-8 with or without BOM ("CSV UTF-8"), or GB18030/GBK, as
    Excel and WPS save "CSV" on a Chinese Windows."""
    data, problem = read_bytes(path, display_path)
    if problem:
        return None, [problem]
    text, problem = decode_csv(data, display_path)
    if problem:
        return None, [problem]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as error:
        # e.g. a cell over the csv module's 131,072-character limit, or a NUL byte
        return None, [Problem(display_path, reader.line_num, 0, "", f"cannot be read as CSV ({error})")]
    header = [name.strip() for name in rows[0]] if rows else []
    problems = [Problem(display_path, 1, 0, name, "unknown column") for name in header if name and name not in COLUMNS]
    problems += [Problem(display_path, 1, 0, name, "column given twice")
                 for i, name in enumerate(header) if name and name in header[:i]]
    problems += [Problem(display_path, 1, 0, name, "missing column")
                 for name in COLUMNS if name in REQUIRED_COLUMNS and name not in header]
    if problems:
        return None, problems
    source = Source(display_path, {"stations": []})
    source.marks[()] = (1, 0)
    line = 1
    for cells in rows[1:]:
        start = line + 1
        line += 1 + sum(cell.count("\n") for cell in cells)
        if not any(cell.strip() for cell in cells):
            continue
        extra = [cell for cell in cells[len(header):] if cell.strip()]
        if extra:
            problems.append(Problem(display_path, start, 0, "", f"the row has {len(cells) - len(header)} more cells "
                                                               f"than the header has columns ({extra[0][:40]!r}…)"))
            continue
        index = len(source.data["stations"])
        data, columns = row_to_data(dict(zip(header, cells)))
        source.data["stations"].append(data)
        source.marks[("stations", index)] = (start, 0)
        for field, column in columns.items():
            source.columns[("stations", index, *field)] = column
    return source, problems


_CJK = re.compile(r"[\u4e00-\u9fff]")


def decode_csv(data: bytes, display_path: str) -> tuple[str | None, Problem | None]:
    """UTF-8 (strictly, BOM or not) first, then GB18030 (a superset of GBK and GB2312). A file whose lines
    before the first bad byte are UTF-8 Chinese is a UTF-8 file with a pasted or broken cell, not GBK:
    reading it as GB18030 would turn every Chinese character into another one without a word."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as utf8_error:
        good = data[:utf8_error.start].decode("utf-8-sig")
        utf8_line = data[:utf8_error.start].count(b"\n") + 1
        bad = data[utf8_error.start:utf8_error.start + 1].hex().upper()
        if len(_CJK.findall(good)) < 2:
            try:
                text = data.decode("gb18030")
                return (text[1:] if text.startswith("\ufeff") else text), None
            except UnicodeDecodeError as gb_error:
                gb_line = data[:gb_error.start].count(b"\n") + 1
                return None, Problem(display_path, utf8_line, 0, "", (
                    f"is neither UTF-8 (byte 0x{bad} at offset {utf8_error.start:,}, line {utf8_line}) nor GB18030/GBK "
                    f"(offset {gb_error.start:,}, line {gb_line}) text; save the sheet as 'CSV UTF-8'"))
        return None, Problem(display_path, utf8_line, 0, "", (
            f"is UTF-8 up to byte 0x{bad} at offset {utf8_error.start:,} on this line, which is not; was a cell "
            "pasted from a file in another encoding? Retype it, or save the sheet as 'CSV UTF-8'"))
