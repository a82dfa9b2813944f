"""Owners' votes (issue 4): open a vote on a frozen roll, enter ballots, count, close, reopen.

The one module the votes feature's window imports for its use cases. Opening lives in `create.py`; ballot
entry, closing (the result stored as the `desktop-app tally --json` document) and reopening with a reason
in `session.py`; the plain records in `records.py`. This module adds the vote list, the history of a
ballot and the frozen roll as roll rows for the exchange files and the CLI recount, and re-exports the rest.
"""

from __future__ import annotations

import json
import re

from desktop_app.domain.print_data import RollRow
from desktop_app.domain.roll_record import RollRecord
from desktop_app.domain.vocabulary import METHODS, BallotEntry, BallotMethod, VoteState
from desktop_app.models import BallotRevision, Estate, Vote, VoteRoll, db
from desktop_app.services.scope import Scope, estate_ids
from desktop_app.services.votes.create import VoteDraft, create_vote, draft_errors
from desktop_app.services.votes.records import (
    BallotChange, BallotState, Difference, RollRoom, TallyOutcome, VoteError, VoteSummary,
    ballot_state, blank_participates_default, get_vote, set_blank_participates_default, summary_of,
)
from desktop_app.services.votes.session import VoteSession, close_vote, reopen_vote

__all__ = [
    "METHODS", "BallotChange", "BallotEntry", "BallotMethod", "BallotState", "Difference", "RollRoom",
    "TallyOutcome", "VoteDraft", "VoteError", "VoteSession", "VoteState", "VoteSummary",
    "ballot_history", "blank_participates_default", "close_vote", "create_vote", "draft_errors", "frozen_records",
    "list_votes", "reopen_vote", "set_blank_participates_default", "stored_result", "vote_summary",
]

_UID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def list_votes(scope: Scope) -> list[VoteSummary]:
    """The votes of the estates inside `scope`, newest first (a building or unit scope: its estate's)."""
    query = Vote.select().order_by(-Vote.id)
    estates = estate_ids(scope)
    if estates is not None:
        query = query.where(Vote.estate.in_(estates))
    counts = {vote_id: (rooms, voted) for vote_id, rooms, voted in db.execute_sql(
        "SELECT v.id, (SELECT count(*) FROM vote_roll WHERE vote_id = v.id), "
        "(SELECT count(*) FROM ballot WHERE vote_id = v.id AND entry = ?) FROM vote v", (BallotEntry.FIRST,))}
    return [summary_of(vote, rooms=counts[vote.id][0], voted=counts[vote.id][1]) for vote in query]


def vote_summary(vote_id: int) -> VoteSummary:
    return summary_of(get_vote(vote_id))


def stored_result(vote_id: int) -> dict | None:
    """The result stored when the vote closed (the `tally --json` document); None while it is open."""
    vote = get_vote(vote_id)
    return json.loads(vote.result) if vote.status == VoteState.CLOSED and vote.result else None


def ballot_history(vote_id: int, roll_id: int, entry: str | None = None) -> list[BallotChange]:
    """Every earlier state of a room's ballot (both entries unless `entry` is given), newest first."""
    query = BallotRevision.select().where((BallotRevision.vote == vote_id) & (BallotRevision.roll_id == roll_id))
    if entry is not None:
        query = query.where(BallotRevision.entry == entry)
    return [BallotChange(row.at, row.actor, row.action,
                         ballot_state(row.roll_id, row.entry, row.choices, row.method, row.proxy, row.received_on,
                                      row.entered_by), row.reason)
            for row in query.order_by(-BallotRevision.id)]


def frozen_records(vote_id: int) -> list[RollRecord]:
    """The frozen roll as roll rows, in roll order, with `tally.room_key_of(record) == vote_roll.room_key`,
    so the exchange files and `desktop-app tally` read ballots against exactly the rooms of the vote.
    The owner's ID number is the main owner's (an owner without one has ""); co-owners by name."""
    vote = get_vote(vote_id)
    estate = Estate.get_by_id(vote.estate_id)
    records = []
    for row in VoteRoll.select().where(VoteRoll.vote == vote_id).order_by(VoteRoll.position, VoteRoll.id):
        label = RollRow(row.building, row.unit, row.room, row.area_centi).label
        estate_text = row.room_key[:-len(label) - 1]
        if estate_text == estate.name and estate_text != (estate.code or ""):
            code, name = "", estate_text
        else:
            code, name = estate_text, estate.name
        names = row.owner_names.split("、") if row.owner_names else []
        first_key = row.owner_keys.split("|")[0] if row.owner_keys else ""
        records.append(RollRecord(
            building=row.building, unit=row.unit, room=row.room, area_centi=row.area_centi, estate_code=code,
            estate_name=name, floor=row.floor, owner_kind=row.owner_kind, owner_name=names[0] if names else "",
            id_number="" if _UID.match(first_key) else first_key, co_owners=tuple(names[1:])))
    return records
