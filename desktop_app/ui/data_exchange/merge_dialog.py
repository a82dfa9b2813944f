"""Merging district reports: read every file in the background, show the communities found, the files refused
(with the reason) and the duplicates (which report is kept), then save the merged report."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QTableView, QVBoxLayout, QWidget

from desktop_app.domain.errors import UserError
from desktop_app.ui.pages.base import PageContext
from desktop_app.ui.widgets.plain_table import PlainTableModel
from desktop_app.ui.widgets.saved_files import show_error, status_message

HEADER = ("文件", "情况", "说明")


class MergeReportsDialog(QDialog):
    def __init__(self, context: PageContext, paths: list[str], now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.paths = context, paths
        self.preview = None  # operations.reports.MergePreview once read
        self.setWindowTitle("合并多份报表")
        self.resize(900, 500)
        layout = QVBoxLayout(self)
        self.summary = QLabel(f"正在读取 {len(paths)} 份报表……")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.rows = PlainTableModel(HEADER)
        view = QTableView()
        view.setModel(self.rows)
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(view, 1)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("保存合并报表…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(self.reject)
        layout.addWidget(buttons)

        def read(progress):
            from desktop_app.operations.reports import preview_merge

            return preview_merge(paths, now=now, progress=progress)

        context.runner.run("正在读取报表……", read, self.show_preview, parent=self, write=False,
                           on_error=lambda error: show_error(self, "无法合并", error, (UserError, OSError)))

    def show_preview(self, preview) -> None:
        self.preview = preview
        rows = [(report.path.name, "合并", f"{'、'.join(p.name for p in report.communities)}：{report.estates} 个小区、"
                 f"{report.projects} 个项目") for report in preview.inputs]
        rows += [(refused.path.name, "拒绝", refused.reason) for refused in preview.refused]
        rows += [("、".join(p.name for p in (note.kept, *note.dropped)), "重复", note.text) for note in preview.duplicates]
        self.rows.set_rows(HEADER, rows)
        if preview.can_write:
            self.summary.setText(f"可合并 {len(preview.inputs)} 份报表，共 {len(preview.communities)} 个社区。"
                                 "数量和金额相加，比例由合计数重新计算。")
        else:
            self.summary.setText("有报表被拒绝（见下表），不能合并。请去掉或更换这些文件后重试。")
        self.save_button.setEnabled(preview.can_write)

    def save(self, path: str | None = None) -> None:
        from desktop_app.operations.reports import write_merged

        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "保存合并报表", "合并报表.xlsx", "Excel 工作簿 (*.xlsx)")
            if not path:
                return
        preview = self.preview

        def done(written) -> None:
            status_message(self.parentWidget() or self, f"合并报表已保存到 {written.path}")
            self.summary.setText(f"合并报表已保存到 {written.path}")

        self.context.runner.run("正在保存合并报表……", lambda progress: write_merged(preview, path), done, parent=self,
                                write=False, on_error=lambda error: show_error(self, "保存失败", error, (UserError, OSError)))
