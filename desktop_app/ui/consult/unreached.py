"""未走访户: the rooms of the scope with no opinion (in the chosen event, or in the page's date range), and
their 入户走访登记表 printed in one batch so the next round can take them along (through the shared print
operation, operations.printing.documents, as the 打印中心 prints them)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, \
    QWidget

from desktop_app.documents.visit_form import TITLE as VISIT_TITLE
from desktop_app.operations.printing import Saved, print_to_file, visit_forms_request
from desktop_app.services.changes import Topic
from desktop_app.domain.errors import UserError
from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.services.consult import events as service
from desktop_app.ui.consult.models import RecordTableModel, record_view
from desktop_app.ui.consult.tab import ConsultTab
from desktop_app.ui.widgets.date_range import DateRange
from desktop_app.ui.widgets.saved_files import show_error
from desktop_app.ui.pages.base import PageContext

USER_ERRORS = (UserError, OSError)


class UnreachedModel(RecordTableModel[service.UnreachedRoom]):
    columns = ("小区", "楼栋", "单元", "房号", "业主")

    def cells(self, record: service.UnreachedRoom) -> tuple[str, ...]:
        return (record.estate, record.building, record.unit, record.number, record.owner_names)

    def record_id(self, record: service.UnreachedRoom) -> int:
        return record.room_id


class UnreachedTab(ConsultTab):
    depends_on = frozenset({Topic.CONSULTATIONS, Topic.OPINIONS, Topic.ROLL})

    def __init__(self, context: PageContext, dates: DateRange, parent: QWidget | None = None) -> None:
        super().__init__(context, dates, parent)
        self.ask_save_path: Callable[[str], str] = self._ask_save_path  # tests answer for the user
        self.model = UnreachedModel(self)
        self.table = record_view("unreached_table", self.model)
        self.event_combo = QComboBox()
        self.event_combo.setObjectName("unreached_event")
        self.event_combo.setMinimumWidth(280)
        self.event_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.count = QLabel()
        self.count.setObjectName("unreached_count")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.print_button = QPushButton("生成这些户的入户走访登记表（PDF）…")
        self.print_button.setObjectName("print_unreached")
        self.print_button.clicked.connect(self.print_forms)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("统计依据"))
        bar.addWidget(self.event_combo)
        bar.addWidget(self.count, 1)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def refresh(self) -> None:
        current = self.event_combo.currentData()
        self.event_combo.blockSignals(True)
        self.event_combo.clear()
        self.event_combo.addItem("页面日期范围内的全部意见", None)
        for event in service.list_events(self.scope, covering=True):
            self.event_combo.addItem(f"活动：{event.held_on.isoformat()} {event.kind} {event.title}".rstrip(), event.id)
        self.event_combo.setCurrentIndex(max(0, self.event_combo.findData(current)))
        self.event_combo.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        event_id = self.event_combo.currentData()
        if event_id is None:
            start, end = self.date_range()
            rooms = service.households_not_reached(self.scope, start=start, end=end)
        else:
            rooms = service.households_not_reached(self.scope, event_id)
        self.model.set_records(rooms)
        self.table.resizeColumnsToContents()
        self.count.setText(f"未走访 {len(rooms)} 户")
        self.print_button.setEnabled(bool(rooms) and self.scope.level is not ScopeLevel.ALL)
        self.print_button.setToolTip("" if self.scope.level is not ScopeLevel.ALL else "请先在范围中选择街道、社区或小区")

    def _ask_save_path(self, suggested: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(self, "保存入户走访登记表", str(Path.home() / suggested),
                                                    "PDF 文件 (*.pdf)")
        return path

    def print_forms(self) -> None:
        rooms = list(self.model.records)
        scope, today = self.scope, self.today()
        path = self.ask_save_path(f"{VISIT_TITLE}（未走访户）.pdf")
        if not path or not rooms:
            return

        request = visit_forms_request(scope, ((room.estate, room.building, room.unit, room.number) for room in rooms),
                                      f"{VISIT_TITLE}（未走访 {len(rooms)} 户）", today)

        def job(progress) -> Saved:
            return print_to_file(request, path, progress)

        def done(saved: Saved) -> None:
            self.context.changes.emit(saved.changes)
            self.status.setText(f"已保存到“{path}”，共 {saved.produced.pages} 页。")

        self.context.runner.run("正在生成入户走访登记表", job, done, parent=self, write=True,
                                on_error=self._failed, on_cancel=lambda: self.status.setText("已取消，未生成文件。"))

    def _failed(self, error: BaseException) -> None:
        """Said in the user's words as every other save of the page says it (a file that cannot be written,
        nothing to print); anything else is a bug and is raised."""
        show_error(self, "入户走访登记表未生成", error, USER_ERRORS)
        self.status.setText("未能生成入户走访登记表。")
