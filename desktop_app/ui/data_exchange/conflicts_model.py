"""The conflicts of a sync file, field by field, ours beside theirs, each with a check box "采用对方"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.domain.sync_merge import field_label

Index = QModelIndex | QPersistentModelIndex
HEADER = ("记录", "字段", "本机", "对方", "采用对方")
TAKE_THEIRS = 4


def _text(value: object) -> str:
    if value is None:
        return "（空）"
    return str(value)


class ConflictsModel(QAbstractTableModel):
    """Rows are `services.sync.Conflict`s; `choices()` gives what the merge takes from theirs."""

    def __init__(self, conflicts: Sequence[Any] = (), parent=None) -> None:
        super().__init__(parent)
        self.conflicts = list(conflicts)
        self.taken: set[int] = set()  # rows whose field is taken from theirs

    def set_conflicts(self, conflicts: Sequence[Any]) -> None:
        self.beginResetModel()
        self.conflicts = list(conflicts)
        self.taken = set()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.conflicts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADER)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.conflicts):
            return None
        conflict, column = self.conflicts[index.row()], index.column()
        if column == TAKE_THEIRS:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if index.row() in self.taken else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.DisplayRole:
                return "对方" if index.row() in self.taken else "本机"
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (conflict.label, field_label(conflict.table, conflict.field), _text(conflict.ours), _text(conflict.theirs))[column]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == TAKE_THEIRS:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != TAKE_THEIRS or role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        self.set_taken([index.row()], checked)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADER[section] if orientation == Qt.Orientation.Horizontal else str(section + 1)
        return None

    def set_taken(self, rows: Sequence[int], taken: bool) -> None:
        for row in rows:
            if taken:
                self.taken.add(row)
            else:
                self.taken.discard(row)
            self.dataChanged.emit(self.index(row, TAKE_THEIRS), self.index(row, TAKE_THEIRS))

    def rows_of_records(self, rows: Sequence[int]) -> list[int]:
        """Every row of the records the given rows belong to (to choose a whole record at once)."""
        records = {(self.conflicts[row].table, self.conflicts[row].uid) for row in rows}
        return [row for row, c in enumerate(self.conflicts) if (c.table, c.uid) in records]

    def choices(self) -> dict[tuple[str, str], frozenset[str]]:
        """(table, uid) → the fields taken from theirs, as the merge expects them."""
        chosen: dict[tuple[str, str], set[str]] = {}
        for row in sorted(self.taken):
            conflict = self.conflicts[row]
            chosen.setdefault((conflict.table, conflict.uid), set()).add(conflict.field)
        return {key: frozenset(fields) for key, fields in chosen.items()}
