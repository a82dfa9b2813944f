"""The one change signal, through the main window on a real SQLite file: a ballot and an opinion entered by
keyboard move every figure that counts them, and pages that do not depend on them are not re-read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.domain.tally import AGREE
from desktop_app.services.changes import Changes, Topic
from desktop_app.services.scope import Scope
from desktop_app.services.votes.lifecycle import VoteSession
from desktop_app.ui.votes.detail import CHECK_TAB, NOT_VOTED_TAB, RESULT_TAB
from desktop_app.ui.votes.tally_panel import ItemRow, TallyPanel
from tests.ui.votes.test_ballot_entry import enter_ballot, keys, open_vote


def count_refreshes(monkeypatch, **widgets) -> dict[str, int]:
    """Count the calls of each widget's `refresh` (the re-read a change causes); the refresh still runs."""
    calls = dict.fromkeys(widgets, 0)
    for name, widget in widgets.items():
        def counted(original=widget.refresh, name=name) -> None:
            calls[name] += 1
            original()
        monkeypatch.setattr(widget, "refresh", counted)
    return calls


def participating(panel: TallyPanel) -> tuple[int, str]:
    """The first item's participating owners, and the line the panel draws for them."""
    assert panel.result is not None
    item = panel.result.items[0]
    return item.participating.heads, ItemRow.lines_of(item)[1].text


def test_a_ballot_moves_every_figure_that_counts_ballots_and_nothing_else(qtbot, monkeypatch, window, roll):
    vote_id = open_vote(roll[0])
    earlier = VoteSession(vote_id)
    for room in earlier.rooms[:8]:
        earlier.record(room.roll_id, [AGREE] * 3)
    ninth = earlier.rooms[8]
    others = {"home": window.page_titled("首页"), "rooms": window.page_titled("房屋与业主"),
              "print": window.page_titled("打印中心")}
    consult = window.page_titled("征求意见")
    others.update({f"consult {title}": tab for title, tab in consult.tab_pages.items()})
    page = window.page_titled("改造表决")
    page.select_vote(vote_id)
    detail = page.detail
    assert "已表决 8 户" in detail.facts.text()
    row = page.model.row_of(vote_id)
    assert page.model.index(row, 5).data() == "8 / 12"
    heads_before, _line = participating(detail.entry_tally)
    refreshes = count_refreshes(monkeypatch, **others)
    sent: list[Changes] = []
    window.changes.changed.connect(sent.append)

    detail.focus_entry()
    enter_ballot(qtbot, f"{ninth.building}-{ninth.unit}-{ninth.room}", "111")

    assert detail.entry.status.text() == f"已保存 {ninth.label}"
    assert [change.topics for change in sent] == [{Topic.BALLOTS}] and sent[0].ids(Topic.BALLOTS) == {vote_id}
    assert page.detail is detail  # the page followed its own ballot without rebuilding the entry (and its undo)
    assert "已表决 9 户" in detail.facts.text()  # the header that stayed at the count read when opened
    assert page.model.index(page.model.row_of(vote_id), 5).data() == "9 / 12"
    assert detail.entry.count.text() == "已录入 9 / 12 户"
    counted = VoteSession(vote_id).tally().result.items[0].participating.heads
    assert counted > heads_before
    heads, line = participating(detail.entry_tally)
    assert heads == counted and line.startswith(f"参与 {counted} / 11 人 · ")
    detail.show_tab(NOT_VOTED_TAB)
    assert detail.not_voted_count.text() == "未表决 3 户（共 12 户，已表决 9 户）"
    assert detail.not_voted.rowCount() == 3
    detail.show_tab(RESULT_TAB)
    assert participating(detail.result_tally)[0] == counted
    assert refreshes == dict.fromkeys(others, 0)  # nothing else counts ballots

    detail.focus_entry()
    keys(qtbot, (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))  # undo: every figure goes back
    assert "已表决 8 户" in detail.facts.text()
    assert page.model.index(page.model.row_of(vote_id), 5).data() == "8 / 12"
    assert participating(detail.entry_tally)[0] == heads_before
    detail.show_tab(NOT_VOTED_TAB)
    assert detail.not_voted_count.text() == "未表决 4 户（共 12 户，已表决 8 户）"
    assert len(sent) == 2 and refreshes == dict.fromkeys(others, 0)


