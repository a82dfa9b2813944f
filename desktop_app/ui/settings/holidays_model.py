"""The dates of one year's holiday arrangement as a table: 日期, 星期, 类型, 说明, 来源."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.services.calendar import WEEKDAYS, HolidayRow

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("日期", "星期", "类型", "说明", "来源")
WORKED_COLOUR = QColor("#1a6f3c")  # a make-up workday reads green, a holiday the default colour
STAFF, SHIPPED = "本机录入", "随程序提供"


class HolidaysModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[HolidayRow] = []

    def set_rows(self, rows: Sequence[HolidayRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> HolidayRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.day.isoformat(), f"星期{WEEKDAYS[row.day.weekday()]}", row.kind, row.note,
                    STAFF if row.staff else SHIPPED)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2 and row.kind == "调休上班":
            return QBrush(WORKED_COLOUR)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
