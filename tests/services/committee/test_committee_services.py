"""services.committee on a real SQLite workspace: cases, members, candidates, the election through a real
vote with ballots entered through services.votes, the due list and the management modes."""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop_app.domain.committee import DONE, DUE, OVERDUE
from desktop_app.domain.day_count import HolidayTable
from desktop_app.models import AuditLog, Estate, Owner
from desktop_app.models.committee_tables import CommitteeCase
from desktop_app.services.changes import Topic
from desktop_app.services.committee import (
    CandidateInput, CommitteeError, GroupMemberInput, MemberInput, add_management, advance, candidates_of,
    case_summary, case_votes, clocks_of, create_case, create_election_vote, due_list, election_result,
    management_of, members_of, set_candidates, set_committee, set_dates, set_filing, set_group,
)
from desktop_app.services.scope import ALL, Scope
from desktop_app.services.votes import VoteSession
from tests.services.votes.vote_helpers import load, person, room

NATIONAL_DAY = HolidayTable(off=frozenset(date(2024, 10, d) for d in range(1, 8)),
                            worked=frozenset({date(2024, 9, 29), date(2024, 10, 12)}), years=frozenset({2024}))


@pytest.fixture
def estate(database) -> int:
    load([room(f"1-1-{100 + i}", 10000, i) for i in range(1, 10)])
    return Estate.get(Estate.code == "E001").id


def owner_uid(number: int) -> str:
    return Owner.get(Owner.id_number == person(number)).uid


def group() -> list[GroupMemberInput]:
    return [GroupMemberInput("王主任", "组长", "幸福街道办事处"),
            GroupMemberInput("业主1", "成员", "1号楼", True, owner_uid(1)),
            GroupMemberInput("业主2", "成员", "1号楼", True, owner_uid(2)),
            GroupMemberInput("业主3", "成员", "1号楼", True, owner_uid(3)),
            GroupMemberInput("李委员", "成员", "幸福社区居委会")]


def test_case_dates_in_order_and_audited(estate):
    case_id = create_case(estate, request_on=date(2024, 3, 1))
    changes = advance(case_id, "筹备组成立", date(2024, 4, 30))
    assert changes.ids(Topic.COMMITTEE) == {case_id}
    with pytest.raises(CommitteeError, match="下一阶段应为“筹备”"):
        advance(case_id, "选举", date(2024, 9, 1))
    with pytest.raises(CommitteeError, match="早于“筹备组成立”"):
        set_dates(case_id, posting=date(2024, 4, 1))
    summary = case_summary(case_id)
    assert summary.stage == "筹备组成立" and summary.dates.group_formed == date(2024, 4, 30)
    uid = CommitteeCase.get_by_id(case_id).uid
    assert [row.action for row in AuditLog.select().where(AuditLog.record_uid == uid)] == ["create", "update"]


def test_group_rules_on_save(estate):
    case_id = create_case(estate, request_on=date(2024, 3, 1))
    set_group(case_id, group())
    with pytest.raises(CommitteeError, match="单数"):
        set_group(case_id, group()[:4])
    outsider = [*group()[:4], GroupMemberInput("张三", "成员", "1号楼", True, "no-such-owner")]
    with pytest.raises(CommitteeError, match="不是本小区名册中的业主"):
        set_group(case_id, outsider)


def test_candidates_are_owners_of_the_estate(estate):
    case_id = create_case(estate)
    set_candidates(case_id, [CandidateInput(owner_uid(1), conditions_confirmed=True)])
    assert [(c.name, c.room_label) for c in candidates_of(case_id)] == [("业主1", "1号楼1单元101室")]
    with pytest.raises(CommitteeError, match="第2名候选人不是本小区名册中的业主"):
        set_candidates(case_id, [CandidateInput(owner_uid(1)), CandidateInput("nobody")])
    with pytest.raises(CommitteeError, match="重复"):
        set_candidates(case_id, [CandidateInput(owner_uid(1)), CandidateInput(owner_uid(1))])