def test_an_opinion_moves_every_figure_that_counts_opinions_and_nothing_else(qtbot, monkeypatch, window, roll):
    window.scope_state.set(Scope("estate", roll[0].id))  # 杜鹃新村, 12 rooms
    others = {"home": window.page_titled("首页"), "rooms": window.page_titled("房屋与业主"),
              "votes": window.page_titled("改造表决"), "print": window.page_titled("打印中心")}
    consult = window.page_titled("征求意见")
    summary, unreached, figures = (consult.tab(title) for title in ("需求汇总", "未走访户", "统计"))
    assert summary.totals.text().startswith("房屋 12 户，已走访/反馈 0 户")
    assert unreached.count.text() == "未走访 12 户"
    assert figures.headline["reached"].text() == "0 / 12"
    complaints = consult.tab("投诉台账")  # read once, so that showing it again re-reads only after a change
    refreshes = count_refreshes(monkeypatch, complaints=complaints, summary=summary, unreached=unreached,
                                figures=figures, **others)
    sent: list[Changes] = []
    window.changes.changed.connect(sent.append)
    entry = consult.tab("入户登记")
    assert entry.overall.text().startswith("范围内累计已有意见 0 / 12 户")
    entry.room_edit.setFocus()

    for char in "1-1-101":
        qtbot.keyClicks(QApplication.focusWidget(), char)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert QApplication.focusWidget() is entry.panel
    for char in "03z":  # 雨污分流, 支持
        qtbot.keyClicks(QApplication.focusWidget(), char)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    assert entry.progress.text().endswith("已走访 1 / 12 户")  # at once
    qtbot.waitUntil(lambda: len(sent) == 1, timeout=5000)  # the others once the typing pauses
    assert sent[0].topics == {Topic.OPINIONS} and len(sent[0].ids(Topic.OPINIONS)) == 1
    assert entry.overall.text().startswith("范围内累计已有意见 1 / 12 户")
    assert refreshes == dict.fromkeys(refreshes, 0)  # hidden tabs wait until shown; other pages do not count opinions

    assert consult.tab("需求汇总") is summary
    assert summary.totals.text().startswith("房屋 12 户，已走访/反馈 1 户")
    counted = {summary.model.index(r, 0).data(): summary.model.index(r, 2).data()
               for r in range(summary.model.rowCount())}
    assert counted == {"雨污分流": "1"}
    consult.tab("未走访户")
    assert unreached.count.text() == "未走访 11 户"
    consult.tab("统计")
    assert figures.headline["reached"].text() == "1 / 12"
    consult.tab("投诉台账")
    assert refreshes == {**dict.fromkeys(refreshes, 0), "summary": 1, "unreached": 1, "figures": 1}


@pytest.mark.parametrize("topic, rereads", [
    (Topic.ROLL, {"home", "rooms", "print"}),
    (Topic.PRINTS, set()),  # the print centre re-reads only its history
    (Topic.COMPLAINTS, {"home"}),  # the 首页's 投诉 figure
    (Topic.PROJECTS, {"home"}),  # the print centre only drops a project table produced before
    (Topic.BALLOTS, {"votes"}),
])
def test_pages_on_screen_reread_only_what_they_depend_on(qtbot, monkeypatch, window, topic, rereads):
    pages = {"home": window.page_titled("首页"), "rooms": window.page_titled("房屋与业主"),
             "votes": window.page_titled("改造表决"), "print": window.page_titled("打印中心")}
    refreshes = count_refreshes(monkeypatch, **pages)
    for name, page in pages.items():
        window.page_titled(page.title)  # a page left out of date by the last round re-reads here
        before = refreshes[name]
        window.changes.emit(Changes.of(topic))
        assert refreshes[name] - before == (1 if name in rereads else 0), name
        assert all(other.out_of_date == (other_name in rereads) for other_name, other in pages.items()
                   if other is not page and other_name != "votes"), name  # the votes page keeps its own flag


def test_a_hidden_page_rereads_when_shown_not_before(qtbot, monkeypatch, window):
    home = window.page_titled("首页")
    window.page_titled("房屋与业主")
    refreshes = count_refreshes(monkeypatch, home=home)
    window.changes.emit(Changes.of(Topic.ROLL))
    window.changes.emit(Changes.of(Topic.ROLL))
    assert refreshes["home"] == 0 and home.out_of_date
    window.page_titled("首页")
    assert refreshes["home"] == 1 and not home.out_of_date


def test_adopting_an_entry_in_the_double_entry_check_moves_every_count(qtbot, window, roll):
    vote_id = open_vote(roll[0], double_entry=True)
    earlier = VoteSession(vote_id)
    earlier.record(earlier.rooms[0].roll_id, [AGREE] * 3, entry="check")  # entered by the second person only
    page = window.page_titled("改造表决")
    page.select_vote(vote_id)
    detail = page.detail
    assert "已表决 0 户" in detail.facts.text() and detail.entry.count.text() == "已录入 0 / 12 户"
    assert detail.check.count.text() == "已录入 1 / 12 户"
    detail.show_tab(CHECK_TAB)
    detail.differences.table.selectRow(0)

    assert detail.differences.adopt("check")  # the check entry becomes the counted one

    assert "已表决 1 户" in detail.facts.text()
    assert page.model.index(page.model.row_of(vote_id), 5).data() == "1 / 12"
    assert detail.entry.count.text() == "已录入 1 / 12 户"  # the first entry's count, written from the check tab
    assert detail.check.count.text() == "已录入 1 / 12 户"
    assert participating(detail.entry_tally)[0] == 1
    assert detail.differences.model.rowCount() == 0
