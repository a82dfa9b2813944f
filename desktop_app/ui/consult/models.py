"""Read-only table models of 征求意见 over plain rows: a row is a record; `cells(record)` gives its texts.

`RecordTableModel` holds the records; subclasses name the columns and colour rows. Sorting is the model's
own list (never a proxy), as the architecture asks.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, Generic, Sequence, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")
IdRole = Qt.ItemDataRole.UserRole + 1
OVERDUE_BACKGROUND = QColor("#f8d7da")
LATE_FOREGROUND = QColor("#a15c00")


class RecordTableModel(QAbstractTableModel, Generic[R]):
    columns: tuple[str, ...] = ()
    right_aligned: frozenset[int] = frozenset()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.records: list[R] = []
        self._cells: list[tuple[str, ...]] = []

    def set_records(self, records: Sequence[R], columns: Sequence[str] | None = None) -> None:
        """Show `records`; `columns` replaces the headers too (inside the same reset)."""
        self.beginResetModel()
        if columns is not None:
            self.columns = tuple(columns)
            self.right_aligned = self.aligned_right(self.columns)
        self.records = list(records)
        self._cells = [self.cells(record) for record in self.records]
        self.endResetModel()

    def cells(self, record: R) -> tuple[str, ...]:
        raise NotImplementedError

    def aligned_right(self, columns: tuple[str, ...]) -> frozenset[int]:
        return self.right_aligned

    def record_id(self, record: R) -> int | None:
        return getattr(record, "id", None)

    def record(self, row: int) -> R | None:
        return self.records[row] if 0 <= row < len(self.records) else None

    def row_of_id(self, record_id: int) -> int:
        return next((row for row, record in enumerate(self.records) if self.record_id(record) == record_id), -1)

    def background(self, record: R) -> QColor | None:
        return None

    def foreground(self, record: R, column: int) -> QColor | None:
        return None

    # --- the Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.records) \
                or not 0 <= index.column() < len(self.columns):
            return None
        record = self.records[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells[index.row()][index.column()]
        if role == IdRole:
            return self.record_id(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.right_aligned:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self.background(record)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = self.foreground(record, index.column())
            return QBrush(colour) if colour is not None else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section] if 0 <= section < len(self.columns) else None
        return str(section + 1) if 0 <= section < len(self.records) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        rows = sorted(range(len(self.records)), key=lambda row: self.sort_key(self._cells[row][column], column),
                      reverse=order == Qt.SortOrder.DescendingOrder)
        new_row = {old: new for new, old in enumerate(rows)}
        self.records = [self.records[row] for row in rows]
        self._cells = [self._cells[row] for row in rows]
        for index in self.persistentIndexList():
            if index.isValid():
                self.changePersistentIndex(index, self.index(new_row[index.row()], index.column()))
        self.layoutChanged.emit()

    def sort_key(self, text: str, column: int) -> tuple:
        if column in self.right_aligned:
            try:
                return (0, Decimal(text.replace(",", "").rstrip("%")), text)
            except InvalidOperation:
                return (1, Decimal(0), text)
        return (0, Decimal(0), text)


def record_view(name: str, model: QAbstractTableModel, *, sortable: bool = True) -> QTableView:
    """A read-only, row-selecting table in the style of the rooms table; sortable ones start in the service's
    order (no sort indicator until the user clicks a header)."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setResizeContentsPrecision(100)  # fitting columns reads 100 rows, not thousands
    if sortable:
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    return view
