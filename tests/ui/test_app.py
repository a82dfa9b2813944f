"""Start-up: the bundled Chinese font, a database we must not open, the crash dialog and its log."""

from __future__ import annotations

import sqlite3
import sys

from PySide6.QtGui import QFontDatabase, QFontMetrics

from desktop_app.domain.errors import Cancelled, UserError
from desktop_app.ui.app import install_fonts, open_database_or_explain
from desktop_app.ui.crash import install_excepthook, setup_logging
from tests.ui.conftest import answer_next_box


def test_bundled_font_covers_chinese(qapp):
    families = install_fonts(qapp)
    assert families and families[0] in QFontDatabase.families()
    assert families[0] in qapp.font().families()
    metrics = QFontMetrics(qapp.font())
    assert all(metrics.inFontUcs4(ord(char)) for char in "房屋与业主首页")


def test_a_newer_database_is_explained_not_opened(qapp, tmp_path):
    path = tmp_path / "newer.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 999")
    connection.close()
    seen: list[str] = []
    answer_next_box("关闭", seen)
    assert open_database_or_explain(path) is False
    assert "更新版本" in seen[0]


def test_crash_dialog_logs_the_traceback(qapp, tmp_path, monkeypatch):
    log_path = tmp_path / "app.log"
    setup_logging(log_path)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(log_path)
    seen: list[str] = []
    answer_next_box("关闭", seen)
    try:
        raise RuntimeError("意外的错误")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert str(log_path) in seen[0] and "数据不受影响" in seen[0]
    for handler in __import__("logging").getLogger().handlers:
        handler.flush()
    assert "RuntimeError: 意外的错误" in log_path.read_text(encoding="utf-8")


def test_an_uncaught_user_error_is_its_message_not_a_crash(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(tmp_path / "app.log")
    seen: list[str] = []
    answer_next_box("确定", seen)
    try:
        raise UserError("表决已结束，不能重复结束")
    except UserError:
        sys.excepthook(*sys.exc_info())
    assert seen[0] == "表决已结束，不能重复结束"
    try:
        raise Cancelled()
    except Cancelled:
        sys.excepthook(*sys.exc_info())  # nothing to show: no box waits for an answer
