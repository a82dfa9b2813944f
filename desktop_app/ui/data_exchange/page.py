"""数据交换 page: one place for every workbook that leaves or enters this installation.

- 区县报表: the district report of the window's scope (plan years, 统计日期), and merging reports from several
  communities or streets (a preview of what is merged, what is refused and which duplicate is kept).
- 两台电脑同步: export a sync file of the window's scope; import one with a preview of what will change and the
  conflicts side by side (`sync_dialog.SyncImportDialog`); the history of exchanges.
- 名册与改造计划: the roll and the district's plan, the same actions as on their own pages.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit, QFileDialog, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSpinBox,
    QTableView, QVBoxLayout, QWidget,
)

from desktop_app.domain.errors import UserError
from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.services.changes import Topic
from desktop_app.services.scope import Scope, estate_of_scope, scope_label
from desktop_app.ui.pages.base import Page, PageContext
from desktop_app.ui.widgets.plain_table import PlainTableModel
from desktop_app.ui.widgets.saved_files import show_error, status_message

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
NO_YEAR = 1999  # the spin boxes' "不限"
HISTORY_HEADER = ("时间", "方向", "文件", "对方安装编号", "范围", "记录数", "操作人")


def file_scope(scope: Scope) -> Scope:
    """The scope a file is written for: a building or unit is written as its estate."""
    if scope.level in (ScopeLevel.BUILDING, ScopeLevel.UNIT):
        estate = estate_of_scope(scope)
        return Scope(ScopeLevel.ESTATE, estate) if estate is not None else scope
    return scope


def _year_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(NO_YEAR, 2100)
    box.setSpecialValueText("不限")
    box.setValue(NO_YEAR)
    return box


class DataExchangePage(Page):
    title = "数据交换"
    depends_on = frozenset(Topic)  # an import may touch anything, and the history follows every exchange

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        self.scope_note = QLabel()
        self.scope_note.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.scope_note)
        layout.addWidget(self._report_box())
        layout.addWidget(self._sync_box(), 1)
        layout.addWidget(self._files_box())
        self.refresh()

    # --- the three boxes
    def _report_box(self) -> QGroupBox:
        box = QGroupBox("区县报表（不含姓名、证件号码和电话）")
        grid = QGridLayout(box)
        self.from_year, self.to_year = _year_box(), _year_box()
        self.as_of = QDateEdit()
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setDate(QDate(self.context.workspace.clock.today()))
        row = QHBoxLayout()
        for widget in (QLabel("计划年度"), self.from_year, QLabel("至"), self.to_year, QLabel("统计日期"), self.as_of):
            row.addWidget(widget)
        row.addStretch(1)
        grid.addLayout(row, 0, 0, 1, 2)
        self.report_button = QPushButton("生成区县报表…")
        self.report_button.clicked.connect(self.write_report)
        self.merge_button = QPushButton("合并多份报表…")
        self.merge_button.clicked.connect(self.merge_reports)
        buttons = QHBoxLayout()
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 1, 0, 1, 2)
        hint = QLabel("各社区、街道的报表可合并为街道或区的报表：数量和金额相加，比例由合计数重新计算，同一社区出现两次时采用较新的一份。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        grid.addWidget(hint, 2, 0, 1, 2)
        return box

    def _sync_box(self) -> QGroupBox:
        box = QGroupBox("两台电脑同步（同步文件含个人信息，请妥善保管）")
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.export_sync_button = QPushButton("导出同步文件…")
        self.export_sync_button.clicked.connect(self.export_sync)
        self.import_sync_button = QPushButton("导入同步文件…")
        self.import_sync_button.clicked.connect(self.import_sync)
        row.addWidget(self.export_sync_button)
        row.addWidget(self.import_sync_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(QLabel("交换记录"))
        self.history = PlainTableModel(HISTORY_HEADER)
        self.history_view = QTableView()
        self.history_view.setModel(self.history)
        self.history_view.verticalHeader().hide()
        self.history_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.history_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history_view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.history_view, 1)
        return box

    def _files_box(self) -> QGroupBox:
        box = QGroupBox("名册与改造计划")
        row = QHBoxLayout(box)
        for caption, slot in (("导入名册…", self.import_roll), ("导出名册…", self.export_roll),
                              ("名册模板…", self.roll_template), ("导入改造计划…", self.import_plan),
                              ("导出改造计划…", self.export_plan)):
            button = QPushButton(caption)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        return box

    # --- reading
    def refresh(self) -> None:
        self.scope_note.setText(f"导出范围：{scope_label(file_scope(self.context.scope.scope))}（随窗口上方的范围）")
        self.context.runner.run("正在读取交换记录……", lambda progress: self._history_rows(), self._show_history,
                                parent=self, write=False)

    @staticmethod
    def _history_rows() -> list[tuple[str, ...]]:
        from desktop_app.services.sync import exchange_history

        rows = []
        for exchange in exchange_history():
            at = exchange.at[:19].replace("T", " ")
            rows.append((at, exchange.direction_label, exchange.file, exchange.peer_origin[:8], exchange.scope,
                         f"{sum(exchange.counts.values()):,}", exchange.actor))
        return rows

    def _show_history(self, rows: list[tuple[str, ...]]) -> None:
        self.history.set_rows(HISTORY_HEADER, rows)

    def years(self) -> tuple[int | None, int | None]:
        first, last = self.from_year.value(), self.to_year.value()
        return (None if first == NO_YEAR else first, None if last == NO_YEAR else last)

    # --- 区县报表
    def write_report(self, path: str | None = None) -> None:
        from desktop_app.operations.reports import ReportWritten, write_district_report

        scope = file_scope(self.context.scope.scope)
        if not path:
            name = f"{scope_label(scope).replace(' › ', '')}改造工作报表.xlsx".replace("全部改造", "改造")
            path, _ = QFileDialog.getSaveFileName(self, "生成区县报表", name, XLSX_FILTER)
            if not path:
                return
        years, as_of, now = self.years(), self.as_of.date().toPython(), self.context.workspace.clock.now()

        def done(written: ReportWritten) -> None:
            status_message(self, f"区县报表已保存到 {written.path}（{written.estates} 个小区、{written.projects} 个项目）")

        self.context.runner.run(
            "正在生成区县报表……", lambda progress: write_district_report(path, scope, years, as_of, now=now), done,
            parent=self, write=False, on_error=lambda error: show_error(self, "生成区县报表失败", error, (UserError, OSError)))

    def merge_reports(self, paths: list[str] | None = None) -> None:
        from desktop_app.ui.data_exchange.merge_dialog import MergeReportsDialog

        if not paths:
            paths, _ = QFileDialog.getOpenFileNames(self, "选择要合并的报表", "", XLSX_FILTER)
            if not paths:
                return
        self.merge_dialog = MergeReportsDialog(self.context, paths, datetime.now(), self)
        self.merge_dialog.open()

    # --- 两台电脑同步
    def export_sync(self, path: str | None = None) -> None:
        from desktop_app.operations.sync import SyncExported, export_sync

        scope = file_scope(self.context.scope.scope)
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "导出同步文件", "同步文件.xlsx", XLSX_FILTER)
            if not path:
                return

        def done(exported: SyncExported) -> None:
            status_message(self, f"同步文件已保存到 {exported.path}（{exported.records:,} 条记录）。文件含个人信息，请妥善保管。")
            self.refresh()

        self.context.runner.run("正在导出同步文件……", lambda progress: export_sync(path, scope), done, parent=self,
                                on_error=lambda error: show_error(self, "导出同步文件失败", error, (UserError, OSError)))

    def import_sync(self, path: str | None = None) -> None:
        from desktop_app.ui.data_exchange.sync_dialog import SyncImportDialog

        if not path:
            path, _ = QFileDialog.getOpenFileName(self, "导入同步文件", "", XLSX_FILTER)
            if not path:
                return
        self.sync_dialog = SyncImportDialog(self.context, path, self)
        self.sync_dialog.open()

    # --- 名册与改造计划 (the same actions as the 文件 menu and the 项目与资金 page)
    def import_roll(self) -> None:
        from desktop_app.ui.roll import import_roll

        import_roll(self, self.context.runner, self.context.changes.emit, today=self.context.workspace.clock.today())

    def export_roll(self) -> None:
        from desktop_app.ui.roll import export_roll

        export_roll(self.window(), self.context.runner)

    def roll_template(self) -> None:
        from desktop_app.ui.roll import save_template

        save_template(self.window())

    def import_plan(self) -> None:
        from desktop_app.ui.projects import import_plan

        import_plan(self.context, self)

    def export_plan(self) -> None:
        from desktop_app.ui.projects import export_plan

        export_plan(self.context, self)
