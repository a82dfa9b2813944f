"""A sync file in: read and check it (refusing what must not be imported), preview the merge, apply it
with the user's choices. Nothing is written while the file has errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.exchange.errors import CellError
from desktop_app.exchange.sync_reader import read_sync_file
from desktop_app.services.sync import Choices, MergeResult, SyncData, merge


@dataclass(frozen=True)
class SyncChecked:
    data: SyncData
    errors: list[CellError]  # in the file itself

    @property
    def file(self) -> str:
        return self.data.file


def check_sync_file(path: str | Path) -> SyncChecked:
    """Raises ReadFailure (unreadable, hostile), SyncFileRefused (not a sync file, a newer format)."""
    data, errors = read_sync_file(path)
    return SyncChecked(data, errors)


def _with_file_errors(checked: SyncChecked) -> MergeResult:
    return MergeResult(checked.file, checked.data.origin, errors=list(checked.errors))


def preview_sync(checked: SyncChecked, choices: Choices | None = None) -> MergeResult:
    """What applying would do: counts, conflicts field by field, errors; nothing written. Raises SyncRefused
    for a file of this installation."""
    if checked.errors:
        return _with_file_errors(checked)
    return merge(checked.data, choices, dry_run=True)


def apply_sync(checked: SyncChecked, choices: Choices | None = None) -> MergeResult:
    """Merge in one transaction (`applied` False and nothing written when there are errors); the
    result's `changes` tell the window what to refresh."""
    if checked.errors:
        return _with_file_errors(checked)
    return merge(checked.data, choices)
