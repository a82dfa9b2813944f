"""The rooms table as a Qt model over an ordered list of room ids, rows fetched lazily in pages."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.services import queries
from desktop_app.services.scope import ALL, Scope

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200
MAX_CACHED_ROWS = 20_000
_RIGHT_ALIGNED = {"floor", "area"}
RoomIdRole = Qt.ItemDataRole.UserRole + 1


class RoomTableModel(QAbstractTableModel):
    """Sort and filter run in SQL (`services.queries.room_ids`); `data()` reads a page-sized row cache."""

    def __init__(self, parent=None, *, located: queries.LocatedRooms | None = None) -> None:
        super().__init__(parent)
        self.located = located  # the workspace's cache of the location order (None: read each time)
        self._ids: list[int] = []
        self._cache: dict[int, queries.RoomRow] = {}
        self.scope: Scope = ALL
        self.filter_text = ""
        self.sort_key: str | None = None
        self.descending = False
        self.keys = [key for key, _ in queries.ROOM_COLUMNS]
        self._ascending: tuple[tuple, list[int]] | None = None  # (scope, filter, sort), ids ascending

    # --- what is shown
    def reload(self, scope: Scope | None = None, filter_text: str | None = None) -> None:
        """Re-read the ids (after a scope or filter change, or after data changed)."""
        if scope is not None:
            self.scope = scope
        if filter_text is not None:
            self.filter_text = filter_text
        self._ascending = None
        self._load()

    def _load(self) -> None:
        """Query the ids; the reverse direction of the last query is its list reversed (no SQL)."""
        key = (self.scope, self.filter_text.strip(), self.sort_key)
        if self._ascending is not None and self._ascending[0] == key:
            ids = self._ascending[1]
        else:
            ids = queries.room_ids(*key, cache=self.located)
            self._ascending = (key, ids)
        self.beginResetModel()
        self._ids = ids[::-1] if self.descending else ids
        self._cache.clear()
        self.endResetModel()

    def refresh_rows(self) -> None:
        """Forget cached rows after an edit (the order and the ids stay)."""
        self._cache.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.keys) - 1))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column >= len(self.keys):
            return
        self.sort_key = self.keys[column] if column >= 0 else None  # -1: the location order
        self.descending = order == Qt.SortOrder.DescendingOrder
        self._load()

    # --- access by row
    def room_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, room_id: int) -> int:
        try:
            return self._ids.index(room_id)
        except ValueError:
            return -1

    def room_row(self, row: int) -> queries.RoomRow | None:
        room_id = self.room_id(row)
        if room_id is None:
            return None
        cached = self._cache.get(room_id)
        if cached is None:
            self._fetch_page(row)
            cached = self._cache.get(room_id)
        return cached

    def _fetch_page(self, row: int) -> None:
        if len(self._cache) > MAX_CACHED_ROWS:
            self._cache.clear()
        start = row - row % PAGE_SIZE
        self._cache.update(queries.room_rows(self._ids[start:start + PAGE_SIZE]))

    # --- the Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.keys)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            row = self.room_row(index.row())
            return row.cells[index.column()] if row is not None else ""
        if role == RoomIdRole:
            return self._ids[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.keys[index.column()] in _RIGHT_ALIGNED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.keys):
            return queries.ROOM_COLUMNS[section][1]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._ids):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
