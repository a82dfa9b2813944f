"""The pieces every import shows the same way: error rows, column choices, a header mapped twice.

They serve the roll import wizard (ui/roll/import_pages.py) and the ticket and ballot import dialogs.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from desktop_app.exchange.errors import column_letter

ERROR_COLUMNS = ("工作表", "行", "列", "值", "原因")
NOT_MAPPED = "（不导入）"


def error_rows(errors) -> list[tuple[str, str, str, str, str]]:
    """Located errors (`.sheet .row .column .value .reason`) as rows under ERROR_COLUMNS."""
    return [(e.sheet, str(e.row), e.column, e.value, e.reason) for e in errors]


def fill_column_choices(combo: QComboBox, headers, chosen: str | None) -> None:
    """The file's columns (“B列：姓名”, data the header text) after 不导入, with `chosen` selected."""
    combo.clear()
    combo.addItem(NOT_MAPPED, None)
    for index, text in enumerate(headers):
        if text:
            combo.addItem(f"{column_letter(index)}列：{text}", text)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))


def mapped_twice(columns, mapping: dict[str, str]) -> list[str]:
    """A problem for each header of the file mapped to more than one of `columns` (`.field`, `.header`)."""
    problems: list[str] = []
    used: dict[str, str] = {}
    for column in columns:
        text = mapping.get(column.field)
        if text in used:
            problems.append(f"“{text}”列不能同时作为“{used[text]}”和“{column.header}”")
        elif text:
            used[text] = column.header
    return problems
