"""A vote's ballots to and from the 表决票汇总 workbook, and its frozen roll for the auditor's recount:
the database side (the file side is `exchange.ballot_import` / `exchange.ballot_writer`).

Import is two steps, as the roll import: `import_context(vote_id)` gives what a file is checked against,
`exchange.ballot_import.preview_ballots(path, context)` reads and locates every problem without writing,
then `apply_ballot_import(vote_id, preview.to_apply(only_valid))` records the rows through
`VoteSession.record` (so corrections keep their revisions and audit rows) in one transaction. Rooms
without a row keep what was entered.

`ballot_export(vote_id)` gives the counted ("first") ballots for `exchange.ballot_writer.write_ballots`;
`recount_roll(vote_id)` the frozen roll for `exchange.roll_writer.write_roll`, so that
`desktop-app tally --roll R --ballots B` recounts the vote without the database; `roll_file_limits` says
what that roll file cannot carry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from desktop_app.domain.ballot_import import BallotExportRow, EnteredBallot, ImportContext, PlannedBallot
from desktop_app.domain.errors import Cancelled
from desktop_app.domain.headcount import build_scope_roll
from desktop_app.domain.progress import Progress
from desktop_app.domain.roll_record import RollRecord
from desktop_app.domain.tally import room_key_of, roll_entry
from desktop_app.models import db
from desktop_app.services.votes import lifecycle as votes

NO_OWNER_NAME = "（未登记业主）"
NO_OWNER_NOTE = "表决开始时该房屋没有登记业主"
_UID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")  # an owner without an ID


@dataclass(frozen=True)
class BallotImportSummary:
    created: int
    updated: int
    unchanged: int

    @property
    def imported(self) -> int:
        return self.created + self.updated


def import_context(vote_id: int) -> ImportContext:
    """The vote as a ballot file is checked against: frozen roll, items, counted ballots, rule."""
    session = votes.VoteSession(vote_id)
    summary = session.summary
    rooms = session.rooms
    key_of = {room.roll_id: room.room_key for room in rooms}
    return ImportContext(
        vote_id=vote_id, records=tuple(votes.frozen_records(vote_id)),
        items=tuple(item.name for item in summary.items),
        roll_ids={room.room_key: room.roll_id for room in rooms}, labels={room.room_key: room.label for room in rooms},
        entered={key_of[roll_id]: EnteredBallot(state.choices, state.method, state.proxy)
                 for roll_id, state in session.ballots().items()},
        roll=session.roll, rule=summary.rule, blank_participates=summary.blank_participates,
        closed=session.closed)


def apply_ballot_import(vote_id: int, ballots: Sequence[PlannedBallot], *,
                        progress: Progress | None = None) -> BallotImportSummary:
    """Record the previewed rows in one transaction, each through VoteSession.record (a changed ballot
    keeps its revision and audit row; its date received is kept). A row equal to what is stored now is
    left alone. Raises VoteError for a closed vote, Cancelled (rolled back) when `progress`
    returns False."""
    session = votes.VoteSession(vote_id)
    if session.closed:
        raise votes.VoteError("表决已结束，不能导入表决票；如需更正请先重新开启并填写原因")
    created = updated = unchanged = 0
    with db.atomic():
        for done, planned in enumerate(ballots, start=1):
            stored = session.ballot(planned.roll_id)
            if stored is not None and (stored.choices, stored.method, stored.proxy) == (
                    planned.choices, planned.method, planned.proxy):
                unchanged += 1
            else:
                session.record(planned.roll_id, planned.choices, method=planned.method, proxy=planned.proxy,
                               received_on=stored.received_on if stored else None)
                if stored is None:
                    created += 1
                else:
                    updated += 1
            if progress is not None and progress(done, len(ballots)) is False:
                raise Cancelled("已取消导入，表决票没有任何改变")
    return BallotImportSummary(created, updated, unchanged)


def ballot_export(vote_id: int) -> tuple[list[str], list[BallotExportRow]]:
    """The vote's items and its counted ballots in roll order, rooms named as the frozen roll names them."""
    session = votes.VoteSession(vote_id)
    record_of = {room_key_of(record): record for record in votes.frozen_records(vote_id)}
    rows = []
    for room in session.rooms:
        state = session.ballot(room.roll_id)
        if state is not None:
            record = record_of[room.room_key]
            rows.append(BallotExportRow(record.estate_code, record.building, record.unit, record.room, state.choices,
                                        state.method, state.proxy, record.estate_name))
    return [item.name for item in session.summary.items], rows


