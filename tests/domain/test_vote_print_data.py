"""The rows of the 表决结果公告 built from a real tally: verdicts, both bases, the rule's name, item order."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.headcount import RollEntry
from desktop_app.domain.tally import (
    ABSTAIN, AGREE, BLANK, CHOICES, FAILED, NOT_QUORATE, OPPOSE, PASSED, Ballot, Votes, freeze_roll, tally,
)
from desktop_app.domain.vote_print_data import RULE_NAMES, result_notice, result_rows, votes_text
from desktop_app.domain.vote_rules import Rule

A, O, S, B = AGREE, OPPOSE, ABSTAIN, BLANK


def roll(count: int, area: int = 10000):
    return freeze_roll(RollEntry(f"r{i}", area, (f"35040219900101{i:04d}",)) for i in range(count))


def ballots(columns):
    """columns: one tuple of choices per item, room by room (None: no ballot from that room)."""
    rooms = zip(*columns)
    return [Ballot(f"r{i}", tuple(answers)) for i, answers in enumerate(rooms) if None not in answers]


# (name, rule, blank participates, choices of rooms r0-r5 for one item, verdict)
CASES = [
    ("special, 4 of 5 agree", Rule.SPECIAL, True, (A, A, A, A, O, None), PASSED),
    ("special, 3 of 5 agree", Rule.SPECIAL, True, (A, A, A, O, O, None), FAILED),
    ("ordinary, 3 of 5 agree", Rule.ORDINARY, True, (A, A, A, O, O, None), PASSED),
    ("ordinary, exactly half of 4 agree", Rule.ORDINARY, True, (A, A, O, S, None, None), FAILED),
    ("3 of 6 take part", Rule.ORDINARY, True, (A, A, A, None, None, None), NOT_QUORATE),
    ("blanks not counted leave 2 of 6", Rule.SPECIAL, False, (A, A, B, B, B, None), NOT_QUORATE),
    ("blanks counted: 5 of 6 take part, 2 agree", Rule.SPECIAL, True, (A, A, B, B, B, None), FAILED),
]


@pytest.mark.parametrize("name,rule,blank,choices,verdict", CASES, ids=[case[0] for case in CASES])
def test_a_row_carries_the_verdict_and_the_rule_name(name, rule, blank, choices, verdict):
    result = tally(roll(6), ballots([choices]), ["屋面防水"], rule, blank_participates=blank)
    (row,) = result_rows(result)
    assert row.item == "屋面防水"
    assert row.verdict == verdict
    assert row.rule_name == {Rule.SPECIAL: "双四分之三", Rule.ORDINARY: "双过半"}[rule]
    voted = [choice for choice in choices if choice is not None]
    assert row.agree == Votes(10000 * voted.count(A), voted.count(A))
    assert row.oppose == Votes(10000 * voted.count(O), voted.count(O))
    assert row.abstain == Votes(10000 * voted.count(S), voted.count(S))
    counted = [c for c in voted if blank or c != B]
    assert row.participating == Votes(10000 * len(counted), len(counted))


def test_the_notice_keeps_the_totals_the_rule_and_the_item_order():
    items = ["屋面防水", "外墙保温", "加装电梯"]
    result = tally(roll(6), ballots([(A, A, A, A, O, None), (A, A, A, O, O, None), (A, A, B, B, B, None)]),
                   items, Rule.SPECIAL, blank_participates=False)
    notice = result_notice(result, title="表决结果公告", estate_name="幸福里小区", scope_label="3号楼",
                           matter="改建、重建建筑物及其附属设施", opens_on=date(2024, 6, 1),
                           closes_on=date(2024, 6, 15), issuer="幸福里社区居民委员会", issued_on=date(2024, 6, 17),
                           blank_participates=False)
    assert notice.total == Votes(60000, 6)
    assert [row.item for row in notice.rows] == items
    assert [row.verdict for row in notice.rows] == [PASSED, FAILED, NOT_QUORATE]
    assert notice.rule_name == "双四分之三"
    assert notice.rule_text.startswith("双四分之三（参与表决的专有部分面积四分之三以上")
    assert not notice.blank_participates


@pytest.mark.parametrize("votes,text", [(Votes(0, 0), "0.00㎡／0人"), (Votes(123456, 12), "1234.56㎡／12人"),
                                        (Votes(5, 1), "0.05㎡／1人")])
def test_votes_text(votes, text):
    assert votes_text(votes) == text


def test_every_rule_has_a_short_name():
    assert set(RULE_NAMES) == set(Rule)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 50000), st.lists(st.sampled_from(CHOICES), min_size=3, max_size=3)
                          | st.none()), min_size=1, max_size=12),
       st.sampled_from(list(Rule)), st.booleans())
def test_rows_are_the_tally_item_by_item(rooms, rule, blank):
    vote_roll = freeze_roll(RollEntry(f"r{i}", area, (f"o{i}",)) for i, (area, _) in enumerate(rooms))
    cast = [Ballot(f"r{i}", tuple(answers)) for i, (_, answers) in enumerate(rooms) if answers is not None]
    result = tally(vote_roll, cast, ["甲", "乙", "丙"], rule, blank_participates=blank)
    rows = result_rows(result)
    assert len(rows) == 3
    for row, item in zip(rows, result.items):
        assert (row.item, row.verdict, row.participating, row.agree, row.oppose, row.abstain, row.blank) == \
            (item.item, item.verdict, item.participating, item.agree, item.oppose, item.abstain, item.blank)
        counted = [row.agree, row.oppose, row.abstain] + ([row.blank] if blank else [])
        assert row.participating == Votes(sum(v.area_centi for v in counted), sum(v.heads for v in counted))
