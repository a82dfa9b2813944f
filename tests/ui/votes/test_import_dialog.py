"""The 表决票汇总 import dialog and the two exports, driven like a user: the file dialogs are answered
with a path (monkeypatched static methods), the preview's buttons are clicked, the database is read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from tests.ui.modal import when_modal
from desktop_app.domain.tally import AGREE, OPPOSE
from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.exchange.ballot_reader import read_ballots
from desktop_app.exchange.roll_reader import read_roll
from desktop_app.services.votes import lifecycle as votes
from desktop_app.services.scope import Scope
from desktop_app.ui.pages.base import ChangeBus, Page, PageContext, ScopeState
from desktop_app.ui.votes.import_dialog import BallotImportDialog, export_ballots, export_vote_roll, import_ballots
from tests.exchange.workbooks import write_workbook

HEADERS = ("楼栋", "单元", "房号", "加装电梯", "外墙保温", "表决方式", "代理人")
SCREENSHOT = Path(__file__).resolve().parents[3] / "docs" / "screenshots" / "vote_import_dialog.png"


@pytest.fixture
def vote(roll):
    """A vote on 杜鹃新村 (12 rooms; 张三 owns 1-1-101 and 1-1-102) with 1-1-102 entered as 同意/同意 and
    1-1-201 as 反对/反对."""
    vote_id = votes.create_vote(votes.VoteDraft(
        title="杜鹃新村/加装电梯", scopes=[Scope("estate", roll[0].id)], matter=7,
        items=[VoteItem("加装电梯", "完善类"), VoteItem("外墙保温", "基础类")],
        opens_on=date(2026, 3, 1), closes_on=date(2026, 3, 31)))
    session = votes.VoteSession(vote_id)
    session.record(session.find("1-1-102")[0].roll_id, (AGREE, AGREE))
    session.record(session.find("1-1-201")[0].roll_id, (OPPOSE, OPPOSE))
    return vote_id


@pytest.fixture
def page(qtbot, runner, workspace):
    changed: list[int] = []
    bus = ChangeBus()
    bus.changed.connect(lambda _changes: changed.append(1))
    page = Page(PageContext(runner, ScopeState(), bus, workspace))
    page.changed = changed
    qtbot.addWidget(page)
    return page


def answer_open(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(path), "")))


def with_dialog(act) -> list:
    """Run `act(dialog)` on the next modal import dialog, then close it; returns what act returned."""
    seen: list = []

    def take(dialog) -> bool:
        if not isinstance(dialog, BallotImportDialog):
            return False
        try:
            seen.append(act(dialog))
        finally:
            dialog.findChild(QPushButton, "close").click()
        return True

    when_modal(take)
    return seen


def sheet(tmp_path, rows) -> Path:
    return write_workbook(tmp_path / "表决票.xlsx", rows, headers=HEADERS, sheet="表决票汇总")


def test_errors_are_listed_and_only_the_valid_rows_are_imported(qtbot, qtmodeltester, page, vote, tmp_path,
                                                                monkeypatch):
    answer_open(monkeypatch, sheet(tmp_path, [
        ("1", "1", "301", "同意", "反对", "入户", ""),
        ("1", "1", "202", "同意", "赞成", "", ""),          # not an answer
        ("1", "1", "101", "同意", "反对", "", ""),          # 张三's 102 says 同意 for 外墙保温
        ("1", "1", "999", "同意", "同意", "", ""),          # no such room
        ("1", "1", "201", "同意", "同意", "委托", "李明"),  # corrected, by proxy
    ]))

    def act(dialog: BallotImportDialog):
        qtmodeltester.check(dialog.errors, force_py=True)
        qtmodeltester.check(dialog.changes, force_py=True)
        errors = [row[1:3] for row in dialog.errors.rows]
        state = (dialog.import_all.isEnabled(), dialog.import_valid.isEnabled(), dialog.counts.text())
        dialog.resize(900, 420)
        dialog.grab().save(str(SCREENSHOT))
        dialog.import_valid.click()
        return errors, state, [row[:3] for row in dialog.changes.rows], dialog.counts.text(), dialog.close_button.text()

    seen = with_dialog(act)
    assert import_ballots(page, vote) is True and page.changed == [1]
    errors, (all_enabled, valid_enabled, counts), changes, after, close_text = seen[0]
    assert errors == [("3", "外墙保温（E列）"), ("4", "外墙保温（E列）"), ("5", "房号（C列）")]
    assert (all_enabled, valid_enabled) == (False, True)
    assert "新增 1 张，更正 1 张" in counts and "有错误的行 3 行，错误 3 处" in counts
    assert changes == [("2", "1号楼1单元301室", "新增"), ("6", "1号楼1单元201室", "更正")]
    assert after.startswith("导入完成：新增 1 张，更正 1 张") and close_text == "关闭"
    session = votes.VoteSession(vote)
    by_room = {room.room: state for room in session.rooms if (state := session.ballot(room.roll_id))}
    assert set(by_room) == {"102", "201", "301"}
    assert (by_room["301"].choices, by_room["301"].method) == ((AGREE, OPPOSE), "入户")
    assert (by_room["201"].choices, by_room["201"].method, by_room["201"].proxy) == ((AGREE, AGREE), "委托", "李明")
    assert [change.state.choices for change in votes.ballot_history(vote, session.find("1-1-201")[0].roll_id)] == [
        (OPPOSE, OPPOSE)]


def test_a_clean_file_imports_everything_and_cancelling_the_file_dialog_does_nothing(qtbot, page, vote, tmp_path,
                                                                                     monkeypatch):
    answer_open(monkeypatch, "")
    assert import_ballots(page, vote) is False
    answer_open(monkeypatch, sheet(tmp_path, [("1", "1", "301", "同意", "反对", "", ""),
                                              ("1", "1", "302", "弃权", "", "", "")]))
    seen = with_dialog(lambda dialog: (dialog.import_valid.isEnabled(), dialog.import_all.click(),
                                       dialog.counts.text()))
    assert import_ballots(page, vote) is True
    assert seen[0][0] is False and "导入完成：新增 2 张" in seen[0][2]
    assert votes.VoteSession(vote).summary.voted == 4


def test_a_closed_vote_shows_the_preview_but_cannot_import(qtbot, page, vote, tmp_path, monkeypatch):
    votes.close_vote(vote)
    answer_open(monkeypatch, sheet(tmp_path, [("1", "1", "301", "同意", "反对", "", "")]))
    seen = with_dialog(lambda dialog: (dialog.import_all.isEnabled(), dialog.import_valid.isEnabled(),
                                       dialog.counts.text()))
    assert import_ballots(page, vote) is False
    assert seen[0][:2] == (False, False) and "表决已结束" in seen[0][2]


def test_an_unreadable_file_is_said_in_the_dialog(qtbot, page, vote, tmp_path, monkeypatch):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    answer_open(monkeypatch, bad)
    seen = with_dialog(lambda dialog: (dialog.message.text(), dialog.import_all.isEnabled()))
    assert import_ballots(page, vote) is False
    assert "bad.xlsx" in seen[0][0] and seen[0][1] is False


def test_exports_suggest_the_vote_title_and_read_back(qtbot, page, vote, tmp_path, monkeypatch):
    suggested: list[str] = []

    def save(parent, caption, name, filters):
        suggested.append(name)
        return str(tmp_path / name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    path = export_ballots(page, vote)
    assert suggested[0] == "杜鹃新村_加装电梯_表决票汇总.xlsx" and path == str(tmp_path / suggested[0])
    records = votes.frozen_records(vote)
    result = read_ballots(path, records)
    assert result.errors == [] and [(b.room_key, b.choices) for b in result.ballots] == [
        ("A 1号楼1单元102室", (AGREE, AGREE)), ("A 1号楼1单元201室", (OPPOSE, OPPOSE))]
    roll_path = export_vote_roll(page, vote)
    assert suggested[1] == "杜鹃新村_加装电梯_表决名册.xlsx"
    roll = read_roll(roll_path, today=date.today())
    assert roll.errors == [] and len(roll.records) == 12


def test_an_item_named_like_a_column_is_refused_with_a_message(qtbot, page, roll, tmp_path, monkeypatch):
    vote_id = votes.create_vote(votes.VoteDraft(
        title="备注表决", scopes=[Scope("estate", roll[0].id)], matter=7, items=[VoteItem("备注", "")],
        opens_on=date(2026, 3, 1), closes_on=date(2026, 3, 31)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(tmp_path / "b.xlsx"), "")))
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: seen.append(text)))
    export_ballots(page, vote_id)
    assert len(seen) == 1 and "“备注”与名册或表决票汇总的列名相同" in seen[0]
    assert not (tmp_path / "b.xlsx").exists()


def test_the_real_runner_reads_and_imports_in_the_background(qtbot, vote, tmp_path, monkeypatch, workspace):
    from desktop_app.ui.widgets.tasks import TaskRunner

    runner = TaskRunner(workspace)
    page = Page(PageContext(runner, ScopeState(), ChangeBus(), workspace))
    qtbot.addWidget(page)
    answer_open(monkeypatch, sheet(tmp_path, [("1", "1", "301", "同意", "反对", "", "")]))

    def act(dialog: BallotImportDialog):
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20000)
        dialog.import_all.click()
        qtbot.waitUntil(lambda: dialog.summary is not None, timeout=20000)
        return dialog.counts.text()

    seen = with_dialog(act)
    assert import_ballots(page, vote) is True
    assert runner.wait() and seen[0].startswith("导入完成：新增 1 张")
    assert votes.VoteSession(vote).summary.voted == 3


def test_a_wrong_item_column_is_a_header_error_and_nothing_can_be_imported(qtbot, page, vote, tmp_path, monkeypatch):
    answer_open(monkeypatch, write_workbook(tmp_path / "x.xlsx", [("1", "1", "301", "同意", "反对")],
                                            headers=("楼栋", "单元", "房号", "加装电梯", "外墙防水"), sheet="表决票汇总"))
    seen = with_dialog(lambda dialog: (dialog.counts.text(), [row[1:4] for row in dialog.errors.rows],
                                       dialog.import_all.isEnabled(), dialog.import_valid.isEnabled()))
    assert import_ballots(page, vote) is False
    counts, errors, *buttons = seen[0]
    assert "第 1 行的表头有错误" in counts and buttons == [False, False]
    assert errors == [("1", "外墙防水（E列）", "外墙防水"), ("1", "外墙保温", "")]
