"""Legal periods counted in calendar days or working days (domain.md §8), on the 2024–2026 arrangements."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from desktop_app.domain.day_count import Deadline, HolidayTable, deadline
from desktop_app.domain.errors import UserError

# The State Council's arrangements as published (放假 / 调休上班), month and day.
_OFF = {
    2024: [(1, 1), (2, 10), (2, 11), (2, 12), (2, 13), (2, 14), (2, 15), (2, 16), (2, 17), (4, 4), (4, 5),
           (4, 6), (5, 1), (5, 2), (5, 3), (5, 4), (5, 5), (6, 10), (9, 15), (9, 16), (9, 17), (10, 1),
           (10, 2), (10, 3), (10, 4), (10, 5), (10, 6), (10, 7)],
    2025: [(1, 1), (1, 28), (1, 29), (1, 30), (1, 31), (2, 1), (2, 2), (2, 3), (2, 4), (4, 4), (4, 5),
           (4, 6), (5, 1), (5, 2), (5, 3), (5, 4), (5, 5), (5, 31), (6, 1), (6, 2), (10, 1), (10, 2),
           (10, 3), (10, 4), (10, 5), (10, 6), (10, 7), (10, 8)],
    2026: [(1, 1), (1, 2), (1, 3), (2, 15), (2, 16), (2, 17), (2, 18), (2, 19), (2, 20), (2, 21), (2, 22),
           (2, 23), (4, 4), (4, 5), (4, 6), (5, 1), (5, 2), (5, 3), (5, 4), (5, 5), (6, 19), (6, 20),
           (6, 21), (9, 25), (9, 26), (9, 27), (10, 1), (10, 2), (10, 3), (10, 4), (10, 5), (10, 6), (10, 7)],
}
_WORKED = {
    2024: [(2, 4), (2, 18), (4, 7), (4, 28), (5, 11), (9, 14), (9, 29), (10, 12)],
    2025: [(1, 26), (2, 8), (4, 27), (9, 28), (10, 11)],
    2026: [(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)],
}
TABLE = HolidayTable(
    off=frozenset(date(year, m, d) for year, days in _OFF.items() for m, d in days),
    worked=frozenset(date(year, m, d) for year, days in _WORKED.items() for m, d in days),
    years=frozenset(_OFF),
)
EMPTY = HolidayTable(off=frozenset(), worked=frozenset(), years=frozenset())


@pytest.mark.parametrize("start,days,working,end", [
    # §8's example: 2024 National Day (1–7 Oct off, Sun 29 Sep and Sat 12 Oct worked)
    (date(2024, 9, 27), 7, True, date(2024, 10, 12)),
    (date(2024, 9, 27), 10, False, date(2024, 10, 8)),
    # a calendar count ending on a make-up Saturday ends there
    (date(2024, 9, 27), 15, False, date(2024, 10, 12)),
    # a calendar count ending on an ordinary Saturday moves to Monday
    (date(2024, 5, 23), 2, False, date(2024, 5, 27)),
    # a calendar count ending on a working day stays
    (date(2024, 5, 23), 14, False, date(2024, 6, 6)),
    # 2025 Spring Festival (28 Jan–4 Feb off, Sun 26 Jan and Sat 8 Feb worked)
    (date(2025, 1, 20), 10, False, date(2025, 2, 5)),
    (date(2025, 1, 24), 5, True, date(2025, 2, 7)),
    (date(2025, 1, 24), 6, True, date(2025, 2, 8)),
    # 2025 National Day ends on 8 Oct, Sat 11 Oct worked
    (date(2025, 9, 26), 8, False, date(2025, 10, 9)),
    (date(2025, 9, 30), 1, True, date(2025, 10, 9)),
    (date(2025, 9, 30), 3, True, date(2025, 10, 11)),
    # 2026: a complaint received on Fri 6 Feb, 15 working days across the Spring Festival
    (date(2026, 2, 6), 15, True, date(2026, 3, 5)),
    # 2026 National Day, the end on 7 Oct (a holiday) moves to 8 Oct
    (date(2026, 9, 30), 7, False, date(2026, 10, 8)),
    # Dragon Boat 2026 falls on Fri 19 Jun–Sun 21 Jun: a Saturday holiday moves to Monday
    (date(2026, 6, 10), 10, False, date(2026, 6, 22)),
    # across the new year, both years known
    (date(2024, 12, 27), 10, False, date(2025, 1, 6)),
    (date(2025, 12, 26), 5, True, date(2026, 1, 5)),  # Sun 4 Jan worked
    # 0 days: the event day itself, moved off a rest day
    (date(2024, 9, 27), 0, False, date(2024, 9, 27)),
    (date(2024, 10, 1), 0, False, date(2024, 10, 8)),
    (date(2024, 10, 1), 0, True, date(2024, 10, 8)),
])
def test_deadlines_on_the_published_arrangements(start, days, working, end):
    result = deadline(start, days, working=working, table=TABLE)
    assert result == Deadline(start=start, days=days, working=working, end=end, note=result.note)
    assert result.kind == ("工作日" if working else "日")


def test_notes_say_why_the_end_moved():
    assert deadline(date(2024, 9, 27), 10, table=TABLE).note == \
        "期限最后一日2024年10月7日为法定节假日，顺延至2024年10月8日"
    assert deadline(date(2024, 5, 23), 2, table=TABLE).note == \
        "期限最后一日2024年5月25日为休息日，顺延至2024年5月27日"
    assert deadline(date(2024, 5, 23), 14, table=TABLE).note == ""
    assert deadline(date(2024, 9, 27), 7, working=True, table=TABLE).note == \
        "期间法定节假日5天不计入；调休上班日2024年9月29日、2024年10月12日计入"


def test_a_year_without_a_table_is_counted_monday_to_friday_and_says_so():
    # 1 Jan 2027 is a Friday: without 2027's arrangement it counts as a working day
    result = deadline(date(2026, 12, 25), 7, table=TABLE)
    assert result.end == date(2027, 1, 1)
    assert result.note == "2027年的节假日安排尚未录入，按周一至周五计算"
    assert "2030年" in deadline(date(2029, 12, 20), 20, working=True, table=TABLE).note


def test_text_names_the_kind():
    assert deadline(date(2024, 9, 27), 7, working=True, table=TABLE).text == "7个工作日，至2024年10月12日"
    assert deadline(date(2024, 9, 27), 10, table=TABLE).text == "10日，至2024年10月8日"


def test_a_negative_count_is_refused_in_chinese():
    with pytest.raises(UserError, match="天数不能为负数"):
        deadline(date(2024, 9, 27), -1, table=TABLE)


def test_the_table_knows_its_years_only():
    assert not TABLE.is_working_day(date(2024, 10, 1))
    assert TABLE.is_working_day(date(2024, 10, 12))
    assert not TABLE.is_working_day(date(2024, 10, 13))
    # a date listed for a year the table does not know is ignored: Monday to Friday
    odd = HolidayTable(off=frozenset({date(2030, 1, 2)}), worked=frozenset({date(2030, 1, 5)}),
                       years=frozenset())
    assert odd.is_working_day(date(2030, 1, 2))
    assert not odd.is_working_day(date(2030, 1, 5))


starts = st.dates(min_value=date(2023, 12, 1), max_value=date(2027, 1, 31))
counts = st.integers(min_value=0, max_value=120)


@given(starts, counts)
def test_a_working_day_count_never_ends_on_a_rest_day_and_counts_exactly(start, days):
    result = deadline(start, days, working=True, table=TABLE)
    assert TABLE.is_working_day(result.end)
    if days:
        between = [start + timedelta(days=n) for n in range(1, (result.end - start).days + 1)]
        assert sum(TABLE.is_working_day(day) for day in between) == days


@given(starts, counts)
def test_a_calendar_count_never_ends_on_a_rest_day_nor_moves_further_than_it_must(start, days):
    result = deadline(start, days, table=TABLE)
    assert TABLE.is_working_day(result.end)
    last = start + timedelta(days=days)
    assert result.end >= last
    assert all(not TABLE.is_working_day(last + timedelta(days=n)) for n in range((result.end - last).days))
    assert (result.note == "") == (result.end == last) or "尚未录入" in result.note


@given(starts, counts, st.integers(min_value=0, max_value=60), st.booleans())
def test_adding_days_never_ends_earlier(start, days, more, working):
    shorter = deadline(start, days, working=working, table=TABLE)
    longer = deadline(start, days + more, working=working, table=TABLE)
    assert shorter.end <= longer.end


@given(starts, counts)
def test_working_days_end_no_earlier_than_calendar_days(start, days):
    assert deadline(start, days, working=True, table=TABLE).end >= deadline(start, days, table=TABLE).end


@given(st.dates(min_value=date(2030, 1, 1), max_value=date(2040, 12, 31)), counts, st.booleans(),
       st.sets(st.dates(min_value=date(2030, 1, 1), max_value=date(2041, 12, 31)), max_size=20))
def test_a_year_without_a_table_is_monday_to_friday_and_the_note_says_so(start, days, working, listed):
    # dates listed for years the table does not claim to know change nothing
    unknown = HolidayTable(off=frozenset(listed), worked=frozenset(listed), years=frozenset(_OFF))
    result = deadline(start, days, working=working, table=unknown)
    assert result.end == deadline(start, days, working=working, table=EMPTY).end
    assert result.end.weekday() < 5
    assert f"{result.end.year}年" in result.note
    assert "的节假日安排尚未录入，按周一至周五计算" in result.note
