"""The items step of the 新建表决 wizard: catalogue items (checkable, by category) and typed ones, in ballot order.

Checking a catalogue item adds it to the chosen list and unchecking removes it; a typed name that is in
the catalogue is taken from there (with its category). The chosen list's order is the ballot's order.
"""

from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
)

from desktop_app.domain.catalogue import CATEGORIES, CatalogueEntry, item_name_error
from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.exchange.ballot_writer import item_name_problem
from desktop_app.services.votes.create import ITEMS
from desktop_app.ui.widgets.forms import error_label
from desktop_app.ui.votes.wizard_pages import ItemRole, WizardHost, WizardPage


class ItemsPage(WizardPage):
    """What is voted on: catalogue items (checkable, by category) and free-text items, in ballot order."""

    def __init__(self, wizard: WizardHost, entries: list[CatalogueEntry], initial: Iterable[VoteItem]) -> None:
        super().__init__(wizard, "第3步：表决的改造内容",
                         "勾选改造内容目录中的项目，或自行填写；右侧的顺序就是表决票上的顺序，每项分别计票。")
        self.syncing = False
        self.tree = QTreeWidget()
        self.tree.setObjectName("catalogue")
        self.tree.setHeaderLabel("改造内容目录")
        self.entries: dict[str, QTreeWidgetItem] = {}
        for category in CATEGORIES:
            top = QTreeWidgetItem([category])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            for entry in (e for e in entries if e.category == category):
                child = QTreeWidgetItem([entry.name])
                child.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Unchecked)
                child.setData(0, ItemRole, VoteItem(entry.name, entry.category))
                top.addChild(child)
                self.entries[entry.name] = child
        self.tree.expandAll()
        self.chosen = QListWidget()
        self.chosen.setObjectName("chosen_items")
        self.chosen.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.chosen.model().rowsMoved.connect(lambda *_args: self.wiz.revalidate())
        self.free_name = QLineEdit()
        self.free_name.setObjectName("free_item")
        self.free_name.setPlaceholderText("目录中没有的内容，如：3号楼北侧挡土墙加固")
        self.free_category = QComboBox()
        self.free_category.setObjectName("free_category")
        self.free_category.addItem("（不分类）", "")
        for category in CATEGORIES:
            self.free_category.addItem(category, category)
        add = QPushButton("添加")
        add.setObjectName("add_item")
        add.clicked.connect(self.add_free)
        self.free_name.installEventFilter(self)  # Enter adds the item; it must not also press 下一步
        self.free_message = error_label()
        self.free_message.setObjectName("error_free_item")
        free = QHBoxLayout()
        free.addWidget(self.free_name, 1)
        free.addWidget(self.free_category)
        free.addWidget(add)
        moves = QHBoxLayout()
        for text, name, slot in (("上移", "move_up", lambda: self.move(-1)), ("下移", "move_down", lambda: self.move(1)),
                                 ("移除", "remove_item", self.remove_current)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            moves.addWidget(button)
        right = QVBoxLayout()
        right.addWidget(QLabel("本次表决的事项（按表决票上的顺序）"))
        right.addWidget(self.chosen, 1)
        right.addLayout(moves)
        grid = QGridLayout(self)
        grid.addWidget(self.tree, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addWidget(QLabel("自行填写的事项"), 1, 0, 1, 2)
        grid.addLayout(free, 2, 0, 1, 2)
        grid.addWidget(self.free_message, 3, 0, 1, 2)
        grid.addWidget(self.message_label(ITEMS), 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.tree.itemChanged.connect(self._tree_changed)
        for item in initial:
            self.add(item)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.free_name and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add_free()
            return True
        return super().eventFilter(watched, event)

    def items(self) -> list[VoteItem]:
        return [self.chosen.item(row).data(ItemRole) for row in range(self.chosen.count())]

    def _row_of(self, name: str) -> int:
        return next((row for row in range(self.chosen.count()) if self.chosen.item(row).data(ItemRole).name == name), -1)

    def add(self, item: VoteItem) -> str:
        """Add an item (a catalogue item is checked in the catalogue); "" or why it was not added."""
        name = item.name.strip()
        reason = item_name_error(name) or item_name_problem(name)
        if reason:
            return reason
        if self._row_of(name) >= 0:
            return f"“{name}”已在表决事项中"
        entry = self.entries.get(name)
        if entry is not None:
            item = entry.data(0, ItemRole)
            self.syncing = True
            entry.setCheckState(0, Qt.CheckState.Checked)
            self.syncing = False
        row = QListWidgetItem(f"{item.name}（{item.category}）" if item.category else item.name)
        row.setData(ItemRole, VoteItem(name, item.category))
        row.setFlags(row.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
        self.chosen.addItem(row)
        self.wiz.revalidate()
        return ""

    def remove(self, name: str) -> None:
        row = self._row_of(name)
        if row >= 0:
            self.chosen.takeItem(row)
        entry = self.entries.get(name)
        if entry is not None:
            self.syncing = True
            entry.setCheckState(0, Qt.CheckState.Unchecked)
            self.syncing = False
        self.wiz.revalidate()

    def _tree_changed(self, entry: QTreeWidgetItem, _column: int) -> None:
        item = entry.data(0, ItemRole)
        if self.syncing or item is None:
            return
        if entry.checkState(0) == Qt.CheckState.Checked:
            self.add(item)
        else:
            self.remove(item.name)

    def add_free(self) -> None:
        reason = self.add(VoteItem(self.free_name.text(), self.free_category.currentData()))
        self.free_message.setText(reason)
        if not reason:
            self.free_name.clear()

    def remove_current(self) -> None:
        item = self.chosen.currentItem()
        if item is not None:
            self.remove(item.data(ItemRole).name)

    def move(self, step: int) -> None:
        row = self.chosen.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.chosen.count():
            return
        item = self.chosen.takeItem(row)
        self.chosen.insertItem(target, item)
        self.chosen.setCurrentRow(target)
        self.wiz.revalidate()
