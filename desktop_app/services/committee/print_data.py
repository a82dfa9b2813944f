"""The plain data of a case's five committee documents (domain.committee_print_data), from the case's records
and the text the user types (issuer, places, meeting details, posting dates when the case has none).

Names, rooms, dates and results come from the case; what is missing (no group yet, no election, no
committee) is a `CommitteeError` naming it. Deadlines are counted by services.calendar on the holiday table,
the way the posting clock's setting says (日 / 工作日).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from desktop_app.domain.committee import CHAIR, VICE_CHAIR
from desktop_app.domain.committee_print_data import (
    FILING_ATTACHMENTS, MEETING_NOTICE_DAYS, Candidate, CandidateListData, ElectedMember, ElectionResultData,
    FilingFormData, FilingMember, GroupMember, GroupMembersData, MeetingNoticeData,
)
from desktop_app.models import Estate, db
from desktop_app.services.calendar import clock_deadline
from desktop_app.services.committee.elections import candidate_items, election_result, election_vote
from desktop_app.services.committee.records import (
    CaseSummary, CommitteeError, _owner_rooms, candidates_of, case_summary, group_of, members_of,
)
from desktop_app.services.votes import VoteSession

POSTING_CLOCK = "posting"


def _needed(value: date | None, what: str, field: str) -> date:
    if value is None:
        raise CommitteeError(f"请填写{what}", field)
    return value


def _group_issuer(summary: CaseSummary) -> str:
    return f"{summary.estate_name}业主大会筹备组"


def group_members_data(case_id: int, *, issuer: str, posted_on: date, objection_days: int,
                       objection_place: str) -> GroupMembersData:
    """筹备组成员公告: the case's group; the objection period counted from `posted_on` by the posting clock."""
    summary = case_summary(case_id)
    group = group_of(case_id)
    if not group:
        raise CommitteeError("该案件尚未录入筹备组成员，无法生成筹备组成员公告", "group")
    if not issuer.strip():
        raise CommitteeError("请填写发布单位（街道办事处）", "issuer")
    if objection_days < 1:
        raise CommitteeError(f"异议期应至少为 1 日，实为 {objection_days} 日", "objection_days")
    members = tuple(GroupMember(m.name, m.role, m.unit, m.owner_representative) for m in group)
    return GroupMembersData(
        estate_name=summary.estate_name, issuer=issuer.strip(), posted_on=posted_on, members=members,
        objection_days=objection_days, objection_place=objection_place.strip(),
        formed_on=summary.dates.group_formed,
        objection_deadline=clock_deadline(POSTING_CLOCK, posted_on, objection_days))


def meeting_notice_data(case_id: int, *, posted_on: date, meeting_time: str, place: str, form: str,
                        agenda: Sequence[str], meeting_on: date | None = None, issuer: str = "") -> MeetingNoticeData:
    """首次业主大会会议通知: the meeting on the case's first-meeting date unless `meeting_on` is given; the
    15-day notice counted from `posted_on` by the posting clock (the document refuses a meeting too early)."""
    summary = case_summary(case_id)
    day = _needed(meeting_on or summary.dates.first_meeting, "首次业主大会会议日期", "meeting_on")
    items = tuple(item.strip() for item in agenda if item.strip())
    if not items:
        raise CommitteeError("请填写会议议程", "agenda")
    if not place.strip():
        raise CommitteeError("请填写会议地点", "place")
    return MeetingNoticeData(
        estate_name=summary.estate_name, issuer=issuer.strip() or _group_issuer(summary), posted_on=posted_on,
        meeting_on=day, meeting_time=meeting_time.strip(), place=place.strip(), form=form.strip(), agenda=items,
        notice_deadline=clock_deadline(POSTING_CLOCK, posted_on, MEETING_NOTICE_DAYS))


def candidate_list_data(case_id: int, *, posted_on: date, issuer: str = "", objection_place: str = "",
                        period_end: date | None = None) -> CandidateListData:
    """候选人名单公示: the case's candidates; the 公示期 from `posted_on` to `period_end`, by default the end of
    the posting clock counted from `posted_on`."""
    summary = case_summary(case_id)
    candidates = candidates_of(case_id)
    if not candidates:
        raise CommitteeError("该案件尚未确定候选人，无法生成候选人名单公示", "candidates")
    end = period_end or clock_deadline(POSTING_CLOCK, posted_on).end
    if end <= posted_on:
        raise CommitteeError("公示截止日期应晚于张贴日期", "period_end")
    rows = tuple(Candidate(c.name, *_room_parts(c.room_uid)) for c in candidates)
    return CandidateListData(
        estate_name=summary.estate_name, issuer=issuer.strip() or _group_issuer(summary), posted_on=posted_on,
        candidates=rows, period_start=posted_on, period_end=end, objection_place=objection_place.strip())


