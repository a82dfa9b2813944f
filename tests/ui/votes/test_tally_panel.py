"""The tally panel shows what domain.tally counted: verdicts, exact figures, marks, shortfall, and errors."""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

import pytest

from desktop_app.domain.headcount import RollEntry
from desktop_app.domain.tally import (
    ABSTAIN, AGREE, BLANK, OPPOSE, Ballot, TallyError, TallyResult, freeze_roll, shortfall_text, tally,
)
from desktop_app.domain.vote_rules import Rule
from desktop_app.ui.votes.tally_panel import TallyPanel, area_text, percent_text


class Outcome(NamedTuple):  # the shape of services.votes.TallyOutcome
    result: TallyResult | None
    error: TallyError | None


def equal_roll(heads: int, area_centi: int = 10000):
    return freeze_roll(RollEntry(f"r{index}", area_centi, (f"p{index}",), "person") for index in range(heads))


def counted(roll, answers: list[tuple[str, ...]], items: tuple[str, ...], rule: Rule) -> Outcome:
    ballots = [Ballot(f"r{index}", choices) for index, choices in enumerate(answers)]
    return Outcome(tally(roll, ballots, items, rule), None)


@pytest.fixture
def panel(qtbot):
    panel = TallyPanel()
    qtbot.addWidget(panel)
    panel.resize(560, 700)
    panel.show()
    return panel


def test_exactly_two_thirds_taking_part_and_exactly_three_quarters_agreeing_passes(panel):
    # 12 rooms of 100.00 m², one owner each: 8 take part (exactly 2/3 of both), 6 of them agree (exactly 3/4)
    outcome = counted(equal_roll(12), [(AGREE,)] * 6 + [(OPPOSE,), (ABSTAIN,)], ("雨污分流",), Rule.SPECIAL)
    panel.show_outcome(outcome)
    assert panel.verdicts() == [("雨污分流", "通过")]
    row = panel.rows[0]
    assert [line.text for line in row.gauges.lines] == [
        "参与 800.00㎡ / 1,200.00㎡ · 66.6%", "参与 8 / 12 人 · 66.6%",
        "同意 600.00㎡ / 800.00㎡ · 75.0%", "同意 6 / 8 人 · 75.0%"]
    assert all(line.reached for line in row.gauges.lines)
    assert [line.mark for line in row.gauges.lines] == [Fraction(2, 3)] * 2 + [Fraction(3, 4)] * 2
    assert row.gauges.lines[0].value == Fraction(2, 3) and row.gauges.lines[2].value == Fraction(3, 4)
    assert [line.caption for line in row.gauges.lines] == ["参与面积 ≥2/3", "参与人数 ≥2/3", "同意面积 ≥3/4", "同意人数 ≥3/4"]
    assert "#1e8e3e" in row.verdict.styleSheet()  # green
    assert row.shortfall.text() == "" and row.shortfall.height() == 0
    assert panel.totals.text() == "表决范围：专有面积 1,200.00㎡，业主 12 人（按表决计数规则）"


def test_one_short_of_each_boundary_fails_and_says_what_is_missing(panel):
    roll = equal_roll(12)
    below_quorum = counted(roll, [(AGREE,)] * 7, ("屋面防水",), Rule.SPECIAL)
    panel.show_outcome(below_quorum)
    row = panel.rows[0]
    assert panel.verdicts() == [("屋面防水", "未达参与门槛")]
    assert "#8a8a8a" in row.verdict.styleSheet()  # grey
    assert not row.gauges.lines[0].reached and row.gauges.lines[2].reached
    assert row.shortfall.lines == ("参与面积还差 100.00㎡，参与人数还差 1 人",)
    assert row.shortfall.text() == shortfall_text(below_quorum.result.items[0])

    below_approval = counted(roll, [(AGREE,)] * 5 + [(OPPOSE,), (OPPOSE,), (BLANK,)], ("屋面防水",), Rule.SPECIAL)
    panel.show_outcome(below_approval)
    assert panel.verdicts() == [("屋面防水", "未通过")]
    assert "#c0392b" in row.verdict.styleSheet()  # red
    assert row.shortfall.lines == ("同意面积还差 100.00㎡，同意人数还差 1 人",)
    assert row.others.text() == "反对 2 人 200.00㎡，弃权 0 人 0.00㎡，空白 1 人 100.00㎡"

    short_of_both = counted(roll, [(AGREE,)] * 4 + [(OPPOSE,)] * 3, ("屋面防水",), Rule.SPECIAL)
    panel.show_outcome(short_of_both)  # each part of the 还差 sentence on its own line
    assert row.shortfall.lines == ("参与面积还差 100.00㎡，参与人数还差 1 人", "同意面积还差 125.00㎡，同意人数还差 2 人")
    assert row.shortfall.height() == 2 * row.shortfall.line_height


