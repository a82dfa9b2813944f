"""Write the 改造计划 workbook (sheets 项目, 改造内容, 资金 and a 说明 sheet) the way `plan_reader` reads it.

formats.md: frozen header row, widths that fit Chinese text, money as numbers formatted `#,##0.00` (the
fen divided by 100: a float whose shortest form is the exact amount), dates as dates `yyyy-mm-dd`, years
and counts as whole numbers, drop-downs on 类别 and 资金来源. Every text cell is written as text (format
`@`), never as a formula, even when it begins with "=".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from desktop_app.domain.catalogue import CATEGORIES
from desktop_app.domain.plan_record import PlanFund, PlanItem, PlanProject
from desktop_app.domain.projects import FUND_SOURCES
from desktop_app.exchange.errors import column_letter
from desktop_app.exchange.plan_columns import (
    COLUMNS, FUND_COLUMNS, FUND_SHEET, ITEM_COLUMNS, ITEM_SHEET, PROJECT_COLUMNS, PROJECT_SHEET, REQUIRED, SHEETS,
)
from desktop_app.exchange.roll_columns import RollColumn
from desktop_app.exchange.sheet_style import INSTRUCTION_SHEET, drop_down, header_cell

MONEY_FORMAT, DATE_FORMAT, WHOLE_FORMAT, TEXT_FORMAT = "#,##0.00", "yyyy-mm-dd", "0", "@"


class Money(int):
    """An amount in fen, written in 元."""


def write_plan(path: str | Path | BinaryIO, projects: Iterable[PlanProject], items: Iterable[PlanItem],
               funds: Iterable[PlanFund]) -> int:
    """Write the plan; returns the number of projects written."""
    workbook = Workbook(write_only=True)
    count = _sheet(workbook, PROJECT_SHEET, PROJECT_COLUMNS, (project_cells(p) for p in projects))
    _sheet(workbook, ITEM_SHEET, ITEM_COLUMNS, (item_cells(i) for i in items), choices={"category": CATEGORIES})
    _sheet(workbook, FUND_SHEET, FUND_COLUMNS, (fund_cells(f) for f in funds),
           choices={"source": FUND_SOURCES}, blank_hint=False)
    _instruction_sheet(workbook)
    workbook.save(path if not isinstance(path, Path) else str(path))
    return count


def _list(values: Sequence[object]) -> object:
    """One value for all (or the only one), else the values joined by 、 ("" for a missing one)."""
    if not values or all(value is None or value == "" for value in values):
        return None
    if len(set(values)) == 1:
        return values[0]
    return "、".join("" if value is None else str(value) for value in values)


def _counts(total: int | None, each: Sequence[int | None]) -> object:
    if total is not None:
        return total
    if len(each) == 1:
        return each[0]
    if all(value is None for value in each):
        return None
    return "、".join("" if value is None else str(value) for value in each)


def project_cells(project: PlanProject) -> list[object]:
    estates = project.estates
    codes = [estate.code for estate in estates]
    s = project.schedule
    return [project.code, project.name, project.plan_year,
            "、".join(codes) if any(codes) else None, "、".join(estate.name for estate in estates),
            _counts(project.declared_buildings, [e.buildings for e in estates]),
            _counts(project.declared_households, [e.households for e in estates]),
            s.planned_start, s.planned_end, s.actual_start, s.actual_end, project.contractor, project.supervisor,
            _list([e.street for e in estates]), _list([e.community for e in estates])]


def item_cells(item: PlanItem) -> list[object]:
    return [item.project_code, item.name, item.category, _quantity(item.quantity), item.unit, Money(item.planned_fen)]


def fund_cells(fund: PlanFund) -> list[object]:
    return [fund.project_code, fund.source, Money(fund.planned_fen), Money(fund.allocated_fen), Money(fund.paid_fen)]


def _quantity(text: str) -> object:
    if not text:
        return None
    number = Decimal(text)
    if number == number.to_integral_value():
        return int(number)
    as_float = float(number)
    return as_float if Decimal(repr(as_float)) == number else text


def _cell(sheet, value: object) -> object:
    if value is None or value == "":
        return None
    if isinstance(value, Money):
        cell = WriteOnlyCell(sheet, value=int(value) / 100)
        cell.number_format = MONEY_FORMAT
    elif isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
    elif isinstance(value, (int, float)):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = WHOLE_FORMAT if isinstance(value, int) else "General"
    else:
        cell = WriteOnlyCell(sheet, value=str(value))
        cell.data_type = "s"  # never a formula, whatever the text begins with
        cell.number_format = TEXT_FORMAT
    return cell


def _sheet(workbook: Workbook, title: str, columns: Sequence[RollColumn], rows: Iterable[list[object]], *,
           choices: dict[str, Sequence[str]] | None = None, blank_hint: bool = True) -> int:
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns):
        sheet.column_dimensions[column_letter(index)].width = column.width
        if choices and column.field in choices:
            drop_down(sheet, index, index, choices[column.field], blank_hint=blank_hint)
    sheet.append([header_cell(sheet, column.header) for column in columns])
    count = 0
    for values in rows:
        sheet.append([_cell(sheet, value) for value in values])
        count += 1
    return count


def _instruction_sheet(workbook: Workbook) -> None:
    sheet = workbook.create_sheet(INSTRUCTION_SHEET)
    for letter, width in zip("ABC", (16, 10, 80)):
        sheet.column_dimensions[letter].width = width
    sheet.append([header_cell(sheet, "“改造计划”填写说明")])
    for note in ("三个工作表按“项目编号”对应：“项目”每个项目一行，“改造内容”每项改造内容一行，“资金”每个项目每个资金来源一行。",
                 "再次导入时按项目编号更新；文件中没有的项目保持不变。某个项目在“改造内容”中有行时，这些行按顺序替换该项目的改造内容；"
                 "“资金”中列出的来源按行更新，没有列出的来源保持不变。",
                 "已支付为截至填报时的支付合计；程序中登记的有日期支付记录计入其中。金额单位为元，精确到分。",
                 "表头行上方可以有标题行，列的顺序可以调整，多余的列会被忽略；单元格不能是公式。"):
        sheet.append([_cell(sheet, note)])
    for title in SHEETS:
        sheet.append([])
        sheet.append([header_cell(sheet, f"工作表“{title}”")])
        sheet.append([header_cell(sheet, text) for text in ("列名", "是否必填", "说明")])
        for column in COLUMNS[title]:
            required = "必填" if column.field in REQUIRED[title] else "可空"
            also = f"（也可写作：{'、'.join(column.synonyms)}）" if column.synonyms else ""
            sheet.append([_cell(sheet, column.header), _cell(sheet, required), _cell(sheet, column.explanation + also)])
