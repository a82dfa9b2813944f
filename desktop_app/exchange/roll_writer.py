"""Write the room and owner roll (房屋业主名册) and its empty template as .xlsx.

The layout is the one `roll_reader` reads without any mapping (formats.md): frozen header, widths
that fit Chinese text, areas as numbers formatted `0.00`, ID numbers, rooms and phones as text (so
Excel cannot turn them into 3.50402E+17), drop-downs on 面积来源 and 业主类型, and a 说明 sheet.
openpyxl's write-only mode keeps memory flat for a city of 200,000 rooms.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from desktop_app.domain.identity import credit_check_char, id_check_char
from desktop_app.domain.roll_record import OWNER_KIND_LABELS, RollRecord
from desktop_app.exchange.errors import column_letter
from desktop_app.exchange.roll_columns import (
    AREA_SOURCE_CHOICES, OWNER_KIND_CHOICES, REQUIRED_FIELDS, ROLL_COLUMNS, RollColumn,
)
from desktop_app.exchange.sheet_style import INSTRUCTION_SHEET, drop_down, header_cell

ROLL_SHEET = "房屋业主名册"
TEXT_FIELDS = {"estate_code", "building", "unit", "room", "id_number", "phone"}


def write_roll(path: str | Path, records: Iterable[RollRecord]) -> int:
    """Write `records` as a roll workbook; returns the number of rows written."""
    workbook = Workbook(write_only=True)
    sheet = _roll_sheet(workbook)
    count = 0
    for record in records:
        sheet.append([_cell(sheet, column, _value(record, column.field)) for column in ROLL_COLUMNS])
        count += 1
    _instruction_sheet(workbook, examples=False)
    workbook.save(str(path))
    return count


def write_roll_template(path: str | Path) -> None:
    """The empty roll to fill in, with two example rows on the 说明 sheet."""
    workbook = Workbook(write_only=True)
    _roll_sheet(workbook)
    _instruction_sheet(workbook, examples=True)
    workbook.save(str(path))


def _roll_sheet(workbook: Workbook):
    sheet = workbook.create_sheet(ROLL_SHEET)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(ROLL_COLUMNS):
        sheet.column_dimensions[column_letter(index)].width = column.width
    for field_name, choices in (("area_source", AREA_SOURCE_CHOICES), ("owner_kind", OWNER_KIND_CHOICES)):
        drop_down(sheet, _index(field_name), _index(field_name), choices, blank_hint=False)
    sheet.append([header_cell(sheet, column.header) for column in ROLL_COLUMNS])
    return sheet


def _index(field_name: str) -> int:
    return next(i for i, column in enumerate(ROLL_COLUMNS) if column.field == field_name)


def _value(record: RollRecord, field_name: str) -> object:
    if field_name == "area":
        return record.area_centi / 100  # the float's shortest repr is the exact two-decimal area
    if field_name == "owner_kind":
        return OWNER_KIND_LABELS[record.owner_kind]
    if field_name == "co_owners":
        return "、".join(record.co_owners)
    value = getattr(record, field_name)
    return "" if value is None else value


def _cell(sheet, column: RollColumn, value: object) -> object:
    if value == "":
        return None
    if column.field == "area":
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "0.00"
        return cell
    if column.field in TEXT_FIELDS:
        cell = WriteOnlyCell(sheet, value=str(value))
        cell.number_format = "@"
        return cell
    return value


def _example_records() -> list[RollRecord]:
    resident = "35020319800101003"
    company = "91350200MA2XXXXX1"
    return [
        RollRecord(building="3", unit="1", room="502", area_centi=8530, estate_code="350203001",
                   estate_name="示例小区", floor=5, owner_name="张三", id_number=resident + id_check_char(resident),
                   phone="13800138000", co_owners=("李四",), note="共有人李四为配偶"),
        RollRecord(building="3", unit="1", room="601", area_centi=9012, estate_code="350203001",
                   estate_name="示例小区", floor=6, area_source="实测", owner_kind="organisation",
                   owner_name="示例市某某公司", id_number=company + credit_check_char(company),
                   phone="0592-1234567", note="单位自管公房"),
    ]


def _instruction_sheet(workbook: Workbook, examples: bool) -> None:
    sheet = workbook.create_sheet(INSTRUCTION_SHEET)
    for letter, width in zip("ABC", (16, 10, 80)):
        sheet.column_dimensions[letter].width = width
    sheet.append([header_cell(sheet, f"“{ROLL_SHEET}”填写说明")])
    sheet.append(["每套房屋一行；同一业主有多套房屋时，每套房屋各写一行并填写相同的证件号码。"
                  "表头行上方可以有标题行，列的顺序可以调整，多余的列会被忽略。"])
    sheet.append([])
    sheet.append([header_cell(sheet, text) for text in ("列名", "是否必填", "说明")])
    for column in ROLL_COLUMNS:
        required = "必填" if column.field in REQUIRED_FIELDS else "可空"
        also = f"（也可写作：{'、'.join(column.synonyms)}）" if column.synonyms else ""
        sheet.append([column.header, required, column.explanation + also])
    if not examples:
        return
    sheet.append([])
    sheet.append([header_cell(sheet, "示例（按下面两行的格式填写到“房屋业主名册”工作表中）")])
    sheet.append([header_cell(sheet, column.header) for column in ROLL_COLUMNS])
    for record in _example_records():
        sheet.append([_cell(sheet, column, _value(record, column.field)) for column in ROLL_COLUMNS])
