"""A read-only table model over rows of plain text (previews, error lists), one row optionally marked."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont


Index = QModelIndex | QPersistentModelIndex
MARK_COLOUR = QColor("#fff2cc")


class PlainTableModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str] = (), rows: Sequence[Sequence[str]] = (), parent=None) -> None:
        super().__init__(parent)
        self.headers: list[str] = list(headers)
        self.rows: list[tuple[str, ...]] = [tuple(row) for row in rows]
        self.row_labels: list[str] | None = None
        self.marked_row = -1

    def set_rows(self, headers: Sequence[str], rows: Sequence[Sequence[str]],
                 row_labels: Sequence[str] | None = None) -> None:
        self.beginResetModel()
        self.headers = list(headers)
        self.rows = [tuple(row) for row in rows]
        self.row_labels = list(row_labels) if row_labels is not None else None
        self.marked_row = -1
        self.endResetModel()

    def mark(self, row: int) -> None:
        """Highlight one row (the header row of a sheet preview)."""
        previous, self.marked_row = self.marked_row, row
        for changed in {previous, row}:
            if 0 <= changed < len(self.rows) and self.headers:
                self.dataChanged.emit(self.index(changed, 0), self.index(changed, len(self.headers) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            row = self.rows[index.row()]
            return row[index.column()] if index.column() < len(row) else ""
        if index.row() == self.marked_row:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(MARK_COLOUR)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        if self.row_labels is not None and 0 <= section < len(self.row_labels):
            return self.row_labels[section]
        return str(section + 1) if 0 <= section < len(self.rows) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
