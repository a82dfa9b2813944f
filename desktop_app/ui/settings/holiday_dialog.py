"""Entering one date of a year's arrangement: the date, 放假 or 调休上班, a note. Validated as you type."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from desktop_app.domain.dates_text import date_text, parse_date
from desktop_app.domain.errors import UserError
from desktop_app.services import calendar
from desktop_app.services.changes import NONE, Changes
from desktop_app.ui.widgets.forms import ValidatedDialog


class HolidayDialog(ValidatedDialog):
    def __init__(self, year: int, parent: QWidget | None = None) -> None:
        super().__init__("录入节假日安排", parent)
        self.changes: Changes = NONE
        self.add_line("day", "日期", f"如 {year}-10-01")
        self.add_combo("kind", "类型", [(kind, kind) for kind in calendar.KINDS])
        self.add_line("note", "说明", "如 国庆节、国庆节调休上班，可不填")
        self.resize(420, self.sizeHint().height())
        self.finish_layout()

    def day(self) -> date:
        return parse_date(self.text("day"))

    def field_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        try:
            day = self.day()
        except UserError as error:
            errors["day"] = "请填写日期" if not self.text("day").strip() else error.message
        else:
            if self.data("kind") == calendar.WORKED and day.weekday() < 5:
                errors["day"] = f"{date_text(day)}是星期{calendar.WEEKDAYS[day.weekday()]}，本来就上班，无需设为调休上班"
        if len(self.text("note").strip()) > calendar.NOTE_LIMIT:
            errors["note"] = f"说明不能超过 {calendar.NOTE_LIMIT} 个字"
        return errors

    def save(self) -> bool:
        try:
            self.changes = calendar.add_holiday(self.day(), self.data("kind"), self.text("note"))
        except UserError as error:
            self.show_errors({error.field or "": error.message})
            return False
        return True
