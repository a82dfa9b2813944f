"""Hotline words to our fixed values, and the dates of imported handling steps (table-driven and properties)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.complaints import CATEGORIES, SATISFACTION, STEPS
from desktop_app.domain.ticket_record import (
    CATEGORY_WORDS, STATUS_WORDS, category_of_text, satisfaction_of_text, status_of_text, step_dates,
)

D = date(2024, 5, 6)


@given(st.text(max_size=12))
def test_any_text_gets_a_category_and_only_a_known_one(text):
    category, recognised = category_of_text(text)
    assert category in CATEGORIES
    assert recognised or category == "其他"


@given(st.sampled_from(CATEGORIES), st.text(alphabet="　 \t\n", max_size=3))
def test_a_category_name_is_itself_whatever_the_spaces(category, spaces):
    assert category_of_text(spaces + category + spaces) == (category, True)


def test_every_rule_word_maps_to_its_category_and_the_table_names_real_values():
    order = [category for category, _words in CATEGORY_WORDS]
    for category, words in CATEGORY_WORDS:
        assert category in CATEGORIES
        for word in words:  # its own category, or an earlier rule's that the word also contains
            found, recognised = category_of_text(word)
            assert recognised and order.index(found) <= order.index(category), word
    assert set(STATUS_WORDS.values()) == set(STEPS)


def test_status_and_satisfaction_texts_never_give_a_value_outside_the_fixed_sets():
    for text in [*STATUS_WORDS, "", "外星人"]:
        assert status_of_text(text) in (*STEPS, None)
    for text in ["", *SATISFACTION, "非常满意", "未评价", "还行"]:
        assert satisfaction_of_text(text) in ("", *SATISFACTION, None)


@pytest.mark.parametrize("steps,known,after,today,expected", [
    # a new ticket closed with a date: the steps between are dated by the close
    (STEPS, {"受理": D, "办结": D + timedelta(9)}, D, D + timedelta(30),
     [D, D + timedelta(9), D + timedelta(9), D + timedelta(9), D + timedelta(9)]),
    # nothing known after 受理: the import day
    (STEPS[:3], {"受理": D}, D, D + timedelta(30), [D, D + timedelta(30), D + timedelta(30)]),
    # a known date before the last step on record is moved up to it (never backwards)
    (("答复", "办结"), {"答复": D, "办结": D + timedelta(2)}, D + timedelta(5), D + timedelta(30),
     [D + timedelta(5), D + timedelta(5)]),
    # the 答复 date closes too when no 办结 date is given
    (("办理", "答复"), {"答复": D + timedelta(3)}, D, D + timedelta(30), [D + timedelta(3), D + timedelta(3)]),
])
def test_step_dates_table(steps, known, after, today, expected):
    assert step_dates(steps, known, after, today) == tuple(zip(steps, expected))


dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(st.integers(0, 5), st.integers(0, 5), st.dictionaries(st.sampled_from(STEPS), st.none() | dates),
       dates, dates)
def test_step_dates_never_run_backwards_and_keep_consistent_known_dates(first, count, known, after, today):
    steps = STEPS[first:first + count]
    dated = step_dates(steps, known, after, today)
    assert [step for step, _on in dated] == list(steps)
    days = [on for _step, on in dated]
    assert all(on >= after for on in days) and days == sorted(days)
    given_days = [known.get(step) for step in steps]
    consistent = [d for d in given_days if d is not None]
    if consistent == sorted(consistent) and all(d >= after for d in consistent):
        for (step, on), own in zip(dated, given_days):
            if own is not None:
                assert on == own, step
