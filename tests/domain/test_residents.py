"""Ages by exact birthday and the elderly flag (60 and over)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from desktop_app.domain.residents import ELDERLY_AGE, age_on, is_elderly, latest_elderly_birth


@pytest.mark.parametrize("birth,on,age", [
    (date(1964, 11, 25), date(2024, 11, 25), 60),
    (date(1964, 11, 25), date(2024, 11, 24), 59),
    (date(1964, 11, 25), date(2024, 11, 26), 60),
    (date(2000, 2, 29), date(2001, 2, 28), 0),  # no 29 February in 2001: birthday on 1 March
    (date(2000, 2, 29), date(2001, 3, 1), 1),
    (date(2000, 2, 29), date(2004, 2, 28), 3),
    (date(2000, 2, 29), date(2004, 2, 29), 4),
    (date(1990, 1, 1), date(1990, 1, 1), 0),
    (date(1990, 12, 31), date(1991, 1, 1), 0),
    (date(1900, 1, 1), date(2024, 1, 1), 124),
])
def test_age_on(birth, on, age):
    assert age_on(birth, on) == age


@pytest.mark.parametrize("birth,on,elderly", [
    (date(1964, 11, 25), date(2024, 11, 25), True),
    (date(1964, 11, 25), date(2024, 11, 24), False),
    (date(1964, 2, 29), date(2024, 2, 29), True),
    (date(1963, 2, 28), date(2023, 2, 28), True),
    (date(1964, 2, 29), date(2024, 2, 28), False),
    (date(2030, 1, 1), date(2024, 1, 1), False),  # not yet born
])
def test_is_elderly(birth, on, elderly):
    assert is_elderly(birth, on) is elderly


def test_a_day_before_birth_has_no_age():
    with pytest.raises(ValueError, match="早于出生日期"):
        age_on(date(2000, 1, 2), date(2000, 1, 1))


dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def anniversary(birth: date, year: int) -> date:
    try:
        return birth.replace(year=year)
    except ValueError:  # 29 February in a common year
        return date(year, 3, 1)


@given(dates, dates)
def test_age_counts_the_birthdays_passed(first, second):
    birth, on = min(first, second), max(first, second)
    passed = sum(1 for year in range(birth.year + 1, on.year + 1) if anniversary(birth, year) <= on)
    assert age_on(birth, on) == passed
    assert is_elderly(birth, on) is (passed >= ELDERLY_AGE)
    if on < date(2100, 12, 31):
        assert age_on(birth, on + timedelta(days=1)) - passed in (0, 1)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
       st.dates(min_value=date(1960, 1, 1), max_value=date(2100, 12, 31)))
def test_the_elderly_cut_off_agrees_with_is_elderly(birth, on):
    assert (birth <= latest_elderly_birth(on)) == is_elderly(birth, on)


@pytest.mark.parametrize("on,cut_off", [
    (date(2024, 11, 25), date(1964, 11, 25)),
    (date(2024, 2, 29), date(1964, 2, 29)),
    (date(2028, 2, 29), date(1968, 2, 29)),
    (date(2025, 3, 1), date(1965, 3, 1)),
    (date(2084, 2, 29), date(2024, 2, 29)),
    (date(1960, 2, 29), date(1900, 2, 28)),  # 1900 was no leap year
])
def test_elderly_cut_off_table(on, cut_off):
    assert latest_elderly_birth(on) == cut_off
