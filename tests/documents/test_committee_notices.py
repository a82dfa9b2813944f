"""The owners' committee documents rendered to PDF and read back: titles, names as on the roll, dates in
the Chinese form, the counting kind, page counts; no ID number or phone anywhere."""

from __future__ import annotations

import re
from datetime import date

import pytest

from desktop_app.documents.committee_notices import (
    render_candidate_list, render_election_result, render_filing_form, render_group_members,
    render_meeting_notice,
)
from desktop_app.domain.committee_print_data import (
    FILING_ATTACHMENTS, Candidate, CandidateListData, ElectedMember, ElectionResultData, FilingFormData,
    FilingMember, GroupMember, GroupMembersData, MeetingNoticeData,
)
from desktop_app.domain.errors import UserError

from .conftest import FULL_ID, Pdf, assert_a4_and_embedded, assert_inside_block, rendered

ESTATE = "幸福里小区"
PHONE = re.compile(r"1[3-9]\d{9}")

MEMBERS = (
    GroupMember("李建国", "组长", "幸福街道办事处"),
    GroupMember("王芳", "副组长", "幸福里社区居民委员会"),
    GroupMember("欧阳娜娜", "成员", "3号楼1单元502室", owner_representative=True),
    GroupMember("张堃", "成员", "5号楼2单元101室", owner_representative=True),
    GroupMember("赵昇", "成员", "7号楼1单元302室", owner_representative=True),
)


def group_data(**changes) -> GroupMembersData:
    values = dict(estate_name=ESTATE, issuer="幸福街道办事处", posted_on=date(2024, 3, 5), members=MEMBERS,
                  objection_days=7, objection_place="幸福街道办事处（幸福路1号）", formed_on=date(2024, 3, 1))
    values.update(changes)
    return GroupMembersData(**values)


def meeting_data(**changes) -> MeetingNoticeData:
    values = dict(estate_name=ESTATE, issuer=f"{ESTATE}业主大会筹备组", posted_on=date(2024, 4, 1),
                  meeting_on=date(2024, 4, 16), meeting_time="上午9:00", place="幸福里社区居委会二楼会议室",
                  form="集体讨论与书面征求意见相结合",
                  agenda=("审议《管理规约》", "审议《业主大会议事规则》", "选举业主委员会委员"))
    values.update(changes)
    return MeetingNoticeData(**values)


CANDIDATES = tuple(Candidate(name, b, u, r) for name, b, u, r in (
    ("欧阳娜娜", "3", "1", "502"), ("张堃", "5", "2", "101"), ("赵昇", "7", "1", "302"),
    ("钱赟", "A座", "", "1203"), ("孙立", "9", "3", "601"), ("周敏", "10", "1", "201"),
    ("吴刚", "11", "2", "402")))


def candidate_data(**changes) -> CandidateListData:
    values = dict(estate_name=ESTATE, issuer=f"{ESTATE}业主大会筹备组", posted_on=date(2024, 4, 1),
                  candidates=CANDIDATES, period_start=date(2024, 4, 1), period_end=date(2024, 4, 7),
                  objection_place="筹备组（社区居委会一楼）")
    values.update(changes)
    return CandidateListData(**values)


ELECTED = tuple(ElectedMember(c.name, c.room_label, 300 - 7 * n, 2_500_000 - 30_000 * n)
                for n, c in enumerate(CANDIDATES[:5]))


def result_data(**changes) -> ElectionResultData:
    values = dict(estate_name=ESTATE, issuer=f"{ESTATE}业主大会筹备组", posted_on=date(2024, 4, 18),
                  election_on=date(2024, 4, 16), owners=412, area_centi=3_865_012, seats=5, elected=ELECTED,
                  chair="欧阳娜娜", vice_chairs=("张堃",))
    values.update(changes)
    return ElectionResultData(**values)


def filing_data(**changes) -> FilingFormData:
    roles = ("主任", "副主任", "委员", "委员", "委员")
    values = dict(estate_name=ESTATE, address="福州市台江区幸福路18号", authority="台江区住房和城乡建设局、幸福街道办事处",
                  members=tuple(FilingMember(m.name, role, m.room) for m, role in zip(ELECTED, roles)),
                  term_start=date(2024, 4, 16), term_end=date(2029, 4, 15), election_on=date(2024, 4, 16),
                  first_meeting_on=date(2024, 4, 20), attachments=FILING_ATTACHMENTS,
                  applicant=f"{ESTATE}业主委员会")
    values.update(changes)
    return FilingFormData(**values)


def assert_no_personal_numbers(pdf: Pdf) -> None:
    text = pdf.flat()
    assert not FULL_ID.search(text)
    assert not PHONE.search(text)


def test_group_members_notice():
    pdf, pages = rendered(render_group_members, group_data())
    assert pages == len(pdf.pages) == 1
    flat = pdf.flat()
    assert "关于幸福里小区业主大会筹备组成员的公告" in flat
    for member in MEMBERS:
        assert member.name in flat and member.unit in flat
    assert "共5名成员，其中业主代表3名" in flat
    assert "欧阳娜娜成员3号楼1单元502室是" in flat and "李建国组长幸福街道办事处" in flat
    assert "请于公告之日起7日内（按日计算，至2024年3月12日止）向幸福街道办事处（幸福路1号）书面提出" in flat
    assert "2024年3月5日" in flat and "2024年03月" not in flat
    assert_a4_and_embedded(pdf)
    assert_inside_block(pdf, 0)
    assert_no_personal_numbers(pdf)


