"""Builders of roll workbooks for the import tests: real .xlsx files written with openpyxl.

Some shapes openpyxl cannot write directly (a formula with its cached result, a DTD, 100,000 empty
formatted rows) are made by editing the sheet XML inside the written file, as Excel would store it.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from desktop_app.domain.identity import credit_check_char, id_check_char

HEADERS = ("小区编码", "小区名称", "楼栋", "单元", "楼层", "房号", "专有面积(㎡)", "面积来源", "业主类型",
           "业主姓名", "证件号码", "联系电话", "共有人", "备注")


def resident_id(body17: str) -> str:
    """A valid 18-character resident ID from its first 17 digits."""
    return body17 + id_check_char(body17)


def credit_code(body17: str) -> str:
    return body17 + credit_check_char(body17)


ZHANG = resident_id("35040219800101123")
LI = resident_id("35040219850505234")
WANG = resident_id("11010519491231002")
COMPANY = credit_code("91350200MA2Y0000X")


def good_rows() -> list[tuple]:
    """Six valid rows of one estate: a co-owned room, one owner with two rooms, work-unit housing,
    two developer-unsold rooms, defaults left blank."""
    return [
        ("E001", "幸福里", "3号楼", "1单元", 5, "502", 85.3, "不动产登记", "个人", "张三", ZHANG, "13800138000",
         "李四、王五", ""),
        ("E001", "幸福里", "3栋", "1", None, "601", "90.12", "实测", "个人", "张三", ZHANG, "", "", "顶楼"),
        ("E001", "幸福里", 3, 2, None, 101, 60, None, None, "王芳", WANG, "0591-87654321", None, None),
        ("E001", "幸福里", "4号楼", "", 1, "102", 55.55, "合同", "单位", "某某机械厂", COMPANY, "", "", "公房"),
        ("E001", "幸福里", "5", "1", 2, "201", 70, "", "建设单位未售", "", "", "", "", ""),
        ("E001", "幸福里", "5", "1", 2, "202", 71.5, "", "建设单位未售", None, None, None, None, None),
    ]


def write_workbook(path: Path, rows: Iterable[Sequence], *, headers: Sequence[str] = HEADERS,
                   title_rows: Sequence[Sequence] = (), sheet: str = "名册",
                   merges: Sequence[str] = (), extra_sheets: Sequence[str] = ()) -> Path:
    """A workbook with optional title rows above the header; `merges` like "A1:N1"."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for title in title_rows:
        worksheet.append(list(title))
    worksheet.append(list(headers))
    for cell in worksheet[worksheet.max_row]:
        cell.font = Font(bold=True)  # also gives the file a second cell style for formatted empty rows
    for row in rows:
        worksheet.append(list(row))
    for cell_range in merges:
        worksheet.merge_cells(cell_range)
    for name in extra_sheets:
        workbook.create_sheet(name)
    workbook.save(path)
    return path


def rewrite_member(path: Path, member: str, change) -> None:
    """Replace one member of the zip by change(old_bytes)."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            target.writestr(info.filename, change(data) if info.filename == member else data)


SHEET1 = "xl/worksheets/sheet1.xml"


def add_cached_value(path: Path, cell: str, value: str) -> None:
    """Give the formula in `cell` the cached result Excel would have saved with it."""
    pattern = re.compile(rb'(<c r="' + cell.encode() + rb'"[^>]*>\s*<f>[^<]*</f>)\s*(?:<v\s*/>|<v></v>)?')
    rewrite_member(path, SHEET1, lambda data: pattern.sub(lambda m: m.group(1) + b"<v>" + value.encode() + b"</v>", data, 1))


def append_empty_styled_rows(path: Path, count: int, *, columns: int = 14, style: int = 1) -> None:
    """Add `count` rows of formatted but empty cells below the data, as a sheet formatted down to row N has."""
    def change(data: bytes) -> bytes:
        last = max(int(number) for number in re.findall(rb'<row r="(\d+)"', data))
        cells = "".join(f'<c r="{get_column_letter(index + 1)}{{0}}" s="{style}"/>' for index in range(columns))
        template = f'<row r="{{0}}">{cells}</row>'
        rows = "".join(template.format(number) for number in range(last + 1, last + 1 + count))
        return data.replace(b"</sheetData>", rows.encode() + b"</sheetData>", 1)
    rewrite_member(path, SHEET1, change)


def insert_doctype(path: Path) -> None:
    """A 'billion laughs' style DTD in the sheet XML, which a safe reader must refuse."""
    doctype = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
               b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')
    rewrite_member(path, SHEET1, lambda data: doctype + re.sub(rb"^<\?xml[^>]*\?>", b"", data))
