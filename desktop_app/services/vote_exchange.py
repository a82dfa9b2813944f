"""A vote's ballots to and from the 表决票汇总 workbook, and its frozen roll for the auditor's recount.

Import is two steps, as the roll import: `preview_ballot_import` reads the file against the vote's
frozen roll and items, locates every error (including one owner's rooms answering an item
differently, counted with the ballots already entered) and says what would be new, changed or
unchanged, writing nothing; `apply_ballot_import` then records the ballots through `VoteSession`
(so corrections keep their revisions and audit rows) in one transaction. Rooms without a row keep
what was entered. A blank 表决方式 keeps the entered method (纸质 for a new ballot); a row with neither
表决方式 nor 代理人 keeps the entered proxy too.

`export_ballots` writes the counted ("first") ballots; `export_vote_roll` writes the frozen roll as a
房屋业主名册, so that `desktop-app tally --roll R --ballots B` recounts the vote without the database.
"""

from __future__ import annotations

from collections.abc import Callable
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from desktop_app.domain.headcount import ScopeRoll, build_scope_roll
from desktop_app.domain.roll_record import RollRecord
from desktop_app.domain.tally import Ballot, TallyError, VoteRoll, room_key_of, roll_entry, tally
from desktop_app.exchange.ballot_reader import BallotReadResult, read_ballots
from desktop_app.exchange.ballot_writer import BallotExportRow, write_ballots
from desktop_app.exchange.errors import CellError, column_label
from desktop_app.exchange.roll_columns import header_key
from desktop_app.exchange.roll_writer import write_roll
from desktop_app.models import db
from desktop_app.services import votes

Progress = Callable[[int, int], bool]
NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
DEFAULT_METHOD = "纸质"
NO_OWNER_NAME = "（未登记业主）"
NO_OWNER_NOTE = "表决开始时该房屋没有登记业主"
_UID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")  # an owner without an ID


class BallotImportCancelled(Exception):
    """The user cancelled the import; everything was rolled back."""


@dataclass(frozen=True)
class PlannedBallot:
    """One row of the file as it would be recorded: choices in the vote's item order."""

    row: int
    roll_id: int
    room_label: str  # "3号楼1单元502室"
    choices: tuple[str, ...]
    method: str
    proxy: str
    status: str  # new / changed / unchanged (against what is stored)


@dataclass
class BallotImportPreview:
    vote_id: int
    file: str
    sheet: str
    sheets: list[str]
    header_row: int
    rows: int  # data rows seen
    items: list[str]  # the vote's items
    ballots: list[PlannedBallot] = field(default_factory=list)  # rows the reader accepted
    errors: list[CellError] = field(default_factory=list)
    closed: bool = False

    @property
    def invalid_rows(self) -> set[int]:
        return {error.row for error in self.errors if error.row > self.header_row}

    @property
    def header_failed(self) -> bool:
        """The header itself is wrong: no row can be imported."""
        return not self.header_row or any(error.row <= self.header_row for error in self.errors)

    @property
    def valid(self) -> list[PlannedBallot]:
        bad = self.invalid_rows
        return [] if self.header_failed else [ballot for ballot in self.ballots if ballot.row not in bad]

    def count(self, status: str) -> int:
        return sum(ballot.status == status for ballot in self.valid)

    def can_import(self, only_valid: bool = False) -> bool:
        """Something would be written: no errors (or only_valid), the vote open, a new or changed row."""
        if self.closed or (self.errors and not only_valid):
            return False
        return any(ballot.status != UNCHANGED for ballot in self.valid)


@dataclass(frozen=True)
class BallotImportSummary:
    rows: int  # data rows of the file
    created: int
    updated: int
    unchanged: int
    skipped_rows: int  # rows left out because they had errors (only_valid)

    @property
    def imported(self) -> int:
        return self.created + self.updated


