"""The room and owner roll workbook in: read and check every row (the preview, nothing written), then apply.

The window's import wizard and `desktop-app import-roll` both read through `read_roll_file` and write
through `import_roll`; the wizard's confirmed column mapping is remembered for the next file with the
same header row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Sequence

from desktop_app.exchange.roll_reader import RollReadResult, read_roll
from desktop_app.domain.progress import Progress
from desktop_app.services.changes import NONE, Changes, Topic
from desktop_app.services import settings
from desktop_app.services.roll.importing import ImportSummary, apply_roll


@dataclass(frozen=True)
class RollImported:
    summary: ImportSummary
    skipped_rows: int  # rows with errors left out

    @property
    def changes(self) -> Changes:
        return Changes.of(Topic.ROLL) if self.summary.imported else NONE


def read_roll_file(path: str | Path, *, sheet: str | None = None, mapping: dict[str, str] | None = None,
                   estate_code: str | None = None, cancel: Callable[[], bool] | None = None,
                   today: date) -> RollReadResult:
    """Every row of the file checked (ID numbers judged on `today`), every error located; raises
    ReadFailure, Cancelled."""
    return read_roll(path, sheet=sheet, mapping=mapping, estate_code=estate_code, cancel=cancel, today=today)


def can_import(result: RollReadResult, *, skip_invalid: bool) -> bool:
    """Something to write: rows without errors, and no errors unless they are to be skipped."""
    return bool(result.records) and (not result.errors or skip_invalid)


def import_roll(result: RollReadResult, *, community_id: int | None = None, headers: Sequence[str] | None = None,
                mapping: dict[str, str] | None = None, progress: Progress | None = None) -> RollImported:
    """Apply the valid rows of `result` in one transaction (Cancelled rolls back when `progress`
    returned False); with `headers` and `mapping`, remember the mapping for that header row."""
    summary = apply_roll(result.records, community_id=community_id, progress=progress)
    if headers is not None and mapping is not None:
        settings.remember_import_mapping(list(headers), dict(mapping))
    return RollImported(summary, result.rows - summary.rows if result.errors else 0)
