"""Start the window: fonts, logging, the crash dialog, the workspace (the database), first-start help."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import APP_NAME, ORG_NAME
from desktop_app.paths import BUNDLED_FONT, log_file_path
from desktop_app.services.workspace import DatabaseOpenError, Workspace
from desktop_app.ui.crash import install_excepthook, setup_logging

log = logging.getLogger(__name__)


def install_fonts(app: QApplication) -> list[str]:
    """Register the bundled CJK font and put it behind the default family, so Chinese never shows as boxes."""
    font_id = QFontDatabase.addApplicationFont(str(BUNDLED_FONT))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = app.font()
        font.setFamilies([font.family(), *families])
        app.setFont(font)
    else:
        log.warning("未能加载内置字体 %s", BUNDLED_FONT)
    return families


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    install_fonts(app)
    return app  # type: ignore[return-value]


def open_database_or_explain(path: str | Path) -> Workspace | Literal[False]:
    """Open the workspace on the database at `path`; a file we must not use is explained in a
    message box, never a traceback, and gives False."""
    try:
        return Workspace.open(path)
    except DatabaseOpenError as error:
        box = QMessageBox(QMessageBox.Icon.Critical, "无法打开数据库", str(error))
        box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return False


def run_gui(db_path: str | Path) -> int:
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.widgets.tasks import TaskRunner

    log_path = log_file_path()
    setup_logging(log_path)
    app = application()
    install_excepthook(log_path)
    workspace = open_database_or_explain(db_path)
    if workspace is False:
        return 1
    try:
        window = MainWindow(TaskRunner(workspace), workspace=workspace)
        window.show()
        QTimer.singleShot(0, window.offer_demo_if_empty)
        return app.exec()
    finally:
        workspace.close()
