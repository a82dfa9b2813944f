"""The history of exchanges (both directions), newest first, and what this installation received."""

from __future__ import annotations

import json
from dataclasses import dataclass

from peewee import SQL

from desktop_app.models import SyncLog, SyncReceipt
from desktop_app.models.clock import current_origin


@dataclass(frozen=True)
class Exchange:
    direction: str  # export / import
    file: str
    at: str  # UTC ISO
    peer_origin: str  # the installation a file came from ("" for an export)
    scope: str
    actor: str
    counts: dict[str, int]

    @property
    def direction_label(self) -> str:
        return "导出" if self.direction == "export" else "导入"


def exchange_history(limit: int = 500) -> list[Exchange]:
    query = SyncLog.select().order_by(SyncLog.at.desc(), SQL("id DESC")).limit(limit)
    return [Exchange(row.direction, row.file, row.at, row.peer_origin, row.scope, row.actor, json.loads(row.counts))
            for row in query]


def receipts() -> dict[str, str]:
    """Other installation → the export time (its clock) of the latest file imported from it."""
    return {row.origin: row.received_at for row in SyncReceipt.select()}


def this_installation() -> str:
    return current_origin()
