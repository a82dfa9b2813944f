"""The change history (audit log) of one room or owner."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from desktop_app.services.roll import rooms

COLUMNS = ("时间", "操作人", "操作", "摘要", "变更内容")


class HistoryDialog(QDialog):
    def __init__(self, parent: QWidget | None, table_name: str, record_id: int) -> None:
        super().__init__(parent)
        self.setWindowTitle("变更记录")
        entries = rooms.history(table_name, record_id)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"共 {len(entries)} 条记录（最新的在前；证件号码和电话已隐去中间部分）"))
        self.table = QTableWidget(len(entries), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, entry in enumerate(entries):
            for column, text in enumerate((entry.at, entry.actor, entry.action, entry.summary, entry.details)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 360)