def test_meeting_notice_prints_agenda_and_the_counting_kind():
    pdf, pages = rendered(render_meeting_notice, meeting_data())
    assert pages == 1
    flat = pdf.flat()
    assert "幸福里小区首次业主大会会议通知" in flat
    assert "会议时间：2024年4月16日上午9:00" in flat
    assert "会议地点：幸福里社区居委会二楼会议室" in flat
    for number, item in enumerate(meeting_data().agenda, 1):
        assert f"{number}.{item}" in flat
    assert "按日计算，通知期至2024年4月16日" in flat
    assert_inside_block(pdf, 0)
    assert_no_personal_numbers(pdf)


def test_meeting_notice_with_a_working_day_deadline_says_so():
    class WorkingDeadline:  # the shape of domain.day_count.Deadline
        start, days, end, kind = date(2024, 4, 1), 15, date(2024, 4, 23), "工作日"

    with pytest.raises(UserError, match="按工作日计算"):
        rendered(render_meeting_notice, meeting_data(notice_deadline=WorkingDeadline()))
    pdf, _ = rendered(render_meeting_notice,
                      meeting_data(meeting_on=date(2024, 4, 23), notice_deadline=WorkingDeadline()))
    assert "会议召开15个工作日前张贴（按工作日计算，通知期至2024年4月23日）" in pdf.flat()


def test_meeting_day_14_after_posting_is_refused_before_writing(tmp_path):
    target = tmp_path / "meeting.pdf"
    with pytest.raises(UserError, match="最早可定于2024年4月16日") as raised:
        render_meeting_notice(meeting_data(meeting_on=date(2024, 4, 15)), str(target))
    assert raised.value.field == "meeting_on"
    assert not target.exists()


def test_candidate_list_has_rooms_names_and_period():
    pdf, pages = rendered(render_candidate_list, candidate_data())
    assert pages == 1
    flat = pdf.flat()
    assert "幸福里小区业主委员会委员候选人名单公示" in flat
    for candidate in CANDIDATES:
        assert f"{candidate.name}{candidate.room_label}" in flat
    assert "A座1203室" in flat
    assert "公示期：2024年4月1日至2024年4月7日" in flat
    assert_inside_block(pdf, 0)
    assert_no_personal_numbers(pdf)


def test_election_result_with_votes_officers_and_tie_note():
    tie = "第5名候选人孙立与周敏同意人数、同意面积均相同，第5个席位待另行选举确定。"
    pdf, pages = rendered(render_election_result, result_data(elected=ELECTED[:4], tie_note=tie))
    assert pages == 1
    flat = pdf.flat()
    assert "幸福里小区业主委员会选举结果公告" in flat
    assert "于2024年4月16日选举产生" in flat and "应选委员5名" in flat
    assert "欧阳娜娜3号楼1单元502室300人25000.00" in flat
    assert "".join(tie.split()) in flat
    assert "欧阳娜娜为主任，张堃为副主任" in flat
    assert "2024年4月18日" in flat
    assert_inside_block(pdf, 0)
    assert_no_personal_numbers(pdf)


def test_election_result_without_officers_or_tie_says_neither():
    pdf, _ = rendered(render_election_result, result_data(chair="", vice_chairs=()))
    flat = pdf.flat()
    assert "为主任" not in flat and "说明：" not in flat


def test_filing_form():
    pdf, pages = rendered(render_filing_form, filing_data())
    assert pages == len(pdf.pages) == 1
    flat = pdf.flat()
    assert "业主委员会备案申请表" in flat
    assert "小区名称幸福里小区" in flat and "小区地址福州市台江区幸福路18号" in flat
    assert "任期2024年4月16日至2029年4月15日" in flat
    assert "选举日期2024年4月16日" in flat and "首次会议日期2024年4月20日" in flat
    assert "欧阳娜娜主任3号楼1单元502室" in flat and "张堃副主任" in flat
    for item in FILING_ATTACHMENTS:
        assert f"□{item}" in flat
    assert "主任（签字）" in flat and "经办人（签字）" in flat
    assert_a4_and_embedded(pdf)
    assert_inside_block(pdf, 0)
    assert_no_personal_numbers(pdf)


def test_a_long_member_list_runs_onto_a_second_page_with_its_header():
    members = MEMBERS + tuple(GroupMember(f"业主{n}", "成员", f"{n}号楼1单元101室", True) for n in range(40))
    pdf, pages = rendered(render_group_members, group_data(members=members))
    assert pages >= 2
    for page in range(pages):
        assert_inside_block(pdf, page)
    assert "单位或房号" in pdf.flat(1)


def test_a_name_no_font_has_is_reported_before_writing(tmp_path):
    from desktop_app.documents.fonts import MissingGlyphs

    target = tmp_path / "filing.pdf"
    members = (FilingMember("王𠮷", "主任", "3号楼1单元502室"),)
    with pytest.raises(MissingGlyphs) as raised:
        render_filing_form(filing_data(members=members), str(target))
    assert raised.value.missing["𠮷"] == ["委员第1行"]
    assert not target.exists()


def test_a_filing_term_over_five_years_is_refused():
    with pytest.raises(UserError, match="5年"):
        rendered(render_filing_form, filing_data(term_end=date(2029, 4, 17)))
