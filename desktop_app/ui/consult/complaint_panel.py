"""The detail of one complaint on the board: its particulars, every handling step with date and who, and
the buttons that move it on (转办 / 办理 / 答复 / 办结) with the date, who, a note, the reply and the
resident's satisfaction. Only the steps ahead of its status are enabled."""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QTableView, QVBoxLayout, QWidget,
)

from desktop_app.domain.complaints import RECEIVED, SATISFACTION, STEPS, next_steps
from desktop_app.services.consult import complaints
from desktop_app.services.settings import operator_name
from desktop_app.ui.widgets.forms import error_label
from desktop_app.ui.widgets.plain_table import PlainTableModel

STEP_HEADERS = ("环节", "日期", "经办人", "说明")


class ComplaintPanel(QGroupBox):
    """`show_complaint(id)`; emits `advanced(id)` after a step or satisfaction was written."""

    advanced = Signal(int)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__("投诉详情", parent)
        self.complaint_id: int | None = None
        self.today = today  # the workspace's clock
        self.particulars = QLabel("请在左侧选择一件投诉")
        self.particulars.setObjectName("particulars")
        self.particulars.setWordWrap(True)
        self.steps_model = PlainTableModel(STEP_HEADERS, parent=self)
        self.steps = QTableView()
        self.steps.setObjectName("steps_table")
        self.steps.setModel(self.steps_model)
        self.steps.verticalHeader().setVisible(False)
        self.steps.horizontalHeader().setStretchLastSection(True)
        self.steps.verticalHeader().setDefaultSectionSize(24)
        self.steps.setMaximumHeight(24 * (len(STEPS) + 1) + 8)  # every step of a complaint without scrolling
        shown = today()
        self.on_date = QDateEdit(QDate(shown.year, shown.month, shown.day))
        self.on_date.setObjectName("step_date")
        self.on_date.setCalendarPopup(True)
        self.on_date.setDisplayFormat("yyyy-MM-dd")
        self.actor = QLineEdit()
        self.actor.setObjectName("step_actor")
        self.actor.setPlaceholderText("经办人（不填为当前操作员）")
        self.note = QLineEdit()
        self.note.setObjectName("step_note")
        self.note.setPlaceholderText("如：转施工单位项目部")
        self.reply = QPlainTextEdit()
        self.reply.setObjectName("reply")
        self.reply.setPlaceholderText("答复内容（办结前必须填写）")
        self.reply.setFixedHeight(64)
        self.satisfaction = QComboBox()
        self.satisfaction.setObjectName("satisfaction")
        self.satisfaction.addItem("（未回访）", "")
        for value in SATISFACTION:
            self.satisfaction.addItem(value, value)
        self.error = error_label()
        self.error.setObjectName("step_error")
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for step in STEPS[1:]:
            button = QPushButton(step)
            button.setObjectName(f"step_{step}")
            button.clicked.connect(lambda _checked=False, step=step: self.advance(step))
            row.addWidget(button)
            self.buttons[step] = button
        save_satisfaction = QPushButton("只记满意度")
        save_satisfaction.setObjectName("save_satisfaction")
        save_satisfaction.clicked.connect(self.save_satisfaction)
        row.addStretch(1)
        row.addWidget(save_satisfaction)
        self.save_satisfaction_button = save_satisfaction
        form = QFormLayout()
        form.addRow("日期", self.on_date)
        form.addRow("经办人", self.actor)
        form.addRow("说明", self.note)
        form.addRow("答复", self.reply)
        form.addRow("满意度", self.satisfaction)
        layout = QVBoxLayout(self)
        layout.addWidget(self.particulars)
        layout.addWidget(self.steps)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.show_complaint(None)

    def show_complaint(self, complaint_id: int | None) -> None:
        self.complaint_id = complaint_id
        self.error.setText("")
        if complaint_id is None:
            self.particulars.setText("请在左侧选择一件投诉")
            self.steps_model.set_rows(STEP_HEADERS, [])
            for widget in (*self.buttons.values(), self.save_satisfaction_button):
                widget.setEnabled(False)
            return
        detail = complaints.complaint_detail(complaint_id, self.today())
        row = detail.row
        where = " ".join(part for part in (row.estate, row.room, row.address) if part) or "（未填地点）"
        due = row.due_on.isoformat() if row.due_on else "无"
        overdue = f"　<b style='color:#b00020'>{row.overdue_state}</b>" if row.overdue_state else ""
        self.particulars.setText(
            f"<b>{row.ticket_no or '（无工单号）'}</b>　{row.source}　{row.category}　状态：<b>{row.status}</b>{overdue}<br>"
            f"受理 {row.received_at.replace('T', ' ')}　期限 {due}　地点：{where}<br>"
            f"投诉人：{row.complainant or '—'}　电话：{row.phone_masked or '—'}<br>"
            f"内容：{row.text or '—'}")
        self.steps_model.set_rows(STEP_HEADERS, [(s.step, s.on_date.isoformat(), s.actor, s.note)
                                                 for s in detail.steps])
        self.steps.resizeColumnsToContents()
        ahead = set(next_steps(row.status))
        for step, button in self.buttons.items():
            button.setEnabled(step in ahead)
        self.save_satisfaction_button.setEnabled(True)
        self.reply.setPlainText(row.reply)
        self.satisfaction.setCurrentIndex(max(0, self.satisfaction.findData(row.satisfaction)))
        self.note.clear()
        last = detail.steps[-1].on_date if detail.steps else row.received_on
        today = self.today()
        shown = max(last, min(today, row.closed_on or today))
        self.on_date.setDate(QDate(shown.year, shown.month, shown.day))

    def _date(self) -> date:
        value = self.on_date.date()
        return date(value.year(), value.month(), value.day())

    def advance(self, step: str) -> None:
        if self.complaint_id is None or step == RECEIVED:
            return
        satisfaction = self.satisfaction.currentData()
        try:
            complaints.advance(self.complaint_id, step, self._date(), self.actor.text().strip() or operator_name(),
                               self.note.text(), reply=self.reply.toPlainText(),
                               satisfaction=satisfaction if satisfaction else None, today=self.today())
        except complaints.ComplaintError as error:
            self.error.setText(str(error))
            return
        self.advanced.emit(self.complaint_id)

    def save_satisfaction(self) -> None:
        if self.complaint_id is None:
            return
        try:
            complaints.set_satisfaction(self.complaint_id, self.satisfaction.currentData())
        except complaints.ComplaintError as error:
            self.error.setText(str(error))
            return
        self.advanced.emit(self.complaint_id)