def test_committee_members_rules_and_term(estate):
    case_id = create_case(estate)
    start, end = date(2024, 9, 27), date(2029, 9, 27)
    members = [MemberInput(f"业主{i}", "主任" if i == 1 else "委员", owner_uid(i), start, end) for i in range(1, 6)]
    set_committee(case_id, members)
    assert [m.name for m in members_of(case_id)] == ["业主1", "业主2", "业主3", "业主4", "业主5"]
    assert case_summary(case_id).dates.term_end == end
    with pytest.raises(CommitteeError, match="任期不得超过五年"):
        set_committee(case_id, [*members[:4], MemberInput("业主5", "委员", owner_uid(5), start, date(2029, 9, 28))])
    with pytest.raises(CommitteeError, match="外人 不是业主"):
        set_committee(case_id, [*members[:4], MemberInput("外人", "委员", None, start, end)])
    with pytest.raises(CommitteeError, match="5 至 11 人"):
        set_committee(case_id, members[:3])


def _vote_all(vote_id: int, rows: dict[int, tuple[str, ...]]) -> VoteSession:
    session = VoteSession(vote_id)
    by_room = {room.room: room for room in session.rooms}
    for number, choices in rows.items():
        session.record(by_room[str(100 + number)].roll_id, choices)
    return session


def test_multi_seat_election_with_a_tie_through_a_real_vote(estate):
    case_id = create_case(estate, request_on=date(2024, 3, 1))
    set_candidates(case_id, [CandidateInput(owner_uid(i), conditions_confirmed=True) for i in range(1, 5)])
    vote_id = create_election_vote(case_id, seats=2, opens_on=date(2024, 9, 1), closes_on=date(2024, 9, 20))
    assert case_votes(case_id) == [("选举", vote_id)]
    yes, no, abstain = "同意", "反对", "弃权"
    # 业主1: 9 agree; 业主2 rooms 1–6 and 业主3 rooms 4–9: 6 each, equal areas (a tie); 业主4: 4 of 9 fails
    rows = {i: (yes, yes if i <= 6 else no, yes if i >= 4 else no, yes if i <= 4 else abstain) for i in range(1, 10)}
    session = _vote_all(vote_id, rows)
    result = election_result(case_id)
    assert [c.name for c in result.elected] == ["业主1"]
    assert [c.name for c in result.tie] == ["业主2", "业主3"] and result.open_seats == 1
    assert [c.name for c in result.not_passed] == ["业主4"]
    # room 7 corrects its ballot: 业主2 now has 7 agreeing heads and takes the second seat
    session.record(next(r.roll_id for r in session.rooms if r.room == "107"), (yes, yes, yes, abstain))
    result = election_result(case_id)
    assert [c.name for c in result.elected] == ["业主1", "业主2"] and result.tie == ()
    assert [c.name for c in result.runners_up] == ["业主3"]


def test_election_needs_confirmed_candidates(estate):
    case_id = create_case(estate)
    set_candidates(case_id, [CandidateInput(owner_uid(1)), CandidateInput(owner_uid(2), conditions_confirmed=True)])
    with pytest.raises(CommitteeError, match="候选人条件尚未确认：业主1"):
        create_election_vote(case_id, seats=1, opens_on=date(2024, 9, 1), closes_on=date(2024, 9, 20))
    with pytest.raises(CommitteeError, match="尚未发起选举表决"):
        election_result(case_id)


def test_clocks_and_due_list_across_estates(estate):
    load([room("2-1-101", 5000, 20, estate="E002")])
    other = Estate.get(Estate.code == "E002").id
    late = create_case(estate, request_on=date(2024, 3, 1))  # group due 2024-04-30
    soon = create_case(other, request_on=date(2024, 3, 20))  # group due 2024-05-19 (Sunday) -> 2024-05-20
    done = create_case(other, request_on=date(2024, 1, 2))
    set_dates(done, group_formed=date(2024, 2, 1))  # first meeting due 2024-05-01
    today = date(2024, 5, 6)
    assert [(c.key, c.state, c.days) for c in clocks_of(late, today, table=NATIONAL_DAY)] == [
        ("group_formation", OVERDUE, 6)]
    assert [(c.key, c.state) for c in clocks_of(done, today, table=NATIONAL_DAY)] == [
        ("group_formation", DONE), ("first_meeting", OVERDUE)]
    listed = due_list(ALL, today, table=NATIONAL_DAY)
    assert [(d.case.id, d.clock.key, d.clock.state) for d in listed] == [
        (late, "group_formation", OVERDUE), (done, "first_meeting", OVERDUE), (soon, "group_formation", DUE)]
    assert listed[-1].clock.due.end == date(2024, 5, 20) and listed[-1].clock.days == 14
    assert due_list(ALL, today, within_days=13, table=NATIONAL_DAY)[-1].case.id == done
    assert [d.case.id for d in due_list(Scope("estate", other), today, table=NATIONAL_DAY)] == [done, soon]


