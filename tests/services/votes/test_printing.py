"""The data of a vote's documents on the demo street: ballots and the not-voted list from the frozen roll (never
the live roll), the result notice from the live tally and from the stored result alike, print history."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from desktop_app.domain.tally import ABSTAIN, AGREE, OPPOSE
from desktop_app.domain.vote_print_data import VoteItem, participation_gap, result_rows
from desktop_app.domain.vote_rules import Rule
from desktop_app.models import Building, Estate, Owner, VoteRoll
from desktop_app.services.demo.street import create_demo
from desktop_app.services.printing.gather import print_history
from desktop_app.services.scope import Scope
from desktop_app.services.votes.printing import (
    DRAFT_NOTE, ballot_sheets, matter_text, not_voted_data, record_vote_print, result_notice_data, vote_scope,
)
from desktop_app.services.votes.lifecycle import VoteDraft, VoteError, VoteSession, close_vote, create_vote

OPENS, CLOSES = date(2026, 3, 1), date(2026, 3, 31)
ITEMS = (VoteItem("加装电梯", "完善类"), VoteItem("外墙保温", "基础类"))
MASKED_PHONE = re.compile(r"1[3-9]\d\*{4}\d{4}|0\d{2,3}-\*+\d{4}(-\*+)?|\**\d{4}")


@pytest.fixture
def demo(database):
    create_demo(vote=False, today=date.today())
    return Estate.get(Estate.name == "杜鹃新村")


def open_vote(scopes: list[Scope], **changes) -> int:
    values = dict(title="杜鹃新村老旧小区改造", scopes=scopes, matter=7, items=list(ITEMS), opens_on=OPENS,
                  closes_on=CLOSES)
    values.update(changes)
    return create_vote(VoteDraft(**values))


def building(estate: Estate, name: str) -> Scope:
    return Scope("building", Building.get((Building.estate == estate) & (Building.name == name)).id)


def frozen(vote_id: int) -> list[VoteRoll]:
    return list(VoteRoll.select().where(VoteRoll.vote == vote_id).order_by(VoteRoll.position))


def test_ballot_sheets_are_the_frozen_roll_in_order_and_stay_so_after_roll_edits(demo):
    vote_id = open_vote([building(demo, "2"), building(demo, "3")], issuer="")
    roll = frozen(vote_id)
    before = ballot_sheets(vote_id)
    assert [sheet.home.label for sheet in before] == [
        f"{row.building}号楼{row.unit}单元{row.room}室" if row.unit else f"{row.building}号楼{row.room}室" for row in roll]
    assert [sheet.home.area_centi for sheet in before] == [row.area_centi for row in roll]
    assert [sheet.home.owner_names for sheet in before] == [tuple(row.owner_names.split("、")) if row.owner_names
                                                            else () for row in roll]
    first = before[0]
    assert first.estate_name == "杜鹃新村" and first.vote_title == "杜鹃新村老旧小区改造" and first.items == ITEMS
    assert first.matter == "改建、重建建筑物及其附属设施（《民法典》第二百七十八条第七项）"
    assert (first.opens_on, first.closes_on, first.blank_participates) == (OPENS, CLOSES, True)
    assert first.issuer.endswith("居民委员会")  # no issuer given: the estate's residents' committee
    assert all(sheet.home.id_number == "" and sheet.home.phone == "" for sheet in before)
    # the live roll changes; the vote's ballots do not
    owner = Owner.get(Owner.name == before[0].home.owner_names[0])
    owner.name = "改过的名字"
    owner.save()
    assert ballot_sheets(vote_id) == before


def test_matter_texts():
    assert matter_text(1) == "制定和修改业主大会议事规则（《民法典》第二百七十八条第一项）"
    assert matter_text(9).endswith("第二百七十八条第九项）")


def cast(session: VoteSession, answers: dict[int, tuple[str, str]]) -> None:
    for roll_id, choices in answers.items():
        session.record(roll_id, choices)


def test_not_voted_list_counts_heads_area_and_the_gap(demo):
    vote_id = open_vote([building(demo, "1")])
    session = VoteSession(vote_id)
    roll = session.rooms
    voted = {room.roll_id for room in roll[: len(roll) // 2]}
    cast(session, {roll_id: (AGREE, OPPOSE) for roll_id in voted})
    data = not_voted_data(vote_id, today=date(2026, 3, 10))
    missing = [room for room in roll if room.roll_id not in voted]
    assert [row.label for row in data.rows] == [room.label for room in missing]
    assert [row.owner_names for row in data.rows] == [room.owner_names for room in missing]
    assert data.total_rooms == len(roll) and data.area_centi == sum(room.area_centi for room in missing)
    assert data.total_area_centi == sum(room.area_centi for room in roll)
    voted_heads = {room.head_key for room in roll if room.roll_id in voted}
    assert data.heads_not_voted == len({room.head_key for room in missing} - voted_heads)
    assert data.total_heads == len({room.head_key for room in roll})
    assert data.gap == participation_gap(session.tally().result)
    assert data.gap.heads > 0 and data.gap.area_centi > 0  # half the rooms: short of 2/3 in both bases
    assert (data.as_of, data.closes_on, data.vote_title, data.estate_name) == (
        date(2026, 3, 10), CLOSES, "杜鹃新村老旧小区改造", "杜鹃新村")
    assert data.scope_label == "1号楼"
    phones = [row.phone for row in data.rows if row.phone]
    assert phones and all(MASKED_PHONE.fullmatch(phone) for phone in phones), phones


def test_the_phone_is_the_owners_current_one_masked(demo):
    vote_id = open_vote([building(demo, "1")])
    first = VoteSession(vote_id).rooms[0]
    owner = Owner.get(Owner.name == first.owner_names[0])
    owner.phone = "13912345678"
    owner.save()
    row = not_voted_data(vote_id, today=date.today()).rows[0]
    assert row.label == first.label and row.phone == "139****5678"


def test_one_owner_answering_differently_leaves_the_gap_unknown(demo):
    vote_id = open_vote([Scope("estate", demo.id)])
    session = VoteSession(vote_id)
    by_head: dict[str, list] = {}
    for room in session.rooms:
        by_head.setdefault(room.head_key, []).append(room)
    one, two = next(rooms_ for rooms_ in by_head.values() if len(rooms_) > 1)[:2]
    cast(session, {one.roll_id: (AGREE, AGREE), two.roll_id: (OPPOSE, AGREE)})
    assert not_voted_data(vote_id, today=date.today()).gap is None
    with pytest.raises(VoteError, match="计票有误，无法生成表决结果公告：事项“加装电梯”：同一业主的房屋表决意见不一致"):
        result_notice_data(vote_id, issued_on=date.today())


def test_result_notice_live_then_stored_gives_the_same_figures(demo):
    vote_id = open_vote([building(demo, "1")], rule=Rule.ORDINARY, matter=9, issuer="杜鹃社区居民委员会")
    session = VoteSession(vote_id)
    choices = [(AGREE, AGREE), (AGREE, OPPOSE), (OPPOSE, ABSTAIN), (AGREE, "")]
    heads = list(dict.fromkeys(room.head_key for room in session.rooms))  # one owner's rooms answer alike
    cast(session, {room.roll_id: choices[heads.index(room.head_key) % 4] for n, room in enumerate(session.rooms)
                   if n % 7})
    live = result_notice_data(vote_id, issued_on=date(2026, 4, 2))
    assert live.title == "杜鹃新村老旧小区改造表决结果公告" + DRAFT_NOTE
    assert live.rows == result_rows(session.tally().result)
    assert (live.rule, live.issuer, live.issued_on, live.scope_label) == (
        Rule.ORDINARY, "杜鹃社区居民委员会", date(2026, 4, 2), "1号楼")
    assert live.matter == matter_text(9)
    close_vote(vote_id)
    stored = result_notice_data(vote_id, issued_on=date(2026, 4, 2))
    assert stored.title == "杜鹃新村老旧小区改造表决结果公告"
    assert replace(stored, title=live.title) == live
    assert {row.verdict for row in stored.rows} <= {"通过", "未通过", "未达参与门槛"}
    assert stored.total.heads == live.total.heads > 0


def test_a_closed_vote_uses_what_was_stored(demo):
    """The stored result wins over the ballots: the notice announces what the vote closed with."""
    vote_id = open_vote([building(demo, "1")])
    session = VoteSession(vote_id)
    cast(session, {room.roll_id: (AGREE, AGREE) for room in session.rooms})
    close_vote(vote_id)
    from desktop_app.models import Vote

    vote = Vote.get_by_id(vote_id)
    vote.result = vote.result.replace('"passed": true', '"passed": false', 1)
    vote.save()
    notice = result_notice_data(vote_id, issued_on=date.today())
    assert [row.verdict for row in notice.rows] == ["未通过", "通过"]


def test_print_jobs_are_recorded_under_the_votes_scope(demo):
    one = open_vote([building(demo, "1")])
    two = open_vote([building(demo, "1"), building(demo, "2")])
    assert vote_scope(one) == building(demo, "1") and vote_scope(two) == Scope("estate", demo.id)
    record = record_vote_print(one, "not_voted", "杜鹃新村老旧小区改造未表决户清单", file_path="/tmp/x.pdf", page_count=3)
    assert (record.template, record.page_count, record.file_path) == ("not_voted", 3, "/tmp/x.pdf")
    assert "1号楼" in record.scope_label
    record_vote_print(two, "ballot", "表决票", file_path="/tmp/b.pdf", page_count=120)
    record_vote_print(two, "vote_result", "表决结果公告", file_path="/tmp/r.pdf", page_count=1)
    assert [job.template for job in print_history()] == ["vote_result", "ballot", "not_voted"]
    with pytest.raises(ValueError):
        record_vote_print(one, "notice", "x", file_path="", page_count=1)


@pytest.mark.parametrize("title, expected", [
    ("杜鹃新村老旧小区改造内容表决", "杜鹃新村老旧小区改造内容表决结果公告"),  # the wizard's default: no 表决表决
    ("杜鹃新村老旧小区改造", "杜鹃新村老旧小区改造表决结果公告"),
    ("加装电梯表决结果公告", "加装电梯表决结果公告"),
])
def test_result_titles_never_repeat_biaojue(title, expected):
    from types import SimpleNamespace

    from desktop_app.services.votes.printing import result_title

    assert result_title(SimpleNamespace(title=title, closed=True)) == expected
