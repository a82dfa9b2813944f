"""The district's 改造计划 workbook from the window: import with the located-error preview, and export.

`import_plan(context, parent)` asks for the file, checks it in the background (`operations.projects`, the
same code as `desktop-app import-plan`) and shows every error in the roll import's table (工作表, 行, 列,
值, 原因), the projects that would be added or updated and the estates that would be created. Nothing is
written before 导入 is confirmed; a file with errors cannot be imported. `export_plan(context, parent)`
writes the projects of the window's scope in the same format.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from desktop_app.domain.errors import UserError, os_error_text
from desktop_app.operations.projects import PlanChecked, PlanImported, check_plan_file, export_plan as write_plan_file
from desktop_app.services.projects.plan_import import ADDED, UNCHANGED
from desktop_app.services.scope import scope_label
from desktop_app.ui.pages.base import PageContext
from desktop_app.ui.widgets.forms import error_label
from desktop_app.ui.widgets.import_review import ERROR_COLUMNS, error_rows
from desktop_app.ui.widgets.plain_table import PlainTableModel
from desktop_app.ui.widgets.saved_files import show_error, status_message
from desktop_app.ui.widgets.wizard_parts import review_table

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
PROJECT_COLUMNS = ("行", "项目编号", "项目名称", "变化", "变化的内容")
ESTATE_COLUMNS = ("小区编码", "小区名称", "街道", "社区", "涉及项目")


def import_plan(context: PageContext, parent: QWidget) -> None:
    """Ask for a plan workbook and import it after the preview and a confirmation."""
    path, _ = QFileDialog.getOpenFileName(parent, "导入改造计划", "", XLSX_FILTER)
    if not path:
        return
    PlanImportDialog(context, path, parent).exec()


def export_plan(context: PageContext, parent: QWidget) -> None:
    """Ask where to save, then write the projects of the window's scope as a 改造计划 workbook."""
    path, _ = QFileDialog.getSaveFileName(parent, "导出改造计划", "改造计划.xlsx", XLSX_FILTER)
    if not path:
        return
    scope = context.scope.scope

    def done(exported) -> None:
        text = f"已导出 {exported.projects} 个项目（{scope_label(scope)}）到：\n{exported.path}"
        status_message(parent, text.replace("\n", ""))
        QMessageBox.information(parent, "导出改造计划", text)

    context.runner.run("正在导出改造计划……", lambda _progress: write_plan_file(path, scope), done, parent=parent,
                       write=False, on_error=lambda error: show_error(parent, "改造计划未导出", error,
                                                                      (UserError, OSError)))