def _room_parts(room_uid: str | None) -> tuple[str, str, str]:
    """(building, unit, room) of a roll room, for the document's own room label."""
    if not room_uid:
        return "", "", ""
    row = db.execute_sql("SELECT b.name, u.name, r.number FROM room r JOIN unit u ON u.id = r.unit_id "
                         "JOIN building b ON b.id = u.building_id WHERE r.uid = ?", (room_uid,)).fetchone()
    return ("", "", "") if row is None else (str(row[0]), str(row[1] or ""), str(row[2]))


def tie_note(case_id: int) -> str:
    """The tie at the last seat as the election found it ("" when none)."""
    result = election_result(case_id)
    if not result.tie:
        return ""
    names = "、".join(c.name for c in result.tie)
    return (f"{names}同意人数和同意面积相同，并列最后席位，尚有{result.open_seats}个席位"
            "待业主大会依议事规则决定。")


def election_result_data(case_id: int, *, posted_on: date, issuer: str = "",
                         election_on: date | None = None) -> ElectionResultData:
    """选举结果公告: the election vote's result (ranked, with the tie note), the frozen roll's totals, and the
    chair and vice-chairs once the committee has them."""
    summary = case_summary(case_id)
    vote_id = election_vote(case_id)
    if vote_id is None:
        raise CommitteeError("该案件尚未发起选举表决，无法生成选举结果公告")
    result = election_result(case_id)
    if not result.elected:
        raise CommitteeError("选举尚无当选人，无法生成选举结果公告")
    day = _needed(election_on or summary.dates.election, "选举日期", "election_on")
    outcome = VoteSession(vote_id).tally()
    assert outcome.result is not None  # election_result raised otherwise
    rooms = dict(zip(candidate_items(case_id), (c.room_label for c in candidates_of(case_id))))
    elected = tuple(ElectedMember(c.name, rooms.get(c.name, ""), c.agree_heads, c.agree_area_centi)
                    for c in result.elected)
    members = members_of(case_id)
    chair = next((m.name for m in members if m.role == CHAIR), "")
    return ElectionResultData(
        estate_name=summary.estate_name, issuer=issuer.strip() or _group_issuer(summary), posted_on=posted_on,
        election_on=day, owners=outcome.result.total.heads, area_centi=outcome.result.total.area_centi,
        seats=result.seats, elected=elected, chair=chair,
        vice_chairs=tuple(m.name for m in members if m.role == VICE_CHAIR), tie_note=tie_note(case_id))


def filing_data(case_id: int, *, authority: str = "", address: str = "", applicant: str = "",
                attachments: Sequence[str] | None = None) -> FilingFormData:
    """备案申请表: the committee with its roles, rooms and term, the election and first-meeting dates; the
    authority and attachments recorded on the case unless given."""
    summary = case_summary(case_id)
    members = members_of(case_id)
    if not members:
        raise CommitteeError("该案件尚未产生业主委员会委员，无法生成备案申请表", "members")
    dates = summary.dates
    missing = [label for label, value in (("选举日期", dates.election), ("首次会议日期", dates.committee_meeting),
                                          ("任期", dates.term_start and dates.term_end)) if not value]
    if missing:
        raise CommitteeError("该案件尚未记录" + "、".join(missing) + "，无法生成备案申请表")
    assert dates.election and dates.committee_meeting and dates.term_start and dates.term_end
    rooms = {c.owner_uid: c.room_label for c in candidates_of(case_id)}
    rows = tuple(FilingMember(m.name, m.role, rooms.get(m.owner_uid or "", "") or _owner_room(m.owner_uid,
                                                                                          summary.estate_id))
                 for m in members)
    authority_text = authority.strip() or summary.filing_authority
    if not authority_text:
        raise CommitteeError("请填写受理机关", "authority")
    return FilingFormData(
        estate_name=summary.estate_name,
        address=address.strip() or Estate.get_by_id(summary.estate_id).address,
        authority=authority_text, members=rows, term_start=dates.term_start, term_end=dates.term_end,
        election_on=dates.election, first_meeting_on=dates.committee_meeting,
        attachments=tuple(attachments if attachments is not None else (summary.attachments or FILING_ATTACHMENTS)),
        applicant=applicant.strip() or f"{summary.estate_name}业主委员会")


def _owner_room(owner_uid: str | None, estate_id: int) -> str:
    rooms = _owner_rooms(owner_uid, estate_id) if owner_uid else []
    return rooms[0][1] if rooms else ""


__all__ = ["candidate_list_data", "election_result_data", "filing_data", "group_members_data",
           "meeting_notice_data", "tie_note"]
