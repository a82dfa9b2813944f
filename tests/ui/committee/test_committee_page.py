"""业委会 page on a small roll: a case driven from the request to the filing through the page's dialogs, the
election through a real vote with ballots, the due list selecting its case, models checked by qtmodeltester."""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop_app.models import Owner
from desktop_app.services import committee
from desktop_app.services.changes import Changes, Topic
from desktop_app.services.scope import Scope
from desktop_app.services.votes import VoteSession
from desktop_app.ui.committee import CommitteePage
from desktop_app.ui.committee.dialogs import (
    CandidatesDialog, ElectionDialog, FilingDialog, GroupDialog, ManagementDialog, MembersDialog, NewCaseDialog, SeatDialog, StageDialog,
)
from desktop_app.ui.pages.base import ChangeBus, PageContext, ScopeState
from desktop_app.ui.widgets.tasks import SyncTaskRunner
from tests.ui.modal import when_modal


def answer(kind: type, fill: Callable[[QDialog], None], accept: bool = True) -> list[QDialog]:
    """Fill and close the next dialog of type `kind`; the list receives it."""
    seen: list[QDialog] = []

    def take(widget) -> bool:
        if not isinstance(widget, kind):
            return False
        seen.append(widget)
        fill(widget)
        widget.accept() if accept else widget.reject()
        return True

    when_modal(take)
    return seen


def set_day(edit, day: date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))




@pytest.fixture
def page(qtbot, roll, workspace, clock):
    clock.set(datetime(2024, 3, 1, 9, 0))
    bus = ChangeBus()
    context = PageContext(SyncTaskRunner(), ScopeState(), bus, workspace)
    page = CommitteePage(context)
    page.owners = lambda estate_id: [(o.uid, o.name) for o in Owner.select().order_by(Owner.id)
                                     if committee.records.is_owner_of(o.uid, estate_id)]
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    return page


def estate_texts(page) -> list[tuple[str, str]]:
    return [(page.estates.index(r, 0).data(), page.estates.index(r, 2).data()) for r in range(page.estates.rowCount())]


