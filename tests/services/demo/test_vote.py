"""The demo's running vote: opened once, counted without conflicts, just short of participation."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.tally import NOT_QUORATE
from desktop_app.models import Ballot, Vote
from desktop_app.services.demo.street import create_demo
from desktop_app.services.demo.vote import create_vote_demo
from desktop_app.services.votes.session import VoteSession


def test_the_demo_vote_is_running_and_shows_how_far_it_is(database):
    create_demo(today=date.today())
    [vote] = list(Vote.select())
    session = VoteSession(vote.id)
    outcome = session.tally()
    assert outcome.error is None  # one owner's rooms always answer alike
    result = outcome.result
    assert [item.item for item in result.items] == ["雨污分流", "加装电梯", "适老化改造"]
    assert all(item.verdict == NOT_QUORATE for item in result.items)
    first = result.items[0]
    assert 0 < first.shortfall.participation_heads <= first.total.heads // 5  # short, but within reach
    assert 0.5 * len(session.rooms) < Ballot.select().count() < 0.7 * len(session.rooms)
    assert all(b.proxy for b in Ballot.select().where(Ballot.method == "委托"))
    assert vote.opens_on < date.today().isoformat() < vote.closes_on


def test_a_second_run_writes_nothing(database):
    create_demo(today=date.today())
    ballots = Ballot.select().count()
    assert create_vote_demo(today=date.today()) is None
    create_demo(today=date.today())
    assert (Vote.select().count(), Ballot.select().count()) == (1, ballots)
