"""File menu actions on the roll: import (the wizard), export, the template, and the first-start offer.

Export and template go through the shared operations (operations.roll.exporting), as the command line's
export-roll and roll-template do."""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from desktop_app.domain.errors import os_error_text
from desktop_app.services.changes import EVERYTHING, Changes, Topic

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"


def import_roll(parent: QWidget, runner, emit: Callable[[Changes], None], path: str | None = None, *,
                today: date) -> None:
    """The import wizard; `emit(changes)` when it wrote the roll."""
    from desktop_app.ui.roll.import_wizard import ImportWizard

    wizard = ImportWizard(parent, runner, path, today=today)
    wizard.exec()
    if wizard.imported:
        emit(Changes.of(Topic.ROLL))


def export_roll(window: QMainWindow, runner, path: str | None = None) -> None:
    """Write the roll of the chosen estate (or of everything) to a workbook, in the background."""
    from desktop_app.operations.roll.exporting import RollExported, export_roll, scope_estate_code

    if path is None:
        path, _ = QFileDialog.getSaveFileName(window, "导出名册", "房屋业主名册.xlsx", XLSX_FILTER)
        if not path:
            return
    code = scope_estate_code(window.scope_state.scope)  # type: ignore[attr-defined]

    def job(progress) -> RollExported:
        return export_roll(path, code)

    runner.run("正在导出名册……", job, lambda exported: window.statusBar().showMessage(
        f"已导出 {exported.rooms:,} 行到 {path}"), parent=window, write=False,
        on_error=lambda error: _failed(window, "导出失败", error))


def save_template(window: QMainWindow, path: str | None = None) -> None:
    from desktop_app.operations.roll.exporting import write_template

    if path is None:
        path, _ = QFileDialog.getSaveFileName(window, "下载名册模板", "房屋业主名册模板.xlsx", XLSX_FILTER)
        if not path:
            return
    try:
        write_template(path)
    except OSError as error:
        _failed(window, "保存模板失败", error)
        return
    window.statusBar().showMessage(f"名册模板已保存到 {path}")


def _failed(parent: QWidget, title: str, error: BaseException) -> None:
    if isinstance(error, OSError):
        QMessageBox.warning(parent, title, f"无法写入文件：{os_error_text(error)}（{getattr(error, 'filename', '')}）")
    else:
        raise error


def offer_first_start(window: QMainWindow, runner, emit: Callable[[Changes], None], today: date) -> None:
    """An empty database: offer the demo street (dated around `today`), the import wizard, or nothing for now."""
    from desktop_app.services.queries import has_any_estate

    if has_any_estate():
        return
    from desktop_app.services.demo import create_demo  # its generators load only when there is nothing yet
    box = QMessageBox(QMessageBox.Icon.Question, "欢迎使用", "数据库中还没有任何小区。您可以：", parent=window)
    box.setInformativeText("生成一个演示街道（2个社区、6个小区、约1500套房屋，均为虚构数据）先熟悉功能，"
                           "或者从已有的 Excel 名册导入。")
    demo = box.addButton("生成演示数据", QMessageBox.ButtonRole.AcceptRole)
    excel = box.addButton("从Excel导入名册", QMessageBox.ButtonRole.ActionRole)
    box.addButton("稍后", QMessageBox.ButtonRole.RejectRole)
    box.setObjectName("first_start")
    box.exec()
    if box.clickedButton() is demo:
        runner.run("正在生成演示数据……", lambda progress: create_demo(progress=progress, today=today),
                   lambda summary: (emit(EVERYTHING), window.statusBar().showMessage(
                       f"演示数据已生成：{summary.imported:,} 套房屋")), parent=window)
    elif box.clickedButton() is excel:
        import_roll(window, runner, emit, today=today)

