"""Ballot entry driven by the keyboard only (keys go to whichever widget has the focus), on a real vote."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.domain.tally import ABSTAIN, AGREE, BLANK, OPPOSE, Ballot, freeze_roll, roll_entry, room_key_of, tally
from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.services.scope import Scope
from desktop_app.services.votes.lifecycle import VoteDraft, VoteSession, close_vote, create_vote, frozen_records
from desktop_app.ui.votes.ballot_entry import BallotEntryWidget
from desktop_app.ui.votes.tally_panel import TallyPanel
from tests.ui.conftest import type_text

ITEMS = ["雨污分流", "屋面防水", "加装电梯"]


def open_vote(estate, *, double_entry: bool = False) -> int:
    return create_vote(VoteDraft(title="杜鹃新村改造内容表决", scopes=[Scope("estate", estate.id)], matter=7,
                                 items=[VoteItem(name, "基础类") for name in ITEMS], opens_on=date(2026, 11, 1),
                                 closes_on=date(2026, 11, 30), double_entry=double_entry))


def focused():
    return QApplication.focusWidget()


def keys(qtbot, *pressed) -> None:
    """Each key to the widget that has the focus, as a user's keyboard would send it."""
    for key in pressed:
        if isinstance(key, str):
            type_text(qtbot, focused(), key)  # ASCII as key presses, Chinese as an input method commits it
        elif isinstance(key, tuple):
            qtbot.keyClick(focused(), key[0], key[1])
        else:
            qtbot.keyClick(focused(), key)


def enter_ballot(qtbot, room: str, answers: str) -> None:
    """Type the room, Enter, one key per item, Enter."""
    keys(qtbot, room, Qt.Key.Key_Return, answers, Qt.Key.Key_Return)


def make_widget(qtbot, session, entry="first"):
    widget = BallotEntryWidget(session, entry=entry, today=date.today())
    qtbot.addWidget(widget)
    widget.resize(640, 560)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    assert focused() is widget.room_field
    return widget


@pytest.fixture
def session(roll):
    return VoteSession(open_vote(roll[0]))


@pytest.fixture
def widget(qtbot, session):
    return make_widget(qtbot, session)


def test_keyboard_only_entry_counts_exactly_what_the_domain_counts(qtbot, session, widget):
    panel = TallyPanel()
    qtbot.addWidget(panel)
    widget.changed.connect(lambda: panel.show_outcome(session.tally()))
    typed = [("1-1-201", "123", (AGREE, OPPOSE, ABSTAIN)), ("1 1 202", "110", (AGREE, AGREE, BLANK)),
             ("2-1-101", "1 2", (AGREE, BLANK, OPPOSE)), ("2号楼1单元102", "111", (AGREE, AGREE, AGREE)),
             ("1-1-301", "222", (OPPOSE, OPPOSE, OPPOSE)), ("2-1-301", "113", (AGREE, AGREE, ABSTAIN))]
    for position, (room, answers, _) in enumerate(typed):
        enter_ballot(qtbot, room, answers)
        assert widget.count.text() == f"已录入 {position + 1} / 12 户"
        assert focused() is widget.room_field and widget.room_field.text() == ""
    assert widget.status.text() == "已保存 2号楼1单元301室"

    records = {record.room_key[1:]: record for record in frozen_records(session.vote_id)}
    ballots = []
    for room, _, choices in typed:
        found = session.find(room)
        assert len(found) == 1
        assert session.ballot(found[0].roll_id).choices == choices
        record = records[(found[0].building, found[0].unit, found[0].room)]
        ballots.append(Ballot(room_key_of(record), choices))
    expected = tally(freeze_roll(roll_entry(record) for record in records.values()), ballots, ITEMS,
                     session.summary.rule)
    outcome = session.tally()
    assert outcome.error is None and outcome.result == expected
    assert panel.result == expected
    assert panel.verdicts() == [(item.item, item.verdict) for item in expected.items]


def test_one_owner_answering_differently_in_two_rooms_shows_the_rooms_in_the_panel(qtbot, session, widget):
    panel = TallyPanel()
    qtbot.addWidget(panel)
    widget.changed.connect(lambda: panel.show_outcome(session.tally()))
    enter_ballot(qtbot, "1-1-101", "111")
    enter_ballot(qtbot, "1-1-102", "211")  # 张三 owns both
    assert panel.error is not None and panel.problems.isVisibleTo(panel)
    assert "同一业主的 2 套房屋表决意见不一致（同意：1号楼1单元101室；反对：1号楼1单元102室）" in panel.problems.text()


