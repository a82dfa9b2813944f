"""Small pieces shared by the import wizard's pages and the import dialogs (tickets, ballots)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QPushButton, QTableView

from desktop_app.ui.widgets.plain_table import PlainTableModel


class WaitCursor:
    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc) -> None:
        QGuiApplication.restoreOverrideCursor()


def table_view(model: PlainTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setDefaultSectionSize(22)
    return view


def review_table(model: PlainTableModel, name: str) -> QTableView:
    """A read-only table of located rows (errors, changes): columns fit their text, no row numbers."""
    view = table_view(model, name)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)  # the 行 column says where
    return view


def import_buttons(start_import, close) -> tuple[QPushButton, QPushButton, QPushButton]:
    """导入, 只导入无误的行 and 取消 of an import dialog; `start_import(only_valid=...)` and `close()` on click."""
    import_all = QPushButton("导入")
    import_all.setObjectName("import_all")
    import_valid = QPushButton("只导入无误的行")
    import_valid.setObjectName("import_valid")
    close_button = QPushButton("取消")
    close_button.setObjectName("close")
    import_all.clicked.connect(lambda: start_import(only_valid=False))
    import_valid.clicked.connect(lambda: start_import(only_valid=True))
    close_button.clicked.connect(close)
    return import_all, import_valid, close_button
