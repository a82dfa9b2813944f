"""节假日: one year's arrangement at a time. Shipped years are read-only; staff enter and delete the dates
of a year the program does not know yet (or a correction), with confirmation before deleting."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
    QTableView, QVBoxLayout, QWidget,
)

from desktop_app.domain.errors import UserError
from desktop_app.services import calendar
from desktop_app.services.changes import Changes
from desktop_app.ui.settings.holiday_dialog import HolidayDialog
from desktop_app.ui.settings.holidays_model import HolidaysModel

MUTED = "color: #666;"


def ask_delete(parent: QWidget, text: str) -> bool:
    """Ask before deleting; 删除 is not the default button."""
    box = QMessageBox(QMessageBox.Icon.Warning, "确认删除", text, parent=parent)
    box.setObjectName("confirm_delete")
    yes = box.addButton("删除", QMessageBox.ButtonRole.DestructiveRole)
    no = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


class HolidaysPanel(QGroupBox):
    changed = Signal(object)  # services.changes.Changes after a write

    def __init__(self, this_year: int, parent: QWidget | None = None) -> None:
        super().__init__("节假日", parent)
        self.this_year = this_year
        self.confirm: Callable[[QWidget, str], bool] = ask_delete  # tests answer for the user
        self.open_dialog: Callable[[HolidayDialog], int] = lambda dialog: dialog.exec()
        self.year = QComboBox()
        self.year.setObjectName("holiday_year")
        self.year.currentIndexChanged.connect(lambda _index: self.show_year())
        self.model = HolidaysModel(self)
        self.table = QTableView()
        self.table.setObjectName("holidays_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(False)
        for column, width in enumerate((96, 64, 76, 0, 84)):
            if width:
                self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.status = QLabel()
        self.status.setObjectName("holiday_status")
        self.status.setWordWrap(True)
        self.status.setStyleSheet(MUTED)
        self.add = QPushButton("录入日期…")
        self.add.setObjectName("add_holiday")
        self.add.clicked.connect(self.add_date)
        self.delete = QPushButton("删除")
        self.delete.setObjectName("delete_holiday")
        self.delete.clicked.connect(self.delete_date)
        self.message = QLabel()
        self.message.setObjectName("holiday_message")
        self.message.setStyleSheet("color: #c0392b;")
        self.message.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel("年份"))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.add)
        top.addWidget(self.delete)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        shown = self.year.currentData()
        years = sorted(set(calendar.known_years()) | {self.this_year, self.this_year + 1}, reverse=True)
        self.year.blockSignals(True)
        self.year.clear()
        for year in years:
            self.year.addItem(f"{year}年", year)
        self.year.setCurrentIndex(max(0, self.year.findData(shown if shown in years else self.this_year)))
        self.year.blockSignals(False)
        self.show_year()

    def current_year(self) -> int:
        return int(self.year.currentData())

    def show_year(self) -> None:
        year = self.current_year()
        rows = calendar.holiday_rows(year)
        self.model.set_rows(rows)
        shipped = year in calendar.shipped_years()
        staff = sum(row.staff for row in rows)
        if shipped:
            text = f"{year}年的安排随程序提供（国务院办公厅通知），只读；如有更正，可录入个别日期覆盖。"
        elif staff:
            text = f"{year}年的安排由本机录入（{staff} 天），可录入或删除。"
        else:
            text = (f"{year}年的节假日安排尚未录入：期限按周一至周五计算。国务院办公厅公布后，"
                    "请逐日录入放假日期和调休上班日期。")
        self.status.setText(text)
        self.message.clear()
        self._update_buttons()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        self.delete.setEnabled(row is not None and row.staff)
        self.delete.setToolTip("" if row is None or row.staff else "随程序提供的安排不能删除")

    def add_date(self) -> None:
        dialog = HolidayDialog(self.current_year(), self)
        if self.open_dialog(dialog) and dialog.changes:
            self.changed.emit(dialog.changes)

    def delete_date(self) -> None:
        row = self.selected()
        if row is None or not row.staff:
            return
        if not self.confirm(self, f"删除 {row.day.isoformat()}（{row.kind}）？删除后按随程序提供的安排或周一至周五计算。"):
            return
        try:
            changes: Changes = calendar.remove_holiday(row.day)
        except UserError as error:
            self.message.setText(error.message)
            return
        self.changed.emit(changes)
