"""Peewee models of the sync bookkeeping (schema V7); they mirror migrations.V7.

- Tombstone: a deleted record of a synced table, written by AFTER DELETE triggers (whoever deletes), so
  the deletion travels to the other installations.
- SyncReceipt: per other installation (origin), the export time (that installation's clock) of the
  latest sync file imported from it.
- SyncLog: the history of exchanges, both directions.
"""

from __future__ import annotations

from peewee import TextField

from desktop_app.models.clock import now_iso
from desktop_app.models.tables import BaseModel


class Tombstone(BaseModel):
    table_name = TextField()
    uid = TextField()
    deleted_at = TextField()
    origin = TextField()

    class Meta:
        indexes = ((("table_name", "uid"), True),)


class SyncReceipt(BaseModel):
    origin = TextField(primary_key=True)
    received_at = TextField()

    class Meta:
        table_name = "sync_receipt"


class SyncLog(BaseModel):
    direction = TextField()  # export / import
    file = TextField()
    at = TextField(default=now_iso)
    counts = TextField(default="{}")  # JSON {"added": n, ...}
    peer_origin = TextField(default="")
    scope = TextField(default="")
    actor = TextField(default="")

    class Meta:
        table_name = "sync_log"


SYNC_MODELS = [Tombstone, SyncReceipt, SyncLog]
