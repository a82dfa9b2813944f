"""Projects: funding sources by canonical name or synonym, the checks on a project's dates, and its state
and marks against the plan on a day (domain.md section 6), at the exact boundaries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from desktop_app.domain.errors import UserError
from desktop_app.domain.projects import ACCEPTED, COMPLETED, FUND_SOURCES, LATE_COMPLETION, LATE_START, \
    NOT_STARTED, STATES, UNDER_WAY, ProjectError, Schedule, completion_due, fund_source, fund_source_error, late, \
    marks_on, not_started, paid_error, plan_year_error, schedule_error, start_due, state_on

D = date


def test_the_sources_of_the_plan_format():
    # formats.md, sheet 资金
    assert FUND_SOURCES == ("中央财政补助", "中央预算内投资", "省级财政资金", "地方政府专项债券", "市县财政资金",
                            "专业经营单位出资", "社会资本", "居民出资")


@pytest.mark.parametrize("source", FUND_SOURCES)
def test_canonical_names_are_themselves(source):
    assert fund_source(source) == source
    assert fund_source(f" {source}\t") == source
    assert fund_source_error(source) is None


@pytest.mark.parametrize("text,source", [
    ("专项债", "地方政府专项债券"), ("省级资金", "省级财政资金"),  # the synonyms formats.md names
    ("专项债券", "地方政府专项债券"), ("省级财政", "省级财政资金"), ("中央补助", "中央财政补助"),
    ("中央预算内", "中央预算内投资"), ("市县资金", "市县财政资金"), ("社会资金", "社会资本"),
    ("维修资金", "居民出资"), ("住宅专项维修资金", "居民出资"), ("公积金", "居民出资"),  # domain.md §5: residents' contributions
    ("专 项 债", "地方政府专项债券"), ("　省级资金　", "省级财政资金"),
])
def test_synonyms(text, source):
    assert fund_source(text) == source
    assert fund_source_error(text) is None


@pytest.mark.parametrize("text", ["", "  ", "银行贷款", "其他", "省级", "专项", "中央", "地方政府专项债券券"])
def test_unknown_sources(text):
    assert fund_source(text) is None
    error = fund_source_error(text)
    assert error is not None and "资金来源" in error and "地方政府专项债券" in error


def test_every_synonym_leads_to_a_canonical_source():
    from desktop_app.domain import projects
    for text, source in projects._SOURCE_SYNONYMS.items():
        assert source in FUND_SOURCES, text
        assert fund_source(text) == source


@pytest.mark.parametrize("schedule,error_field", [
    (Schedule(), None),
    (Schedule(D(2024, 3, 1), D(2024, 3, 1)), None),  # one-day plan
    (Schedule(D(2024, 3, 1), D(2024, 2, 29)), "planned_end"),
    (Schedule(D(2024, 3, 1), D(2024, 9, 30), D(2024, 2, 1)), None),  # started earlier than planned
    (Schedule(D(2024, 3, 1), D(2024, 9, 30), D(2024, 4, 1), D(2024, 12, 1)), None),  # finished late
    (Schedule(actual_end=D(2024, 9, 1)), "actual_start"),
    (Schedule(actual_start=D(2024, 9, 2), actual_end=D(2024, 9, 1)), "actual_end"),
    (Schedule(actual_start=D(2024, 9, 1), actual_end=D(2024, 9, 1)), None),
    (Schedule(accepted_on=D(2024, 10, 1)), "actual_end"),
    (Schedule(actual_start=D(2024, 9, 1), accepted_on=D(2024, 10, 1)), "actual_end"),
    (Schedule(actual_start=D(2024, 9, 1), actual_end=D(2024, 9, 30), accepted_on=D(2024, 9, 29)), "accepted_on"),
    (Schedule(actual_start=D(2024, 9, 1), actual_end=D(2024, 9, 30), accepted_on=D(2024, 9, 30)), None),
    (Schedule(planned_end=D(2024, 9, 30)), None), (Schedule(planned_start=D(2024, 9, 30)), None),
])
def test_schedule_error(schedule, error_field):
    error = schedule_error(schedule)
    if error_field is None:
        assert error is None
    else:
        assert error is not None
        field, reason = error
        assert field == error_field and "日期" in reason


@pytest.mark.parametrize("year,ok", [(2024, True), (2000, True), (2100, True), (1999, False), (2101, False),
                                     (None, False), (24, False)])
def test_plan_year_error(year, ok):
    assert (plan_year_error(year) is None) == ok


def test_paid_error():
    assert paid_error(100, 100) is None and paid_error(100, 0) is None and paid_error(0, 0) is None
    error = paid_error(123456, 123457)
    assert error is not None and "1,234.57" in error and "1,234.56" in error


def test_project_error_is_a_user_error():
    assert issubclass(ProjectError, UserError)


AS_OF = D(2024, 6, 30)
PLAN = dict(planned_start=D(2024, 3, 1), planned_end=AS_OF)


@pytest.mark.parametrize("schedule,state,marks", [
    # planned completion is the as-of date: due that very day
    (Schedule(**PLAN), NOT_STARTED, (LATE_START, LATE_COMPLETION)),
    (Schedule(**PLAN, actual_start=D(2024, 3, 1)), UNDER_WAY, (LATE_COMPLETION,)),
    (Schedule(**PLAN, actual_start=D(2024, 3, 1), actual_end=AS_OF), COMPLETED, ()),  # on time, that day
    (Schedule(**PLAN, actual_start=D(2024, 3, 1), actual_end=D(2024, 6, 1)), COMPLETED, ()),
    # finished one day late: on the as-of date it had not finished yet
    (Schedule(**PLAN, actual_start=D(2024, 3, 1), actual_end=D(2024, 7, 1)), UNDER_WAY, (LATE_COMPLETION,)),
    # actual start after the as-of date: not started on the as-of date
    (Schedule(**PLAN, actual_start=D(2024, 7, 1)), NOT_STARTED, (LATE_START, LATE_COMPLETION)),
    (Schedule(**PLAN, actual_start=D(2024, 7, 1), actual_end=D(2024, 8, 1), accepted_on=D(2024, 9, 1)),
     NOT_STARTED, (LATE_START, LATE_COMPLETION)),
    (Schedule(**PLAN, actual_start=AS_OF), UNDER_WAY, (LATE_COMPLETION,)),  # started on the as-of date
    (Schedule(**PLAN, actual_start=D(2024, 1, 1), actual_end=D(2024, 5, 1), accepted_on=AS_OF), ACCEPTED, ()),
    (Schedule(**PLAN, actual_start=D(2024, 1, 1), actual_end=D(2024, 5, 1), accepted_on=D(2024, 7, 1)),
     COMPLETED, ()),
    # planned start the day after: not due to have started
    (Schedule(planned_start=D(2024, 7, 1), planned_end=D(2024, 12, 31)), NOT_STARTED, ()),
    (Schedule(planned_start=AS_OF, planned_end=D(2024, 12, 31)), NOT_STARTED, (LATE_START,)),
    (Schedule(planned_start=AS_OF, planned_end=D(2024, 12, 31), actual_start=AS_OF), UNDER_WAY, ()),
    # planned completion the day after: not due
    (Schedule(planned_start=D(2024, 1, 1), planned_end=D(2024, 7, 1), actual_start=D(2024, 1, 1)), UNDER_WAY, ()),
    # completed late, before the as-of date: late for ever after
    (Schedule(planned_start=D(2023, 1, 1), planned_end=D(2023, 12, 31), actual_start=D(2023, 1, 1),
              actual_end=D(2024, 1, 1)), COMPLETED, (LATE_COMPLETION,)),
    (Schedule(planned_start=D(2023, 1, 1), planned_end=D(2023, 12, 31), actual_start=D(2023, 1, 1),
              actual_end=D(2024, 1, 1), accepted_on=D(2024, 2, 1)), ACCEPTED, (LATE_COMPLETION,)),
    # no plan: never due
    (Schedule(), NOT_STARTED, ()),
    (Schedule(actual_start=D(2024, 1, 1)), UNDER_WAY, ()),
    (Schedule(planned_end=D(2024, 1, 1)), NOT_STARTED, (LATE_COMPLETION,)),  # no planned start, completion due
])
def test_state_and_marks_on_the_as_of_date(schedule, state, marks):
    assert schedule_error(schedule) is None
    assert state_on(schedule, AS_OF) == state
    assert marks_on(schedule, AS_OF) == marks
    assert not_started(schedule, AS_OF) == (LATE_START in marks)
    assert late(schedule, AS_OF) == (LATE_COMPLETION in marks)


@pytest.mark.parametrize("planned_start,due", [(None, False), (D(2024, 6, 29), True), (AS_OF, True),
                                               (D(2024, 7, 1), False)])
def test_start_due_boundary(planned_start, due):
    assert start_due(Schedule(planned_start=planned_start), AS_OF) == due


@pytest.mark.parametrize("planned_end,due", [(None, False), (D(2024, 6, 29), True), (AS_OF, True),
                                             (D(2024, 7, 1), False)])
def test_completion_due_boundary(planned_end, due):
    assert completion_due(Schedule(planned_end=planned_end), AS_OF) == due


def test_a_project_walks_through_its_states():
    schedule = Schedule(D(2024, 3, 1), D(2024, 6, 30), D(2024, 3, 5), D(2024, 7, 2), D(2024, 8, 1))
    seen = {day: (state_on(schedule, day), marks_on(schedule, day)) for day in [
        D(2024, 2, 29), D(2024, 3, 1), D(2024, 3, 4), D(2024, 3, 5), D(2024, 6, 30), D(2024, 7, 1), D(2024, 7, 2),
        D(2024, 7, 31), D(2024, 8, 1)]}
    assert seen == {
        D(2024, 2, 29): (NOT_STARTED, ()),
        D(2024, 3, 1): (NOT_STARTED, (LATE_START,)),
        D(2024, 3, 4): (NOT_STARTED, (LATE_START,)),
        D(2024, 3, 5): (UNDER_WAY, ()),
        D(2024, 6, 30): (UNDER_WAY, (LATE_COMPLETION,)),
        D(2024, 7, 1): (UNDER_WAY, (LATE_COMPLETION,)),
        D(2024, 7, 2): (COMPLETED, (LATE_COMPLETION,)),
        D(2024, 7, 31): (COMPLETED, (LATE_COMPLETION,)),
        D(2024, 8, 1): (ACCEPTED, (LATE_COMPLETION,)),
    }


days = st.dates(min_value=D(2020, 1, 1), max_value=D(2026, 12, 31))


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    planned_start = draw(st.none() | days)
    planned_end = draw(st.none() | days)
    if planned_start and planned_end and planned_end < planned_start:
        planned_start, planned_end = planned_end, planned_start
    actual_start = draw(st.none() | days)
    actual_end = accepted = None
    if actual_start is not None:
        actual_end = draw(st.none() | st.dates(min_value=actual_start, max_value=D(2027, 12, 31)))
    if actual_end is not None:
        accepted = draw(st.none() | st.dates(min_value=actual_end, max_value=D(2028, 12, 31)))
    return Schedule(planned_start, planned_end, actual_start, actual_end, accepted)


@given(schedules(), days)
def test_marks_follow_the_definitions(schedule, day):
    """domain.md §6 read literally, independently of the code."""
    assert schedule_error(schedule) is None
    started = schedule.actual_start is not None and schedule.actual_start <= day
    finished = schedule.actual_end is not None and schedule.actual_end <= day
    start_is_due = schedule.planned_start is not None and schedule.planned_start <= day
    end_is_due = schedule.planned_end is not None and schedule.planned_end <= day
    assert not_started(schedule, day) == (start_is_due and not started)
    assert late(schedule, day) == (end_is_due and (not finished or schedule.actual_end > schedule.planned_end))
    assert late(schedule, day) <= completion_due(schedule, day)  # late ⊆ due
    assert not_started(schedule, day) <= start_due(schedule, day)
    state = state_on(schedule, day)
    assert state in STATES
    assert (state == NOT_STARTED) == (not started)
    assert (state in (COMPLETED, ACCEPTED)) == finished


@given(schedules(), days)
def test_later_dates_never_unmark_a_late_completion(schedule, day):
    # once the planned completion has passed without a completion on time, the project stays late
    if late(schedule, day):
        assert late(schedule, day + timedelta(days=1))
        assert late(schedule, day + timedelta(days=4000))
