"""A running vote for the demo street, so the 改造表决 page has something to show on first start.

杜鹃新村 votes on three renovation items (Civil Code Art. 278 item 7, so the 3/4 rule); about 60 % of its
households have returned a ballot, which leaves it short of the 2/3 participation threshold, so the
page shows what "还差" means. One owner's rooms always answer alike (an owner is one head).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from desktop_app.domain.tally import ABSTAIN, AGREE, OPPOSE
from desktop_app.domain.vocabulary import BallotMethod, ScopeLevel
from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.models import Estate, Vote
from desktop_app.services.scope import Scope
from desktop_app.services.votes import VoteDraft, VoteSession, create_vote

SEED = "desktop-app demo vote"
ESTATE = "杜鹃新村"
ITEMS = (VoteItem("雨污分流", "基础类"), VoteItem("加装电梯", "完善类"), VoteItem("适老化改造", "完善类"))
RETURNED = 0.6  # of rooms; short of the 2/3 threshold (about 57 % of heads and area in the demo)
# How each item tends to be answered: (agree, oppose, abstain) weights.
LEANINGS = ((90, 6, 4), (72, 20, 8), (82, 10, 8))
METHOD_WEIGHTS = ((BallotMethod.PAPER, 70), (BallotMethod.ON_SITE, 15), (BallotMethod.DOOR_TO_DOOR, 10),
                  (BallotMethod.PROXY, 5))


def create_vote_demo(today: date) -> int | None:
    """Open the demo vote and enter its ballots; None (nothing written) when any vote exists already or the
    demo estate is missing."""
    if Vote.select().exists():
        return None
    estate = Estate.get_or_none(Estate.name == ESTATE)
    if estate is None:
        return None
    vote_id = create_vote(VoteDraft(
        title=f"{ESTATE}老旧小区改造内容表决", scopes=[Scope(ScopeLevel.ESTATE, estate.id)], matter=7, items=list(ITEMS),
        opens_on=today - timedelta(days=6), closes_on=today + timedelta(days=8),
        note="演示数据：表决进行中，约六成住户已交回表决票"))
    session = VoteSession(vote_id)
    rng = random.Random(SEED)
    answers_of_head: dict[str, tuple[str, ...]] = {}
    methods = [method for method, _weight in METHOD_WEIGHTS]
    weights = [weight for _method, weight in METHOD_WEIGHTS]
    for room in session.rooms:
        if rng.random() >= RETURNED:
            continue
        choices = answers_of_head.setdefault(room.head_key, tuple(
            rng.choices((AGREE, OPPOSE, ABSTAIN), weights=leaning)[0] for leaning in LEANINGS))
        method = rng.choices(methods, weights=weights)[0]
        session.record(room.roll_id, choices, method=method, proxy="受托人" if method is BallotMethod.PROXY else "",
                       received_on=today - timedelta(days=rng.randrange(0, 7)))
    return vote_id