def preview_ballot_import(vote_id: int, path: str | Path, sheet: str | None = None) -> BallotImportPreview:
    """Read `path` against the vote; every problem located; nothing written. Raises ReadFailure for a file
    that cannot be read at all."""
    session = votes.VoteSession(vote_id)
    items = [item.name for item in session.summary.items]
    read = read_ballots(path, votes.frozen_records(vote_id), sheet=sheet)
    preview = BallotImportPreview(vote_id, read.file, read.sheet, read.sheets, read.header_row, read.rows, items,
                                  errors=list(read.errors), closed=session.closed)
    if not read.header_row or read.errors and any(error.row <= read.header_row for error in read.errors):
        return preview
    order = _item_order(read, items, preview.errors)
    if order is None:
        return preview
    room_of_key = {room.room_key: room for room in session.rooms}
    file_ballots = {row.room_key: tuple(row.choices[at] for at in order) for row in read.ballots}
    preview.errors += _conflicts(session, read, file_ballots)
    for row in read.ballots:
        room = room_of_key[row.room_key]
        choices = file_ballots[row.room_key]
        stored = session.ballot(room.roll_id)
        method, proxy = _method_and_proxy(row.method, row.proxy, stored)
        if stored is None:
            status = NEW
        elif (stored.choices, stored.method, stored.proxy) == (choices, method, proxy):
            status = UNCHANGED
        else:
            status = CHANGED
        preview.ballots.append(PlannedBallot(row.row, room.roll_id, room.label, choices, method, proxy, status))
    return preview


def _item_order(read: BallotReadResult, items: list[str], errors: list[CellError]) -> list[int] | None:
    """For each of the vote's items, its index among the file's item columns; None (with located header
    errors) when the file's items are not exactly the vote's."""
    at_of_key = {header_key(name): at for at, name in enumerate(read.items)}
    wanted = {header_key(name) for name in items}
    row = read.header_row
    for at, name in enumerate(read.items):
        if header_key(name) not in wanted:
            errors.append(CellError(read.file, read.sheet, row, column_label(name, read.item_columns[at]), name,
                                    f"本次表决没有事项“{name}”（表决事项：{'、'.join(items)}）；"
                                    "请改为事项名称，或删除这一列"))
    for name in items:
        if header_key(name) not in at_of_key:
            errors.append(CellError(read.file, read.sheet, row, name, "",
                                    f"文件中没有表决事项“{name}”这一列：每个表决事项一列，以事项名称为列名"))
    if errors and any(error.row <= row for error in errors):
        return None
    return [at_of_key[header_key(name)] for name in items]


def _method_and_proxy(method: str, proxy: str, stored: votes.BallotState | None) -> tuple[str, str]:
    if not method and not proxy:
        return (stored.method, stored.proxy) if stored else (DEFAULT_METHOD, "")
    return method or (stored.method if stored else DEFAULT_METHOD), proxy


def _vote_roll(rooms: list[votes.RollRoom]) -> VoteRoll:
    """The tally's roll from the frozen heads as stored (never rebuilt from owner keys)."""
    head_of_room = {room.room_key: room.head_key for room in rooms}
    members: dict[str, list[str]] = {}
    for room in rooms:
        members.setdefault(room.head_key, []).append(room.room_key)
    scope = ScopeRoll(sum(room.area_centi for room in rooms), len(members), head_of_room,
                      {head: tuple(sorted(keys)) for head, keys in members.items()})
    return VoteRoll(scope, {room.room_key: room.area_centi for room in rooms})


