"""Opinion rules: kinds, stances, demand names given twice, the latest opinion of each room."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, strategies as st

from desktop_app.domain.opinions import KINDS, STANCES, demand_error, kind_error, latest_per_room, stance_error, \
    unique_names


def test_kinds_and_stances_are_the_issue_lists():
    assert KINDS == ("座谈会", "入户走访", "问卷", "公示反馈", "线上")
    assert STANCES == ("支持", "有意见", "反对")


@pytest.mark.parametrize("check,value,ok", [
    (kind_error, "入户走访", True), (kind_error, "电话", False), (kind_error, "", False),
    (stance_error, "", True), (stance_error, "有意见", True), (stance_error, "同意", False),
    (demand_error, "停车位", True), (demand_error, "  ", False), (demand_error, "a\tb", False),
    (demand_error, "字" * 40, True), (demand_error, "字" * 41, False),
])
def test_checks(check, value, ok):
    assert (check(value) is None) == ok


@pytest.mark.parametrize("names,expected", [
    (["加装电梯", " 加装电梯 ", "雨污分流", ""], ["加装电梯", "雨污分流"]),
    (["b", "a", "b"], ["b", "a"]),
    ([], []),
])
def test_unique_names_keep_the_first_of_each(names, expected):
    assert unique_names(names) == expected


@given(st.lists(st.tuples(st.integers(1, 5), st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 1, 9)),
                          st.integers(1, 1000)), unique_by=lambda row: row[2]), st.randoms(use_true_random=False))
def test_latest_per_room_is_order_independent(rows, rng):
    latest = latest_per_room(rows, room=lambda row: row[0], order=lambda row: (row[1], row[2]))
    shuffled = list(rows)
    rng.shuffle(shuffled)
    assert latest == latest_per_room(shuffled, room=lambda row: row[0], order=lambda row: (row[1], row[2]))
    assert set(latest) == {row[0] for row in rows}
    for room, row in latest.items():
        assert all((other[1], other[2]) <= (row[1], row[2]) for other in rows if other[0] == room)
