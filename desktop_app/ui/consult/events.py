"""活动: the consultation events of the scope and date range, and the form of the chosen one (validated as
you type; attachments added and opened; deleting asks first)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QMessageBox, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from desktop_app.domain.opinions import DOOR_TO_DOOR
from desktop_app.services.changes import Changes, Topic
from desktop_app.services.consult import events as service
from desktop_app.services.scope import scope_label
from desktop_app.ui.consult.models import RecordTableModel, record_view
from desktop_app.ui.consult.tab import ConsultTab
from desktop_app.ui.widgets.date_range import DateRange
from desktop_app.ui.consult.event_form import EventForm
from desktop_app.ui.pages.base import PageContext


class EventsModel(RecordTableModel[service.EventRecord]):
    columns = ("日期", "方式", "主题", "参加人数", "登记意见", "地点", "组织者", "范围")
    right_aligned = frozenset({3, 4})

    def cells(self, record: service.EventRecord) -> tuple[str, ...]:
        return (record.held_on.isoformat(), record.kind, record.title, str(record.attendance), str(record.opinions),
                record.place, record.organiser, record.scope_label or "全部")


def ask_delete(parent: QWidget, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, "确认删除", text, parent=parent)
    yes = box.addButton("删除", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setObjectName("confirm_delete")
    box.exec()
    return box.clickedButton() is yes


class EventsTab(ConsultTab):
    depends_on = frozenset({Topic.CONSULTATIONS, Topic.OPINIONS, Topic.ROLL})

    enter_opinions = Signal(int)  # 按此活动入户登记: the page shows 入户登记 for this event

    def __init__(self, context: PageContext, dates: DateRange, parent: QWidget | None = None) -> None:
        super().__init__(context, dates, parent)
        self.confirm: Callable[[QWidget, str], bool] = ask_delete  # tests answer for the user
        self.model = EventsModel(self)
        self.table = record_view("events_table", self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for column, width in enumerate((86, 64, 200, 64, 64, 100, 90)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.count = QLabel()
        self.form = EventForm(self.today)
        self.form.saved.connect(self._saved)
        new = QPushButton("新建活动")
        new.setObjectName("new_event")
        new.clicked.connect(self.new_event)
        self.delete_button = QPushButton("删除活动")
        self.delete_button.setObjectName("delete_event")
        self.delete_button.clicked.connect(self.delete_event)
        self.enter_button = QPushButton("按此活动入户登记")
        self.enter_button.setObjectName("enter_opinions")
        self.enter_button.setToolTip("到“入户登记”逐户录入这次入户走访的意见")
        self.enter_button.clicked.connect(lambda: self.form.event_id is not None
                                          and self.enter_opinions.emit(self.form.event_id))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.count, 1)
        bar.addWidget(new)
        bar.addWidget(self.delete_button)
        bar.addWidget(self.enter_button)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.table)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.form)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)
        self._update_buttons()

    def refresh(self) -> None:
        current = self.form.event_id
        self.model.set_records(service.list_events(self.scope, *self.date_range()))
        self.count.setText(f"{scope_label(self.scope)}：共 {self.model.rowCount()} 次征求意见活动")
        row = self.model.row_of_id(current) if current is not None else -1
        if row >= 0:
            self.table.selectRow(row)
        elif not self.form.dirty:
            self.table.clearSelection()
            self.form.start_new(self.scope)
        self._update_buttons()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = self.model.record(current.row()) if current.isValid() else None
        if record is None or record.id == self.form.event_id:
            return
        if self.form.dirty and not self._discard_ok():
            self._select(self.form.event_id)
            return
        self.form.load(record.id)
        self._update_buttons()

    def _update_buttons(self) -> None:
        saved = self.form.event_id is not None
        self.delete_button.setEnabled(saved)
        self.enter_button.setEnabled(saved and self.form.kind.currentText() == DOOR_TO_DOOR)

    def _select(self, event_id: int | None) -> None:
        row = self.model.row_of_id(event_id) if event_id is not None else -1
        self.table.blockSignals(True)
        self.table.selectionModel().blockSignals(True)
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.table.clearSelection()
        self.table.selectionModel().blockSignals(False)
        self.table.blockSignals(False)

    def _discard_ok(self) -> bool:
        answer = QMessageBox.question(self, "放弃修改", "当前活动有未保存的修改，放弃这些修改吗？",
                                      QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def new_event(self) -> None:
        if self.form.dirty and not self._discard_ok():
            return
        self._select(None)
        self.form.start_new(self.scope)
        self._update_buttons()
        self.form.focus_first()

    def _saved(self, event_id: int) -> None:
        self.written(Changes.of(Topic.CONSULTATIONS, ids=(event_id,)))
        self._select(event_id)
        self._update_buttons()

    def delete_event(self) -> None:
        event_id = self.form.event_id
        if event_id is None:
            return
        record = service.event(event_id)
        text = f"删除 {record.held_on.isoformat()} 的{record.kind}“{record.title or '（无主题）'}”？"
        if record.opinions:
            text += f"\n\n已登记的 {record.opinions} 条住户意见会保留，只是不再关联此活动。"
        if not self.confirm(self, text):
            return
        changes = service.delete_event(event_id)
        self.form.start_new(self.scope)
        self.written(changes)
