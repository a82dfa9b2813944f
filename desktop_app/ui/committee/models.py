"""The page's tables: estates with their status (those with no managing body highlighted) and the due list."""

from __future__ import annotations

from datetime import date
from typing import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain.committee import OVERDUE
from desktop_app.services.committee import DueClock, EstateStatus

Index = QModelIndex | QPersistentModelIndex
WARN_COLOUR = QColor("#fde2e1")
OVERDUE_COLOUR = QColor("#b3261e")


def day_text(day: date | None) -> str:
    return "" if day is None else day.isoformat()


class EstatesModel(QAbstractTableModel):
    HEADERS = ("小区", "管理方式", "业委会", "逾期")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[EstateStatus] = []

    def set_rows(self, rows: Sequence[EstateStatus]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.HEADERS)

    @staticmethod
    def cell(status: EstateStatus, column: int) -> str:
        if column == 0:
            return status.estate_name
        if column == 1:
            mode = status.mode or "未记录"
            return f"{mode}（{status.company}）" if status.company else mode
        if column == 2:
            if status.case_id is None:
                state = "未成立"
            else:
                state = f"{status.path}：{status.stage or '未申请'}"
            return f"{state}；无管理主体" if status.no_managing_body else state
        return f"{status.overdue} 项" if status.overdue else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        status = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell(status, index.column())
        if role == Qt.ItemDataRole.BackgroundRole and status.no_managing_body:
            return QBrush(WARN_COLOUR)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3 and status.overdue:
            return QBrush(OVERDUE_COLOUR)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class DueModel(QAbstractTableModel):
    HEADERS = ("小区", "事项", "期限", "状态")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[DueClock] = []

    def set_rows(self, rows: Sequence[DueClock]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.HEADERS)

    @staticmethod
    def cell(due: DueClock, column: int) -> str:
        clock = due.clock
        if column == 0:
            return due.case.estate_name
        if column == 1:
            return clock.name
        if column == 2:
            return day_text(clock.due.end)
        return f"已逾期 {clock.days} 天" if clock.state == OVERDUE else f"还有 {clock.days} 天"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        due = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(due, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return due.clock.text
        if role == Qt.ItemDataRole.ForegroundRole and due.clock.state == OVERDUE:
            return QBrush(OVERDUE_COLOUR)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
