"""Write a sync file of the whole database or of one street, community or estate, and log it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.exchange.sync_writer import write_sync_file
from desktop_app.models import db
from desktop_app.services.scope import ALL, Scope
from desktop_app.services.sync import export_info, log_export, table_rows, tombstone_rows


@dataclass(frozen=True)
class SyncExported:
    path: Path
    counts: dict[str, int]  # rows per table name, "tombstone" for deletions
    scope: str

    @property
    def records(self) -> int:
        return sum(count for table, count in self.counts.items() if table != "tombstone")


def export_sync(path: str | Path, scope: Scope = ALL) -> SyncExported:
    """Write the file (raises OSError when it cannot be written); every table is read in one transaction so
    they agree with each other."""
    with db.atomic():
        info = export_info(scope)
        counts = write_sync_file(path, info, table_rows(scope), tombstone_rows())
    log_export(Path(path).name, info, counts)
    return SyncExported(Path(path).resolve(), counts, info.scope)