def test_filing_and_management_modes(estate):
    case_id = create_case(estate, request_on=date(2024, 3, 1))
    set_dates(case_id, group_formed=date(2024, 4, 1), posting=date(2024, 5, 1), first_meeting=date(2024, 5, 20),
              election=date(2024, 5, 20), committee_meeting=date(2024, 5, 25))
    with pytest.raises(CommitteeError, match="备案编号"):
        set_filing(case_id, authority="区住建局", on=date(2024, 6, 10), number=" ")
    set_filing(case_id, authority="区住建局", on=date(2024, 6, 10), number="备字2024-1")
    summary = case_summary(case_id)
    assert (summary.stage, summary.filing_authority, summary.filing_number) == ("备案", "区住建局", "备字2024-1")
    assert {c.key: c.state for c in clocks_of(case_id, date(2024, 7, 1), table=NATIONAL_DAY)}["filing"] == DONE
    add_management(estate, "物业公司", company="安居物业", contract_start=date(2024, 7, 1),
                   contract_end=date(2027, 6, 30), fee_fen=85, from_on=date(2024, 7, 1))
    with pytest.raises(CommitteeError, match="重叠"):
        add_management(estate, "无", from_on=date(2024, 1, 1))
    with pytest.raises(CommitteeError, match="物业服务企业名称"):
        add_management(estate, "物业公司", from_on=date(2023, 1, 1), to_on=date(2023, 12, 31))
    add_management(estate, "无", from_on=date(2020, 1, 1), to_on=date(2024, 6, 30))
    assert [(m.mode, m.fee_fen) for m in management_of(estate)] == [("无", None), ("物业公司", 85)]
    assert json.loads(CommitteeCase.get_by_id(case_id).attachments) == []


def test_clocks_on_the_shipped_calendar_and_the_clock_setting(estate):
    from desktop_app.services.calendar import set_clock_kind

    case_id = create_case(estate, request_on=date(2024, 3, 1))
    set_dates(case_id, group_formed=date(2024, 4, 1), posting=date(2024, 5, 1), first_meeting=date(2024, 6, 20),
              election=date(2024, 9, 27))
    chair = {c.key: c for c in clocks_of(case_id, date(2024, 10, 1))}["chair"]
    assert chair.due.end == date(2024, 10, 8) and chair.due.kind == "日"  # 4 October a holiday: the 8th
    set_clock_kind("chair", True)
    chair = {c.key: c for c in clocks_of(case_id, date(2024, 10, 1))}["chair"]
    assert chair.due.end == date(2024, 10, 12) and chair.due.kind == "工作日"  # make-up Saturday counts
    assert [d.clock.key for d in due_list(ALL, date(2024, 10, 1))] == ["chair"]  # filing: 27 October a Sunday
    assert [(d.clock.key, d.clock.due.end) for d in due_list(ALL, date(2024, 10, 14))] == [
        ("chair", date(2024, 10, 12)), ("filing", date(2024, 10, 28))]


