"""The plain records of an owners' vote as the services hand them out, and reading them from the database.

`votes.py` is the public face (import from there); this module holds what the vote services share:
the error type, `VoteSummary`, `RollRoom` (one room of the frozen roll), `BallotState`, and the
setting `vote.blank_participates`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.errors import UserError
from desktop_app.domain.print_data import RollRow
from desktop_app.domain.setting_definitions import BLANK_PARTICIPATES
from desktop_app.domain.tally import TallyError, TallyResult
from desktop_app.domain.vocabulary import DEFAULT_METHOD, BallotEntry, VoteState
from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.domain.vote_rules import Rule
from desktop_app.models import Vote, VoteItem as VoteItemRow, db
from desktop_app.services import settings

CLOSED_MESSAGE = "表决已结束，如需更正请先重新开启并填写原因"


class VoteError(UserError):
    """A vote action the user cannot do as asked; the message (Chinese) says why."""


def blank_participates_default() -> bool:
    """The setting `vote.blank_participates` (default True): a blank answer counts as participating."""
    return settings.value(BLANK_PARTICIPATES)


def set_blank_participates_default(value: bool) -> None:
    settings.set_value(BLANK_PARTICIPATES, value)


@dataclass(frozen=True)
class VoteSummary:
    id: int
    uid: str
    title: str
    estate_name: str
    scope_label: str  # "" for a whole estate, "3号楼、5号楼", "3号楼1单元"
    matter: int
    rule: Rule
    status: VoteState
    opens_on: date
    closes_on: date
    rooms: int
    voted: int  # rooms with a counted ("first") ballot
    items: tuple[VoteItem, ...]
    blank_participates: bool
    double_entry: bool
    rule_reason: str
    total_area_centi: int = 0
    total_heads: int = 0
    issuer: str = ""
    note: str = ""
    estate_id: int = 0

    @property
    def closed(self) -> bool:
        return self.status is VoteState.CLOSED


@dataclass(frozen=True)
class RollRoom:
    """One room of the roll as frozen when the vote opened."""

    roll_id: int
    room_key: str  # domain.tally.room_key_of: "E001 3号楼1单元502室"
    building: str
    unit: str
    room: str
    floor: int | None
    area_centi: int
    owner_names: tuple[str, ...]  # main owner first, unmasked (documents mask)
    head_key: str
    owner_kind: str = "person"
    room_uid: str = ""
    position: int = 0

    @property
    def label(self) -> str:
        return RollRow(self.building, self.unit, self.room, self.area_centi).label

    def roll_row(self) -> RollRow:
        """The room as the documents print it (owners raw; no ID number or phone)."""
        return RollRow(self.building, self.unit, self.room, self.area_centi, self.owner_names,
                       owner_kind=self.owner_kind)


@dataclass(frozen=True)
class BallotState:
    """A ballot as entered: one choice per item (domain.tally constants), how it came, who entered it."""

    roll_id: int
    choices: tuple[str, ...]
    method: str = DEFAULT_METHOD  # a BallotMethod value
    proxy: str = ""
    received_on: date | None = None
    entered_by: str = ""
    entry: BallotEntry = BallotEntry.FIRST


@dataclass(frozen=True)
class Difference:
    """A room whose two entries disagree, or that only one person entered (double-entry mode).
    `items` names the items answered differently, plus "表决方式" / "代理人" when those differ;
    it is empty when one of the entries is missing."""

    room: RollRoom
    first: BallotState | None
    check: BallotState | None
    items: tuple[str, ...]


@dataclass(frozen=True)
class TallyOutcome:
    """The live tally: a result, or the error that stops counting (conflicting rooms of one owner)."""

    result: TallyResult | None
    error: TallyError | None


@dataclass(frozen=True)
class BallotChange:
    """An earlier state of a ballot kept when it was corrected (update) or removed (delete)."""

    at: str
    actor: str
    action: str  # update / delete
    state: BallotState
    reason: str = ""


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def parse_iso(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def ballot_state(roll_id: int, entry: str, choices: str, method: str, proxy: str, received_on: str | None,
                 entered_by: str) -> BallotState:
    return BallotState(roll_id, tuple(json.loads(choices)), method, proxy, parse_iso(received_on), entered_by,
                       BallotEntry(entry))


def get_vote(vote_id: int) -> Vote:
    vote = Vote.get_or_none(Vote.id == vote_id)
    if vote is None:
        raise VoteError("该表决已不存在")
    return vote


def vote_items(vote_id: int) -> tuple[VoteItem, ...]:
    rows = VoteItemRow.select().where(VoteItemRow.vote == vote_id).order_by(VoteItemRow.position)
    return tuple(VoteItem(row.name, row.category) for row in rows)


def summary_of(vote: Vote, *, rooms: int | None = None, voted: int | None = None) -> VoteSummary:
    if rooms is None or voted is None:
        rooms, voted = db.execute_sql(
            "SELECT (SELECT count(*) FROM vote_roll WHERE vote_id = ?), "
            "(SELECT count(*) FROM ballot WHERE vote_id = ? AND entry = ?)", (vote.id, vote.id, BallotEntry.FIRST)
        ).fetchone()
    estate_name = db.execute_sql("SELECT name FROM estate WHERE id = ?", (vote.estate_id,)).fetchone()[0]
    return VoteSummary(
        id=vote.id, uid=vote.uid, title=vote.title, estate_name=estate_name, scope_label=vote.scope_label,
        matter=vote.matter, rule=Rule(vote.rule), status=VoteState(vote.status),
        opens_on=date.fromisoformat(vote.opens_on), closes_on=date.fromisoformat(vote.closes_on), rooms=rooms,
        voted=voted, items=vote_items(vote.id),
        blank_participates=bool(vote.blank_participates), double_entry=bool(vote.double_entry),
        rule_reason=vote.rule_reason, total_area_centi=vote.total_area_centi, total_heads=vote.total_heads,
        issuer=vote.issuer, note=vote.note, estate_id=vote.estate_id)


def roll_rooms(vote_id: int) -> list[RollRoom]:
    """The frozen roll in roll order (the location order when the vote opened)."""
    rows = db.execute_sql(
        "SELECT id, room_key, building, unit, room, floor, area_centi, owner_names, head_key, owner_kind, "
        "room_uid, position FROM vote_roll WHERE vote_id = ? ORDER BY position, id", (vote_id,))
    return [RollRoom(roll_id, key, building, unit, room, floor, area, tuple(names.split("、")) if names else (),
                     head, kind, uid, position)
            for roll_id, key, building, unit, room, floor, area, names, head, kind, uid, position in rows]


def ballot_states(vote_id: int) -> dict[str, dict[int, BallotState]]:
    """entry -> roll id -> ballot, as stored."""
    states: dict[str, dict[int, BallotState]] = {entry: {} for entry in BallotEntry}
    parsed: dict[str, tuple[str, ...]] = {}  # a vote has few distinct answer lists
    for roll_id, entry, choices, method, proxy, received_on, entered_by in db.execute_sql(
            "SELECT roll_id, entry, choices, method, proxy, received_on, entered_by FROM ballot WHERE vote_id = ?",
            (vote_id,)):
        answers = parsed.get(choices)
        if answers is None:
            answers = parsed[choices] = tuple(json.loads(choices))
        states[entry][roll_id] = BallotState(roll_id, answers, method, proxy, parse_iso(received_on), entered_by,
                                             entry)
    return states
