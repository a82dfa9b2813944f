"""A date range picker: two date fields where the earliest date shows "不限" (no bound), with presets."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

NO_BOUND = QDate(2000, 1, 1)
PRESETS = ("不限", "本月", "本季度", "本年", "近30天", "自定义")


def to_qdate(value: date | None) -> QDate:
    return NO_BOUND if value is None else QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date | None:
    return None if value <= NO_BOUND else date(value.year(), value.month(), value.day())


def preset_range(name: str, today: date) -> tuple[date | None, date | None]:
    if name == "本月":
        return today.replace(day=1), today
    if name == "本季度":
        return date(today.year, (today.month - 1) // 3 * 3 + 1, 1), today
    if name == "本年":
        return date(today.year, 1, 1), today
    if name == "近30天":
        return date.fromordinal(today.toordinal() - 29), today
    return None, None


def date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_BOUND)
    edit.setSpecialValueText("不限")
    edit.setDate(NO_BOUND)
    return edit


class DateRange(QWidget):
    """`range() -> (start, end)` with None for an open end; `changed` after any edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, today: date) -> None:
        super().__init__(parent)
        self.today = today  # the presets (this month, this quarter, ...) count from this day
        self.preset = QComboBox()
        self.preset.setObjectName("date_preset")
        self.preset.addItems(PRESETS)
        self.start = date_edit("date_start")
        self.end = date_edit("date_end")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("日期"))
        layout.addWidget(self.preset)
        layout.addWidget(self.start)
        layout.addWidget(QLabel("至"))
        layout.addWidget(self.end)
        self._setting = False
        self.preset.currentTextChanged.connect(self._preset_chosen)
        self.start.dateChanged.connect(self._edited)
        self.end.dateChanged.connect(self._edited)

    def range(self) -> tuple[date | None, date | None]:
        return from_qdate(self.start.date()), from_qdate(self.end.date())

    def set_range(self, start: date | None, end: date | None) -> None:
        self._setting = True
        try:
            self.start.setDate(to_qdate(start))
            self.end.setDate(to_qdate(end))
        finally:
            self._setting = False
        self.changed.emit()

    def _preset_chosen(self, name: str) -> None:
        if name != "自定义":
            self.set_range(*preset_range(name, self.today))

    def _edited(self) -> None:
        if self._setting:
            return
        if self.preset.currentText() != "自定义":
            self.preset.blockSignals(True)
            self.preset.setCurrentText("自定义")
            self.preset.blockSignals(False)
        self.changed.emit()
