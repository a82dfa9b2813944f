"""Door-to-door entry: rooms found by what is typed, one transaction per form, the previous state, undo."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from desktop_app.models import AuditLog, Opinion, OpinionDemand
from desktop_app.services.consult.events import (
    EventDraft, OpinionSession, OpinionState, ValidationError, opinions_of_room, save_event,
)
from desktop_app.services.scope import Scope
from tests.services.consult.consultation_city import build_city

DAY = date(2024, 5, 8)


@pytest.fixture
def city(database):
    return build_city()


@pytest.fixture
def round_a(city):
    held = save_event(EventDraft(kind="入户走访", held_on=DAY, scope=Scope("estate", city.a.id)))
    return OpinionSession(consultation_id=held, today=date.today())


def test_the_session_holds_the_rooms_in_location_order(city, round_a):
    assert round_a.scope == Scope("estate", city.a.id) and round_a.channel == "入户走访" and round_a.given_on == DAY
    assert [room.label for room in round_a.rooms] == [
        "1号楼1单元101室", "1号楼1单元102室", "1号楼1单元201室", "1号楼1单元202室", "1号楼2单元101室", "1号楼2单元102室",
        "2号楼101室", "2号楼102室", "2号楼103室", "2号楼104室"]
    assert round_a.rooms[0].owner_names == "业主1"
    assert "加装电梯" in [entry.name for entry in round_a.catalogue]


@pytest.mark.parametrize("typed,labels", [
    ("1-1-101", ["1号楼1单元101室"]),
    ("1 2 101", ["1号楼2单元101室"]),
    ("1号楼1单元202室", ["1号楼1单元202室"]),
    ("2-103", ["2号楼103室"]),
    ("101", ["1号楼1单元101室", "1号楼2单元101室", "2号楼101室"]),
    ("1-101", ["1号楼1单元101室", "1号楼2单元101室"]),
    ("3-1-101", []),
    ("", []),
])
def test_find(round_a, typed, labels):
    assert [room.label for room in round_a.find(typed)] == labels


def test_record_returns_the_previous_state_and_undo_puts_it_back(city, round_a):
    room = round_a.find("1-1-101")[0].room_id
    assert round_a.record(room, stance="支持", demands=["加装电梯", "雨污分流"], tags=["楼道灯"], person="王大爷") is None
    first = round_a.state(room)
    assert (first.stance, first.demands, first.tags, first.person) == ("支持", ("加装电梯", "雨污分流"), ("楼道灯",), "王大爷")
    previous = round_a.record(room, stance="反对", demands=["加装电梯"])
    assert previous == first
    assert Opinion.select().count() == 1  # entering the room again corrects its opinion in this round
    assert round_a.state(room).stance == "反对" and round_a.reached() == 1
    assert round_a.undo() == room
    assert round_a.state(room) == first
    assert [d.name for d in opinions_of_room(room)[0].demands] == ["加装电梯", "雨污分流", "楼道灯"]
    assert round_a.undo() == room  # undoing the first entry deletes the opinion
    assert round_a.state(room) is None and Opinion.select().count() == 0 and OpinionDemand.select().count() == 0
    assert round_a.undo() is None and not round_a.can_undo
    actions = [a.action for a in AuditLog.select().where(AuditLog.table_name == "opinion").order_by(AuditLog.id)]
    assert actions == ["create", "update", "update", "delete"]


def test_remove_and_undo(round_a):
    room = round_a.find("2-104")[0].room_id
    round_a.record(room, stance="有意见", tags=["门禁"])
    removed = round_a.remove(room)
    assert removed.stance == "有意见" and round_a.state(room) is None and Opinion.select().count() == 0
    assert round_a.undo() == room
    back = round_a.state(room)
    assert (back.stance, back.tags) == ("有意见", ("门禁",)) and Opinion.select().count() == 1
    assert round_a.undo() == room  # and the original entry can still be undone
    assert Opinion.select().count() == 0


def test_a_wrong_form_writes_nothing(city, round_a):
    room = round_a.find("1-1-102")[0].room_id
    with pytest.raises(ValidationError) as raised:
        round_a.record(room, stance="同意", demands=["装泳池"])
    assert set(raised.value.errors) == {"stance", "demands"}
    with pytest.raises(ValidationError, match="不在本次录入的范围内"):
        round_a.record(city.rooms["B 1-1-101"], stance="支持")
    assert Opinion.select().count() == 0 and not round_a.can_undo


def test_a_new_session_resumes_the_round(city, round_a):
    rooms = [room.room_id for room in round_a.rooms[:3]]
    for room in rooms:
        round_a.record(room, stance="支持", demands=["加装电梯"])
    again = OpinionSession(consultation_id=round_a.consultation_id, today=date.today())
    assert again.reached() == 3 and again.state(rooms[0]).demands == ("加装电梯",)
    assert [room.label for room in again.not_reached()][:2] == ["1号楼1单元202室", "1号楼2单元101室"]
    again.record(rooms[0], stance="反对")
    assert Opinion.select().count() == 3


def test_a_session_without_an_event_is_that_scope_channel_and_day(city):
    scope = Scope("building", city.building(city.a, "2").id)
    session = OpinionSession(scope, channel="问卷", given_on=DAY, today=date.today())
    assert len(session.rooms) == 4
    room = session.find("103")[0].room_id
    session.record(room, stance="支持")
    assert OpinionSession(scope, channel="问卷", given_on=DAY, today=date.today()).state(room).stance == "支持"
    assert OpinionSession(scope, channel="问卷", given_on=date(2024, 5, 9), today=date.today()).state(room) is None
    assert OpinionSession(scope, channel="入户走访", given_on=DAY, today=date.today()).state(room) is None


def test_opinion_state_round_trip(round_a):
    room = round_a.rooms[0].room_id
    round_a.record(room, stance="有意见", demands=["屋面修缮"], tags=["漏水"], text="顶楼漏水", given_on=date(2024, 5, 9))
    state = round_a.state(room)
    assert isinstance(state, OpinionState) and state.given_on == date(2024, 5, 9) and state.text == "顶楼漏水"
    # what the session holds is what was stored: trimmed, a tag naming a catalogue item kept as a demand
    round_a.record(room, stance="支持", demands=[" 屋面修缮"], tags=["停车设施", "漏水 ", "漏水"], person=" 王 ",
                   text=" 顶楼 ")
    stored = opinions_of_room(room)[0]
    assert round_a.state(room) == OpinionState.of(stored)
    assert round_a.state(room).demands == ("屋面修缮", "停车设施") and round_a.state(room).tags == ("漏水",)
    assert OpinionSession(consultation_id=round_a.consultation_id, today=date.today()).state(room) == round_a.state(room)


ACTIONS = st.lists(st.one_of(
    st.tuples(st.just("record"), st.integers(0, 3), st.sampled_from(["", "支持", "有意见", "反对"]),
              st.lists(st.sampled_from(["加装电梯", "雨污分流", "停车设施"]), max_size=3),
              st.lists(st.sampled_from(["楼道灯", "门禁", "加装电梯"]), max_size=2)),
    st.tuples(st.just("remove"), st.integers(0, 3)),
    st.tuples(st.just("undo"),)), max_size=12)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_any_sequence_is_stored_as_the_session_holds_it_and_undoes_to_nothing(city, actions):
    Opinion.delete().execute()
    session = OpinionSession(Scope("building", city.building(city.a, "2").id), given_on=DAY, today=date.today())
    rooms = [room.room_id for room in session.rooms]
    for action in actions:
        if action[0] == "record":
            _, index, stance, demands, tags = action
            session.record(rooms[index], stance=stance, demands=demands, tags=tags)
        elif action[0] == "remove":
            session.remove(rooms[action[1]])
        else:
            session.undo()
        for room in rooms:
            stored = opinions_of_room(room)
            assert len(stored) <= 1
            assert session.state(room) == (OpinionState.of(stored[0]) if stored else None)
    while session.can_undo:
        session.undo()
    assert Opinion.select().count() == 0 and OpinionDemand.select().count() == 0
