"""Small dialogs of the 业委会 page: a new case, a stage date, the preparatory group (its rules shown as you
type), the candidates picked from the roll, the election vote, the filing and a management period."""

from __future__ import annotations

from datetime import date
from typing import Sequence

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop_app.domain.committee import (
    COMMITTEE_ROLES, GROUP_ROLES, MODES, PATHS, CommitteeMember, GroupMember, group_errors, members_errors,
)
from desktop_app.services.committee import CandidateInput, GroupMemberInput, MemberInput


def date_edit(day: date, parent: QWidget | None = None) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def day_of(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


class FormDialog(QDialog):
    """A form with OK/取消 and a red line for what is wrong."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.layout_.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)

    def show_error(self, message: str) -> None:
        self.error.setText(message)


class NewCaseDialog(FormDialog):
    def __init__(self, estates: Sequence[tuple[int, str]], today: date, selected: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("新建案例", parent)
        self.estate = QComboBox()
        for estate_id, name in estates:
            self.estate.addItem(name, estate_id)
        if selected is not None and self.estate.findData(selected) >= 0:
            self.estate.setCurrentIndex(self.estate.findData(selected))
        self.path = QComboBox()
        self.path.addItems(PATHS)
        self.request = date_edit(today)
        self.form.addRow("小区", self.estate)
        self.form.addRow("类型", self.path)
        self.form.addRow("业主申请日期", self.request)


class StageDialog(FormDialog):
    def __init__(self, stage: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(f"记录阶段：{stage}", parent)
        self.day = date_edit(today)
        self.form.addRow(f"“{stage}”日期", self.day)


class GroupDialog(FormDialog):
    """The preparatory group: a row per member; the domain's rules are checked on every edit."""

    COLUMNS = ("姓名", "职务", "单位", "业主代表")

    def __init__(self, members: Sequence[GroupMemberInput], parent: QWidget | None = None) -> None:
        super().__init__("筹备组成员", parent)
        self.resize(640, 420)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((110, 100, 240)):
            self.table.setColumnWidth(column, width)
        self.owner_uids: list[str | None] = []
        self.layout_.insertWidget(0, self.table)
        row_buttons = QHBoxLayout()
        self.add_button = QPushButton("添加成员(&A)")
        self.remove_button = QPushButton("移除所选(&R)")
        row_buttons.addWidget(self.add_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch()
        self.layout_.insertLayout(1, row_buttons)
        self.add_button.clicked.connect(lambda: self.add_member(GroupMemberInput("")))
        self.remove_button.clicked.connect(self.remove_selected)
        for member in members:
            self.add_member(member)
        self.table.itemChanged.connect(self.check)
        self.check()

    def add_member(self, member: GroupMemberInput) -> None:
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(member.name))
        role = QComboBox()
        role.addItems(GROUP_ROLES)
        role.setCurrentText(member.role)
        role.currentTextChanged.connect(self.check)
        self.table.setCellWidget(row, 1, role)
        self.table.setItem(row, 2, QTableWidgetItem(member.unit))
        owner = QTableWidgetItem("业主代表")
        owner.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
        owner.setCheckState(Qt.CheckState.Checked if member.owner_representative else Qt.CheckState.Unchecked)
        self.table.setItem(row, 3, owner)
        self.owner_uids.append(member.owner_uid)
        self.table.blockSignals(False)
        self.check()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            del self.owner_uids[row]
            self.check()

    def members(self) -> list[GroupMemberInput]:
        found = []
        for row in range(self.table.rowCount()):
            name, unit, owner = (self.table.item(row, column) for column in (0, 2, 3))
            role = self.table.cellWidget(row, 1)
            assert isinstance(role, QComboBox)
            representative = owner is not None and owner.checkState() == Qt.CheckState.Checked
            found.append(GroupMemberInput(name.text().strip() if name else "", role.currentText(),
                                          unit.text().strip() if unit else "", representative,
                                          self.owner_uids[row] if representative else None))
        return found

    def check(self) -> None:
        errors = group_errors([GroupMember(m.name, m.role, m.unit, m.owner_representative) for m in self.members()])
        self.show_error("\n".join(errors))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not errors)