class PlanImportDialog(QDialog):
    """The preview of one plan file; `imported` holds what the import wrote once it ran."""

    def __init__(self, context: PageContext, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.path = context, path
        self.checked: PlanChecked | None = None
        self.imported: PlanImported | None = None
        self.setWindowTitle(f"导入改造计划 — {Path(path).name}")
        self.counts = QLabel("正在读取和检查……")
        self.counts.setObjectName("counts")
        self.counts.setWordWrap(True)
        self.message = error_label()
        self.message.setObjectName("message")
        self.errors = PlainTableModel(ERROR_COLUMNS, parent=self)
        self.projects = PlainTableModel(PROJECT_COLUMNS, parent=self)
        self.estates = PlainTableModel(ESTATE_COLUMNS, parent=self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        for model, name in ((self.errors, "errors"), (self.projects, "projects"), (self.estates, "estates")):
            self.tabs.addTab(review_table(model, name), "")
        self.import_button = QPushButton("导入")
        self.import_button.setObjectName("import")
        self.import_button.clicked.connect(self.confirm_import)
        self.close_button = QPushButton("取消")
        self.close_button.setObjectName("close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.resize(960, 600)
        self._set_buttons()
        self.context.runner.run("正在读取和检查改造计划……",
                                lambda progress: check_plan_file(path, cancel=lambda: not progress(0, 0)),
                                self.show_preview, parent=self, write=False, on_error=self.failed,
                                on_cancel=lambda: self.counts.setText("已取消读取。"))

    def failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):  # ReadFailure included: the file cannot be read
            self.counts.setText(str(error))
        elif isinstance(error, OSError):
            self.counts.setText(f"无法读取文件：{os_error_text(error)}")
        else:
            raise error
        self._set_buttons()

    def show_preview(self, checked: PlanChecked) -> None:
        self.checked = checked
        errors = checked.errors
        self.errors.set_rows(ERROR_COLUMNS, error_rows(errors))
        preview = checked.preview
        changing = [c for c in preview.changes if c.kind != UNCHANGED] if preview and not errors else []
        self.projects.set_rows(PROJECT_COLUMNS, [
            (str(c.row), c.code, c.name, c.kind, "、".join(c.parts) if c.parts else ("全部" if c.kind == ADDED else ""))
            for c in changing])
        new_estates = preview.new_estates if preview and not errors else []
        self.estates.set_rows(ESTATE_COLUMNS, [(e.code, e.name, e.street, e.community, "、".join(e.projects))
                                               for e in new_estates])
        self.tabs.setTabText(0, f"错误（{len(errors):,}）")
        self.tabs.setTabText(1, f"将新增或更新的项目（{len(changing):,}）")
        self.tabs.setTabText(2, f"将新建的小区（{len(new_estates):,}）")
        self.tabs.setCurrentIndex(0 if errors else 1)
        if errors:
            self.counts.setText(f"“{checked.read.file}”共 {checked.projects:,} 个项目，发现 {len(errors):,} 处错误。"
                                "\n有错误时不会写入任何数据：请改正文件后重新导入。")
        elif preview is not None:
            text = (f"“{checked.read.file}”共 {checked.projects:,} 个项目：新增 {preview.added:,} 个，"
                    f"更新 {preview.updated:,} 个，未变 {preview.unchanged:,} 个；新建小区 {len(new_estates):,} 个。")
            if not (preview.added or preview.updated):
                text += "\n没有需要写入的变化。"
            self.counts.setText(text)
        self._set_buttons()

    def _changing(self) -> bool:
        preview = self.checked.preview if self.checked else None
        return bool(self.checked and self.checked.can_import and preview and (preview.added or preview.updated))

    def _set_buttons(self) -> None:
        self.import_button.setEnabled(self.imported is None and self._changing())
        self.close_button.setText("关闭" if self.imported is not None or not self._changing() else "取消")

    def confirm_import(self) -> None:
        checked = self.checked
        if checked is None or checked.preview is None or not self._changing():
            return
        preview = checked.preview
        box = QMessageBox(QMessageBox.Icon.Question, "导入改造计划",
                          f"将新增 {preview.added} 个项目，更新 {preview.updated} 个，新建小区 {len(preview.new_estates)} 个。"
                          "\n更新的项目按文件改写其信息、小区、改造内容和资金。确定导入吗？", parent=self)
        go = box.addButton("导入", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        if box.clickedButton() is not go:
            return
        from desktop_app.operations.projects import import_plan as apply

        self.import_button.setEnabled(False)
        self.context.runner.run("正在导入改造计划……", lambda _progress: apply(checked), self.finished_import,
                                parent=self, write=True, on_error=self.import_failed)

    def import_failed(self, error: BaseException) -> None:
        if not isinstance(error, UserError):
            raise error
        self.message.setText(str(error))
        self._set_buttons()

    def finished_import(self, imported: PlanImported) -> None:
        self.imported = imported
        self.context.changes.emit(imported.changes)
        self.counts.setText(f"导入完成：新增 {imported.added:,} 个项目，更新 {imported.updated:,} 个，"
                            f"未变 {imported.unchanged:,} 个；新建小区 {len(imported.new_estates):,} 个。")
        status_message(self, f"已导入改造计划“{Path(self.path).name}”")
        self._set_buttons()
