"""The 打印记录 table: what was produced, when, for which scope, where it went."""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.services.printing.gather import PrintRecord, template_label

COLUMNS = ("时间", "文书", "标题", "范围", "页数", "输出", "操作人", "文件")
Index = QModelIndex | QPersistentModelIndex


def when_text(iso: str) -> str:
    """"2024-05-23T08:00:00.000+00:00" -> local "2024-05-23 16:00"."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


class PrintHistoryModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.records: list[PrintRecord] = []

    def set_records(self, records: Sequence[PrintRecord]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        record = self.records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(record, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (2, 3, 7):
            return self.cell(record, index.column())
        return None

    @staticmethod
    def cell(record: PrintRecord, column: int) -> str:
        period = ""
        if record.period_start and record.period_end:
            period = f"（公示期 {record.period_start} 至 {record.period_end}）"
        values = (when_text(record.produced_at), template_label(record.template), record.title + period,
                  record.scope_label, str(record.page_count), "打印机" if record.output == "printer" else "PDF 文件",
                  record.produced_by, record.file_path)
        return values[column] if 0 <= column < len(values) else ""
