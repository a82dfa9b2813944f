"""Importing a sync file: read and check it in the background, show what would change and the conflicts side by
side (ours / theirs, field by field; take theirs per field or per record), then apply after confirmation.
Nothing is written until 导入 is confirmed; a file with errors cannot be imported."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton, QTableView, QTabWidget,
    QVBoxLayout, QWidget,
)

from desktop_app.domain.errors import UserError
from desktop_app.ui.data_exchange.conflicts_model import ConflictsModel
from desktop_app.ui.pages.base import PageContext
from desktop_app.ui.widgets.plain_table import PlainTableModel
from desktop_app.ui.widgets.saved_files import show_error

ERROR_HEADER = ("工作表", "行", "列", "值", "原因")
TABLE_HEADER = ("数据表", "新增", "更新", "删除", "未变")


def _table_label(name: str) -> str:
    from desktop_app.services.sync import TABLES

    table = TABLES.get(name)
    return table.sheet if table is not None else name


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class SyncImportDialog(QDialog):
    def __init__(self, context: PageContext, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.path = context, path
        self.checked = None  # operations.sync.SyncChecked once read
        self.result = None  # the latest MergeResult (preview, then the applied one)
        self.setWindowTitle("导入同步文件")
        self.resize(1000, 600)
        layout = QVBoxLayout(self)
        self.summary = QLabel("正在读取……")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.conflicts = ConflictsModel()
        self.conflicts_view = _table(self.conflicts)
        conflicts_page = QWidget()
        inner = QVBoxLayout(conflicts_page)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(QLabel("同一记录两边都改过：默认保留本机，勾选“采用对方”的字段取对方的值。"))
        inner.addWidget(self.conflicts_view, 1)
        buttons = QHBoxLayout()
        for caption, slot in (("所选记录全部采用对方", lambda: self._take_selected(True)),
                              ("所选记录全部保留本机", lambda: self._take_selected(False)),
                              ("全部采用对方", lambda: self._take_all(True)), ("全部保留本机", lambda: self._take_all(False))):
            button = QPushButton(caption)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        inner.addLayout(buttons)
        self.tabs.addTab(conflicts_page, "冲突")
        self.errors = PlainTableModel(ERROR_HEADER)
        self.tabs.addTab(_table(self.errors), "错误")
        self.by_table = PlainTableModel(TABLE_HEADER)
        self.tabs.addTab(_table(self.by_table), "各表变化")
        layout.addWidget(self.tabs, 1)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.confirm_import)
        close = self.buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.context.runner.run("正在检查同步文件……", lambda progress: self._read(), self.show_preview, parent=self,
                                write=False, on_error=self.failed)

    def _read(self):
        from desktop_app.operations.sync import check_sync_file, preview_sync

        checked = check_sync_file(self.path)
        return checked, preview_sync(checked)

    def failed(self, error: BaseException) -> None:
        self.summary.setText(f"无法导入：{error}")
        show_error(self, "无法导入同步文件", error, (UserError, OSError))

    def show_preview(self, read) -> None:
        self.checked, self.result = read
        result = self.result
        data = self.checked.data
        source = f"“{data.file}”来自安装 {data.origin[:8]}，导出于 {data.exported_at[:19].replace('T', ' ')}。"
        if result.errors:
            self.summary.setText(f"{source}文件有 {len(result.errors)} 处错误，不能导入（未写入任何数据）。")
            self.tabs.setCurrentIndex(1)
        else:
            self.summary.setText(
                f"{source}将新增 {result.added:,} 条、更新 {result.updated:,} 条、删除 {result.deleted:,} 条，"
                f"{result.unchanged:,} 条未变；冲突 {len(result.conflicts)} 处（默认保留本机）。")
        self.conflicts.set_conflicts(result.conflicts)
        self.conflicts_view.resizeColumnsToContents()
        self.errors.set_rows(ERROR_HEADER, [(e.sheet, str(e.row), e.column, str(e.value), e.reason) for e in result.errors])
        self.by_table.set_rows(TABLE_HEADER, [
            (_table_label(table), *(f"{counts.get(kind, 0):,}" for kind in ("added", "updated", "deleted", "unchanged")))
            for table, counts in result.by_table.items()])
        self.import_button.setEnabled(not result.errors)

    def _take_selected(self, taken: bool) -> None:
        rows = sorted({index.row() for index in self.conflicts_view.selectionModel().selectedRows()})
        self.conflicts.set_taken(self.conflicts.rows_of_records(rows), taken)

    def _take_all(self, taken: bool) -> None:
        self.conflicts.set_taken(range(self.conflicts.rowCount()), taken)

    def confirm_import(self) -> None:
        chosen = self.conflicts.choices()
        question = QMessageBox(QMessageBox.Icon.Question, "导入同步文件",
                               f"确定导入“{self.checked.data.file}”吗？冲突中 {len(self.conflicts.taken)} 处采用对方，"
                               f"其余保留本机。", parent=self)
        yes = question.addButton("导入", QMessageBox.ButtonRole.AcceptRole)
        no = question.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        question.setDefaultButton(no)
        question.exec()
        if question.clickedButton() is not yes:
            return
        checked = self.checked

        def apply(progress):
            from desktop_app.operations.sync import apply_sync

            return apply_sync(checked, chosen)

        self.import_button.setEnabled(False)
        self.context.runner.run("正在导入同步文件……", apply, self.finished_import, parent=self,
                                on_error=self.failed)

    def finished_import(self, result) -> None:
        self.result = result
        if result.changes:
            self.context.changes.emit(result.changes)
        kept = len(result.conflicts)
        self.summary.setText(f"已导入：新增 {result.added:,} 条、更新 {result.updated:,} 条、删除 {result.deleted:,} 条，"
                             f"{result.unchanged:,} 条未变" + (f"；{kept} 处冲突保留本机。" if kept else "。"))
        self.conflicts.set_conflicts(result.conflicts)
        self.import_button.setEnabled(False)