def recount_roll(vote_id: int) -> list[RollRecord]:
    """The frozen roll as roll rows that `desktop-app tally` counts as the vote did, as far as the roll
    layout allows: it carries one ID number per room, so a room of several identified owners is written
    with the owner who links it to the owner's other rooms (greedily, the ID shared by most rooms of a
    frozen head; the main owner when nothing links), the others as 共有人. A room without any owner gets
    a placeholder name (the roll layout requires one; no ID, so it stays a head of its own)."""
    records = votes.frozen_records(vote_id)
    frozen = {key: (keys.split("|") if keys else [], names.split("、") if names else [], head, kind)
              for key, keys, names, head, kind in db.execute_sql(
                  "SELECT room_key, owner_keys, owner_names, head_key, owner_kind FROM vote_roll WHERE vote_id = ?",
                  (vote_id,))}
    members: dict[str, list[str]] = {}
    for key, (_, _, head, kind) in frozen.items():
        if kind != "developer":
            members.setdefault(head, []).append(key)
    chosen: dict[str, str] = {}
    for rooms in members.values():
        if len(rooms) > 1:
            chosen.update(_linking_ids(rooms, {room: frozen[room][0] for room in rooms}))
    result = []
    for record in records:
        keys, names, _, _ = frozen[room_key_of(record)]
        wanted = chosen.get(room_key_of(record))
        if wanted and keys[0] != wanted and len(names) == len(keys):
            at = keys.index(wanted)
            record = replace(record, id_number=wanted, owner_name=names[at],
                             co_owners=tuple(names[:at] + names[at + 1:]))
        if not record.owner_name and record.owner_kind != "developer":
            record = replace(record, owner_name=NO_OWNER_NAME, note=NO_OWNER_NOTE)
        result.append(record)
    return result


def _linking_ids(rooms: list[str], keys_of: dict[str, list[str]]) -> dict[str, str]:
    """room -> the ID number to write for it: repeatedly the ID held by most of the rooms left (the
    main owner's first, then the lowest, on a tie), so that as few of one head's rooms as possible fall apart."""
    left = set(rooms)
    chosen: dict[str, str] = {}
    while left:
        holders: dict[str, set[str]] = {}
        for room in left:
            for key in keys_of[room]:
                if not _UID.match(key):
                    holders.setdefault(key, set()).add(room)
        if not holders:
            break
        best = max(sorted(holders), key=lambda key: (len(holders[key]),
                                                     sum(keys_of[room][0] == key for room in holders[key])))
        for room in holders[best]:
            chosen[room] = best
        left -= holders[best]
    return chosen


def roll_file_limits(vote_id: int) -> list[str]:
    """What a recount from the `recount_roll` file would count differently from the vote: each frozen
    head (one owner or co-owners across rooms) that the file splits, in words; [] when none."""
    vote_roll = votes.VoteSession(vote_id).roll
    file_heads = build_scope_roll(roll_entry(record) for record in recount_roll(vote_id)).head_of_room
    problems = []
    for head, rooms in vote_roll.scope.rooms_of_head.items():
        split = {file_heads[room] for room in rooms}
        if len(split) > 1:
            labels = "、".join(room.split(" ", 1)[1] for room in rooms)
            problems.append(f"{labels} 在本表决中计为同一业主（1 人），按名册文件复核时计为 {len(split)} 人："
                            "名册每套房屋只写一个证件号码，共有人只有姓名，没有证件号码的业主无法跨房屋认出")
    return problems