def test_exactly_half_fails_the_ordinary_rule_and_the_mark_is_at_half(panel):
    outcome = counted(equal_roll(12), [(AGREE,)] * 4 + [(OPPOSE,)] * 4, ("选聘物业",), Rule.ORDINARY)
    panel.show_outcome(outcome)
    row = panel.rows[0]
    assert panel.verdicts() == [("选聘物业", "未通过")]
    line = row.gauges.lines[2]
    assert line.mark == Fraction(1, 2) and line.value == Fraction(1, 2) and not line.reached
    assert line.caption == "同意面积 >1/2"
    assert row.gauges.lines[3].text == "同意 4 / 8 人 · 50.0%"


def test_rows_are_updated_in_place_and_extra_rows_hidden(panel):
    roll = equal_roll(30)
    items = tuple(f"事项{index}" for index in range(10))
    panel.show_outcome(counted(roll, [(AGREE,) * 10] * 20, items, Rule.SPECIAL))
    rows = list(panel.rows)
    panel.show_outcome(counted(roll, [(AGREE,) * 10] * 21, items, Rule.SPECIAL))
    assert panel.rows == rows and len(rows) == 10
    assert rows[9].gauges.lines[1].text == "参与 21 / 30 人 · 70.0%"
    panel.show_outcome(counted(roll, [(OPPOSE, AGREE)] * 25, items[:2], Rule.ORDINARY))
    assert panel.rows == rows
    assert panel.verdicts() == [("事项0", "未通过"), ("事项1", "通过")]


def test_a_tally_error_lists_every_problem_in_red_instead_of_results(panel):
    roll = freeze_roll([RollEntry("A 1号楼1单元101室", 9000, ("owner",), "person"),
                        RollEntry("A 1号楼1单元102室", 8000, ("owner",), "person"),
                        RollEntry("A 1号楼1单元201室", 7000, ("other",), "person")])
    with pytest.raises(TallyError) as caught:
        tally(roll, [Ballot("A 1号楼1单元101室", (AGREE, AGREE)), Ballot("A 1号楼1单元102室", (OPPOSE, BLANK))],
              ("雨污分流", "屋面防水"), Rule.SPECIAL)
    panel.show_outcome(Outcome(None, caught.value))
    assert panel.problems.isVisible() and "#c0392b" in panel.problems.styleSheet()
    text = panel.problems.text()
    assert "• 事项“雨污分流”：同一业主的 2 套房屋表决意见不一致（同意：1号楼1单元101室；反对：1号楼1单元102室）" in text
    assert "• 事项“屋面防水”：同一业主的 2 套房屋表决意见不一致（同意：1号楼1单元101室；空白：1号楼1单元102室）" in text
    assert panel.verdicts() == []
    panel.show_outcome(Outcome(tally(roll, [], ("雨污分流",), Rule.SPECIAL), None))
    assert not panel.problems.isVisible() and panel.verdicts() == [("雨污分流", "未达参与门槛")]


@pytest.mark.parametrize("centi,text", [(0, "0.00"), (5, "0.05"), (8530, "85.30"), (123469934, "1,234,699.34")])
def test_area_text(centi, text):
    assert area_text(centi) == text


@pytest.mark.parametrize("share,text", [(Fraction(2, 3), "66.6%"), (Fraction(3, 4), "75.0%"),
                                        (Fraction(7499, 10000), "74.9%"), (Fraction(1), "100.0%"),
                                        (Fraction(0), "0.0%")])
def test_percent_is_rounded_down_so_it_never_overstates(share, text):
    assert percent_text(share) == text


@pytest.mark.parametrize("width", [560, 360])  # bars beside the figures, and under them
def test_an_updated_panel_shows_the_same_pixels_as_a_fresh_one(qtbot, width):
    """Only changed lines are repainted; what the screen holds must still be the whole new result."""
    from PySide6.QtWidgets import QApplication

    roll = equal_roll(30)
    items = ("雨污分流", "屋面防水")
    answers = [(AGREE, OPPOSE), (AGREE, AGREE), (AGREE, ABSTAIN)] * 10
    before = counted(roll, answers[:21], items, Rule.SPECIAL)
    after = counted(roll, answers[:24], items, Rule.SPECIAL)  # same verdicts: the partial repaint path
    updated, fresh = TallyPanel(), TallyPanel()
    for panel, first in ((updated, before), (fresh, after)):
        qtbot.addWidget(panel)
        panel.resize(width, 500)
        panel.show()
        qtbot.waitExposed(panel)
        panel.show_outcome(first)
    qtbot.wait(20)
    text_width = updated.text_width
    updated.show_outcome(after)
    assert updated.text_width == text_width
    assert updated.rows[0].gauges.wide(updated.rows[0].gauges.width()) == (width > 400)
    qtbot.wait(20)
    screen = QApplication.primaryScreen()
    assert screen.grabWindow(updated.winId()).toImage() == screen.grabWindow(fresh.winId()).toImage()
