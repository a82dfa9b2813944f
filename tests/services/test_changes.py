"""`services.changes.Changes`: union, touches, ids; and the writes that hand one back."""

from __future__ import annotations

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
