"""What an export-sync file holds, read from the database: every synced table's rows (of a scope, with
what they depend on), the tombstones, this installation's receipts; and the history entry of an export."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterator

from desktop_app.domain.sync_merge import FORMAT_VERSION
from desktop_app.models import SyncLog, SyncReceipt, db
from desktop_app.models.clock import current_origin, now_iso
from desktop_app.services import audit
from desktop_app.services.scope import ALL, Scope, estate_ids, scope_label
from desktop_app.services.sync.rows import ScopeTexts, file_rows
from desktop_app.services.sync.tables import ORDERED, SyncTable

_ROOMS = "SELECT r.id FROM room r JOIN unit u ON u.id = r.unit_id JOIN building b ON b.id = u.building_id " \
         "WHERE b.estate_id IN (SELECT id FROM temp.sync_estate)"
_COMPLAINTS = "(estate_id IN (SELECT id FROM temp.sync_estate) OR room_id IN (SELECT id FROM temp.sync_room))"
_PROJECTS = "SELECT project_id FROM project_estate WHERE estate_id IN (SELECT id FROM temp.sync_estate)"
_VOTES = "SELECT id FROM vote WHERE estate_id IN (SELECT id FROM temp.sync_estate)"
# The rows of a scope, over the temp tables of its estates and rooms (alias t).
_SCOPE_WHERE = {
    "street": "t.id IN (SELECT street_id FROM community WHERE id IN (SELECT id FROM temp.sync_community))",
    "community": "t.id IN (SELECT id FROM temp.sync_community)",
    "estate": "t.id IN (SELECT id FROM temp.sync_estate)",
    "building": "t.estate_id IN (SELECT id FROM temp.sync_estate)",
    "unit": "t.building_id IN (SELECT id FROM building WHERE estate_id IN (SELECT id FROM temp.sync_estate))",
    "room": "t.id IN (SELECT id FROM temp.sync_room)",
    "owner": "t.id IN (SELECT owner_id FROM ownership WHERE room_id IN (SELECT id FROM temp.sync_room))",
    "ownership": "t.room_id IN (SELECT id FROM temp.sync_room)",
    "resident": "t.room_id IN (SELECT id FROM temp.sync_room)",
    "vote": "t.estate_id IN (SELECT id FROM temp.sync_estate)",
    "vote_item": f"t.vote_id IN ({_VOTES})",
    "vote_roll": f"t.vote_id IN ({_VOTES})",
    "ballot": f"t.vote_id IN ({_VOTES})",
    "consultation": "(t.estate_id IN (SELECT id FROM temp.sync_estate) OR t.id IN "
                    "(SELECT consultation_id FROM opinion WHERE room_id IN (SELECT id FROM temp.sync_room)))",
    "opinion": "t.room_id IN (SELECT id FROM temp.sync_room)",
    "complaint": f"t.id IN (SELECT id FROM complaint WHERE {_COMPLAINTS})",
    "complaint_step": f"t.complaint_id IN (SELECT id FROM complaint WHERE {_COMPLAINTS})",
    "project": f"t.id IN ({_PROJECTS})",
    "project_estate": "t.estate_id IN (SELECT id FROM temp.sync_estate)",
    "project_item": f"t.project_id IN ({_PROJECTS})",
    "project_fund": f"t.project_id IN ({_PROJECTS})",
    "fund_payment": f"t.fund_id IN (SELECT id FROM project_fund WHERE project_id IN ({_PROJECTS}))",
    "project_inspection": f"t.project_id IN ({_PROJECTS})",
}


@dataclass(frozen=True)
class ExportInfo:
    """The 文件信息 of a sync file."""

    version: int
    origin: str
    exported_at: str
    scope: str  # the scope's name, "全部" for the whole database
    receipts: tuple[tuple[str, str], ...]  # (origin, received_at), this installation's own first


def export_info(scope: Scope = ALL) -> ExportInfo:
    origin = current_origin()
    exported_at = now_iso()
    receipts = [(row.origin, row.received_at) for row in SyncReceipt.select().order_by(SyncReceipt.origin)]
    return ExportInfo(FORMAT_VERSION, origin, exported_at, scope_label(scope),
                      ((origin, exported_at), *receipts))


def _fill_scope(scope: Scope) -> None:
    db.execute_sql("CREATE TEMP TABLE IF NOT EXISTS sync_estate (id INTEGER PRIMARY KEY)")
    db.execute_sql("CREATE TEMP TABLE IF NOT EXISTS sync_community (id INTEGER PRIMARY KEY)")
    db.execute_sql("CREATE TEMP TABLE IF NOT EXISTS sync_room (id INTEGER PRIMARY KEY)")
    for table in ("sync_estate", "sync_community", "sync_room"):
        db.execute_sql(f"DELETE FROM temp.{table}")
    estates = estate_ids(scope) or []
    db.cursor().executemany("INSERT INTO temp.sync_estate (id) VALUES (?)", [(id_,) for id_ in estates])
    db.execute_sql("INSERT OR IGNORE INTO temp.sync_community (id) "
                   "SELECT community_id FROM estate WHERE id IN (SELECT id FROM temp.sync_estate)")
    if scope.level.value == "community":
        db.execute_sql("INSERT OR IGNORE INTO temp.sync_community (id) VALUES (?)", (scope.id,))
    elif scope.level.value == "street":
        db.execute_sql("INSERT OR IGNORE INTO temp.sync_community (id) SELECT id FROM community WHERE street_id = ?",
                       (scope.id,))
    db.execute_sql(f"INSERT INTO temp.sync_room (id) {_ROOMS}")


def table_rows(scope: Scope = ALL) -> Iterator[tuple[SyncTable, Iterator[tuple]]]:
    """Every synced table, parents first, with its rows (key, created_at, updated_at, origin, fields...)
    of `scope` (a street, community or estate: its records and those they depend on). Read inside one
    transaction by the caller, so the tables agree with each other."""
    whole = scope == ALL
    if not whole:
        _fill_scope(scope)
    scopes = ScopeTexts()
    for table in ORDERED:
        where = "" if whole else f"WHERE {_SCOPE_WHERE[table.name]}"
        yield table, file_rows(table, where, scopes=scopes)


def tombstone_rows() -> Iterator[tuple]:
    """(table_name, uid, deleted_at, origin) of every deletion this installation knows of."""
    yield from db.execute_sql("SELECT table_name, uid, deleted_at, origin FROM tombstone ORDER BY deleted_at")


def log_export(file: str, info: ExportInfo, counts: dict[str, int]) -> None:
    """The history entry and audit row of a written sync file."""
    with db.atomic():
        SyncLog.create(direction="export", file=file, at=info.exported_at, peer_origin="",
                       counts=json.dumps(counts, ensure_ascii=False), scope=info.scope, actor=audit.current_actor())
        audit.record("export-sync", "sync_log", info.exported_at,
                     summary=f"导出同步文件“{file}”（{info.scope}）：{sum(counts.values())} 条记录")
