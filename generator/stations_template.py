"""site/downloads/stations-template.xlsx: an empty station workbook for editors, made from the model so that its
columns and drop-down lists never drift from what the loader accepts. Its bytes depend only on this code."""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from generator.models import SERVICES, StationKind
from generator.provinces import PROVINCES
from generator.stations import COLUMNS, REQUIRED_COLUMNS

SHEET = "站点 stations"
LAST_ROW = 5000  # drop-down lists and formats reach this far
FIXED_TIME = "2000-01-01T00:00:00Z"
KINDS: tuple[str, ...] = StationKind.__args__

# What goes in each column, in Chinese and English: shown as the header cell's comment.
HELP: dict[str, tuple[str, str]] = {
    "id": ("唯一的简短名称：小写字母、数字和连字符，例如 gd-gz-tianhe-legal-aid", "a unique short name: lowercase "
           "letters, digits and hyphens, e.g. gd-gz-tianhe-legal-aid"),
    "name_zh": ("站点的中文名称", "the station's name in Chinese"),
    "name_en": ("站点的英文名称", "the station's name in English"),
    "kind": ("从下拉列表选择站点类型", "choose the kind of station from the list"),
    "province": ("从下拉列表选择省份（也可填代码，见下）", "choose the province from the list (or type its code, below)"),
    "city_zh": ("城市（中文，必填）", "city in Chinese (required)"),
    "city_en": ("城市（英文，必填）", "city in English (required)"),
    "district_zh": ("区县（中文，可不填）", "district in Chinese (optional)"),
    "district_en": ("区县（英文，可不填）", "district in English (optional)"),
    "address_zh": ("地址（中文；热线和流动站可不填）", "address in Chinese (optional for hotlines and mobile stations)"),
    "address_en": ("地址（英文）", "address in English"),
    "phones": ("电话，多个用 ; 分隔：区号-号码（020-12345678）、11位手机号或 12348 这样的5位服务号码。本列为文本格式，"
               "开头的 0 不会丢失", "phone numbers separated by ';': area code-number (020-12345678), an 11-digit "
               "mobile or a 5-digit service number such as 12348. The column is formatted as text, so a leading 0 "
               "is kept"),
    "hours_zh": ("开放时间（中文，可不填）", "opening hours in Chinese (optional)"),
    "hours_en": ("开放时间（英文，可不填）", "opening hours in English (optional)"),
    "services": ("服务，多个用 ; 分隔；下拉列表每次选一项", "services separated by ';'; the list picks one at a time"),
    "platform_workers": ("是否服务外卖骑手、网约车司机等平台劳动者：yes 或 no", "does it serve delivery riders, drivers and "
                         "other platform workers: yes or no"),
    "source": ("核实该条目的来源（官方网页或文件）", "where the entry was confirmed (an official web page or document)"),
    "verified_on": ("核实日期，例如 2026-01-31", "the date it was confirmed, e.g. 2026-01-31"),
}
WIDTHS = {"id": 26, "name_zh": 24, "name_en": 30, "kind": 22, "province": 12, "phones": 26, "services": 34,
          "source": 34, "verified_on": 14, "platform_workers": 16}


def _lists() -> dict[str, tuple[list[str], bool]]:
    """The drop-down list of each column, and whether a value not on it is refused."""
    return {
        "kind": (list(KINDS), True),
        "province": ([p.zh for p in PROVINCES], False),  # a code such as guangdong is accepted too
        "services": (list(SERVICES), False),  # a cell may hold several, separated by ';'
        "platform_workers": (["yes", "no"], True),
    }


def _comment(column: str) -> str:
    zh, en = HELP[column]
    text = f"{column}{'（必填 required）' if column in REQUIRED_COLUMNS else ''}\n{zh}\n{en}"
    if column == "kind":
        text += "\n" + ", ".join(KINDS)
    if column == "services":
        text += "\n" + ", ".join(SERVICES)
    if column == "province":
        text += "\n" + ", ".join(f"{p.zh} {p.code}" for p in PROVINCES)
    return text


def stations_template() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append(COLUMNS)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for i, column in enumerate(COLUMNS, 1):
        letter = get_column_letter(i)
        cell = sheet.cell(row=1, column=i)
        cell.font, cell.fill, cell.alignment = bold, fill, Alignment(vertical="top")
        lines = _comment(column)
        cell.comment = Comment(lines, "template")
        cell.comment.width, cell.comment.height = 420, 60 + 18 * (len(lines) // 40 + lines.count("\n"))
        sheet.column_dimensions[letter].width = WIDTHS.get(column, 18)
        if column == "phones":
            sheet.column_dimensions[letter].number_format = "@"
        if column == "verified_on":
            sheet.column_dimensions[letter].number_format = "yyyy-mm-dd"
    for column, (values, strict) in _lists().items():
        letter = get_column_letter(COLUMNS.index(column) + 1)
        formula = '"' + ",".join(values) + '"'
        assert len(formula) <= 257, column  # Excel's limit for a list typed into the rule: 255 characters
        rule = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=strict,
                              showInputMessage=True, promptTitle=column[:32], prompt=HELP[column][0][:255])
        if strict:
            rule.errorTitle, rule.error = column, "请从下拉列表选择 / choose a value from the list"
        rule.add(f"{letter}2:{letter}{LAST_ROW}")
        sheet.add_data_validation(rule)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}1"
    properties = workbook.properties
    properties.creator = properties.lastModifiedBy = "python -m generator build"
    properties.title = "Station directory template / 站点名录模板"
    out = io.BytesIO()
    workbook.save(out)
    return _fixed(out.getvalue())


def _fixed(data: bytes) -> bytes:
    """The workbook with its "created"/"modified" times and the zip entries' times set to one fixed date."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>" + FIXED_TIME.encode()
                              + rb"\g<2>", body)
            entry = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, body)
    return out.getvalue()
