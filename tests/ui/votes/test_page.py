"""改造表决 on the demo street: the list follows the scope, closing asks and locks, reopening needs a reason."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop_app.domain.tally import AGREE, OPPOSE
from desktop_app.models import AuditLog, Vote
from desktop_app.services.votes import lifecycle as votes
from desktop_app.services.scope import ALL, Scope
from desktop_app.ui.votes.page import VotesPage
from desktop_app.ui.votes.detail import CHECK_TAB, NOT_VOTED_TAB, RESULT_TAB
from desktop_app.ui.votes.models import NotVotedModel, VoteListModel
from desktop_app.ui.votes.wizard import VoteWizard
from tests.ui.conftest import type_text
from tests.ui.votes.votes_ui_fixtures import (  # noqa: F401 (fixtures)
    answer_boxes, building, community_of, context, demo_db, demo_template, estate, open_vote,
)


def make_page(qtbot, context, scope: Scope) -> VotesPage:
    context.context.scope.set(scope)
    page = VotesPage(context.context)
    context.pages.append(page)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    return page


def titles(page) -> list[str]:
    return [page.model.index(row, 0).data() for row in range(page.model.rowCount())]


def vote_all(vote_id: int, choices: tuple[str, ...]) -> int:
    session = votes.VoteSession(vote_id)
    for room in session.rooms:
        session.record(room.roll_id, choices)
    return len(session.rooms)


def test_the_list_follows_the_window_scope(qtbot, context):
    dujuan = open_vote("杜鹃新村")
    open_vote("梅岭小区")
    one_building = open_vote("杜鹃新村", scopes=[Scope("building", building("杜鹃新村", "1").id)], title="1号楼加装电梯")
    page = make_page(qtbot, context, ALL)
    assert titles(page) == ["1号楼加装电梯", "梅岭小区改造内容表决", "杜鹃新村改造内容表决"]  # newest first
    assert page.vote_id == one_building and page.detail.heading.text() == "1号楼加装电梯"
    context.context.scope.set(Scope("estate", estate("杜鹃新村").id))
    assert titles(page) == ["1号楼加装电梯", "杜鹃新村改造内容表决"]
    page.select_vote(dujuan)
    context.context.scope.set(community_of("杜鹃新村"))
    assert titles(page) == ["1号楼加装电梯", "杜鹃新村改造内容表决"] and page.vote_id == dujuan  # kept
    assert page.model.index(1, 2).data() == "整个小区" and page.model.index(0, 2).data() == "1号楼"
    context.context.scope.set(Scope("building", building("杜鹃新村", "2").id))
    assert titles(page) == ["1号楼加装电梯", "杜鹃新村改造内容表决"]  # a building shows its estate's votes
    context.context.scope.set(Scope("estate", estate("双园新村").id))
    assert titles(page) == [] and page.detail is None and page.count.text() == "本范围内还没有表决"
    assert not page.buttons["close_vote"].isEnabled() and page.buttons["new_vote"].isEnabled()


def test_closing_shows_each_verdict_asks_and_locks(qtbot, context):
    vote_id = open_vote("梅岭小区")
    rooms = vote_all(vote_id, (AGREE, OPPOSE))
    page = make_page(qtbot, context, Scope("estate", estate("梅岭小区").id))
    assert page.model.index(0, 5).data() == f"{rooms:,} / {rooms:,}"
    assert not page.detail.banner.isVisible() and not page.buttons["reopen"].isEnabled()
    seen: list[str] = []
    answer_boxes(["取消"], seen)
    page.buttons["close_vote"].click()
    assert votes.vote_summary(vote_id).status == "open"
    assert "1. 雨污分流：通过" in seen[0] and "2. 加装电梯：未通过" in seen[0]
    assert "表决期到" in seen[0] and "才截止" in seen[0]  # closing before the closing date says so
    answer_boxes(["结束表决"], seen)
    page.buttons["close_vote"].click()
    assert votes.vote_summary(vote_id).status == "closed" and votes.stored_result(vote_id) is not None
    detail = page.detail
    assert detail.banner.isVisible() and "已结束" in detail.banner.text()
    assert not detail.entry.isEnabled()
    assert page.model.index(0, 3).data() == "已结束"
    assert not page.buttons["close_vote"].isEnabled() and page.buttons["reopen"].isEnabled()
    assert not page.buttons["import"].isEnabled()
    assert detail.tabs.currentIndex() == RESULT_TAB  # closing shows the result
    assert detail.result_tally.verdicts() == [("雨污分流", "通过"), ("加装电梯", "未通过")]


def test_closing_refused_by_the_services_shows_why(qtbot, context):
    """Double entry: a ballot entered once only is a difference; closing says so and changes nothing."""
    vote_id = open_vote("梅岭小区", double_entry=True)
    session = votes.VoteSession(vote_id)
    first_room = session.rooms[0]
    session.record(first_room.roll_id, (AGREE, AGREE))
    page = make_page(qtbot, context, Scope("estate", estate("梅岭小区").id))
    page.detail.show_tab(CHECK_TAB)
    differences = page.detail.differences
    assert differences.model.rowCount() == 1
    assert differences.model.index(0, 0).data() == first_room.label
    assert differences.model.index(0, 2).data() == "仅第一次录入，核对未录入"
    assert "共有 1 户不一致" in differences.summary.text()
    differences.table.activated.emit(differences.model.index(0, 0))
    assert page.detail.check.room == first_room  # opened in the check entry for the second person
    seen: list[str] = []
    answer_boxes(["结束表决", None], seen)
    page.buttons["close_vote"].click()
    assert len(seen) == 2 and "双人录入核对还有 1 户" in seen[1]
    assert votes.vote_summary(vote_id).status == "open" and page.detail.entry.isEnabled()


def test_reopening_needs_a_reason(qtbot, context):
    vote_id = open_vote("梅岭小区")
    votes.close_vote(vote_id)
    page = make_page(qtbot, context, Scope("estate", estate("梅岭小区").id))
    assert page.detail.banner.isVisible()
    seen: list[str] = []
    answer_boxes(["  ", None], seen)
    page.buttons["reopen"].click()
    assert "原因" in seen[0] and "必须填写原因" in seen[1]
    assert votes.vote_summary(vote_id).status == "closed"
    answer_boxes(["纸质表决票漏录 3 张，更正后重新结束"], seen)
    page.buttons["reopen"].click()
    assert votes.vote_summary(vote_id).status == "open"
    assert not page.detail.banner.isVisible() and page.detail.entry.isEnabled()
    assert page.buttons["close_vote"].isEnabled() and not page.buttons["reopen"].isEnabled()
    uid = Vote.get_by_id(vote_id).uid
    assert AuditLog.select().where((AuditLog.record_uid == uid) & (AuditLog.action == "reopen")
                                   & AuditLog.summary.contains("纸质表决票漏录 3 张")).exists()


def test_not_voted_tab_lists_the_rooms_without_a_ballot(qtbot, context):
    vote_id = open_vote("梅岭小区")
    session = votes.VoteSession(vote_id)
    voted = session.rooms[:5]
    for room in voted:
        session.record(room.roll_id, (AGREE, AGREE))
    page = make_page(qtbot, context, Scope("estate", estate("梅岭小区").id))
    page.detail.show_tab(NOT_VOTED_TAB)
    model = page.detail.not_voted
    total = len(session.rooms)
    assert model.rowCount() == total - 5
    assert model.index(0, 0).data() == session.rooms[5].label
    assert page.detail.not_voted_count.text() == f"未表决 {total - 5:,} 户（共 {total:,} 户，已表决 5 户）"
    page.detail.not_voted_table.activated.emit(model.index(1, 0))  # double-click or Enter on a row
    assert page.detail.tabs.currentIndex() == 0 and page.detail.entry.room == session.rooms[6]


def test_the_models_pass_the_model_tester(qtmodeltester, context):
    open_vote("梅岭小区")
    vote_id = open_vote("杜鹃新村", double_entry=True)
    session = votes.VoteSession(vote_id)
    session.record(session.rooms[0].roll_id, (AGREE, OPPOSE))
    session.record(session.rooms[0].roll_id, (AGREE, AGREE), entry="check")
    session.record(session.rooms[1].roll_id, (AGREE, AGREE), entry="check")
    vote_list = VoteListModel(today=context.context.workspace.clock.today)
    vote_list.set_records(votes.list_votes(ALL))
    qtmodeltester.check(vote_list, force_py=True)
    assert vote_list.rowCount() == 2 and vote_list.headerData(5, Qt.Orientation.Horizontal) == "已表决户数"
    not_voted = NotVotedModel()
    not_voted.set_records(session.not_voted())
    qtmodeltester.check(not_voted, force_py=True)
    assert not_voted.rowCount() == len(session.rooms) - 1


def test_ctrl_n_on_the_votes_page_opens_the_wizard_in_the_main_window(qtbot, demo_db, runner, ui_settings):
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(runner, ui_settings, workspace=demo_db)
    qtbot.addWidget(window)
    window.show()
    window.windowHandle().requestActivate()  # the window's own Ctrl+N (新增房屋) is live only when active
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page = window.page_titled("改造表决")
    opened: list[str] = []

    def close_wizard() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, close_wizard)
            return
        opened.append(type(dialog).__name__)
        dialog.reject()

    QTimer.singleShot(0, close_wizard)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == [VoteWizard.__name__] and window.current_page() is page
    window.close()


def test_a_ballot_typed_on_the_page_updates_the_tally_and_the_list(qtbot, context):
    vote_id = open_vote("梅岭小区")
    page = make_page(qtbot, context, Scope("estate", estate("梅岭小区").id))
    room = votes.VoteSession(vote_id).rooms[0]
    page.windowHandle().requestActivate()  # keys go to the focus widget, as a user's keyboard sends them
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    field = page.detail.entry.findChild(QLineEdit, "room_field")
    field.setFocus()
    type_text(qtbot, field, f"{room.building}-{room.unit}-{room.room}" if room.unit else f"{room.building}-{room.room}")
    for key in (Qt.Key.Key_Return, Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_Return):
        qtbot.keyClick(QApplication.focusWidget(), key)
    assert votes.VoteSession(vote_id).ballot(room.roll_id).choices == (AGREE, OPPOSE)
    total = len(votes.VoteSession(vote_id).rooms)
    assert page.model.index(0, 5).data() == f"1 / {total:,}"
    first = page.detail.entry_tally.result.items[0]
    assert (first.participating.heads, first.agree.heads, first.participating.area_centi) == (1, 1, room.area_centi)
    page.detail.show_tab(NOT_VOTED_TAB)
    assert page.detail.not_voted.rowCount() == total - 1


def test_the_not_voted_list_prints_from_its_tab(qtbot, context, tmp_path, monkeypatch):
    from pypdf import PdfReader

    from desktop_app.ui.votes import print_actions as vote_print_actions

    vote_id = open_vote("梅岭小区")
    room = votes.VoteSession(vote_id).rooms[-1]
    target = tmp_path / "未表决户.pdf"
    monkeypatch.setattr(vote_print_actions, "ask_save_path", lambda *_args: str(target))
    page = make_page(qtbot, context, Scope("estate", estate("梅岭小区").id))
    page.detail.show_tab(NOT_VOTED_TAB)
    seen: list[str] = []
    answer_boxes(["确定"], seen)
    page.detail.print_not_voted.click()
    text = "".join(pdf_page.extract_text() for pdf_page in PdfReader(target).pages)
    assert room.room in text and room.owner_names[0] in text and "已保存到" in seen[0]


def test_a_hidden_page_reads_the_votes_when_it_is_shown(qtbot, context):
    context.context.scope.set(Scope("estate", estate("梅岭小区").id))
    page = VotesPage(context.context)
    qtbot.addWidget(page)
    first = open_vote("梅岭小区")
    page.refresh()
    assert page.model.rowCount() == 0 and page.detail is None  # nothing loaded while hidden
    page.show()
    assert titles(page) == ["梅岭小区改造内容表决"] and page.vote_id == first
    page.hide()
    second = open_vote("梅岭小区", title="梅岭小区加装电梯")
    page.refresh()
    page.select_vote(second)  # a caller may select a vote the hidden page has not read yet
    assert page.vote_id == second and titles(page) == ["梅岭小区加装电梯", "梅岭小区改造内容表决"]


def test_ballots_exported_from_one_vote_import_into_another_through_the_page(qtbot, context, tmp_path,
                                                                             monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QPushButton

    from desktop_app.ui.votes.import_dialog import BallotImportDialog

    source = open_vote("梅岭小区", title="第一次表决")
    rooms = vote_all(source, (AGREE, OPPOSE))
    target = open_vote("梅岭小区", title="第二次表决")
    sheet = tmp_path / "表决票汇总.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(sheet), "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(sheet), "")))
    page = make_page(qtbot, context, Scope("estate", estate("梅岭小区").id))
    page.select_vote(source)
    page.buttons["export"].click()
    assert sheet.exists()
    page.select_vote(target)
    assert page.model.index(page.model.row_of(target), 5).data() == f"0 / {rooms:,}"

    def confirm() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, BallotImportDialog):
            QTimer.singleShot(20, confirm)
            return
        try:
            dialog.findChild(QPushButton, "import_all").click()
        finally:
            dialog.findChild(QPushButton, "close").click()

    QTimer.singleShot(0, confirm)
    page.buttons["import"].click()
    assert page.vote_id == target and page.model.index(page.model.row_of(target), 5).data() == f"{rooms:,} / {rooms:,}"
    assert page.detail.entry_tally.verdicts() == [("雨污分流", "通过"), ("加装电梯", "未通过")]


def test_closing_a_vote_whose_tally_has_a_conflict_names_the_rooms_and_asks_nothing(qtbot, context):
    vote_id = open_vote("杜鹃新村")
    session = votes.VoteSession(vote_id)
    rooms_of: dict[str, list] = {}
    for room in session.rooms:
        rooms_of.setdefault(room.head_key, []).append(room)
    first, second = next(rooms for rooms in rooms_of.values() if len(rooms) > 1)[:2]
    session.record(first.roll_id, (AGREE, AGREE))
    session.record(second.roll_id, (OPPOSE, AGREE))  # one owner, two answers to 雨污分流
    page = make_page(qtbot, context, Scope("estate", estate("杜鹃新村").id))
    seen: list[str] = []
    answer_boxes([None], seen)
    page.buttons["close_vote"].click()
    assert len(seen) == 1 and seen[0].startswith("计票有问题") and first.label in seen[0] and second.label in seen[0]
    assert votes.vote_summary(vote_id).status == "open"
