"""`services.changes.Changes`: union, touches, ids; and the writes that hand one back."""

from __future__ import annotations

from datetime import date

from desktop_app.services.changes import EVERYTHING, NONE, Changes, Topic
from desktop_app.services.scope import ALL, Scope


def test_union_keeps_topics_records_and_scopes() -> None:
    ballots = Changes.of(Topic.BALLOTS, ids=(3,))
    opinions = Changes.of(Topic.OPINIONS, ids=(7, 8), scope=ALL)
    both = ballots | opinions
    assert both.topics == {Topic.BALLOTS, Topic.OPINIONS}
    assert both.ids(Topic.BALLOTS) == {3}
    assert both.ids(Topic.OPINIONS) == {7, 8}
    assert both.scopes == {ALL}
    assert ballots | NONE == ballots


def test_touches() -> None:
    change = Changes.of(Topic.BALLOTS)
    assert change.touches({Topic.BALLOTS, Topic.VOTES})
    assert not change.touches({Topic.OPINIONS})
    assert not NONE.touches(Topic)
    assert not NONE and change
    assert EVERYTHING.touches({Topic.PRINTS})


def test_frozen_and_hashable() -> None:
    assert hash(Changes.of(Topic.ROLL, scope=Scope())) == hash(Changes.of(Topic.ROLL, scope=Scope()))


# ------------------------------------------------------------------ the writes hand their Changes back
def test_vote_session_keeps_the_changes_of_its_latest_write(database) -> None:
    from desktop_app.domain.tally import AGREE
    from desktop_app.services.votes.lifecycle import VoteSession, create_vote
    from tests.services.votes.vote_helpers import draft, estate_scope, load, room

    load([room("3-1-101", 8530, 1), room("3-1-102", 9012, 2)])
    vote_id = create_vote(draft(scopes=[estate_scope()]))
    session = VoteSession(vote_id)
    assert session.changes == NONE
    first = session.rooms[0].roll_id
    session.record(first, [AGREE] * len(session.items))
    assert session.changes == Changes.of(Topic.BALLOTS, ids=(vote_id,))
    session.record(first, [AGREE] * len(session.items))  # the same ballot again writes nothing
    assert session.changes == NONE
    session.remove(first)
    assert session.changes.touches({Topic.BALLOTS})
    session.close()
    assert session.changes == Changes.of(Topic.VOTES, ids=(vote_id,))
    session.reopen("补录")
    assert session.changes == Changes.of(Topic.VOTES, ids=(vote_id,))


def test_opinion_session_keeps_the_changes_of_its_latest_write(database) -> None:
    from desktop_app.services.consult.events import OpinionSession
    from tests.services.consult.consultation_city import build_city

    city = build_city()
    scope = Scope("estate", city.a.id)
    session = OpinionSession(scope, today=date.today())
    room = session.find("1-1-101")[0].room_id
    session.record(room, stance="支持")
    opinion_id = session.state(room).opinion_id
    assert session.changes == Changes.of(Topic.OPINIONS, ids=(opinion_id,), scope=scope)
    session.changes = NONE
    session.undo()
    assert session.changes.ids(Topic.OPINIONS) == {opinion_id}


def test_deletes_return_their_changes(database) -> None:
    from desktop_app.services.consult.events import EventDraft, delete_event, save_event
    from desktop_app.services.roll import rooms
    from tests.services.consult.consultation_city import build_city

    city = build_city()
    event_id = save_event(EventDraft(kind="入户走访", held_on=date(2024, 5, 8), scope=Scope("estate", city.a.id)))
    assert delete_event(event_id).touches({Topic.CONSULTATIONS})
    room_id = rooms.save_room(rooms.RoomForm(estate_id=city.a.id, building="7", unit="1", number="101", area="50"),
                             today=date.today())
    deleted = rooms.delete_room(room_id)
    assert deleted.ids(Topic.ROLL) == {room_id} and deleted.touches({Topic.OPINIONS})