def test_decision_votes_notes_and_the_estate_overview(estate):
    from desktop_app.services.committee import (
        create_decision_vote, delete_case, estate_overview, set_notes,
    )

    load([room("2-1-101", 5000, 20, estate="E002")])
    other = Estate.get(Estate.code == "E002").id
    case_id = create_case(estate, request_on=date(2024, 3, 1))
    with pytest.raises(CommitteeError, match="第1、2、4项"):
        create_decision_vote(case_id, matter=7, items=["加装电梯"], opens_on=date(2024, 6, 1),
                             closes_on=date(2024, 6, 10), title="x")
    vote_id = create_decision_vote(case_id, matter=2, items=["管理规约"], opens_on=date(2024, 6, 1),
                                   closes_on=date(2024, 6, 10), title="幸福里管理规约表决")
    assert case_votes(case_id) == [("决定", vote_id)]
    assert VoteSession(vote_id).summary.rule.value == "ordinary"
    set_notes(case_id, "业主书面要求 12 份", ["申请书.pdf", "签名表.pdf"])
    assert case_summary(case_id).attachments == ("申请书.pdf", "签名表.pdf")
    add_management(other, "物业公司", company="安居物业", from_on=date(2024, 1, 1))
    overview = estate_overview(ALL, date(2024, 6, 1))  # the case's group was due 2024-04-30
    assert [(s.estate_name, s.mode, s.company, s.stage, s.overdue, s.no_managing_body) for s in overview] == [
        ("幸福里", None, "", "申请", 1, True), ("小区E002", "物业公司", "安居物业", None, 0, False)]
    delete_case(case_id)
    assert estate_overview(Scope("estate", estate), date(2024, 6, 1))[0].case_id is None


def test_from_the_request_to_the_filing_with_every_clock(estate):
    from desktop_app.services.committee import clocks_of, seat_elected

    case_id = create_case(estate, request_on=date(2024, 3, 1))
    advance(case_id, "筹备组成立", date(2024, 4, 1))
    set_group(case_id, group())
    advance(case_id, "筹备", date(2024, 5, 6))
    set_candidates(case_id, [CandidateInput(owner_uid(i), conditions_confirmed=True) for i in range(1, 7)])
    vote_id = create_election_vote(case_id, seats=5, opens_on=date(2024, 5, 21), closes_on=date(2024, 6, 10))
    yes, no = "同意", "反对"
    session = _vote_all(vote_id, {i: (yes, yes, yes, yes, yes, yes if i <= 3 else no) for i in range(1, 10)})
    # five candidates at 9 agreeing heads tie among themselves inside the seats; 业主6 (3 of 9) fails
    advance(case_id, "首次业主大会", date(2024, 5, 21))  # posting 5-06 + 15 = 5-21, the earliest day
    session.close()
    advance(case_id, "选举", date(2024, 6, 10))
    seat_elected(case_id, term_start=date(2024, 6, 10), term_end=date(2029, 6, 10))
    members = members_of(case_id)
    assert [m.name for m in members] == ["业主1", "业主2", "业主3", "业主4", "业主5"]
    advance(case_id, "首次会议", date(2024, 6, 17))
    set_committee(case_id, [MemberInput(m.name, "主任" if m.name == "业主1" else "委员", m.owner_uid, m.term_start,
                                        m.term_end) for m in members])
    set_filing(case_id, authority="鼓楼区住房和建设局", on=date(2024, 7, 10), number="鼓住建业备〔2024〕3号")
    clocks = clocks_of(case_id, date(2024, 7, 15))
    assert [(c.key, c.state) for c in clocks] == [
        ("group_formation", DONE), ("posting", DONE), ("first_meeting", DONE), ("chair", DONE), ("filing", DONE),
        ("term", DUE)]
    assert case_summary(case_id).stage == "备案"


def test_seating_refused_on_a_tie(estate):
    from desktop_app.services.committee import seat_elected

    case_id = create_case(estate, request_on=date(2024, 3, 1))
    set_candidates(case_id, [CandidateInput(owner_uid(i), conditions_confirmed=True) for i in range(1, 3)])
    vote_id = create_election_vote(case_id, seats=1, opens_on=date(2024, 9, 1), closes_on=date(2024, 9, 20))
    _vote_all(vote_id, {i: ("同意", "同意") for i in range(1, 10)})
    with pytest.raises(CommitteeError, match="最后席位出现同票：业主1、业主2"):
        seat_elected(case_id, term_start=date(2024, 9, 20), term_end=date(2029, 9, 20))
