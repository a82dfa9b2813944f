"""Write a vote's ballots as a 表决票汇总 (ballot summary) workbook, the layout `ballot_reader` reads.

formats.md: one row per room that returned a ballot; 小区编码, 楼栋, 单元, 房号 name the room (小区名称
is added only when some room's estate has no code), then one column per item headed by its name
holding 同意 / 反对 / 弃权 or nothing (a blank answer), then 表决方式 and 代理人. Frozen header, widths
that fit Chinese text, rooms as text, drop-downs on the item and 表决方式 columns, and a 说明 sheet.
No owner names, ID numbers or phones: the room is enough to recount against the roll.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from desktop_app.domain.ballot_import import BallotExportRow
from desktop_app.domain.errors import UserError
from desktop_app.domain.vocabulary import METHODS
from desktop_app.exchange.ballot_reader import ANSWERS, BALLOT_COLUMNS, BALLOT_SYNONYMS
from desktop_app.exchange.errors import column_letter
from desktop_app.exchange.roll_columns import field_of_header, header_key
from desktop_app.exchange.sheet_style import INSTRUCTION_SHEET, drop_down, header_cell

BALLOT_SHEET = "表决票汇总"
_COLUMN = {column.field: column for column in BALLOT_COLUMNS}
_PLACE_FIELDS = ("building", "unit", "room")
_TAIL_FIELDS = ("method", "proxy")


def item_name_problem(name: str) -> str | None:
    """Why `name` cannot head an item column that reads back as the same item, or None."""
    if not name or name != name.strip():
        return f"表决事项名称“{name}”为空或首尾有空格"
    if field_of_header(name) is not None or field_of_header(name, BALLOT_SYNONYMS) is not None:
        return f"表决事项名称“{name}”与名册或表决票汇总的列名相同，读回时会被当作该列"
    return None


def write_ballots(path: str | Path, items: Sequence[str], rows: Iterable[BallotExportRow]) -> int:
    """Write the ballots `rows` of a vote with `items`; returns the number of rows written. Raises
    UserError for item names that would not read back as the same items, or a row with a wrong
    number of answers or an answer other than 同意 / 反对 / 弃权 / blank."""
    items = list(items)
    problems = [problem for problem in map(item_name_problem, items) if problem]
    keys = [header_key(name) for name in items]
    if len(set(keys)) != len(keys):
        problems.append("表决事项名称有重复")
    if problems:
        raise UserError("；".join(problems))
    rows = list(rows)
    for row in rows:
        _check_row(row, len(items))
    with open(path, "wb") as target:  # a place that cannot be written fails here, before the sheet is built
        try:
            _write_book(target, items, rows)
        except BaseException:
            target.close()
            Path(path).unlink(missing_ok=True)  # no half-written file
            raise
    return len(rows)


def _write_book(target: BinaryIO, items: list[str], rows: list[BallotExportRow]) -> None:
    with_name = any(not row.estate_code for row in rows)
    estate_fields = ("estate_code", "estate_name") if with_name else ("estate_code",)
    layout = [*estate_fields, *_PLACE_FIELDS, *(("item", name) for name in items), *_TAIL_FIELDS]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(BALLOT_SHEET)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(layout):
        sheet.column_dimensions[column_letter(index)].width = _width(column)
    first_item = len(estate_fields) + len(_PLACE_FIELDS)
    if items:
        drop_down(sheet, first_item, first_item + len(items) - 1, ANSWERS)
    drop_down(sheet, layout.index("method"), layout.index("method"), METHODS)
    sheet.append([header_cell(sheet, _header(column)) for column in layout])
    for row in rows:
        estate = [_text(sheet, row.estate_code)] + ([row.estate_name or None] if with_name else [])
        place = [_text(sheet, row.building), _text(sheet, row.unit), _text(sheet, row.room)]
        sheet.append(estate + place + [choice or None for choice in row.choices]
                     + [row.method or None, row.proxy or None])
    _instruction_sheet(workbook, items)
    workbook.save(target)


def _check_row(row: BallotExportRow, items: int) -> None:
    where = "-".join(part for part in (row.building, row.unit, row.room) if part)
    if len(row.choices) != items:
        raise UserError(f"{where}：应有 {items} 个表决意见，实为 {len(row.choices)} 个")
    wrong = [choice for choice in row.choices if choice and choice not in ANSWERS]
    if wrong:
        raise UserError(f"{where}：表决意见“{wrong[0]}”不是 同意、反对、弃权 或空白")


def _header(column: str | tuple[str, str]) -> str:
    return column[1] if isinstance(column, tuple) else _COLUMN[column].header


def _width(column: str | tuple[str, str]) -> float:
    if isinstance(column, tuple):  # a Chinese character is about two widths of a Latin one
        return max(10, min(40, 2.2 * len(column[1]) + 2))
    return _COLUMN[column].width


def _text(sheet, value: str) -> WriteOnlyCell | None:
    if not value:
        return None
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = "@"  # 502 stays the text "502", 1 单元 stays "1"
    return cell


def _instruction_sheet(workbook: Workbook, items: Sequence[str]) -> None:
    sheet = workbook.create_sheet(INSTRUCTION_SHEET)
    for letter, width in zip("ABC", (20, 10, 80)):
        sheet.column_dimensions[letter].width = width
    sheet.append([header_cell(sheet, f"“{BALLOT_SHEET}”填写说明")])
    sheet.append(["每间交回表决票的房屋一行；没有行的房屋视为未参与表决。同一间房屋只能有一行。"
                  "同一业主的几套房屋对同一事项的意见必须相同，否则计票时会报错并列出这些房屋。"])
    sheet.append(["本表不含业主姓名、证件号码和联系电话；复核计票时与房屋业主名册一起使用："
                  "desktop-app tally --roll 名册.xlsx --ballots 本文件.xlsx --rule special|ordinary"])
    sheet.append([])
    sheet.append([header_cell(sheet, text) for text in ("列名", "是否必填", "说明")])
    for field_name in ("estate_code", "estate_name", *_PLACE_FIELDS):
        column = _COLUMN[field_name]
        required = "必填" if field_name in ("building", "room") else "可空"
        sheet.append([column.header, required, column.explanation])
    for name in items:
        sheet.append([name, "可空", "表决事项。填 同意、反对 或 弃权；不填表示对该事项投空白票。"])
    for field_name in _TAIL_FIELDS:
        column = _COLUMN[field_name]
        sheet.append([column.header, "可空", column.explanation])
