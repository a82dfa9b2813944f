"""房屋与业主: the scope tree, the rooms table (sorted and filtered in SQL), and the room/owner dialogs."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.changes import Changes, Topic
from desktop_app.services.roll import rooms
from desktop_app.services.scope import Scope, estate_of_scope
from desktop_app.ui.roll.history_dialog import HistoryDialog
from desktop_app.ui.roll.owner_dialog import OwnerDialog
from desktop_app.ui.pages.base import Page, PageContext
from desktop_app.ui.roll.room_dialog import RoomDialog
from desktop_app.ui.roll.rooms_model import RoomTableModel
from desktop_app.ui.roll.scope_tree import ScopeTreeModel

FILTER_DELAY_MS = 250


class RoomsPage(Page):
    title = "房屋与业主"
    depends_on = frozenset({Topic.ROLL})

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.tree_model = ScopeTreeModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("scope_tree")
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.selectionModel().currentChanged.connect(self._tree_current_changed)
        self.model = RoomTableModel(self, located=context.workspace.located_rooms)
        self.table = QTableView()
        self.table.setObjectName("rooms_table")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # location order
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.doubleClicked.connect(lambda _index: self.edit_room())
        for column, width in enumerate((96, 56, 56, 56, 44, 90, 80, 150, 145, 108, 120)):
            self.table.setColumnWidth(column, width)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_room)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("filter")
        self.filter_edit.setPlaceholderText("筛选：房号、业主姓名或拼音首字母（如 zs）、电话尾号")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self.filter_timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(lambda _text: self.filter_timer.start())
        self.status = QLabel()
        self.splitter = QSplitter()
        self.splitter.setObjectName("rooms_splitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self._table_side())
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([190, 930])
        QVBoxLayout(self).addWidget(self.splitter)
        self.tree.expand(self.tree_model.index(0, 0))
        self.scope_changed(context.scope.scope)

    def _table_side(self) -> QWidget:
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        for text, slot, name in (("新增房屋", self.new_room, "new_room"), ("编辑房屋", self.edit_room, "edit_room"),
                                 ("删除房屋", self.delete_room, "delete_room"),
                                 ("业主信息", self.edit_owner, "edit_owner"),
                                 ("变更记录", self.show_history, "history")):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            bar.addWidget(button)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        return side

    # --- scope and data
    def scope_changed(self, scope: Scope) -> None:
        index = self.tree_model.index_of(scope)
        if index.isValid() and index != self.tree.currentIndex():
            self.tree.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.tree.scrollTo(index)
        self.model.reload(scope)
        self._update_status()

    def _tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.context.scope.set(self.tree_model.scope_of(current))

    def refresh(self) -> None:
        """Data changed elsewhere (an import, the demo): rebuild the tree and the table."""
        self.tree_model.reload()
        self.tree.expand(self.tree_model.index(0, 0))
        self.scope_changed(self.context.scope.scope)

    def apply_filter(self) -> None:
        self.filter_timer.stop()
        self.model.reload(filter_text=self.filter_edit.text())
        self._update_status()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def _update_status(self) -> None:
        text = f"共 {self.model.rowCount():,} 套房屋"
        if self.model.filter_text.strip():
            text += f"（筛选：“{self.model.filter_text.strip()}”）"
        self.status.setText(text + "。证件号码和电话已隐去中间部分，编辑时显示完整内容。")

    def _current_room(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.room_id(index.row()) if index.isValid() else None

    def select_room(self, room_id: int) -> None:
        row = self.model.row_of(room_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _need_room(self) -> int | None:
        room_id = self._current_room()
        if room_id is None:
            QMessageBox.information(self, "请先选择房屋", "请先在表格中选择一套房屋。")
        return room_id

    # --- actions
    def new_room(self) -> None:
        dialog = RoomDialog(self, estate_id=estate_of_scope(self.context.scope.scope),
                            today=self.context.workspace.clock.today())
        if dialog.exec() and dialog.saved_id is not None:
            self._after_write(dialog.saved_id, Changes.of(Topic.ROLL, ids=(dialog.saved_id,)))

    def edit_room(self) -> None:
        room_id = self._need_room()
        if room_id is not None:
            dialog = RoomDialog(self, room_id=room_id, today=self.context.workspace.clock.today())
            if dialog.exec():
                self._after_write(room_id, Changes.of(Topic.ROLL, ids=(room_id,)))

    def delete_room(self) -> None:
        room_id = self._need_room()
        if room_id is None:
            return
        lines = rooms.room_deletion_preview(room_id)
        box = QMessageBox(QMessageBox.Icon.Warning, "确认删除",
                          "将删除以下内容，删除后可在变更记录中查到，但不能自动恢复：\n\n" + "\n".join(lines), parent=self)
        yes = box.addButton("删除", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setObjectName("confirm_delete")
        box.exec()
        if box.clickedButton() is yes:
            self._after_write(None, rooms.delete_room(room_id))

    def edit_owner(self) -> None:
        room_id = self._need_room()
        if room_id is None:
            return
        row = self.model.room_row(self.model.row_of(room_id))
        if row is None or row.owner_id is None:
            QMessageBox.information(self, "没有业主", "这套房屋还没有登记业主，请用“编辑房屋”填写业主。")
            return
        if OwnerDialog(self, row.owner_id, today=self.context.workspace.clock.today()).exec():
            self._after_write(room_id, Changes.of(Topic.ROLL, ids=(room_id,)))

    def show_history(self) -> None:
        room_id = self._need_room()
        if room_id is not None:
            HistoryDialog(self, "room", room_id).exec()

    def _after_write(self, room_id: int | None, changes: Changes) -> None:
        self.context.changes.emit(changes)
        if room_id is not None:
            self.select_room(room_id)
