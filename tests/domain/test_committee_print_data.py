"""The committee notices' texts and checks: the 15-day notice before the first meeting at its boundary
(counted from the day after posting, domain.md §8), the caller's deadline and its kind, the term of
at most 5 years, room labels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from desktop_app.domain.committee_print_data import (
    MEETING_NOTICE_DAYS, CalendarDeadline, ElectedMember, ElectionResultData, FilingFormData, FilingMember,
    GroupMember, GroupMembersData, MeetingNoticeData, check_filing, check_meeting_date, count_text,
    election_result_notice, group_members_notice, meeting_notice, room_label,
)
from desktop_app.domain.errors import UserError

POSTED = date(2024, 9, 27)


def meeting(meeting_on: date, deadline=None) -> MeetingNoticeData:
    return MeetingNoticeData(estate_name="杜鹃新村", issuer="杜鹃新村业主大会筹备组", posted_on=POSTED,
                             meeting_on=meeting_on, meeting_time="上午9:00", place="社区会议室", form="集体讨论",
                             agenda=("选举业主委员会委员",), notice_deadline=deadline)


@dataclass(frozen=True)
class Counted:  # the shape of domain.day_count.Deadline
    start: date
    days: int
    end: date
    kind: str


def test_day_14_after_posting_is_refused_and_day_15_accepted():
    with pytest.raises(UserError, match="不足15日（按日计算）") as raised:
        check_meeting_date(meeting(POSTED + timedelta(days=14)))
    assert raised.value.field == "meeting_on"
    assert check_meeting_date(meeting(POSTED + timedelta(days=15))).end == date(2024, 10, 12)
    assert meeting_notice(meeting(POSTED + timedelta(days=15))).issued_on == POSTED


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 60))
def test_calendar_check_is_exactly_posting_plus_15(posted, offset):
    data = MeetingNoticeData("小区", "筹备组", posted, posted + timedelta(days=offset), "", "", "", ("议程",))
    if offset >= MEETING_NOTICE_DAYS:
        check_meeting_date(data)
    else:
        with pytest.raises(UserError):
            check_meeting_date(data)


def test_the_callers_deadline_decides_and_its_kind_is_printed():
    # 15 working days over the 2024 National Day: the holiday table moved the end to 23 October
    working = Counted(POSTED, 15, date(2024, 10, 23), "工作日")
    with pytest.raises(UserError, match="按工作日计算.*最早可定于2024年10月23日"):
        check_meeting_date(meeting(date(2024, 10, 22), working))
    notice = meeting_notice(meeting(date(2024, 10, 23), working))
    assert "会议召开15个工作日前张贴（按工作日计算，通知期至2024年10月23日）" in notice.closing[0]
    # calendar days whose end moved past a holiday (the caller's table): the later end binds
    moved = Counted(POSTED, 15, date(2024, 10, 14), "日")
    with pytest.raises(UserError):
        check_meeting_date(meeting(date(2024, 10, 12), moved))


def test_a_deadline_of_another_posting_or_shorter_than_15_days_is_refused():
    with pytest.raises(UserError, match="起算日"):
        check_meeting_date(meeting(date(2024, 12, 1), Counted(POSTED + timedelta(days=1), 15, date(2024, 10, 13), "日")))
    with pytest.raises(UserError, match="至少为15日"):
        check_meeting_date(meeting(date(2024, 12, 1), Counted(POSTED, 10, date(2024, 10, 8), "日")))


def test_count_text_and_calendar_deadline():
    assert count_text(CalendarDeadline(POSTED, 15)) == "15日"
    assert count_text(Counted(POSTED, 7, date(2024, 10, 12), "工作日")) == "7个工作日"
    assert CalendarDeadline(POSTED, 10).end == date(2024, 10, 7)


@pytest.mark.parametrize("parts, label", [
    (("3", "1", "502"), "3号楼1单元502室"), (("A座", "", "1203"), "A座1203室"),
    (("3", "东单元", "101室"), "3号楼东单元101室"),
])
def test_room_label(parts, label):
    assert room_label(*parts) == label


def test_group_notice_counts_owner_representatives_and_objection_end():
    members = (GroupMember("李建国", "组长", "街道办事处"), GroupMember("王芳", "成员", "3号楼1单元502室", True),
               GroupMember("张堃", "成员", "5号楼1单元101室", True))
    notice = group_members_notice(GroupMembersData("杜鹃新村", "幸福街道办事处", POSTED, members, 7, "街道办事处"))
    assert "共3名成员，其中业主代表2名" in notice.paragraphs[0]
    assert "公告之日起7日内（按日计算，至2024年10月4日止）" in notice.closing[0]
    working = Counted(POSTED, 7, date(2024, 10, 12), "工作日")
    notice = group_members_notice(GroupMembersData("杜鹃新村", "幸福街道办事处", POSTED, members, 7, "街道办事处",
                                                   objection_deadline=working))
    assert "公告之日起7个工作日内（按工作日计算，至2024年10月12日止）" in notice.closing[0]
    with pytest.raises(UserError, match="不一致"):
        group_members_notice(GroupMembersData("杜鹃新村", "街道", POSTED, members, 10, "街道",
                                              objection_deadline=working))
    assert notice.table is not None and notice.table.rows[1][-1] == "是" and notice.table.rows[0][-1] == ""
    with pytest.raises(UserError):
        group_members_notice(GroupMembersData("杜鹃新村", "街道", POSTED, (), 7, "街道"))


def test_election_notice_names_officers_only_when_known_and_reports_a_tie():
    elected = (ElectedMember("王芳", "3号楼1单元502室", 120, 1_050_000),)
    data = ElectionResultData("杜鹃新村", "筹备组", POSTED, POSTED, 200, 1_800_000, 5, elected)
    plain = election_result_notice(data)
    assert plain.closing == ("特此公告。",)
    assert plain.table is not None and plain.table.rows[0][3:] == ("120人", "10500.00")
    full = election_result_notice(ElectionResultData(
        "杜鹃新村", "筹备组", POSTED, POSTED, 200, 1_800_000, 5, elected, chair="王芳", vice_chairs=("张堃", "赵昇"),
        tie_note="第5个席位同票。"))
    assert full.closing == ("说明：第5个席位同票。", "经业主委员会首次会议选举，王芳为主任，张堃、赵昇为副主任。", "特此公告。")


def filing(**changes) -> FilingFormData:
    values = dict(estate_name="杜鹃新村", address="幸福路1号", authority="区住建局",
                  members=(FilingMember("王芳", "主任", "3号楼1单元502室"),), term_start=date(2024, 2, 29),
                  term_end=date(2029, 2, 28), election_on=date(2024, 2, 29), first_meeting_on=date(2024, 3, 2),
                  attachments=())
    values.update(changes)
    return FilingFormData(**values)


def test_filing_term_at_most_five_years_and_dates_in_order():
    check_filing(filing())
    with pytest.raises(UserError, match="5年"):
        check_filing(filing(term_end=date(2029, 3, 1)))
    with pytest.raises(UserError, match="晚于"):
        check_filing(filing(term_end=date(2024, 2, 29)))
    with pytest.raises(UserError, match="首次会议"):
        check_filing(filing(first_meeting_on=date(2024, 2, 28)))
    with pytest.raises(UserError, match="名单为空"):
        check_filing(filing(members=()))