def test_undo_takes_back_saves_one_by_one_including_a_correction(qtbot, session, widget):
    enter_ballot(qtbot, "1-1-201", "111")
    roll_id = session.find("1-1-201")[0].roll_id
    keys(qtbot, "1-1-201", Qt.Key.Key_Return)
    assert widget.previous_info.text().startswith("已录入，将更正：同意、同意、同意（纸质")
    assert widget.choice_list.choices == [AGREE, AGREE, AGREE]  # the earlier answers, to type over
    keys(qtbot, "2", Qt.Key.Key_Return)
    assert session.ballot(roll_id).choices == (OPPOSE, AGREE, AGREE)
    assert widget.status.text() == "已保存 1号楼1单元201室（已更正）"
    enter_ballot(qtbot, "2-1-202", "333")
    assert widget.count.text() == "已录入 2 / 12 户"

    keys(qtbot, (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert session.ballot(session.find("2-1-202")[0].roll_id) is None
    assert widget.count.text() == "已录入 1 / 12 户"
    keys(qtbot, (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert session.ballot(roll_id).choices == (AGREE, AGREE, AGREE)  # the correction undone
    assert widget.status.text() == "已撤销 1号楼1单元201室 的录入，恢复为更正前的表决票"
    keys(qtbot, (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert session.ballot(roll_id) is None and widget.count.text() == "已录入 0 / 12 户"
    keys(qtbot, (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert widget.message.text() == "没有可撤销的录入"


def test_an_unknown_room_is_named_and_selected_for_retyping(qtbot, session, widget):
    keys(qtbot, "9-1-909", Qt.Key.Key_Return)
    assert widget.message.text() == "本表决范围内没有房屋“9-1-909”，请核对后重新输入"
    assert focused() is widget.room_field and widget.room_field.selectedText() == "9-1-909"
    keys(qtbot, "1-1-202", Qt.Key.Key_Return)  # typing replaces the selection
    assert widget.room is not None and widget.room.label == "1号楼1单元202室"
    assert focused() is widget.choice_list and widget.message.text() == ""
    assert "业主 王*" in widget.room_info.text() and "王五" not in widget.room_info.text()


def test_several_matches_open_a_chooser_driven_by_the_arrows(qtbot, session, widget):
    keys(qtbot, "201", Qt.Key.Key_Return)
    assert widget.chooser.isVisible() and focused() is widget.chooser and widget.chooser.count() == 2
    assert widget.message.text().startswith("“201”对应 2 户")
    keys(qtbot, Qt.Key.Key_Down, Qt.Key.Key_Return)
    assert widget.room.label == "2号楼1单元201室" and not widget.chooser.isVisible()
    keys(qtbot, "321", Qt.Key.Key_Return)
    assert session.ballot(widget.session.find("2-1-201")[0].roll_id).choices == (ABSTAIN, OPPOSE, AGREE)


def test_arrows_and_backspace_move_back_and_an_unanswered_item_is_refused(qtbot, session, widget):
    keys(qtbot, "1-1-301", Qt.Key.Key_Return, "11", Qt.Key.Key_Up, "2")
    assert widget.choice_list.choices == [AGREE, OPPOSE, None] and widget.choice_list.current == 2
    keys(qtbot, Qt.Key.Key_Backspace)
    assert widget.choice_list.choices == [AGREE, None, None] and widget.choice_list.current == 1
    keys(qtbot, Qt.Key.Key_Return)
    assert widget.message.text().startswith("第 2 项“屋面防水”尚未录入（共 2 项未录）")
    assert session.ballot(session.find("1-1-301")[0].roll_id) is None
    keys(qtbot, Qt.Key.Key_Space, "3", Qt.Key.Key_Return)
    assert session.ballot(session.find("1-1-301")[0].roll_id).choices == (AGREE, BLANK, ABSTAIN)


def test_a_proxy_vote_without_the_proxy_name_is_refused_until_it_is_typed(qtbot, session, widget):
    received = widget.received.date()
    keys(qtbot, "1-1-302", Qt.Key.Key_Return, "111", Qt.Key.Key_F2, Qt.Key.Key_F2)
    assert widget.method.currentText() == "委托" and widget.proxy.isEnabled()
    keys(qtbot, Qt.Key.Key_Return)
    assert widget.message.text() == "委托表决须填写代理人姓名：请输入后回车保存"
    assert focused() is widget.proxy
    roll_id = session.find("1-1-302")[0].roll_id
    assert session.ballot(roll_id) is None
    type_text(qtbot, focused(), "孙小七")
    keys(qtbot, Qt.Key.Key_Return)
    state = session.ballot(roll_id)
    assert (state.method, state.proxy, state.received_on) == ("委托", "孙小七", received.toPython())
    assert widget.method.currentText() == "纸质" and not widget.proxy.isEnabled()  # next ballot starts on paper
    keys(qtbot, Qt.Key.Key_F2, Qt.Key.Key_F2, Qt.Key.Key_F2, Qt.Key.Key_F2)
    assert widget.method.currentText() == "纸质"


def test_check_mode_records_check_entries_blind_to_the_first(qtbot, roll):
    session = VoteSession(open_vote(roll[0], double_entry=True))
    first = make_widget(qtbot, session)
    enter_ballot(qtbot, "1-1-201", "111")
    first.close()
    check = make_widget(qtbot, session, entry="check")
    assert check.count.text() == "已录入 0 / 12 户"
    keys(qtbot, "1-1-201", Qt.Key.Key_Return)
    assert check.previous_info.text() == "" and check.choice_list.choices == [None, None, None]
    keys(qtbot, "112", Qt.Key.Key_Return)
    roll_id = session.find("1-1-201")[0].roll_id
    assert session.ballot(roll_id, "check").choices == (AGREE, AGREE, OPPOSE)
    assert session.ballot(roll_id).choices == (AGREE, AGREE, AGREE)
    [difference] = session.differences()
    assert difference.items == ("加装电梯",)


def test_a_closed_vote_disables_entry_behind_a_banner(qtbot, session, widget):
    enter_ballot(qtbot, "1-1-201", "111")
    close_vote(session.vote_id)
    session.reload()
    widget.refresh()
    assert widget.banner.isVisible() and "本表决已结束" in widget.banner.text()
    assert not widget.room_field.isEnabled() and not widget.choice_list.isEnabled()


def test_a_save_refused_by_the_service_is_shown_and_nothing_is_lost(qtbot, session, widget):
    keys(qtbot, "1-1-201", Qt.Key.Key_Return, "111")
    close_vote(session.vote_id)  # closed by someone else meanwhile; the session learns it on writing
    keys(qtbot, Qt.Key.Key_Return)
    assert "表决已结束" in widget.message.text()
    assert widget.banner.isVisible() and not widget.room_field.isEnabled()
    assert session.ballot(session.find("1-1-201")[0].roll_id) is None


def test_the_received_date_typed_once_is_kept_and_a_correction_keeps_its_own(qtbot, session, widget):
    keys(qtbot, "1-1-201", Qt.Key.Key_Return, "111", Qt.Key.Key_Tab, Qt.Key.Key_Tab)
    assert focused() is widget.received  # the proxy field is skipped while disabled
    keys(qtbot, "20261120", Qt.Key.Key_Return)
    assert session.ballot(session.find("1-1-201")[0].roll_id).received_on == date(2026, 11, 20)
    enter_ballot(qtbot, "1-1-202", "222")
    assert session.ballot(session.find("1-1-202")[0].roll_id).received_on == date(2026, 11, 20)
    keys(qtbot, "1-1-301", Qt.Key.Key_Return, "333", Qt.Key.Key_Tab, Qt.Key.Key_Tab, "20261122", Qt.Key.Key_Return)
    keys(qtbot, "1-1-201", Qt.Key.Key_Return)
    assert widget.received.date().toPython() == date(2026, 11, 20)  # the corrected ballot's own date
    keys(qtbot, "3", Qt.Key.Key_Return, "1-1-302", Qt.Key.Key_Return)
    assert widget.received.date().toPython() == date(2026, 11, 22)


def test_escape_drops_the_ballot_being_typed_and_the_chooser(qtbot, session, widget):
    keys(qtbot, "1-1-201", Qt.Key.Key_Return, "12", Qt.Key.Key_Escape)
    assert widget.room is None and focused() is widget.room_field and widget.room_field.text() == ""
    assert session.ballot(session.find("1-1-201")[0].roll_id) is None
    keys(qtbot, "101", Qt.Key.Key_Return)
    assert focused() is widget.chooser
    keys(qtbot, Qt.Key.Key_Escape)
    assert not widget.chooser.isVisible() and focused() is widget.room_field
    assert widget.room_field.selectedText() == "101"  # ready to be typed over
    keys(qtbot, "1-2-3-4", Qt.Key.Key_Return)
    assert widget.message.text() == "无法识别“1-2-3-4”：请按 楼-单元-房号 输入，如 3-1-502 或 3 1 502"


def test_the_method_chosen_before_the_room_is_kept_and_a_corrected_ballots_is_not(qtbot, session, widget):
    keys(qtbot, Qt.Key.Key_F2, "1-1-201", Qt.Key.Key_Return)
    assert widget.method.currentText() == "现场"
    keys(qtbot, "111", Qt.Key.Key_Return)
    assert session.ballot(session.find("1-1-201")[0].roll_id).method == "现场"
    keys(qtbot, "1-1-201", Qt.Key.Key_Return)
    assert widget.method.currentText() == "现场"  # shown from the saved ballot
    keys(qtbot, Qt.Key.Key_Backtab, Qt.Key.Key_Home, (Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier),
         "1-1-202", Qt.Key.Key_Return)
    assert widget.room.label == "1号楼1单元202室" and widget.method.currentText() == "纸质"