def _conflicts(session: votes.VoteSession, read: BallotReadResult,
               file_ballots: dict[str, tuple[str, ...]]) -> list[CellError]:
    """One owner's rooms answering an item differently once the file's ballots replace the stored ones:
    one error per room of the file, on its row and the item's column (the reason names every room)."""
    summary = session.summary
    would_be = dict(file_ballots)
    for room in session.rooms:
        if room.room_key not in would_be:
            stored = session.ballot(room.roll_id)
            if stored is not None:
                would_be[room.room_key] = stored.choices
    items = [item.name for item in summary.items]
    try:
        tally(_vote_roll(session.rooms), [Ballot(key, choices) for key, choices in would_be.items()], items,
              summary.rule, blank_participates=summary.blank_participates)
    except TallyError as error:
        conflicts = error.conflicts
    else:
        return []
    column_of = {header_key(name): read.item_columns[at] for at, name in enumerate(read.items)}
    file_name_of = {header_key(name): name for name in read.items}
    errors = []
    for conflict in conflicts:
        key = header_key(conflict.item)
        label = column_label(file_name_of[key], column_of[key])
        entered = [room for room, _ in conflict.rooms if room not in file_ballots]
        note = f"（{'、'.join(entered)} 是已录入的表决票）" if entered else ""
        for room, choice in conflict.rooms:
            if room in file_ballots:
                errors.append(CellError(read.file, read.sheet, read.row_of_room[room], label, choice,
                                        conflict.describe() + note))
    return errors


def apply_ballot_import(vote_id: int, preview: BallotImportPreview, *, only_valid: bool = False,
                        progress: Progress | None = None) -> BallotImportSummary:
    """Record the previewed ballots in one transaction (each through VoteSession.record, so a changed
    ballot keeps its revision and audit row). Raises VoteError for a closed vote or, unless
    `only_valid`, a preview with errors; BallotImportCancelled (rolled back) when progress says stop."""
    if preview.vote_id != vote_id:
        raise ValueError("预览不属于这次表决")
    session = votes.VoteSession(vote_id)
    if session.closed:
        raise votes.VoteError("表决已结束，不能导入表决票；如需更正请先重新开启并填写原因")
    if preview.errors and not only_valid:
        raise votes.VoteError(f"文件中有 {len(preview.errors)} 处错误，未导入；请改正后重新导入，或只导入无误的行")
    chosen = preview.valid
    created = updated = unchanged = 0
    with db.atomic():
        for done, planned in enumerate(chosen, start=1):
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
            if progress is not None and progress(done, len(chosen)) is False:
                raise BallotImportCancelled("已取消导入，表决票没有任何改变")
    skipped = len(preview.invalid_rows) if not preview.header_failed else preview.rows
    return BallotImportSummary(preview.rows, created, updated, unchanged, skipped)


def export_ballots(vote_id: int, path: str | Path) -> int:
    """The vote's counted ballots in roll order as a 表决票汇总 workbook; the number of rows written."""
    session = votes.VoteSession(vote_id)
    record_of = {room_key_of(record): record for record in votes.frozen_records(vote_id)}
    rows = []
    for room in session.rooms:
        state = session.ballot(room.roll_id)
        if state is None:
            continue
        record = record_of[room.room_key]
        rows.append(BallotExportRow(record.estate_code, record.building, record.unit, record.room, state.choices,
                                    state.method, state.proxy, record.estate_name))
    return write_ballots(path, [item.name for item in session.summary.items], rows)


def export_vote_roll(vote_id: int, path: str | Path) -> int:
    """The frozen roll as a 房屋业主名册 workbook (with ID numbers: keep it safe); rows written.
    `recount_roll` says how the rows are chosen and `roll_file_limits` what the file cannot say."""
    return write_roll(path, recount_roll(vote_id))


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
    """What a recount from `export_vote_roll`'s file would count differently from the vote: each frozen
    head (one owner or co-owners across rooms) that the file splits, in words; [] when none."""
    vote_roll = _vote_roll(votes.VoteSession(vote_id).rooms)
    file_heads = build_scope_roll(roll_entry(record) for record in recount_roll(vote_id)).head_of_room
    problems = []
    for head, rooms in vote_roll.scope.rooms_of_head.items():
        split = {file_heads[room] for room in rooms}
        if len(split) > 1:
            labels = "、".join(room.split(" ", 1)[1] for room in rooms)
            problems.append(f"{labels} 在本表决中计为同一业主（1 人），按名册文件复核时计为 {len(split)} 人："
                            "名册每套房屋只写一个证件号码，共有人只有姓名，没有证件号码的业主无法跨房屋认出")
    return problems