class CandidatesDialog(FormDialog):
    """Tick the candidates among the estate's owners; 条件已确认 per candidate."""

    def __init__(self, owners: Sequence[tuple[str, str]], chosen: Sequence[CandidateInput],
                 parent: QWidget | None = None) -> None:
        super().__init__("候选人", parent)
        self.resize(480, 460)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("按姓名筛选")
        self.list = QListWidget()
        self.confirmed = QCheckBox("所选候选人的条件均已确认")
        picked = {c.owner_uid: c for c in chosen}
        self.confirmed.setChecked(bool(chosen) and all(c.conditions_confirmed for c in chosen))
        for uid, label in owners:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, uid)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if uid in picked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        if not owners:
            self.show_error("名册中没有该小区的业主")
        self.filter.textChanged.connect(self.narrow)
        self.form.addRow("筛选", self.filter)
        self.layout_.insertWidget(1, self.list)
        self.layout_.insertWidget(2, self.confirmed)

    def narrow(self, text: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(text) and text not in item.text())

    def candidates(self) -> list[CandidateInput]:
        return [CandidateInput(str(self.list.item(row).data(Qt.ItemDataRole.UserRole)),
                               conditions_confirmed=self.confirmed.isChecked())
                for row in range(self.list.count())
                if self.list.item(row).checkState() == Qt.CheckState.Checked]


class ElectionDialog(FormDialog):
    def __init__(self, candidates: int, today: date, parent: QWidget | None = None) -> None:
        super().__init__("创建选举表决", parent)
        self.seats = QSpinBox()
        self.seats.setRange(1, 99)
        self.seats.setValue(max(1, min(5, candidates)))
        self.opens = date_edit(today)
        self.closes = date_edit(today)
        self.closes.setDate(self.opens.date().addDays(20))
        self.form.addRow(f"应选人数（候选人 {candidates} 名）", self.seats)
        self.form.addRow("表决开始", self.opens)
        self.form.addRow("表决截止", self.closes)


class SeatDialog(FormDialog):
    def __init__(self, start: date, end: date, parent: QWidget | None = None) -> None:
        super().__init__("当选者组成业主委员会", parent)
        self.start = date_edit(start)
        self.end = date_edit(end)
        self.form.addRow("任期开始", self.start)
        self.form.addRow("任期届满", self.end)


class FilingDialog(FormDialog):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__("备案", parent)
        self.authority = QLineEdit()
        self.number = QLineEdit()
        self.day = date_edit(today)
        self.form.addRow("备案机关", self.authority)
        self.form.addRow("备案日期", self.day)
        self.form.addRow("备案编号", self.number)


class ManagementDialog(FormDialog):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__("新增管理方式", parent)
        self.mode = QComboBox()
        self.mode.addItems(MODES)
        self.company = QLineEdit()
        self.from_on = date_edit(today)
        self.form.addRow("管理方式", self.mode)
        self.form.addRow("物业公司 / 托管单位", self.company)
        self.form.addRow("开始日期", self.from_on)


class MembersDialog(FormDialog):
    """The committee's roles (主任/副主任/委员) and term end; the path's member rules shown as you choose."""

    def __init__(self, path: str, members: Sequence[MemberInput], chair_elected: bool, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__("委员会成员与任期", parent)
        self.resize(560, 420)
        self.path, self.chair_elected, self.source = path, chair_elected, list(members)
        self.table = QTableWidget(len(members), 3)
        self.table.setHorizontalHeaderLabels(["姓名", "职务", "任期届满"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.roles: list[QComboBox] = []
        self.ends: list[QDateEdit] = []
        for row, member in enumerate(members):
            name = QTableWidgetItem(member.name)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.table.setItem(row, 0, name)
            role = QComboBox()
            role.addItems(COMMITTEE_ROLES)
            role.setCurrentText(member.role)
            role.currentTextChanged.connect(self.check)
            self.table.setCellWidget(row, 1, role)
            self.roles.append(role)
            end = date_edit(member.term_end or today)
            self.table.setCellWidget(row, 2, end)
            self.ends.append(end)
        self.layout_.insertWidget(0, self.table)
        self.check()

    def members(self) -> list[MemberInput]:
        return [MemberInput(m.name, role.currentText(), m.owner_uid, m.term_start, day_of(end))
                for m, role, end in zip(self.source, self.roles, self.ends)]

    def check(self) -> None:
        errors = members_errors(self.path, [CommitteeMember(m.name, m.role, bool(m.owner_uid)) for m in self.members()],
                                chair_elected=self.chair_elected)
        self.show_error("\n".join(errors))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not errors)
