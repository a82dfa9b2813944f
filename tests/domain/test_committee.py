"""domain.committee: stages, member rules, every clock at its boundary, and the multi-seat election."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from desktop_app.domain.committee import (
    CHAIR, DONE, DONE_LATE, DUE, LEADER, MEMBER, OPEN, OVERDUE, STAGES, TOO_EARLY, VICE_CHAIR, CandidateResult,
    CaseDates, CommitteeMember, GroupMember, case_clocks, chair_due, clock_state, committee_errors, date_errors,
    due_within, earliest_first_meeting, elect, filing_due, first_meeting_due, group_due, group_errors,
    latest_term_end, may_follow, next_stage, other_committee_errors, stage_of, term_errors,
)
from desktop_app.domain.day_count import HolidayTable

# 2024 National Day: 1–7 October off; Sunday 29 September and Saturday 12 October worked.
NATIONAL_DAY = HolidayTable(off=frozenset(date(2024, 10, d) for d in range(1, 8)),
                            worked=frozenset({date(2024, 9, 29), date(2024, 10, 12)}), years=frozenset({2024}))
D = timedelta(days=1)


@pytest.mark.parametrize("current, new, ok", [
    (None, "申请", True), (None, "筹备组成立", False), ("申请", "筹备组成立", True), ("申请", "筹备", False),
    ("筹备", "首次业主大会", True), ("选举", "首次会议", True), ("首次会议", "备案", True), ("备案", "申请", False),
])
def test_stage_order(current, new, ok):
    assert may_follow(current, new) is ok


def test_stages_in_order_and_stage_of():
    assert STAGES == ("申请", "筹备组成立", "筹备", "首次业主大会", "选举", "首次会议", "备案")
    assert next_stage("备案") is None
    assert stage_of(CaseDates()) is None
    assert stage_of(CaseDates(request=date(2024, 1, 1), group_formed=date(2024, 2, 1))) == "筹备组成立"


def test_date_errors_order_and_gap():
    assert date_errors(CaseDates(request=date(2024, 1, 2), group_formed=date(2024, 1, 1))) == [
        "“筹备组成立”的日期 2024-01-01 早于“申请”的日期 2024-01-02"]
    assert date_errors(CaseDates(request=date(2024, 1, 1), posting=date(2024, 2, 1))) == [
        "尚未记录“筹备组成立”的日期，不能记录“筹备”"]
    assert date_errors(CaseDates(request=date(2024, 1, 1), group_formed=date(2024, 1, 1))) == []


def _group(owners: int, others: int, leader_unit: str = "东街街道办事处") -> list[GroupMember]:
    members = [GroupMember("王组长", LEADER, leader_unit, False)]
    members += [GroupMember(f"业主{i}", unit="3号楼", owner_representative=True) for i in range(owners)]
    members += [GroupMember(f"代表{i}", unit="居委会") for i in range(others - 1)]
    return members


@pytest.mark.parametrize("owners, others, expected", [
    (3, 2, []),  # 5: 3 owners
    (2, 3, ["业主代表应不少于筹备组成员的一半，现有业主代表 2 人，共 5 人"]),
    (3, 1, ["筹备组成员人数应为单数，现有 4 人"]),  # 4 members, 3 owners
    (2, 2, ["筹备组成员人数应为单数，现有 4 人"]),  # exactly half is enough for owners
])
def test_group_rules(owners, others, expected):
    assert group_errors(_group(owners, others)) == expected


def test_group_leader_and_blank():
    assert group_errors([]) == ["请添加筹备组成员"]
    assert group_errors(_group(3, 2, "某开发公司")) == ["筹备组组长应由街道办事处或乡镇人民政府的代表担任"]
    members = [GroupMember("", unit="x", owner_representative=True)] + _group(2, 3)[1:]
    assert group_errors(members)[:2] == ["第1名成员未填写姓名", "筹备组应有一名组长（由街道办事处或乡镇人民政府的代表担任）"]


@given(st.integers(0, 12), st.integers(1, 12))
def test_group_count_rules_property(owners, others):
    members = _group(owners, others)
    errors = group_errors(members)
    assert any("单数" in e for e in errors) == (len(members) % 2 == 0)
    assert any("业主代表" in e for e in errors) == (2 * owners < len(members))


def _committee(count: int, chair: bool = True) -> list[CommitteeMember]:
    roles = [CHAIR, VICE_CHAIR] if chair else []
    return [CommitteeMember(f"委员{i}", roles[i] if i < len(roles) else MEMBER) for i in range(count)]


@pytest.mark.parametrize("count, errors", [
    (3, ["业主委员会委员应为 5 至 11 人，现有 3 人"]), (4, ["业主委员会委员应为 5 至 11 人，现有 4 人",
                                                   "业主委员会委员人数应为单数，现有 4 人"]),
    (5, []), (6, ["业主委员会委员人数应为单数，现有 6 人"]), (11, []),
    (12, ["业主委员会委员应为 5 至 11 人，现有 12 人", "业主委员会委员人数应为单数，现有 12 人"]),
    (13, ["业主委员会委员应为 5 至 11 人，现有 13 人"]),
])
def test_committee_size(count, errors):
    assert committee_errors(_committee(count), chair_elected=True) == errors


def test_committee_owners_and_chair():
    members = _committee(5)
    members[4] = CommitteeMember("外人", MEMBER, is_owner=False)
    assert committee_errors(members) == ["业主委员会委员应为本小区业主：外人 不是业主"]
    assert committee_errors(_committee(5, chair=False), chair_elected=True) == ["首次会议后应有一名主任"]
    assert committee_errors(_committee(5, chair=False)) == []
    two_chairs = [CommitteeMember("a", CHAIR), CommitteeMember("b", CHAIR), *_committee(3, chair=False)]
    assert committee_errors(two_chairs) == ["只能有一名主任，现有 2 名"]


@pytest.mark.parametrize("count, owners, errors", [
    (7, 4, []), (7, 3, ["业主成员应不少于一半，现有业主 3 人，共 7 人"]),
    (5, 5, ["委员会成员应不少于 7 人，现有 5 人"]), (8, 4, ["委员会成员人数应为单数，现有 8 人"]),
])
def test_other_committee(count, owners, errors):
    members = [CommitteeMember(f"m{i}", is_owner=i < owners) for i in range(count)]
    assert other_committee_errors(members) == errors


@pytest.mark.parametrize("start, end, ok", [
    (date(2024, 3, 1), date(2029, 3, 1), True), (date(2024, 3, 1), date(2029, 3, 2), False),
    (date(2024, 2, 29), date(2029, 2, 28), True), (date(2024, 2, 29), date(2029, 3, 1), False),
    (date(2024, 3, 1), date(2024, 3, 1), False),
])
def test_term_at_most_five_years(start, end, ok):
    assert (term_errors(start, end) == []) is ok
    assert latest_term_end(date(2024, 2, 29)) == date(2029, 2, 28)


# --- every clock at its boundary ------------------------------------------------------------------
@pytest.mark.parametrize("function, event, end", [
    (group_due, date(2024, 3, 1), date(2024, 4, 30)),  # 60 days
    (first_meeting_due, date(2024, 1, 2), date(2024, 4, 1)),  # 90 days
    (chair_due, date(2024, 9, 27), date(2024, 10, 8)),  # day 7 = 4 October, a holiday: moved to the 8th
    (filing_due, date(2024, 5, 6), date(2024, 6, 5)),  # 30 days
    (earliest_first_meeting, date(2024, 9, 16), date(2024, 10, 8)),  # day 15 = 1 October: moved
])
def test_clock_due_dates(function, event, end):
    assert function(event, NATIONAL_DAY).end == end


def test_chair_due_in_working_days():
    assert chair_due(date(2024, 9, 27), NATIONAL_DAY, working=True).end == date(2024, 10, 12)


@pytest.mark.parametrize("offset, state, days", [(-1, DUE, 1), (0, DUE, 0), (1, OVERDUE, 1)])
def test_open_clock_today_boundary(offset, state, days):
    due = filing_due(date(2024, 5, 6), NATIONAL_DAY)
    assert clock_state(due, None, due.end + offset * D) == (state, days)


@pytest.mark.parametrize("offset, state, days", [(-1, DONE, 0), (0, DONE, 0), (1, DONE_LATE, 1)])
def test_done_clock_boundary(offset, state, days):
    due = group_due(date(2024, 3, 1), NATIONAL_DAY)
    assert clock_state(due, due.end + offset * D, date(2025, 1, 1)) == (state, days)


@pytest.mark.parametrize("meeting, state", [(date(2024, 10, 7), TOO_EARLY), (date(2024, 10, 8), DONE),
                                            (date(2024, 10, 9), DONE)])
def test_posting_clock_boundary(meeting, state):
    clocks = case_clocks(CaseDates(date(2024, 6, 1), date(2024, 7, 20), date(2024, 9, 16), meeting),
                         date(2024, 12, 1), NATIONAL_DAY)
    assert {c.key: c.state for c in clocks}["posting"] == state


@pytest.mark.parametrize("today, state, days", [(date(2024, 10, 7), DUE, 1), (date(2024, 10, 8), OPEN, 0),
                                                (date(2024, 10, 9), OPEN, 1)])
def test_posting_clock_waiting(today, state, days):
    clocks = case_clocks(CaseDates(date(2024, 6, 1), date(2024, 7, 20), date(2024, 9, 16)), today, NATIONAL_DAY)
    posting = next(c for c in clocks if c.key == "posting")
    assert (posting.state, posting.days) == (state, days)


def test_case_clocks_full_case_and_kinds():
    dates = CaseDates(request=date(2024, 3, 1), group_formed=date(2024, 4, 30), posting=date(2024, 6, 1),
                      first_meeting=date(2024, 7, 29), election=date(2024, 9, 27), committee_meeting=date(2024, 10, 9),
                      filing=None, term_start=date(2024, 9, 27), term_end=date(2029, 9, 27))
    clocks = {c.key: c for c in case_clocks(dates, date(2024, 10, 28), NATIONAL_DAY)}
    assert clocks["group_formation"].state == DONE
    assert clocks["first_meeting"].state == DONE  # 4/30 + 90 = 7/29
    assert (clocks["chair"].state, clocks["chair"].days) == (DONE_LATE, 1)
    assert clocks["filing"].due.end == date(2024, 10, 28) and clocks["filing"].state == DUE
    assert clocks["term"].due.end == date(2029, 9, 27) and clocks["term"].state == DUE
    working = {c.key: c for c in case_clocks(dates, date(2024, 10, 28), NATIONAL_DAY, {"chair": True})}
    assert working["chair"].state == DONE and working["chair"].due.kind == "工作日"
    assert [c.key for c in due_within(list(clocks.values()), 14)] == ["filing"]


def test_case_clocks_as_of_hides_later_dates():
    dates = CaseDates(request=date(2024, 3, 1), group_formed=date(2024, 6, 1))
    clocks = case_clocks(dates, date(2024, 5, 2), NATIONAL_DAY)
    assert [(c.key, c.state, c.days) for c in clocks] == [("group_formation", OVERDUE, 2)]


# --- the multi-seat election ------------------------------------------------------------------------
def C(name, heads, area=0, passed=True):  # noqa: N802
    return CandidateResult(name, passed, heads, area)


def test_elect_fills_seats_by_heads_then_area():
    result = elect([C("甲", 30, 100), C("乙", 40), C("丙", 30, 200), C("丁", 50, passed=False), C("戊", 10)], 3)
    assert [c.name for c in result.elected] == ["乙", "丙", "甲"]
    assert result.tie == () and result.open_seats == 0
    assert [c.name for c in result.runners_up] == ["戊"] and [c.name for c in result.not_passed] == ["丁"]


def test_elect_reports_a_tie_at_the_last_seat():
    result = elect([C("甲", 40), C("乙", 30, 100), C("丙", 30, 100), C("丁", 20)], 2)
    assert [c.name for c in result.elected] == ["甲"]
    assert [c.name for c in result.tie] == ["乙", "丙"] and result.open_seats == 1


def test_elect_tie_inside_the_seats_is_no_tie():
    result = elect([C("甲", 30), C("乙", 30), C("丙", 20)], 2)
    assert [c.name for c in result.elected] == ["甲", "乙"] and result.tie == ()


def test_elect_fewer_passed_than_seats():
    result = elect([C("甲", 30), C("乙", 3, passed=False)], 3)
    assert [c.name for c in result.elected] == ["甲"] and result.open_seats == 2


@given(st.lists(st.tuples(st.booleans(), st.integers(0, 5), st.integers(0, 3)), max_size=12), st.integers(1, 7))
def test_elect_properties(rows, seats):
    candidates = [C(f"c{i}", heads, area, passed) for i, (passed, heads, area) in enumerate(rows)]
    result = elect(candidates, seats)
    assert len(result.elected) + result.open_seats == seats
    assert all(c.passed for c in result.elected + result.tie + result.runners_up)
    assert len(result.elected) + len(result.tie) + len(result.runners_up) + len(result.not_passed) == len(rows)
    rank = lambda c: (c.agree_heads, c.agree_area_centi)  # noqa: E731
    if result.tie:
        assert len({rank(c) for c in result.tie}) == 1 and len(result.tie) > result.open_seats
    below = result.tie + result.runners_up
    assert all(rank(a) > rank(b) for a in result.elected for b in below) if result.tie else \
        all(rank(a) >= rank(b) for a in result.elected for b in below)


def test_other_paths_have_only_the_term_clock():
    dates = CaseDates(request=date(2024, 3, 1), election=date(2024, 3, 2), term_start=date(2024, 3, 2),
                      term_end=date(2027, 3, 2))
    assert [c.key for c in case_clocks(dates, date(2024, 12, 1), NATIONAL_DAY, path="自管会")] == ["term"]


def test_timeline_and_clock_texts():
    from desktop_app.domain.committee import timeline

    dates = CaseDates(request=date(2024, 3, 1), group_formed=date(2024, 5, 2))
    assert timeline(dates)[:3] == [("申请", date(2024, 3, 1)), ("筹备组成立", date(2024, 5, 2)), ("筹备", None)]
    late = case_clocks(dates, date(2024, 6, 1), NATIONAL_DAY)[0]
    assert late.text == "逾期 2 天完成（期限 2024年4月30日，按日计）"
    due, = case_clocks(CaseDates(request=date(2024, 3, 1)), date(2024, 4, 27), NATIONAL_DAY)
    assert due.text == "还有 3 天（2024年4月30日，按日计）"
    over, = case_clocks(CaseDates(request=date(2024, 3, 1)), date(2024, 5, 1), NATIONAL_DAY)
    assert over.text == "已逾期 1 天（期限 2024年4月30日，按日计）"


@given(st.dates(date(2020, 1, 1), date(2030, 12, 31)), st.integers(0, 120), st.integers(-30, 30), st.integers(-30, 30))
def test_clock_state_properties(event, days, done_offset, today_offset):
    from desktop_app.domain.day_count import deadline

    due = deadline(event, days, table=NATIONAL_DAY)
    done_on = due.end + done_offset * D
    state, late = clock_state(due, done_on, due.end + today_offset * D)
    assert (state == DONE) == (done_on <= due.end) and late == max(0, done_offset)
    state, left = clock_state(due, None, due.end + today_offset * D)
    assert (state, left) == ((DUE, -today_offset) if today_offset <= 0 else (OVERDUE, today_offset))
