"""Ballots coming from or going to a 表决票汇总 file, as plain values, and the import plan (pure).

The file side (`exchange`) and the database side (`services.votes.exchange`) meet here: the database
gives an `ImportContext` (the vote's frozen roll, items, counted ballots and rule), the file gives its
rows; `plan_import` says, for each row, what would be recorded (new / changed / unchanged) and which
owners' rooms would then answer an item differently (the tally's conflicts).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from desktop_app.domain.roll_record import RollRecord
from desktop_app.domain.tally import Ballot, Conflict, TallyError, VoteRoll, tally
from desktop_app.domain.vocabulary import DEFAULT_METHOD
from desktop_app.domain.vote_rules import Rule

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"


@dataclass(frozen=True)
class BallotExportRow:
    """One room's ballot as written: the room as the roll names it, one answer per item ("" = blank)."""

    estate_code: str
    building: str
    unit: str
    room: str
    choices: tuple[str, ...]
    method: str = ""
    proxy: str = ""
    estate_name: str = ""  # written (in a 小区名称 column) only when some row has no estate code


@dataclass(frozen=True)
class EnteredBallot:
    """A counted ballot as stored."""

    choices: tuple[str, ...]
    method: str
    proxy: str


@dataclass(frozen=True)
class ImportContext:
    """What a ballot import is checked against: one vote as it is now."""

    vote_id: int
    records: tuple[RollRecord, ...]  # the frozen roll as roll rows (the file's rooms are found in it)
    items: tuple[str, ...]  # the vote's items in order
    roll_ids: dict[str, int]  # room key -> vote_roll id
    labels: dict[str, str]  # room key -> "3号楼1单元502室"
    entered: dict[str, EnteredBallot]  # room key -> counted ballot
    roll: VoteRoll  # the frozen heads and areas
    rule: Rule
    blank_participates: bool
    closed: bool


@dataclass(frozen=True)
class FileBallot:
    """A row of the file read without errors, answers in the vote's item order."""

    row: int
    room_key: str
    choices: tuple[str, ...]
    method: str = ""
    proxy: str = ""


@dataclass(frozen=True)
class PlannedBallot:
    """A row of the file as it would be recorded."""

    row: int
    roll_id: int
    room_label: str
    choices: tuple[str, ...]
    method: str
    proxy: str
    status: str  # new / changed / unchanged


@dataclass
class ImportPlan:
    ballots: list[PlannedBallot] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)  # only those involving a row of the file


def item_order(items: Sequence[str], file_items: Sequence[str]) -> tuple[list[int] | None, list[str], list[str]]:
    """(index among the file's items of each of the vote's items, or None; the vote's items missing from
    the file; the file's items that are not the vote's). Names compare after trimming spaces."""
    at_of = {name.strip(): at for at, name in enumerate(file_items)}
    wanted = {name.strip() for name in items}
    missing = [name for name in items if name.strip() not in at_of]
    extra = [name for name in file_items if name.strip() not in wanted]
    if missing or extra:
        return None, missing, extra
    return [at_of[name.strip()] for name in items], [], []


def method_and_proxy(method: str, proxy: str, entered: EnteredBallot | None) -> tuple[str, str]:
    """A blank 表决方式 keeps the entered method (纸质 for a new ballot); a row with neither 表决方式 nor
    代理人 keeps the entered proxy too."""
    if not method and not proxy:
        return (entered.method, entered.proxy) if entered else (DEFAULT_METHOD, "")
    return method or (entered.method if entered else DEFAULT_METHOD), proxy


def plan_import(context: ImportContext, rows: Iterable[FileBallot]) -> ImportPlan:
    """Each row against what is stored, and the conflicts once the rows replace the stored ballots of
    their rooms (rooms without a row keep theirs)."""
    rows = list(rows)
    plan = ImportPlan()
    for row in rows:
        entered = context.entered.get(row.room_key)
        method, proxy = method_and_proxy(row.method, row.proxy, entered)
        if entered is None:
            status = NEW
        elif (entered.choices, entered.method, entered.proxy) == (row.choices, method, proxy):
            status = UNCHANGED
        else:
            status = CHANGED
        plan.ballots.append(PlannedBallot(row.row, context.roll_ids[row.room_key], context.labels[row.room_key],
                                          row.choices, method, proxy, status))
    would_be = {key: ballot.choices for key, ballot in context.entered.items()}
    would_be.update((row.room_key, row.choices) for row in rows)
    try:
        tally(context.roll, [Ballot(key, choices) for key, choices in would_be.items()], context.items,
              context.rule, blank_participates=context.blank_participates)
    except TallyError as error:
        in_file = {row.room_key for row in rows}
        plan.conflicts = [conflict for conflict in error.conflicts
                          if any(room in in_file for room, _ in conflict.rooms)]
    return plan
