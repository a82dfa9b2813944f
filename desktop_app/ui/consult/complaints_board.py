"""投诉台账: the complaints of the scope and date range, filtered by status, category and estate, overdue
rows highlighted (逾期未办结 red; 超期办结 named in orange), the detail with its steps beside the table, a
new complaint, and the import of a 12345 ticket export."""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QSplitter,
    QVBoxLayout, QWidget,
)

from desktop_app.domain.complaints import CATEGORIES, CLOSED_LATE, OVERDUE_OPEN, STEPS
from desktop_app.services import queries
from desktop_app.services.scope import estate_of_scope
from desktop_app.services.changes import Changes, Topic
from desktop_app.services.consult import complaints
from desktop_app.ui.consult.complaint_dialog import ComplaintDialog
from desktop_app.ui.consult.complaint_panel import ComplaintPanel
from desktop_app.ui.consult.models import LATE_FOREGROUND, OVERDUE_BACKGROUND, RecordTableModel, record_view
from desktop_app.ui.consult.tab import ConsultTab
from desktop_app.ui.widgets.date_range import DateRange
from desktop_app.ui.pages.base import PageContext

STATUS_FILTERS = ("全部", complaints.OPEN, *STEPS)


class ComplaintsModel(RecordTableModel[complaints.ComplaintRow]):
    columns = ("工单号", "受理日期", "类别", "状态", "逾期", "办理期限", "小区", "房屋/地点", "投诉人", "内容", "来源",
               "办结日期", "满意度")
    OVERDUE_COLUMN = 4

    def cells(self, record: complaints.ComplaintRow) -> tuple[str, ...]:
        return (record.ticket_no, record.received_on.isoformat(), record.category, record.status,
                record.overdue_state, record.due_on.isoformat() if record.due_on else "", record.estate,
                record.room or record.address, record.complainant, record.text.replace("\n", " ")[:60],
                record.source, record.closed_on.isoformat() if record.closed_on else "", record.satisfaction)

    def background(self, record: complaints.ComplaintRow) -> QColor | None:
        return OVERDUE_BACKGROUND if record.overdue_state == OVERDUE_OPEN else None

    def foreground(self, record: complaints.ComplaintRow, column: int) -> QColor | None:
        if column == self.OVERDUE_COLUMN and record.overdue_state == CLOSED_LATE:
            return LATE_FOREGROUND
        return None


