"""业委会: estates of the scope with their management mode and committee status (no managing body highlighted),
the due list across estates, and the selected setup case's detail with its actions."""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton, QSplitter, QTableView,
    QVBoxLayout, QWidget,
)

from desktop_app.domain.committee import STAGES, add_years, next_stage
from desktop_app.domain.errors import UserError
from desktop_app.services import committee
from desktop_app.services.changes import Changes, Topic
from desktop_app.ui.committee.detail import MODES_TAB, CaseDetail
from desktop_app.ui.committee.dialogs import (
    CandidatesDialog, ElectionDialog, FilingDialog, GroupDialog, ManagementDialog, MembersDialog, NewCaseDialog,
    SeatDialog,
    StageDialog, day_of,
)
from desktop_app.ui.committee.models import DueModel, EstatesModel
from desktop_app.ui.pages.base import Page, PageContext


def estate_owners(estate_id: int) -> list[tuple[str, str]]:
    """(owner uid, "name（rooms）") of the estate's roll, from services.committee when it offers them."""
    found: Callable[[int], list[tuple[str, str]]] | None = getattr(committee, "estate_owners", None)
    return found(estate_id) if found is not None else []


class CommitteePage(Page):
    title = "业委会"
    depends_on = frozenset({Topic.COMMITTEE, Topic.ROLL, Topic.VOTES, Topic.BALLOTS})

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.estate_id: int | None = None
        self.case_id: int | None = None
        self.owners: Callable[[int], list[tuple[str, str]]] = estate_owners
        self.estates = EstatesModel(self)
        self.due = DueModel(self)
        self.estate_view = self.view(self.estates)
        self.due_view = self.view(self.due)
        self.estate_view.clicked.connect(self.estate_clicked)
        self.due_view.clicked.connect(self.due_clicked)
        self.estate_view.activated.connect(self.estate_clicked)
        self.due_view.activated.connect(self.due_clicked)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.boxed("小区管理状况（红底：无管理主体）", self.estate_view))
        top.addWidget(self.boxed("到期提醒（14日内到期及已逾期）", self.due_view))
        top.setSizes([700, 600])

        self.case_choice = QComboBox()
        self.case_choice.setMinimumWidth(260)
        self.case_choice.activated.connect(lambda _: self.select_case(self.case_choice.currentData()))
        self.heading = QLabel("")
        self.heading.setStyleSheet("font-weight: bold;")
        self.buttons: dict[str, QPushButton] = {}
        header = QHBoxLayout()
        header.addWidget(QLabel("案例"))
        header.addWidget(self.case_choice)
        header.addWidget(self.heading, 1)
        actions = QHBoxLayout()
        for key, text, slot in (
            ("new_case", "新建案例(Ctrl+N)", self.new_case), ("advance", "记录下一阶段…", self.advance_stage),
            ("group", "筹备组成员…", self.edit_group), ("candidates", "候选人…", self.edit_candidates),
            ("election", "创建选举表决…", self.create_election), ("seat", "当选者组成委员会…", self.seat_elected),
            ("members", "委员职务与任期…", self.edit_members),
            ("filing", "备案…", self.record_filing), ("add_mode", "新增管理方式…", self.add_mode),
            ("end_mode", "结束所选管理方式", self.end_mode), ("delete_case", "删除案例", self.delete_case),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[key] = button
            actions.addWidget(button)
        actions.addStretch()
        self.detail = CaseDetail()
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addLayout(header)
        bottom_layout.addLayout(actions)
        bottom_layout.addWidget(self.detail, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([190, 550])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        shortcut = QShortcut(QKeySequence.StandardKey.New, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.new_case)
        self.refresh()

    @staticmethod
    def view(model) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        view.verticalHeader().setVisible(False)
        return view

    @staticmethod
    def boxed(title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(title))
        layout.addWidget(widget)
        return box

    # ------------------------------------------------------------------ reading
    def today(self) -> date:
        return self.context.workspace.clock.today()

    def refresh(self) -> None:
        scope, today = self.context.scope.scope, self.today()
        self.estates.set_records(committee.estate_overview(scope, today))
        self.due.set_records(committee.due_list(scope, today))
        ids = [status.estate_id for status in self.estates.records]
        if self.estate_id not in ids:
            self.estate_id = ids[0] if ids else None
            latest = self.estates.records[0].case_id if self.estates.records else None
            self.case_id = latest
        self.show_estate()

    def show_estate(self) -> None:
        cases = committee.list_cases([self.estate_id]) if self.estate_id is not None else []
        if self.case_id not in [case.id for case in cases]:
            self.case_id = cases[-1].id if cases else None
        self.case_choice.clear()
        for case in cases:
            self.case_choice.addItem(f"{case.path}（{case.stage or '未申请'}）#{case.id}", case.id)
        if self.case_id is not None:
            self.case_choice.setCurrentIndex(self.case_choice.findData(self.case_id))
        row = next((i for i, s in enumerate(self.estates.records) if s.estate_id == self.estate_id), -1)
        if row >= 0:
            self.estate_view.selectRow(row)
        self.show_case()

    def show_case(self) -> None:
        case_id = self.case_id
        estate_name = next((s.estate_name for s in self.estates.records if s.estate_id == self.estate_id), "")
        self.detail.show_modes(committee.management_of(self.estate_id) if self.estate_id is not None else [])
        if case_id is None:
            self.heading.setText(f"{estate_name}：还没有业委会筹备案例" if estate_name else "本范围内没有小区")
            self.detail.show_case(None, [], [], [], [])
        else:
            case = committee.case_summary(case_id)
            upcoming = next_stage(case.stage)
            self.heading.setText(f"{case.estate_name} {case.path}：当前阶段 {case.stage or '未申请'}"
                                 + (f"，下一阶段 {upcoming}" if upcoming else "，已完成"))
            self.detail.show_case(case, committee.clocks_of(case_id, self.today()), committee.group_of(case_id),
                                  committee.candidates_of(case_id), committee.members_of(case_id))
            self.show_election(case_id)
        has_case = case_id is not None
        for key in ("advance", "group", "candidates", "election", "seat", "members", "filing", "delete_case"):
            self.buttons[key].setEnabled(has_case)
        self.buttons["new_case"].setEnabled(self.estate_id is not None)
        self.buttons["add_mode"].setEnabled(self.estate_id is not None)

    def show_election(self, case_id: int) -> None:
        if committee.election_vote(case_id) is None:
            self.detail.show_election(None, "尚未创建选举表决")
            return
        try:
            self.detail.show_election(committee.election_result(case_id), "")
        except UserError as error:
            self.detail.show_election(None, f"选举表决已创建，暂无结果：{error}")

    # ------------------------------------------------------------------ selecting
    def estate_clicked(self, index: QModelIndex) -> None:
        status = self.estates.records[index.row()]
        self.estate_id, self.case_id = status.estate_id, status.case_id
        self.show_estate()

    def due_clicked(self, index: QModelIndex) -> None:
        case = self.due.records[index.row()].case
        self.estate_id, self.case_id = case.estate_id, case.id
        self.show_estate()
        self.detail.setCurrentIndex(0)

    def select_case(self, case_id: int | None) -> None:
        """Show the case (and select its estate)."""
        self.case_id = case_id
        if case_id is not None:
            self.estate_id = committee.case_summary(case_id).estate_id
        self.show_estate()

    # ------------------------------------------------------------------ writing
    def write(self, job: Callable[[], Changes | None]) -> bool:
        """Run a write; a user error is shown, the page re-reads through the change bus."""
        try:
            changes = job()
        except UserError as error:
            QMessageBox.warning(self, "业委会", str(error))
            return False
        self.context.changes.emit(changes or Changes.of(Topic.COMMITTEE, ids=[self.case_id or 0]))
        return True

    def new_case(self) -> None:
        if self.estate_id is None:
            return
        estates = [(s.estate_id, s.estate_name) for s in self.estates.records]
        dialog = NewCaseDialog(estates, self.today(), self.estate_id, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        estate_id = int(dialog.estate.currentData())

        def job() -> Changes:
            case_id = committee.create_case(estate_id, dialog.path.currentText(), request_on=day_of(dialog.request))
            self.estate_id, self.case_id = estate_id, case_id
            return Changes.of(Topic.COMMITTEE, ids=[case_id])

        self.write(job)

    def advance_stage(self) -> None:
        if self.case_id is None:
            return
        case_id = self.case_id
        stage = next_stage(committee.case_summary(case_id).stage)
        if stage is None:
            QMessageBox.information(self, "业委会", "该案例已完成备案")
            return
        if stage == STAGES[-1]:
            self.record_filing()
            return
        dialog = StageDialog(stage, self.today(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.write(lambda: committee.advance(case_id, stage, day_of(dialog.day)))

    def edit_group(self) -> None:
        if self.case_id is None:
            return
        case_id = self.case_id
        dialog = GroupDialog(committee.group_of(case_id), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.write(lambda: committee.set_group(case_id, dialog.members()))

    def edit_candidates(self) -> None:
        if self.case_id is None or self.estate_id is None:
            return
        case_id = self.case_id
        chosen = [committee.CandidateInput(c.owner_uid, c.room_uid, c.conditions_confirmed, c.note)
                  for c in committee.candidates_of(case_id)]
        dialog = CandidatesDialog(self.owners(self.estate_id), chosen, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.write(lambda: committee.set_candidates(case_id, dialog.candidates()))

    def create_election(self) -> None:
        if self.case_id is None:
            return
        case_id = self.case_id
        dialog = ElectionDialog(len(committee.candidates_of(case_id)), self.today(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return

        def job() -> Changes:
            vote_id = committee.create_election_vote(case_id, seats=dialog.seats.value(),
                                                     opens_on=day_of(dialog.opens), closes_on=day_of(dialog.closes))
            return Changes.of(Topic.VOTES, ids=[vote_id]) | Changes.of(Topic.COMMITTEE, ids=[case_id])

        if self.write(job):
            self.detail.setCurrentIndex(2)

    def seat_elected(self) -> None:
        if self.case_id is None:
            return
        case_id = self.case_id
        start = committee.case_summary(case_id).dates.election or self.today()
        dialog = SeatDialog(start, add_years(start, 5), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.write(lambda: committee.seat_elected(case_id, term_start=day_of(dialog.start),
                                                      term_end=day_of(dialog.end)))

    def edit_members(self) -> None:
        if self.case_id is None:
            return
        case_id = self.case_id
        members = committee.members_of(case_id)
        if not members:
            QMessageBox.information(self, "业委会", "还没有委员会成员：请先由当选者组成委员会")
            return
        case = committee.case_summary(case_id)
        dialog = MembersDialog(case.path, members, case.dates.committee_meeting is not None, self.today(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.write(lambda: committee.set_committee(case_id, dialog.members()))

    def record_filing(self) -> None:
        if self.case_id is None:
            return
        case_id = self.case_id
        dialog = FilingDialog(self.today(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.write(lambda: committee.set_filing(case_id, authority=dialog.authority.text(),
                                                    on=day_of(dialog.day), number=dialog.number.text()))

    def add_mode(self) -> None:
        if self.estate_id is None:
            return
        estate_id = self.estate_id
        dialog = ManagementDialog(self.today(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return

        def job() -> Changes:
            committee.add_management(estate_id, dialog.mode.currentText(), company=dialog.company.text(),
                                     from_on=day_of(dialog.from_on))
            return Changes.of(Topic.COMMITTEE)

        if self.write(job):
            self.detail.setCurrentIndex(MODES_TAB)

    def end_mode(self) -> None:
        if self.estate_id is None:
            return
        rows = self.detail.mode_view.selectionModel().selectedRows()
        modes = committee.management_of(self.estate_id)
        if not rows or rows[0].row() >= len(modes):
            QMessageBox.information(self, "业委会", "请先在“管理方式”中选择一条记录")
            return
        mode = modes[rows[0].row()]
        end = self.today()
        self.write(lambda: committee.end_management(mode.id, end))

    def delete_case(self) -> None:
        if self.case_id is None:
            return
        case_id = self.case_id
        box = QMessageBox(QMessageBox.Icon.Warning, "删除案例", "删除该业委会筹备案例及其成员、候选人记录？此操作不能撤销。",
                          parent=self)
        delete = box.addButton("删除", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        if box.clickedButton() is delete:
            self.case_id = None
            self.write(lambda: committee.delete_case(case_id))
