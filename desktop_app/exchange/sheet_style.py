"""How the workbooks this application writes look: header cells, drop-down lists, the 说明 sheet's name.

Shared by the roll, ballot and register writers so every exported workbook has the same header style and
the same drop-down message (formats.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from desktop_app.exchange.errors import column_letter

INSTRUCTION_SHEET = "说明"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
MAX_ROW = 1_048_576


def header_cell(sheet, text: str) -> WriteOnlyCell:
    """A bold, shaded, centred, wrapping cell for a write-only `sheet`."""
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return cell


def drop_down(sheet, first: int, last: int, choices: Sequence[str], *, blank_hint: bool = True) -> None:
    """A list of `choices` on the 0-based columns `first`..`last` below the header; blank is allowed, and
    `blank_hint` says so in the message shown for a wrong entry."""
    error = "请从下拉列表中选择：" + "、".join(choices) + ("，或留空" if blank_hint else "")
    validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="输入有误", error=error)
    validation.add(f"{column_letter(first)}2:{column_letter(last)}{MAX_ROW}")
    sheet.data_validations.append(validation)
