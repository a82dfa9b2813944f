"""operations.committee on a real SQLite workspace: a case taken from the request to the filing through
services.committee (real roll, real election vote), each of its five documents printed to a real PDF and read
back, the missing facts refused in Chinese, and every file recorded in the print history."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.dates_text import date_text
from desktop_app.domain.errors import UserError
from desktop_app.models import Estate, Owner
from desktop_app.operations.committee import KINDS, print_committee_document
from desktop_app.services.committee import (
    CandidateInput, GroupMemberInput, MemberInput, advance, create_case, create_election_vote, members_of,
    seat_elected, set_candidates, set_committee, set_filing, set_group,
)
from desktop_app.services.committee.print_data import (
    candidate_list_data, election_result_data, filing_data, group_members_data, meeting_notice_data,
)
from desktop_app.services.printing.gather import print_history
from desktop_app.services.votes import VoteSession
from tests.documents.conftest import Pdf
from tests.services.votes.vote_helpers import load, person, room

YES, NO, ABSTAIN = "同意", "反对", "弃权"


@pytest.fixture
def estate(database) -> int:
    load([room(f"1-1-{100 + i}", 10000, i) for i in range(1, 10)])
    return Estate.get(Estate.code == "E001").id


def owner_uid(number: int) -> str:
    return Owner.get(Owner.id_number == person(number)).uid


def _vote_all(vote_id: int, rows: dict[int, tuple[str, ...]]) -> VoteSession:
    session = VoteSession(vote_id)
    by_room = {r.room: r for r in session.rooms}
    for number, choices in rows.items():
        session.record(by_room[str(100 + number)].roll_id, choices)
    return session


@pytest.fixture
def case(estate) -> int:
    """幸福里: group formed 2024-04-01, posted 05-06, five of six candidates elected 06-10, chair 业主1 06-17."""
    case_id = create_case(estate, request_on=date(2024, 3, 1))
    advance(case_id, "筹备组成立", date(2024, 4, 1))
    set_group(case_id, [GroupMemberInput("王主任", "组长", "幸福街道办事处"),
                        GroupMemberInput("业主1", "成员", "1号楼1单元101室", True, owner_uid(1)),
                        GroupMemberInput("业主2", "成员", "1号楼1单元102室", True, owner_uid(2)),
                        GroupMemberInput("业主3", "成员", "1号楼1单元103室", True, owner_uid(3)),
                        GroupMemberInput("李委员", "成员", "幸福社区居委会")])
    advance(case_id, "筹备", date(2024, 5, 6))
    set_candidates(case_id, [CandidateInput(owner_uid(i), conditions_confirmed=True) for i in range(1, 7)])
    vote_id = create_election_vote(case_id, seats=5, opens_on=date(2024, 5, 21), closes_on=date(2024, 6, 10))
    session = _vote_all(vote_id, {i: (YES, YES, YES, YES, YES, YES if i <= 3 else NO) for i in range(1, 10)})
    advance(case_id, "首次业主大会", date(2024, 5, 21))
    session.close()
    advance(case_id, "选举", date(2024, 6, 10))
    seat_elected(case_id, term_start=date(2024, 6, 10), term_end=date(2029, 6, 9))
    advance(case_id, "首次会议", date(2024, 6, 17))
    set_committee(case_id, [MemberInput(m.name, {"业主1": "主任", "业主2": "副主任"}.get(m.name, "委员"),
                                        m.owner_uid, m.term_start, m.term_end) for m in members_of(case_id)])
    set_filing(case_id, authority="鼓楼区住房和建设局", on=date(2024, 7, 10), number="鼓住建业备〔2024〕3号")
    return case_id


def _text(path) -> str:
    return Pdf(path).flat()


def test_group_members_notice(case, tmp_path):
    saved = print_committee_document("筹备组成员公告", case, tmp_path / "group.pdf", issuer="幸福街道办事处",
                                     posted_on=date(2024, 4, 2), objection_days=7,
                                     objection_place="幸福街道办事处（幸福路1号）")
    text = _text(saved.path)
    for expected in ("关于幸福里业主大会筹备组成员的公告", "王主任", "业主3", "李委员", "幸福社区居委会",
                     f"于{date_text(date(2024, 4, 1))}成立", "共5名成员", "业主代表3名",
                     "7日内（按日计算", f"至{date_text(date(2024, 4, 9))}止", date_text(date(2024, 4, 2))):
        assert expected in text, expected
    assert saved.path.stat().st_size > 0 and saved.record.template == "notice"


def test_meeting_notice_on_the_case_date_and_refused_too_early(case, tmp_path):
    agenda = ["审议管理规约", "审议业主大会议事规则", "选举业主委员会委员"]
    saved = print_committee_document("首次业主大会会议通知", case, tmp_path / "meeting.pdf",
                                     posted_on=date(2024, 5, 6), meeting_time="上午9:00", place="小区会所",
                                     form="集体讨论", agenda=agenda)
    text = _text(saved.path)
    for expected in ("幸福里首次业主大会会议通知", f"会议时间：{date_text(date(2024, 5, 21))}上午9:00",
                     "小区会所", "集体讨论", "3.选举业主委员会委员", "幸福里业主大会筹备组",
                     f"通知期至{date_text(date(2024, 5, 21))}"):
        assert expected in text, expected
    late = tmp_path / "late.pdf"
    with pytest.raises(UserError, match="会议最早可定于2024年5月22日"):
        print_committee_document("首次业主大会会议通知", case, late, posted_on=date(2024, 5, 7),
                                 meeting_time="上午9:00", place="小区会所", form="集体讨论", agenda=agenda)
    assert not late.exists()


def test_meeting_notice_counted_in_working_days_when_the_posting_clock_says_so(case):
    from desktop_app.services.calendar import set_clock_kind

    set_clock_kind("posting", True)
    # 15 working days after 2024-09-20 on the shipped table (National Day week off, 9-29 worked)
    data = meeting_notice_data(case, posted_on=date(2024, 9, 20), meeting_time="", place="会所", form="集体讨论",
                               agenda=["选举"], meeting_on=date(2024, 10, 20))
    assert data.notice_deadline is not None and data.notice_deadline.kind == "工作日"
    assert data.notice_deadline.end > date(2024, 10, 11)


def test_candidate_list(case, tmp_path):
    saved = print_committee_document("候选人名单公示", case, tmp_path / "candidates.pdf",
                                     posted_on=date(2024, 5, 6), objection_place="筹备组")
    text = _text(saved.path)
    for expected in ("幸福里业主委员会委员候选人名单公示", "以下6名业主", "业主6", "1号楼1单元106室",
                     f"{date_text(date(2024, 5, 6))}至{date_text(date(2024, 5, 21))}"):
        assert expected in text, expected
    record = saved.record
    assert (record.period_start, record.period_end) == ("2024-05-06", "2024-05-21")


def test_election_result_with_chair_and_totals(case, tmp_path):
    saved = print_committee_document("选举结果公告", case, tmp_path / "result.pdf", posted_on=date(2024, 6, 11))
    text = _text(saved.path)
    for expected in ("幸福里业主委员会选举结果公告", f"于{date_text(date(2024, 6, 10))}选举", "应选委员5名",
                     "全体业主9人", "业主5", "1号楼1单元105室", "业主1为主任", "业主2为副主任"):
        assert expected in text, expected
    assert "业主6" not in text


def test_election_result_tie_note(estate, tmp_path):
    case_id = create_case(estate, request_on=date(2024, 3, 1))
    set_candidates(case_id, [CandidateInput(owner_uid(i), conditions_confirmed=True) for i in range(1, 5)])
    vote_id = create_election_vote(case_id, seats=2, opens_on=date(2024, 9, 1), closes_on=date(2024, 9, 20))
    _vote_all(vote_id, {i: (YES, YES if i <= 6 else NO, YES if i >= 4 else NO, YES if i <= 4 else ABSTAIN)
                        for i in range(1, 10)})
    data = election_result_data(case_id, posted_on=date(2024, 9, 21), election_on=date(2024, 9, 20))
    assert [m.name for m in data.elected] == ["业主1"]
    assert "业主2、业主3" in data.tie_note and "尚有1个席位" in data.tie_note
    saved = print_committee_document("选举结果公告", case_id, tmp_path / "tie.pdf", posted_on=date(2024, 9, 21),
                                     election_on=date(2024, 9, 20))
    assert "说明：业主2、业主3" in _text(saved.path)


def test_filing_form(case, tmp_path):
    saved = print_committee_document("备案申请表", case, tmp_path / "filing.pdf", address="幸福路8号")
    text = _text(saved.path)
    for expected in ("业主委员会备案申请表", "幸福里", "幸福路8号", "鼓楼区住房和建设局", "主任", "副主任",
                     "业主4", "1号楼1单元104室", f"{date_text(date(2024, 6, 10))}至{date_text(date(2029, 6, 9))}",
                     date_text(date(2024, 6, 17)), "委员人数", "5人", "管理规约"):
        assert expected in text, expected
    assert saved.record.template == "committee_filing" and saved.record.file_path == str(saved.path)


def test_every_document_recorded_in_the_print_history(case, tmp_path):
    fields = {
        "筹备组成员公告": {"issuer": "幸福街道办事处", "posted_on": date(2024, 4, 2), "objection_days": 7,
                    "objection_place": "幸福街道办事处"},
        "首次业主大会会议通知": {"posted_on": date(2024, 5, 6), "meeting_time": "上午9:00", "place": "会所",
                       "form": "集体讨论", "agenda": ["选举业主委员会委员"]},
        "候选人名单公示": {"posted_on": date(2024, 5, 6)},
        "选举结果公告": {"posted_on": date(2024, 6, 11)},
        "备案申请表": {},
    }
    assert set(fields) == set(KINDS)
    before = len(print_history())
    paths = [print_committee_document(kind, case, tmp_path / f"{n}.pdf", **fields[kind]).path
             for n, kind in enumerate(KINDS)]
    history = print_history()
    assert len(history) == before + 5
    assert {record.file_path for record in history[:5]} == {str(path) for path in paths}
    assert any(record.title == "幸福里业主委员会备案申请表" for record in history)


def test_missing_facts_are_named(estate, tmp_path):
    case_id = create_case(estate, request_on=date(2024, 3, 1))
    with pytest.raises(UserError, match="尚未录入筹备组成员"):
        group_members_data(case_id, issuer="街道", posted_on=date(2024, 4, 2), objection_days=7, objection_place="")
    with pytest.raises(UserError, match="请填写首次业主大会会议日期"):
        meeting_notice_data(case_id, posted_on=date(2024, 5, 6), meeting_time="", place="会所", form="",
                            agenda=["选举"])
    with pytest.raises(UserError, match="尚未确定候选人"):
        candidate_list_data(case_id, posted_on=date(2024, 5, 6))
    with pytest.raises(UserError, match="尚未发起选举表决"):
        election_result_data(case_id, posted_on=date(2024, 6, 11))
    with pytest.raises(UserError, match="尚未产生业主委员会委员"):
        filing_data(case_id)
    target = tmp_path / "nothing.pdf"
    with pytest.raises(UserError, match="尚未产生业主委员会委员"):
        print_committee_document("备案申请表", case_id, target)
    assert not target.exists() and print_history() == []