def test_from_the_request_to_the_filing(qtbot, page, clock, qtmodeltester):
    dujuan = page.estates.records[0].estate_id if page.estates.records[0].estate_name == "杜鹃新村" \
        else page.estates.records[1].estate_id
    assert all("无管理主体" in text for _, text in estate_texts(page))
    assert page.estates.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert not page.buttons["advance"].isEnabled()
    page.estate_view.setFocus()

    def new_case(dialog: NewCaseDialog) -> None:
        dialog.estate.setCurrentIndex(dialog.estate.findData(dujuan))
        set_day(dialog.request, date(2024, 3, 1))

    answer(NewCaseDialog, new_case)
    qtbot.keyClick(page.estate_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.case_id is not None and page.estate_id == dujuan
    case_id = page.case_id
    assert committee.case_summary(case_id).dates.request == date(2024, 3, 1)
    assert page.detail.clocks.rows[0][0] == "成立筹备组" and page.detail.clocks.rows[0][1] == "2024-04-30"
    assert "还有 60 天" in page.detail.clocks.rows[0][3]

    answer(StageDialog, lambda d: set_day(d.day, date(2024, 4, 1)))
    page.buttons["advance"].click()
    assert committee.case_summary(case_id).stage == "筹备组成立"

    owners = page.owners(dujuan)
    live: list[str] = []

    def group(dialog: GroupDialog) -> None:
        dialog.add_member(committee.GroupMemberInput("王主任", "组长", "东湖街道办事处"))
        dialog.add_member(committee.GroupMemberInput(owners[0][1], "成员", "1号楼", True, owners[0][0]))
        live.append(dialog.error.text())  # two members: even, owners under half
        dialog.add_member(committee.GroupMemberInput(owners[1][1], "成员", "1号楼", True, owners[1][0]))
        live.append(dialog.error.text())

    answer(GroupDialog, group)
    page.buttons["group"].click()
    assert "单数" in live[0] and live[1] == ""
    assert [m.name for m in committee.group_of(case_id)] == ["王主任", owners[0][1], owners[1][1]]
    assert page.detail.group.rowCount() == 3

    answer(StageDialog, lambda d: set_day(d.day, date(2024, 5, 6)))
    page.buttons["advance"].click()

    def pick(dialog: CandidatesDialog) -> None:
        for row in range(6):
            dialog.list.item(row).setCheckState(Qt.CheckState.Checked)
        dialog.confirmed.setChecked(True)

    answer(CandidatesDialog, pick)
    page.buttons["candidates"].click()
    assert page.detail.candidates.rowCount() == 6

    def election(dialog: ElectionDialog) -> None:
        dialog.seats.setValue(5)
        set_day(dialog.opens, date(2024, 5, 21))
        set_day(dialog.closes, date(2024, 6, 10))

    answer(ElectionDialog, election)
    page.buttons["election"].click()
    vote_id = committee.election_vote(case_id)
    assert vote_id is not None
    session = VoteSession(vote_id)
    for index, room in enumerate(session.rooms):
        session.record(room.roll_id, ("同意",) * 5 + (("同意",) if index < 3 else ("反对",)))
    answer(StageDialog, lambda d: set_day(d.day, date(2024, 5, 21)))
    page.buttons["advance"].click()
    session.close()
    answer(StageDialog, lambda d: set_day(d.day, date(2024, 6, 10)))
    page.buttons["advance"].click()
    assert [row[1] for row in page.detail.election.rows].count("当选") == 5
    assert "应选 5 名，当选 5 名" in page.detail.election_text.text()

    answer(SeatDialog, lambda d: None)
    page.buttons["seat"].click()
    assert page.detail.members.rowCount() == 5 and page.detail.members.rows[0][3] == "2029-06-10"
    answer(StageDialog, lambda d: set_day(d.day, date(2024, 6, 17)))
    page.buttons["advance"].click()
    rules: list[str] = []

    def chair(dialog: MembersDialog) -> None:
        rules.append(dialog.error.text())  # after the first meeting a chair is wanted
        dialog.roles[0].setCurrentText("主任")
        rules.append(dialog.error.text())

    answer(MembersDialog, chair)
    page.buttons["members"].click()
    assert rules == ["首次会议后应有一名主任", ""]
    assert [m.role for m in committee.members_of(case_id)] == ["主任"] + ["委员"] * 4

    def filing(dialog: FilingDialog) -> None:
        dialog.authority.setText("东湖区住房和建设局")
        dialog.number.setText("东住建业备〔2024〕3号")
        set_day(dialog.day, date(2024, 7, 10))

    answer(FilingDialog, filing)
    page.buttons["advance"].click()  # the last stage is the filing
    clock.set(datetime(2024, 7, 15, 9, 0))
    page.refresh()
    assert committee.case_summary(case_id).stage == "备案"
    assert [row[3] for row in page.detail.clocks.rows][:5] == ["按期完成"] * 5
    assert "东湖区住房和建设局" in page.detail.filing_text.text()
    dujuan_row = next(r for r, s in enumerate(page.estates.records) if s.estate_id == dujuan)
    assert "无管理主体" not in page.estates.index(dujuan_row, 2).data()
    for model in (page.estates, page.due, page.detail.stages, page.detail.clocks, page.detail.group,
                  page.detail.candidates, page.detail.election, page.detail.members, page.detail.modes):
        qtmodeltester.check(model)


def test_due_list_selects_its_case_and_delete_asks(qtbot, page, roll, clock):
    meiling, dujuan = roll[1].id, roll[0].id
    late = committee.create_case(dujuan, request_on=date(2023, 12, 1))  # group due 2024-01-30: overdue
    soon = committee.create_case(meiling, request_on=date(2024, 1, 10))  # 60th day 03-10 a Sunday: 03-11
    page.refresh()
    assert [(d.case.id, d.clock.name) for d in page.due.records] == [(late, "成立筹备组"), (soon, "成立筹备组")]
    assert page.due.index(0, 3).data() == "已逾期 31 天" and page.due.index(1, 3).data() == "还有 10 天"
    page.due_view.clicked.emit(page.due.index(1, 0))
    assert page.case_id == soon and page.estate_id == meiling
    page.context.scope.set(Scope("estate", dujuan))
    assert [d.case.id for d in page.due.records] == [late] and page.estate_id == dujuan and page.case_id == late
    seen: list[str] = []

    def cancel(widget) -> bool:
        if not isinstance(widget, QMessageBox):
            return False
        seen.append(widget.defaultButton().text())
        widget.defaultButton().click()
        return True

    when_modal(cancel)
    page.buttons["delete_case"].click()
    assert seen == ["取消"] and committee.list_cases([dujuan])
    when_modal(lambda w: isinstance(w, QMessageBox) and (next(
        b for b in w.buttons() if b.text() == "删除").click() or True))
    page.buttons["delete_case"].click()
    assert committee.list_cases([dujuan]) == [] and page.case_id is None and page.due.rowCount() == 0


def test_management_modes_add_and_end(qtbot, page, roll, clock):
    meiling = roll[1].id
    page.estate_view.clicked.emit(page.estates.index(
        next(r for r, s in enumerate(page.estates.records) if s.estate_id == meiling), 0))
    assert page.estate_id == meiling and page.case_id is None and not page.buttons["delete_case"].isEnabled()

    def company(dialog: ManagementDialog) -> None:
        dialog.mode.setCurrentText("物业公司")
        dialog.company.setText("东湖物业服务有限公司")
        set_day(dialog.from_on, date(2024, 1, 1))

    answer(ManagementDialog, company)
    page.buttons["add_mode"].click()
    assert page.detail.modes.rows == [("物业公司", "东湖物业服务有限公司", "2024-01-01", "至今")]
    row = next(r for r, s in enumerate(page.estates.records) if s.estate_id == meiling)
    assert page.estates.index(row, 1).data() == "物业公司（东湖物业服务有限公司）"
    assert "无管理主体" not in page.estates.index(row, 2).data()
    assert page.estates.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    page.detail.mode_view.selectRow(0)
    page.buttons["end_mode"].click()
    assert page.detail.modes.rows == [("物业公司", "东湖物业服务有限公司", "2024-01-01", "2024-03-01")]
    clock.set(datetime(2024, 3, 2, 9, 0))
    page.refresh()
    row = next(r for r, s in enumerate(page.estates.records) if s.estate_id == meiling)
    assert "无管理主体" in page.estates.index(row, 2).data()


def test_a_tie_at_the_last_seat_is_reported(qtbot, page, roll):
    meiling = roll[1].id
    case_id = committee.create_case(meiling, request_on=date(2024, 1, 10))
    owners = page.owners(meiling)
    committee.set_candidates(case_id, [committee.CandidateInput(uid, conditions_confirmed=True) for uid, _ in owners])
    vote_id = committee.create_election_vote(case_id, seats=1, opens_on=date(2024, 3, 1), closes_on=date(2024, 3, 20))
    page.select_case(case_id)
    assert "同票" not in page.detail.election_text.text()
    session = VoteSession(vote_id)
    # the first two candidates both have two of three rooms agreeing on equal areas: a tie for the one seat
    choices = [("同意", "同意", "反对"), ("同意", "同意", "反对"), ("反对", "反对", "同意")]
    for room, chosen in zip(session.rooms, choices):
        session.record(room.roll_id, chosen)
    page.context.changes.emit(Changes.of(Topic.BALLOTS, Topic.VOTES))
    assert "最后席位同票" in page.detail.election_text.text()
    assert [row[1] for row in page.detail.election.rows].count("同票待定") == 2


def test_ctrl_n_only_when_the_page_has_focus(qtbot, page):
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    window = QWidget()  # the page beside another widget of the same window (as in the main window)
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    outside = QLineEdit()
    layout.addWidget(outside)
    layout.addWidget(page)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    outside.setFocus()
    opened: list[QDialog] = answer(NewCaseDialog, lambda d: None, accept=False)
    qtbot.keyClick(outside, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    assert opened == []
    page.due_view.setFocus()
    qtbot.keyClick(page.due_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1 and committee.list_cases() == []  # cancelled: nothing created
    page.setParent(None)  # the page fixture closes it
