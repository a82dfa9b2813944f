"""The preview of a 表决票汇总 import: the file read against a vote, every problem located, nothing written.

`preview_ballots(path, context)` reads the file against the vote's frozen roll (`ballot_reader`), checks
that its item columns are the vote's items, plans each row with `domain.ballot_import.plan_import`
(new / changed / unchanged against the counted ballots) and turns the conflicts the plan finds (one
owner's rooms answering an item differently, entered ballots included) into located errors. The
`ImportContext` comes from `services.votes.exchange.import_context(vote_id)`; what the user confirms
goes back to `services.votes.exchange.apply_ballot_import`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.domain.ballot_import import (
    UNCHANGED, FileBallot, ImportContext, PlannedBallot, item_order, plan_import,
)
from desktop_app.domain.errors import UserError
from desktop_app.exchange.ballot_reader import BallotReadResult, read_ballots
from desktop_app.exchange.errors import CellError, column_label


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
    def header_failed(self) -> bool:
        """No header, or the header itself is wrong: no row can be imported."""
        return not self.header_row or any(error.row <= self.header_row for error in self.errors)

    @property
    def invalid_rows(self) -> set[int]:
        return {error.row for error in self.errors if error.row > self.header_row}

    @property
    def valid(self) -> list[PlannedBallot]:
        bad = self.invalid_rows
        return [] if self.header_failed else [ballot for ballot in self.ballots if ballot.row not in bad]

    def count(self, status: str) -> int:
        """Rows without errors that would be new / changed / unchanged."""
        return sum(ballot.status == status for ballot in self.valid)

    def can_import(self, only_valid: bool = False) -> bool:
        """Something would be written: the vote open, no errors (or `only_valid`), a new or changed row."""
        if self.closed or (self.errors and not only_valid):
            return False
        return any(ballot.status != UNCHANGED for ballot in self.valid)

    def to_apply(self, only_valid: bool = False) -> list[PlannedBallot]:
        """The rows to record; UserError when the file has errors and not `only_valid`."""
        if self.errors and not only_valid:
            raise UserError(f"“{self.file}”中有 {len(self.errors)} 处错误，未导入；请改正后重新导入，或只导入无误的行")
        return self.valid

    @property
    def skipped_rows(self) -> int:
        return self.rows if self.header_failed else len(self.invalid_rows)


def preview_ballots(path: str | Path, context: ImportContext, sheet: str | None = None) -> BallotImportPreview:
    """Read and check `path` against the vote of `context`. Raises ReadFailure for a file that cannot
    be read at all."""
    read = read_ballots(path, context.records, sheet=sheet)
    preview = BallotImportPreview(context.vote_id, read.file, read.sheet, read.sheets, read.header_row, read.rows,
                                  list(context.items), errors=list(read.errors), closed=context.closed)
    if preview.header_failed:
        return preview
    order, missing, extra = item_order(context.items, read.items)
    if order is None:
        preview.errors += _item_errors(read, context.items, missing, extra)
        return preview
    rows = [FileBallot(row.row, row.room_key, tuple(row.choices[at] for at in order), row.method, row.proxy)
            for row in read.ballots]
    plan = plan_import(context, rows)
    preview.ballots = plan.ballots
    preview.errors += _conflict_errors(read, plan.conflicts, {row.room_key for row in rows})
    preview.errors.sort(key=lambda error: error.row)  # in the order of the sheet
    return preview


def _item_errors(read: BallotReadResult, items: tuple[str, ...], missing: list[str],
                 extra: list[str]) -> list[CellError]:
    errors = []
    column_of = dict(zip(read.items, read.item_columns))
    for name in extra:
        errors.append(CellError(read.file, read.sheet, read.header_row, column_label(name, column_of[name]), name,
                                f"本次表决没有事项“{name}”（表决事项：{'、'.join(items)}）；请改为事项名称，或删除这一列"))
    for name in missing:
        errors.append(CellError(read.file, read.sheet, read.header_row, name, "",
                                f"文件中没有表决事项“{name}”这一列：每个表决事项一列，以事项名称为列名"))
    return errors


def _conflict_errors(read: BallotReadResult, conflicts, in_file: set[str]) -> list[CellError]:
    """One error per room of the file in each conflict, on its row and the item's column; the reason
    names every room, saying which ones are ballots already entered."""
    column_of = {name.strip(): at for name, at in zip(read.items, read.item_columns)}
    name_of = {name.strip(): name for name in read.items}
    errors = []
    for conflict in conflicts:
        key = conflict.item.strip()
        label = column_label(name_of[key], column_of[key])
        entered = [room for room, _ in conflict.rooms if room not in in_file]
        note = f"（{'、'.join(entered)} 是已录入的表决票）" if entered else ""
        for room, choice in conflict.rooms:
            if room in in_file:
                errors.append(CellError(read.file, read.sheet, read.row_of_room[room], label, choice,
                                        conflict.describe() + note))
    return errors
