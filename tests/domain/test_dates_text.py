"""Dates as documents print them, and the end of a posting period."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from desktop_app.domain.dates_text import date_text, is_working_day, parse_date, period_end, period_text
from desktop_app.domain.errors import UserError


@pytest.mark.parametrize("day,text", [
    (date(2024, 5, 23), "2024年5月23日"),
    (date(2024, 1, 1), "2024年1月1日"),
    (date(2024, 10, 10), "2024年10月10日"),
    (date(2000, 12, 9), "2000年12月9日"),
])
def test_date_text_has_no_leading_zeros(day, text):
    assert date_text(day) == text


def test_period_text_matches_the_notice_line():
    assert period_text(date(2024, 5, 23), date(2024, 6, 5)) == "公示期：2024年5月23日至2024年6月5日"


def test_period_text_refuses_an_end_before_the_start():
    with pytest.raises(UserError, match="早于"):
        period_text(date(2024, 6, 5), date(2024, 5, 23))


@pytest.mark.parametrize("start,length,end", [
    (date(2024, 5, 23), 14, date(2024, 6, 5)),
    (date(2024, 5, 23), 1, date(2024, 5, 23)),
    (date(2024, 2, 20), 10, date(2024, 2, 29)),  # leap year
    (date(2023, 12, 25), 15, date(2024, 1, 8)),
])
def test_calendar_period_counts_the_first_day(start, length, end):
    assert period_end(start, length) == end


# 2024 National Day: 10-01..10-07 off, 09-29 (Sun) and 10-12 (Sat) make-up workdays.
NATIONAL_DAY = frozenset(date(2024, 10, d) for d in range(1, 8))
MAKE_UP = frozenset({date(2024, 9, 29), date(2024, 10, 12)})


@pytest.mark.parametrize("start,length,end", [
    (date(2024, 5, 20), 5, date(2024, 5, 24)),     # Mon..Fri
    (date(2024, 5, 23), 7, date(2024, 5, 31)),     # skips one weekend
    (date(2024, 5, 25), 1, date(2024, 5, 27)),     # starts on Saturday: first working day is Monday
    (date(2024, 9, 27), 3, date(2024, 9, 30)),     # Fri, Sun (make-up), Mon
    (date(2024, 9, 30), 2, date(2024, 10, 8)),     # holiday week skipped
    (date(2024, 10, 8), 5, date(2024, 10, 12)),    # Sat 10-12 is a make-up workday
])
def test_working_day_period(start, length, end):
    assert period_end(start, length, working_days=True, holidays=NATIONAL_DAY, workdays=MAKE_UP) == end


def test_period_of_zero_days_is_refused():
    with pytest.raises(UserError, match="至少为 1 天"):
        period_end(date(2024, 5, 23), 0)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)), st.integers(1, 60))
def test_working_period_holds_exactly_length_working_days(start, length):
    end = period_end(start, length, working_days=True, holidays=NATIONAL_DAY, workdays=MAKE_UP)
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    working = [d for d in days if is_working_day(d, holidays=NATIONAL_DAY, workdays=MAKE_UP)]
    assert len(working) == length
    assert working[-1] == end
    assert end >= period_end(start, length)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_date_text_round_trips_through_parse(day):
    text = date_text(day)
    assert "年0" not in text and "月0" not in text
    assert parse_date(text) == day
    assert parse_date(day.isoformat()) == day


@pytest.mark.parametrize("text,reason", [("2024-02-30", "不存在"), ("2024-5", "格式不对"), ("明天", "格式不对")])
def test_parse_date_says_what_is_wrong(text, reason):
    with pytest.raises(UserError, match=reason):
        parse_date(text)
