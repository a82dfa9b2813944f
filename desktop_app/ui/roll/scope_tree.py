"""The lazy tree 街道 › 社区 › 小区 › 楼栋 › 单元 as a Qt item model (children fetched on expansion)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.services import queries
from desktop_app.services.scope import ALL, Scope, scope_path

Index = QModelIndex | QPersistentModelIndex
ScopeRole = Qt.ItemDataRole.UserRole + 1


class _Node:
    __slots__ = ("scope", "label", "parent", "children", "has_children", "row")

    def __init__(self, scope: Scope, label: str, parent: "_Node | None", has_children: bool, row: int) -> None:
        self.scope, self.label, self.parent = scope, label, parent
        self.has_children, self.row = has_children, row
        self.children: list[_Node] | None = None  # None = not fetched yet


class ScopeTreeModel(QAbstractItemModel):
    """Top item 全部 (the whole database); each level is queried the first time it is expanded."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._root = _Node(ALL, "", None, True, 0)
        self._root.children = [_Node(ALL, "全部", self._root, True, 0)]

    def reload(self) -> None:
        self.beginResetModel()
        self._root.children = [_Node(ALL, "全部", self._root, True, 0)]
        self.endResetModel()

    def _node(self, index: Index) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        node = self._node(parent)
        if column != 0 or node.children is None or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = index.internalPointer().parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.column() > 0:
            return 0
        children = self._node(parent).children
        return len(children) if children is not None else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:
        node = self._node(parent)
        return bool(node.children) if node.children is not None else node.has_children

    def canFetchMore(self, parent: Index) -> bool:
        node = self._node(parent)
        return node.children is None and node.has_children

    def fetchMore(self, parent: Index) -> None:
        node = self._node(parent)
        if node.children is not None:
            return
        found = queries.children(node.scope)
        if not found:
            node.children = []
            node.has_children = False
            return
        self.beginInsertRows(parent, 0, len(found) - 1)
        node.children = [_Node(child.scope, child.label, node, child.has_children, row)
                         for row, child in enumerate(found)]
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node = self._node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return node.label
        if role == ScopeRole:
            return node.scope.to_text()
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and section == 0:
            return "街道 › 社区 › 小区 › 楼栋 › 单元"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def scope_of(self, index: Index) -> Scope:
        return self._node(index).scope if index.isValid() else ALL

    def index_of(self, scope: Scope) -> QModelIndex:
        """The index of `scope`, fetching the levels above it as needed (invalid when not found)."""
        index = self.index(0, 0)
        for step in scope_path(scope):
            if self.canFetchMore(index):
                self.fetchMore(index)
            for row in range(self.rowCount(index)):
                child = self.index(row, 0, index)
                if self.scope_of(child) == step:
                    index = child
                    break
            else:
                return QModelIndex()
        return index
