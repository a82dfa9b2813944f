"""Opening a vote on a real database: the draft's errors, the frozen roll (rooms, keys, heads, areas) from the
demo and from hand-built rolls, estate / buildings / units scopes, later roll edits never reaching a running
vote, the blank setting, cancel, and the vote list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop_app.domain.errors import Cancelled
from desktop_app.domain.headcount import build_scope_roll
from desktop_app.domain.tally import AGREE, OPPOSE, room_key_of
from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.domain.vote_rules import Rule
from desktop_app.models import AuditLog, Building, Estate, Owner, Room, Unit, Vote, VoteItem as VoteItemRow, VoteRoll
from desktop_app.services import queries
from desktop_app.services.demo.street import create_demo
from desktop_app.services.roll.exporting import roll_records
from desktop_app.services.scope import ALL, Scope
from desktop_app.services.votes.lifecycle import (
    VoteError, VoteSession, blank_participates_default, create_vote, draft_errors, frozen_records,
    list_votes, set_blank_participates_default, vote_summary,
)
from tests.services.votes.vote_helpers import (
    CLOSES, OPENS, building_scope, draft, estate_scope, load, room, unit_scope,
)


@pytest.fixture
def small(database):
    """E001: building 3 (units 1 and 2) and building 4; owner 1 has a room in each building; E002: one room;
    building 9 of E001 has a unit but no rooms."""
    load([room("3-1-101", 8530, 1), room("3-1-102", 9012, 2), room("3-2-101", 6000, 3),
          room("3-2-102", 7000, 4, co_owners=("李四",)), room("4-1-101", 5555, 1), room("4-1-102", 7150, None),
          room("1-1-101", 8000, 9, estate="E002")])
    estate = Estate.get(Estate.code == "E001")
    empty = Building.create(estate=estate, name="9", sort_key=9)
    Unit.create(building=empty, name="1", sort_key=1)
    return estate


def draft_messages(value) -> list[str]:
    return [error.message for error in draft_errors(value)]


def test_a_valid_draft_has_no_errors(small):
    assert draft_messages(draft([estate_scope()])) == []
    assert draft_messages(draft([building_scope("3"), building_scope("4")])) == []
    assert draft_messages(draft([unit_scope("3", "1"), unit_scope("3", "2")])) == []


@pytest.mark.parametrize("changes,expected", [
    (dict(title="  "), "请填写表决名称"),
    (dict(items=[]), "请至少添加一个表决事项"),
    (dict(items=[VoteItem("加装电梯"), VoteItem(" 加装电梯 ")]), "表决事项“加装电梯”重复"),
    (dict(items=[VoteItem("长" * 41)]), "第1个表决事项：改造内容名称不能超过40个字（实为41个字）"),
    (dict(items=[VoteItem("外墙保温"), VoteItem("")]), "第2个表决事项：改造内容名称不能为空"),
    (dict(closes_on=OPENS.replace(day=1).replace(month=2)), "表决截止日期不能早于开始日期"),
    (dict(matter=0), "请选择表决事项属于《民法典》第二百七十八条的哪一项（第1至9项）"),
    (dict(matter=10), "请选择表决事项属于《民法典》第二百七十八条的哪一项（第1至9项）"),
    (dict(rule=Rule.ORDINARY), "第7项事项应适用“参与表决的专有部分面积四分之三以上且人数四分之三以上同意”，"
                               "改用其他表决规则须填写原因"),
    (dict(scopes=[]), "请选择表决范围（一个小区，或同一小区的若干楼栋或若干单元）"),
    (dict(scopes=[Scope("community", 1)]), "表决范围只能是小区、楼栋或单元"),
])
def test_each_draft_error(small, changes, expected):
    values = {"scopes": [estate_scope()], **changes}
    assert draft_messages(draft(**values)) == [expected]


@pytest.mark.parametrize("changes,field", [
    (dict(title="  "), "title"), (dict(items=[]), "items"), (dict(items=[VoteItem("")]), "items"),
    (dict(items=[VoteItem("加装电梯"), VoteItem("加装电梯")]), "items"),
    (dict(closes_on=OPENS.replace(day=1).replace(month=2)), "dates"), (dict(matter=0), "matter"),
    (dict(rule=Rule.ORDINARY), "rule_reason"), (dict(scopes=[]), "scope"),
    (dict(scopes=[Scope("building", 999)]), "scope"),
])
def test_each_draft_error_names_its_field(small, changes, field):
    values = {"scopes": [estate_scope()], **changes}
    assert [error.field for error in draft_errors(draft(**values))] == [field]


def test_create_vote_refuses_a_wrong_draft_with_every_message(small):
    with pytest.raises(VoteError) as caught:
        create_vote(draft([estate_scope()], title="", items=[]))
    assert caught.value.message == "请填写表决名称；请至少添加一个表决事项" and caught.value.field is None
    with pytest.raises(VoteError) as caught:
        create_vote(draft([estate_scope()], title=""))
    assert caught.value.field == "title"


def test_scope_errors(small):
    assert draft_messages(draft([building_scope("3"), unit_scope("4", "1")])) == ["表决范围不能混合小区、楼栋和单元，请只选一种"]
    assert draft_messages(draft([estate_scope(), estate_scope("E002")])) == ["表决范围只能是一个小区"]
    assert draft_messages(draft([building_scope("3"), building_scope("1", "E002")])) == \
        ["表决范围不能跨小区：所选楼栋或单元应属于同一个小区"]
    assert draft_messages(draft([building_scope("3"), building_scope("3")])) == ["表决范围中有重复选择的楼栋或单元"]
    assert draft_messages(draft([building_scope("3"), building_scope("9")])) == ["9号楼没有房屋，不能作为表决范围"]
    assert draft_messages(draft([unit_scope("9", "1")])) == ["9号楼1单元没有房屋，不能作为表决范围"]
    assert draft_messages(draft([Scope("building", 999)])) == ["表决范围中的小区、楼栋或单元已被删除，请重新选择"]


def test_a_rule_override_needs_a_reason_and_keeps_it(small):
    ordinary = draft([estate_scope()], rule=Rule.ORDINARY, rule_reason="  业主大会议事规则另有约定  ")
    assert draft_messages(ordinary) == []
    summary = vote_summary(create_vote(ordinary))
    assert (summary.rule, summary.rule_reason) == (Rule.ORDINARY, "业主大会议事规则另有约定")
    same = vote_summary(create_vote(draft([estate_scope()], rule=Rule.SPECIAL, rule_reason="多余的原因")))
    assert (same.rule, same.rule_reason) == (Rule.SPECIAL, "")
    default = vote_summary(create_vote(draft([estate_scope()], matter=4)))
    assert default.rule is Rule.ORDINARY


def test_create_refuses_an_invalid_draft_and_writes_nothing(small):
    with pytest.raises(VoteError, match="请填写表决名称；请至少添加一个表决事项"):
        create_vote(draft([estate_scope()], title="", items=[]))
    assert Vote.select().count() == 0 and VoteRoll.select().count() == 0


def test_the_demo_estate_frozen_as_the_roll_reads_it(database):
    create_demo(vote=False, today=date.today())
    estate = Estate.select().order_by(Estate.id).first()
    scope = Scope("estate", estate.id)
    vote_id = create_vote(draft([scope], items=("加装电梯", "外墙保温")))
    counts = queries.scope_counts(scope, today=date.today())
    summary = vote_summary(vote_id)
    assert (summary.rooms, summary.voted, summary.status) == (counts.rooms, 0, "open")
    assert summary.total_area_centi == counts.area_centi
    assert summary.total_heads == queries.owner_heads(scope) == counts.owner_heads
    assert (summary.estate_name, summary.scope_label, summary.items) == \
        (estate.name, "", (VoteItem("加装电梯", "完善类"), VoteItem("外墙保温", "完善类")))
    records = roll_records(estate.code)
    session = VoteSession(vote_id)
    assert [room.room_key for room in session.rooms] == [room_key_of(record) for record in records]
    assert [(room.owner_names[:1], room.owner_names[1:]) for room in session.rooms] == \
        [(((record.owner_name,) if record.owner_name else ()), record.co_owners) for record in records]
    assert [room.position for room in session.rooms] == list(range(1, len(records) + 1))
    assert len({room.head_key for room in session.rooms}) == summary.total_heads
    created = AuditLog.get((AuditLog.table_name == "vote") & (AuditLog.action == "create"))
    assert created.record_uid == summary.uid and f"{counts.rooms} 户" in created.summary


def test_buildings_only_and_units_only_scopes(database):
    create_demo(vote=False, today=date.today())
    estate = Estate.select().order_by(Estate.id).first()
    buildings = list(Building.select().where(Building.estate == estate).order_by(Building.sort_key)[:2])
    scopes = [Scope("building", building.id) for building in buildings]
    summary = vote_summary(create_vote(draft(scopes)))
    entries = [entry for scope in scopes for entry in queries.roll_entries(scope)]
    assert summary.rooms == len(entries) == sum(queries.scope_counts(scope, today=date.today()).rooms for scope in scopes)
    assert summary.total_heads == build_scope_roll(entries).total_heads
    assert summary.total_area_centi == sum(entry.area_centi for entry in entries)
    assert summary.scope_label == f"{buildings[0].name}号楼、{buildings[1].name}号楼"
    units = list(Unit.select().where(Unit.building == buildings[0]).order_by(Unit.sort_key))
    assert len(units) >= 2
    unit_scopes = [Scope("unit", unit.id) for unit in units[:2]]
    by_units = vote_summary(create_vote(draft(unit_scopes)))
    entries = [entry for scope in unit_scopes for entry in queries.roll_entries(scope)]
    assert (by_units.rooms, by_units.total_heads) == (len(entries), build_scope_roll(entries).total_heads)
    assert by_units.scope_label == "、".join(f"{buildings[0].name}号楼{unit.name}单元" for unit in units[:2])
    session = VoteSession(by_units.id)
    assert {room.unit for room in session.rooms} == {unit.name for unit in units[:2]}


def test_heads_across_buildings_count_an_owner_once(small):
    both = vote_summary(create_vote(draft([building_scope("3"), building_scope("4")])))
    # owner 1 has 3-1-101 and 4-1-101; 3-2-102 is co-owned (one head); 4-1-102 has no identified owner
    assert (both.rooms, both.total_heads) == (6, 5)
    assert both.total_heads == build_scope_roll(queries.roll_entries(building_scope("3"))
                                                + queries.roll_entries(building_scope("4"))).total_heads
    assert vote_summary(create_vote(draft([estate_scope()]))).total_heads == queries.owner_heads(estate_scope()) == 5
    session = VoteSession(both.id)
    heads = {room.label: room.head_key for room in session.rooms}
    assert heads["3号楼1单元101室"] == heads["4号楼1单元101室"]


def test_later_roll_edits_do_not_reach_a_running_vote(small):
    vote_id = create_vote(draft([estate_scope()], items=("加装电梯", "外墙保温")))
    session = VoteSession(vote_id)
    for room_ in session.rooms[:4]:
        session.record(room_.roll_id, (AGREE, OPPOSE))
    before = (session.tally(), session.rooms, frozen_records(vote_id), vote_summary(vote_id))
    # the roll changes: an area, an owner (now owner 2 also owns 3-2-101: one head fewer), a new room, a deletion
    load([replace(room("3-1-101", 9999, 1), owner_name="业主一"), room("3-2-101", 6000, 2), room("3-2-103", 5000, 7)])
    Room.update(area_centi=1234).where(Room.number == "102").execute()
    Owner.update(name="改名").where(Owner.name == "业主4").execute()
    Room.delete().where(Room.number == "102", Room.unit == Unit.get(Unit.name == "1", Unit.building ==
                                                                    Building.get(Building.name == "4"))).execute()
    assert queries.owner_heads(estate_scope()) != before[3].total_heads
    again = VoteSession(vote_id)
    assert (again.tally(), again.rooms, frozen_records(vote_id), vote_summary(vote_id)) == before
    assert session.tally() == before[0]


def test_blank_participates_follows_the_setting_unless_the_draft_says(small):
    assert blank_participates_default() is True
    assert vote_summary(create_vote(draft([estate_scope()]))).blank_participates is True
    set_blank_participates_default(False)
    assert blank_participates_default() is False
    assert vote_summary(create_vote(draft([estate_scope()]))).blank_participates is False
    assert vote_summary(create_vote(draft([estate_scope()], blank_participates=True))).blank_participates is True


def test_cancel_while_freezing_writes_nothing(database):
    create_demo(vote=False, today=date.today())
    scope = Scope("estate", Estate.select().order_by(Estate.id).first().id)
    seen = []

    def progress(done, total):
        seen.append((done, total))
        return False

    with pytest.raises(Cancelled):
        create_vote(draft([scope]), progress)
    assert seen == [(min(500, queries.scope_counts(scope, today=date.today()).rooms), queries.scope_counts(scope, today=date.today()).rooms)]
    assert (Vote.select().count(), VoteItemRow.select().count(), VoteRoll.select().count()) == (0, 0, 0)
    assert not AuditLog.select().where(AuditLog.table_name == "vote").exists()
    reported = []
    create_vote(draft([scope]), lambda done, total: reported.append((done, total)) or True)
    assert reported[-1] == (queries.scope_counts(scope, today=date.today()).rooms,) * 2


def test_list_votes_by_scope_newest_first(small):
    first = create_vote(draft([estate_scope()], title="第一次"))
    second = create_vote(draft([building_scope("3")], title="第二次"))
    other = create_vote(draft([estate_scope("E002")], title="另一个小区"))
    assert [summary.id for summary in list_votes(ALL)] == [other, second, first]
    assert [summary.id for summary in list_votes(estate_scope())] == [second, first]
    assert [summary.id for summary in list_votes(building_scope("4"))] == [second, first]
    assert [summary.id for summary in list_votes(unit_scope("1", "1", "E002"))] == [other]
    street = Estate.get(Estate.code == "E001").community.street_id
    assert {summary.id for summary in list_votes(Scope("street", street))} >= {first, second}
    session = VoteSession(second)
    session.record(session.rooms[0].roll_id, (AGREE,))
    listed = {summary.id: summary for summary in list_votes(ALL)}
    assert (listed[second].rooms, listed[second].voted, listed[first].voted) == (4, 1, 0)
    assert listed[second] == vote_summary(second) == session.summary
    assert (listed[second].opens_on, listed[second].closes_on) == (OPENS, CLOSES)
