"""Logging to the log file, and the crash dialog for errors no user can cause (with the traceback).

A UserError that no page caught is still the user's to fix: it is shown as its message, not as a crash;
a Cancelled that escaped is a cancel and shows nothing."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.domain.errors import Cancelled, UserError

log = logging.getLogger("desktop_app")


def setup_logging(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    if any(getattr(h, "baseFilename", None) == handler.baseFilename for h in root.handlers):
        handler.close()
        return
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def crash_message(log_path: Path) -> str:
    return ("程序遇到了一个内部错误，刚才的操作没有完成；已保存的数据不受影响。\n\n"
            f"详细信息已写入日志文件：\n{log_path}\n\n请把该文件发给技术支持人员。")


def install_excepthook(log_path: Path) -> None:
    """Every uncaught exception is logged and shown in a dialog; the application keeps running."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        if issubclass(kind, Cancelled):
            return
        if isinstance(error, UserError) and QApplication.instance() is not None:
            log.info("未在页面中处理的提示：%s", error.message)
            box = QMessageBox(QMessageBox.Icon.Warning, "提示", error.message)
            box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
            box.exec()
            return
        text = "".join(traceback.format_exception(kind, error, trace))
        log.error("未处理的错误：\n%s", text)
        if QApplication.instance() is None:
            sys.__excepthook__(kind, error, trace)
            return
        box = QMessageBox(QMessageBox.Icon.Critical, "程序错误", crash_message(log_path))
        box.setDetailedText(text)
        box.addButton("关闭", QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    sys.excepthook = hook
