"""期限计算器: a start date, a number of days, 日 or 工作日; the end and the note update as you type."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QRadioButton, QSpinBox, QWidget,
)

from desktop_app.domain.dates_text import date_text, parse_date
from desktop_app.domain.day_count import HolidayTable, deadline
from desktop_app.domain.errors import UserError
from desktop_app.services import calendar

MAX_DAYS = 3650


class DeadlineCalculator(QGroupBox):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__("期限计算器", parent)
        self.table: HolidayTable = calendar.holiday_table()
        self.start = QLineEdit(today.isoformat())
        self.start.setObjectName("calc_start")
        self.start.setPlaceholderText("事件发生日期，如 2024-09-27")
        self.days = QSpinBox()
        self.days.setObjectName("calc_days")
        self.days.setRange(0, MAX_DAYS)
        self.days.setValue(15)
        self.days.setSuffix(" 天")
        self.calendar_days = QRadioButton("日")
        self.calendar_days.setObjectName("calc_calendar")
        self.working_days = QRadioButton("工作日")
        self.working_days.setObjectName("calc_working")
        self.calendar_days.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.calendar_days)
        kinds.addButton(self.working_days)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.calendar_days)
        kind_row.addWidget(self.working_days)
        kind_row.addStretch(1)
        self.end = QLabel()
        self.end.setObjectName("calc_end")
        self.end.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.end.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("calc_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #666;")
        hint = QLabel("自事件发生的次日起算；按日计算的，最后一日为法定节假日或休息日时顺延至其后第一个工作日。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        form = QFormLayout(self)
        form.addRow("起算日期", self.start)
        form.addRow("天数", self.days)
        form.addRow("计算方式", kind_row)
        form.addRow("届满日期", self.end)
        form.addRow("说明", self.note)
        form.addRow(hint)
        self.start.textChanged.connect(self.update_result)
        self.days.valueChanged.connect(self.update_result)
        self.working_days.toggled.connect(self.update_result)
        self.update_result()

    def refresh(self) -> None:
        """Re-read the holiday table (staff entered or deleted a date) and count again."""
        self.table = calendar.holiday_table()
        self.update_result()

    def update_result(self) -> None:
        try:
            start = parse_date(self.start.text())
        except UserError as error:
            self.end.setText("—")
            self.note.setText(error.message)
            self.note.setStyleSheet("color: #c0392b;")
            return
        result = deadline(start, self.days.value(), working=self.working_days.isChecked(), table=self.table)
        self.end.setText(f"{date_text(result.end)}（星期{calendar.WEEKDAYS[result.end.weekday()]}）"
                         f"　{result.days}{'个工作日' if result.working else '日'}")
        self.note.setStyleSheet("color: #666;")
        self.note.setText(result.note or "无")
