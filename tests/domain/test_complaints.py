"""Complaint rules: categories, steps forward only, overdue with exact day boundaries, due dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from desktop_app.domain import complaints as c
from desktop_app.domain.dates_text import is_working_day


def test_the_categories_steps_sources_and_satisfaction_are_the_issue_lists():
    assert c.CATEGORIES == ("施工管理", "质量安全", "扬尘噪音", "管线破坏", "进度", "资金", "物业", "其他")
    assert c.CONSTRUCTION_AND_QUALITY == {"施工管理", "质量安全"}
    assert c.STEPS == ("受理", "转办", "办理", "答复", "办结")
    assert c.SOURCES == ("12345", "来访", "来电", "其他")
    assert c.SATISFACTION == ("满意", "基本满意", "不满意")


@pytest.mark.parametrize("check,value,ok", [
    (c.category_error, "施工管理", True), (c.category_error, "其他", True), (c.category_error, "噪音", False),
    (c.category_error, "", False), (c.source_error, "12345", True), (c.source_error, "来访", True),
    (c.source_error, "微信", False), (c.satisfaction_error, "", True), (c.satisfaction_error, "基本满意", True),
    (c.satisfaction_error, "一般", False),
])
def test_value_checks(check, value, ok):
    reason = check(value)
    assert (reason is None) == ok
    if not ok:
        assert value in reason


@pytest.mark.parametrize("status,steps", [
    ("受理", ("转办", "办理", "答复", "办结")),
    ("办理", ("答复", "办结")),
    ("答复", ("办结",)),
    ("办结", ()),
])
def test_next_steps_are_the_later_ones(status, steps):
    assert c.next_steps(status) == steps


def test_next_steps_refuses_an_unknown_status():
    with pytest.raises(ValueError, match="无效"):
        c.next_steps("结案")


@pytest.mark.parametrize("status,step,reply,fragment", [
    ("受理", "转办", "", None),
    ("受理", "答复", "", None),  # skipping forward
    ("受理", "办结", "已修复", None),  # straight to the close with a reply
    ("答复", "办结", "已答复", None),
    ("受理", "办结", "", "答复"),
    ("答复", "办结", "   ", "答复"),
    ("办理", "办理", "", "只能向后"),  # not the same step again
    ("答复", "转办", "", "只能向后"),  # never backwards
    ("办结", "办结", "x", "已办结"),
    ("受理", "结案", "", "无效"),
])
def test_step_rules(status, step, reply, fragment):
    reason = c.step_error(status, step, reply=reply)
    if fragment is None:
        assert reason is None
    else:
        assert fragment in reason


D = date(2024, 5, 10)


@pytest.mark.parametrize("due,closed,today,state", [
    (D, None, D, ""),  # due today: not yet overdue
    (D, None, D + timedelta(days=1), c.OVERDUE_OPEN),
    (D, None, D - timedelta(days=30), ""),
    (D, D, D + timedelta(days=30), ""),  # closed on the due date: on time, whatever today is
    (D, D + timedelta(days=1), D + timedelta(days=1), c.CLOSED_LATE),
    (D, D + timedelta(days=1), D - timedelta(days=5), c.CLOSED_LATE),
    (D, D - timedelta(days=3), D + timedelta(days=9), ""),
    (None, None, D + timedelta(days=999), ""),  # no due date: never overdue
    (None, D, D, ""),
])
def test_overdue_state_boundaries(due, closed, today, state):
    assert c.overdue_state(due, closed, today) == state
    assert c.is_overdue(due, closed, today) == (state != "")


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@given(due=days, closed=st.none() | days, today=days, later=st.integers(0, 400))
def test_overdue_properties(due, closed, today, later):
    state = c.overdue_state(due, closed, today)
    if closed is not None:  # a closed complaint's verdict does not move with time
        assert state == c.overdue_state(due, closed, today + timedelta(days=later))
        assert state == (c.CLOSED_LATE if closed > due else "")
    else:  # once overdue, an open complaint stays overdue
        if state:
            assert c.overdue_state(due, None, today + timedelta(days=later)) == c.OVERDUE_OPEN
        assert (state == c.OVERDUE_OPEN) == (today > due)


@pytest.mark.parametrize("received,closed,expected", [
    (date(2024, 5, 6), date(2024, 5, 6), 0),
    (date(2024, 5, 6), date(2024, 5, 27), 21),
    (date(2024, 2, 28), date(2024, 3, 1), 2),  # leap year
    (date(2023, 12, 31), date(2024, 1, 1), 1),
])
def test_days_to_close(received, closed, expected):
    assert c.days_to_close(received, closed) == expected


def test_days_to_close_refuses_a_close_before_receipt():
    with pytest.raises(ValueError, match="早于"):
        c.days_to_close(date(2024, 5, 6), date(2024, 5, 5))


HOLIDAYS_2024 = frozenset(date(2024, 10, d) for d in range(1, 8))
WORKDAYS_2024 = frozenset({date(2024, 9, 29), date(2024, 10, 12)})


@pytest.mark.parametrize("received,days,holidays,workdays,due", [
    (date(2024, 5, 6), 15, frozenset(), frozenset(), date(2024, 5, 27)),  # Monday: three weeks later
    (date(2024, 5, 10), 15, frozenset(), frozenset(), date(2024, 5, 31)),  # Friday: counting starts Monday
    (date(2024, 5, 11), 1, frozenset(), frozenset(), date(2024, 5, 13)),  # Saturday
    (date(2024, 5, 6), 1, frozenset(), frozenset(), date(2024, 5, 7)),  # the day of receipt does not count
    (date(2024, 9, 29), 15, HOLIDAYS_2024, WORKDAYS_2024, date(2024, 10, 24)),  # National Day week off, 10-12 on
])
def test_default_due_on(received, days, holidays, workdays, due):
    assert c.default_due_on(received, days, holidays=holidays, workdays=workdays) == due


def test_default_due_on_defaults_to_fifteen_working_days():
    assert c.DEFAULT_DUE_WORKING_DAYS == 15
    assert c.default_due_on(date(2024, 5, 6)) == date(2024, 5, 27)


@given(received=days, n=st.integers(1, 60))
def test_due_date_is_the_nth_working_day_after_receipt(received, n):
    due = c.default_due_on(received, n)
    assert due > received and is_working_day(due)
    counted = sum(is_working_day(received + timedelta(days=k)) for k in range(1, (due - received).days + 1))
    assert counted == n
