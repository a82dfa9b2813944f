"""Double-entry differences: listed as the two entries say, each reconciled so the vote can close."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.domain.tally import ABSTAIN, AGREE, BLANK, OPPOSE
from desktop_app.services.votes.lifecycle import VoteError, VoteSession, close_vote
from desktop_app.ui.votes.ballot_differences import BallotDifferencesWidget, DifferencesModel
from tests.ui.conftest import answer_next_box
from tests.ui.votes.test_ballot_entry import open_vote

DAY = date(2026, 11, 20)


@pytest.fixture
def session(roll):
    session = VoteSession(open_vote(roll[0], double_entry=True))
    rooms = {label: session.find(label)[0].roll_id for label in ("1-1-201", "1-1-202", "1-1-301", "1-1-302", "2-1-101")}
    both = {"1-1-201": ((AGREE, AGREE, AGREE), (AGREE, AGREE, OPPOSE)),
            "1-1-302": ((AGREE, BLANK, ABSTAIN), (AGREE, BLANK, ABSTAIN))}  # the same: not a difference
    for label, (first, check) in both.items():
        session.record(rooms[label], first, received_on=DAY)
        session.record(rooms[label], check, received_on=DAY, entry="check")
    session.record(rooms["1-1-202"], (OPPOSE, OPPOSE, OPPOSE), received_on=DAY)  # first only
    session.record(rooms["1-1-301"], (AGREE, AGREE, AGREE), method="委托", proxy="孙小七", entry="check")  # check only
    session.record(rooms["2-1-101"], (AGREE, AGREE, AGREE), method="现场")
    session.record(rooms["2-1-101"], (AGREE, AGREE, AGREE), entry="check")  # the method differs
    return session


@pytest.fixture
def widget(qtbot, session):
    widget = BallotDifferencesWidget(session)
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget


def rows(model: DifferencesModel) -> list[list[str]]:
    return [[model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())]


def test_the_model_passes_the_model_tester_and_says_what_differs(qtmodeltester, session):
    model = DifferencesModel([item.name for item in session.items])
    model.set_differences(session.differences())
    qtmodeltester.check(model, force_py=True)
    assert rows(model) == [
        ["1号楼1单元201室", "李*", "加装电梯", "同意、同意、【同意】（纸质）", "同意、同意、【反对】（纸质）"],
        ["1号楼1单元202室", "王*", "仅第一次录入，核对未录入", "反对、反对、反对（纸质）", "（未录入）"],
        ["1号楼1单元301室", "赵*", "仅核对录入，第一次未录入", "（未录入）", "同意、同意、同意（委托，代理人 孙小七）"],
        ["2号楼1单元101室", "周*", "表决方式", "同意、同意、同意（【现场】）", "同意、同意、同意（【纸质】）"],
    ]
    assert model.headerData(3, Qt.Orientation.Horizontal) == "第一次录入"
    model.set_differences([])  # the tester stays connected and checks the reset
    assert model.rowCount() == 0


def test_every_difference_is_reconciled_by_keyboard_and_then_the_vote_closes(qtbot, session, widget):
    assert widget.summary.text() == "两次录入共有 4 户不一致，全部核对一致后才能结束表决。"
    with pytest.raises(VoteError):
        close_vote(session.vote_id)
    changed = []
    widget.changed.connect(lambda: changed.append(True))
    widget.table.setFocus()
    roll_201 = session.find("1-1-201")[0].roll_id

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # 采用核对录入
    assert session.ballot(roll_201).choices == (AGREE, AGREE, OPPOSE)  # the check entry now counts
    assert widget.message.text() == "1号楼1单元201室 已采用核对录入"
    assert widget.model.rowCount() == 3 and changed == [True]

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # 202: first only
    state = session.ballot(session.find("1-1-202")[0].roll_id, "check")
    assert state.choices == (OPPOSE, OPPOSE, OPPOSE) and state.received_on == DAY

    seen: list[str] = []
    answer_next_box("删除", seen)
    assert widget.adopt("first")  # 301 has no first entry: adopting it removes the check entry
    assert "1号楼1单元301室 没有第一次录入" in seen[0]
    assert session.ballot(session.find("1-1-301")[0].roll_id, "check") is None

    assert widget.model.index(0, 0).data() == "2号楼1单元101室"
    widget.adopt_check.click()  # nothing asked for a present entry: the method is taken as entered
    assert session.ballot(session.find("2-1-101")[0].roll_id).method == "纸质"
    assert widget.model.rowCount() == 0 and widget.summary.text() == "两次录入完全一致。"
    assert not widget.adopt_first.isEnabled()
    close_vote(session.vote_id)


def test_declining_the_deletion_changes_nothing(qtbot, session, widget):
    widget.table.selectRow(2)
    answer_next_box("取消")
    assert not widget.adopt("first")
    assert session.ballot(session.find("1-1-301")[0].roll_id, "check") is not None
    assert widget.model.rowCount() == 4

