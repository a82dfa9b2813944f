"""双人录入核对: every room where the first entry and the check entry disagree, and reconciling them.

A vote in the double-entry mode cannot close while a difference remains (`services.votes.session.close_vote`).
For each room the user looks at the paper ballot and adopts one of the two entries, which is then
recorded as both. When one person did not enter the room at all, adopting the missing side removes
the other entry (asked first: it deletes a ballot).
"""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from desktop_app.domain.vocabulary import BallotEntry
from desktop_app.services.votes.lifecycle import BallotState, Difference, VoteError, VoteSession
from desktop_app.ui.votes.ballot_entry import choice_text, owners_text

COLUMNS = ("房号", "业主", "不一致之处", "第一次录入", "核对录入")
Index = QModelIndex | QPersistentModelIndex
DIFFERENT = QColor("#c0392b")


def entry_text(state: BallotState | None, items: Sequence[str], differing: Sequence[str]) -> str:
    """"同意、【反对】、弃权（纸质）": the answers in item order, the differing ones in 【】; "（未录入）"."""
    if state is None:
        return "（未录入）"
    answers = [f"【{choice_text(choice)}】" if item in differing else choice_text(choice)
               for item, choice in zip(items, state.choices)]
    how = ("【" + state.method + "】") if "表决方式" in differing else state.method
    if state.proxy:
        how += "，代理人 " + (f"【{state.proxy}】" if "代理人" in differing else state.proxy)
    return f"{'、'.join(answers)}（{how}）"


def difference_text(difference: Difference) -> str:
    if difference.first is None:
        return "仅核对录入，第一次未录入"
    if difference.check is None:
        return "仅第一次录入，核对未录入"
    return "、".join(difference.items)


class DifferencesModel(QAbstractTableModel):
    def __init__(self, items: Sequence[str] = (), parent=None) -> None:
        super().__init__(parent)
        self.items = list(items)
        self.differences: list[Difference] = []

    def set_differences(self, differences: Sequence[Difference]) -> None:
        self.beginResetModel()
        self.differences = list(differences)
        self.endResetModel()

    def difference(self, row: int) -> Difference | None:
        return self.differences[row] if 0 <= row < len(self.differences) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.differences)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return str(section + 1) if 0 <= section < len(self.differences) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.differences):
            return None
        difference, column = self.differences[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell(difference, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            return QBrush(DIFFERENT)
        return None

    def cell(self, difference: Difference, column: int) -> str:
        values = (difference.room.label, owners_text(difference.room), difference_text(difference),
                  entry_text(difference.first, self.items, difference.items),
                  entry_text(difference.check, self.items, difference.items))
        return values[column] if 0 <= column < len(values) else ""

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class BallotDifferencesWidget(QWidget):
    """The differences of one `VoteSession` with 采用第一次录入 / 采用核对录入; `changed` after each."""

    changed = Signal()

    def __init__(self, session: VoteSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = DifferencesModel([item.name for item in session.items], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.adopt_first = QPushButton("采用第一次录入（Ctrl+1）")
        self.adopt_check = QPushButton("采用核对录入（Ctrl+2）")
        for button, which, keys in ((self.adopt_first, BallotEntry.FIRST, "Ctrl+1"),
                                    (self.adopt_check, BallotEntry.CHECK, "Ctrl+2")):
            button.clicked.connect(lambda _checked=False, which=which: self.adopt(which))
            shortcut = QShortcut(QKeySequence(keys), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(button.click)
        buttons = QHBoxLayout()
        buttons.addWidget(self.adopt_first)
        buttons.addWidget(self.adopt_check)
        buttons.addStretch(1)
        note = QLabel("对照纸质表决票，选定一行后采用正确的一次录入，它将同时记为两次录入；【】内为两次录入不同之处。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.refresh()

    def refresh(self) -> None:
        """Read the differences again (after entries were saved elsewhere), keeping the current row."""
        row = max(0, self.table.currentIndex().row())
        self.model.set_differences(self.session.differences())
        count = self.model.rowCount()
        if count:
            self.summary.setText(f"两次录入共有 {count} 户不一致，全部核对一致后才能结束表决。")
            self.summary.setStyleSheet("color: #c0392b; font-weight: bold;")
            self.table.selectRow(min(row, count - 1))
        else:
            self.summary.setText("两次录入完全一致。")
            self.summary.setStyleSheet("color: #1e8e3e; font-weight: bold;")
        self._enable()

    def _enable(self) -> None:
        selected = self.model.difference(self.table.currentIndex().row()) is not None
        writable = selected and not self.session.closed
        self.adopt_first.setEnabled(writable)
        self.adopt_check.setEnabled(writable)

    def adopt(self, which: str) -> bool:
        """Record the chosen entry of the current row as the other entry too (or remove the other one)."""
        which = BallotEntry(which)
        difference = self.model.difference(self.table.currentIndex().row())
        if difference is None:
            return False
        chosen = difference.first if which == BallotEntry.FIRST else difference.check
        other = BallotEntry.CHECK if which == BallotEntry.FIRST else BallotEntry.FIRST
        room = difference.room
        try:
            if chosen is None:
                if not self.confirm(f"{room.label} 没有{which.label}。采用它将删除该户的{other.label}"
                                    "（删除前的内容会保留在修改记录中）。确定删除吗？"):
                    return False
                self.session.remove(room.roll_id, other)
            else:
                self.session.record(room.roll_id, chosen.choices, method=chosen.method, proxy=chosen.proxy,
                                    received_on=chosen.received_on, entry=other)
        except VoteError as error:
            self.message.setStyleSheet("color: #c0392b;")
            self.message.setText(str(error))
            return False
        self.message.setStyleSheet("color: #1e8e3e;")
        self.message.setText(f"{room.label} 已采用{which.label}")
        self.refresh()
        self.table.setFocus()
        self.changed.emit()
        return True

    def confirm(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, "删除表决票录入", text, parent=self)
        delete = box.addButton("删除", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is delete