class ComplaintsTab(ConsultTab):
    depends_on = frozenset({Topic.COMPLAINTS, Topic.ROLL})

    def __init__(self, context: PageContext, dates: DateRange, parent: QWidget | None = None) -> None:
        super().__init__(context, dates, parent)
        self.today: Callable[[], date] = context.workspace.clock.today
        self.confirm_delete: Callable[[str], bool] = self._confirm_delete  # tests answer for the user
        self.rows: list[complaints.ComplaintRow] = []
        self.model = ComplaintsModel(self)
        self.table = record_view("complaints_table", self.model)  # newest first until a header is clicked
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_complaint())
        self.status_filter = self._combo("status_filter", [(s, None if s == "全部" else s) for s in STATUS_FILTERS])
        self.category_filter = self._combo("category_filter", [("全部类别", None)] + [(c, c) for c in CATEGORIES])
        self.estate_filter = self._combo("estate_filter", [("全部小区", None)])
        self.overdue_only = QCheckBox("只看逾期")
        self.overdue_only.setObjectName("overdue_only")
        self.overdue_only.toggled.connect(lambda _on: self.reload())
        self.count = QLabel()
        self.count.setObjectName("complaints_count")
        self.panel = ComplaintPanel(lambda: self.today())
        self.panel.today = lambda: self.today()
        self.panel.advanced.connect(self._advanced)
        filters = QHBoxLayout()
        for label, widget in (("状态", self.status_filter), ("类别", self.category_filter),
                              ("小区", self.estate_filter)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.overdue_only)
        filters.addStretch(1)
        for text, slot, name in (("登记投诉…", self.new_complaint, "new_complaint"),
                                 ("编辑…", self.edit_complaint, "edit_complaint"),
                                 ("删除", self.delete_complaint, "delete_complaint"),
                                 ("导入12345工单…", self.run_import, "import_tickets")):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            filters.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 440])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

    def _combo(self, name: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(lambda _i: self.reload())
        return combo

    # --- reading
    def refresh(self) -> None:
        self.reload()

    def reload(self) -> None:
        start, end = self.date_range()
        self.rows = complaints.list_complaints(
            self.scope, status=self.status_filter.currentData(), category=self.category_filter.currentData(),
            start=start, end=end, overdue_only=self.overdue_only.isChecked(), today=self.today())
        self._fill_estates()
        estate_id = self.estate_filter.currentData()
        shown = [row for row in self.rows if estate_id is None or row.estate_id == estate_id]
        current = self.panel.complaint_id
        self.model.set_records(shown)
        self.table.resizeColumnsToContents()
        overdue = sum(1 for row in shown if row.overdue_state == OVERDUE_OPEN)
        late = sum(1 for row in shown if row.overdue_state == CLOSED_LATE)
        self.count.setText(f"共 {len(shown)} 件，其中逾期未办结 {overdue} 件（红底），超期办结 {late} 件")
        row = self.model.row_of_id(current) if current is not None else -1
        if row >= 0:
            self.table.selectRow(row)
            self.panel.show_complaint(current)
        else:
            self.panel.show_complaint(None)

    def _fill_estates(self) -> None:
        """The estates that have complaints under the other filters (keeping the one chosen)."""
        chosen = self.estate_filter.currentData()
        estates = {row.estate_id: row.estate for row in self.rows if row.estate_id is not None}
        if chosen is not None and chosen not in estates:
            estates[chosen] = dict(queries.estate_choices()).get(chosen, "")
        self.estate_filter.blockSignals(True)
        self.estate_filter.clear()
        self.estate_filter.addItem("全部小区", None)
        for estate_id, name in sorted(estates.items(), key=lambda pair: pair[1]):
            self.estate_filter.addItem(name, estate_id)
        self.estate_filter.setCurrentIndex(max(0, self.estate_filter.findData(chosen)))
        self.estate_filter.blockSignals(False)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = self.model.record(current.row()) if current.isValid() else None
        if record is not None and record.id != self.panel.complaint_id:
            self.panel.show_complaint(record.id)

    def select(self, complaint_id: int) -> None:
        row = self.model.row_of_id(complaint_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self.panel.show_complaint(complaint_id if row >= 0 else None)

    # --- writing
    def _advanced(self, complaint_id: int) -> None:
        self.written(Changes.of(Topic.COMPLAINTS, ids=(complaint_id,)))
        self.select(complaint_id)

    def new_complaint(self) -> None:
        dialog = ComplaintDialog(self, estate_id=estate_of_scope(self.scope), today=self.today())
        if dialog.exec() and dialog.saved_id is not None:
            self.written(Changes.of(Topic.COMPLAINTS, ids=(dialog.saved_id,)))
            self.select(dialog.saved_id)

    def edit_complaint(self) -> None:
        complaint_id = self.panel.complaint_id
        if complaint_id is None:
            QMessageBox.information(self, "请先选择投诉", "请先在表格中选择一件投诉。")
            return
        if ComplaintDialog(self, complaint_id=complaint_id, today=self.today()).exec():
            self.written(Changes.of(Topic.COMPLAINTS, ids=(complaint_id,)))
            self.select(complaint_id)

    def _confirm_delete(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, "确认删除", text, parent=self)
        yes = box.addButton("删除", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is yes

    def delete_complaint(self) -> None:
        complaint_id = self.panel.complaint_id
        if complaint_id is None:
            return
        try:
            row = complaints.complaint_detail(complaint_id, self.today()).row
        except complaints.ComplaintError as error:
            QMessageBox.information(self, "删除投诉", str(error))
            self.written(Changes.of(Topic.COMPLAINTS, ids=(complaint_id,)))  # deleted elsewhere: re-read
            return
        text = f"删除投诉 {row.ticket_no or '（无工单号）'}（{row.received_on.isoformat()} {row.category}）及其办理记录？"
        if self.confirm_delete(text):
            changes = complaints.delete_complaint(complaint_id)
            self.panel.show_complaint(None)
            self.written(changes)

    def import_tickets(self, parent: QWidget) -> bool:
        """Ask for a 12345 ticket export and import it; the dialog is imported when first used."""
        from desktop_app.ui.consult.ticket_import_dialog import import_tickets

        return import_tickets(parent)

    def run_import(self) -> None:
        if self.import_tickets(self):
            self.written(Changes.of(Topic.COMPLAINTS))
