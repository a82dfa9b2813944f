"""Merge a sync file into this installation: the preview (everything worked out inside a transaction that
is rolled back) and the apply (the same, with the user's choices for conflicts, committed).

Per record, by key (domain.sync_merge.classify): new → added, parents first, references resolved by key;
only theirs changed → updated (their updated_at and origin kept); both changed → a conflict, left as
ours, listed field by field; a tombstone → deleted unless ours changed since (then a conflict). A closed
vote and what belongs to it never change. A unique key that collides with another record here, a
reference to a record that is neither here nor in the file: errors, and then nothing is written.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Collection, Mapping

from peewee import IntegrityError

from desktop_app.domain.errors import UserError
from desktop_app.domain.located import LocatedNote
from desktop_app.domain.sync_merge import (
    ADDED_FIELD, CHANGED_THERE_TEXT, COUNTED_AS, DELETED_FIELD, DELETED_HERE_TEXT, DELETED_TEXT, KEPT_TEXT, SHEET_NAMES,
    Action, changed_since, classify, differences,
)
from desktop_app.models import SyncLog, SyncReceipt, db
from desktop_app.models.clock import current_origin, now_iso
from desktop_app.services import audit, room_order
from desktop_app.services.changes import Changes, Topic
from desktop_app.services.sync.labels import label
from desktop_app.services.sync.records import FileRecord, SyncData
from desktop_app.services.sync.rows import Row, ScopeTexts, key_map, rows
from desktop_app.services.sync.tables import DEMANDS, MARKERS, ORDERED, SCOPE_TEXT_COLUMNS, TABLES, SyncTable

VOTE_TABLES = ("vote", "vote_item", "vote_roll", "ballot")
_TOPICS = {
    "street": Topic.ROLL, "community": Topic.ROLL, "estate": Topic.ROLL, "building": Topic.ROLL, "unit": Topic.ROLL,
    "room": Topic.ROLL, "owner": Topic.ROLL, "ownership": Topic.ROLL, "resident": Topic.ROLL,
    "vote": Topic.VOTES, "vote_item": Topic.VOTES, "vote_roll": Topic.VOTES, "ballot": Topic.BALLOTS,
    "consultation": Topic.CONSULTATIONS, "opinion": Topic.OPINIONS, "complaint": Topic.COMPLAINTS,
    "complaint_step": Topic.COMPLAINTS,
}
_ROLL_TABLES = {"estate", "building", "unit", "room"}
# How messages name the columns of unique keys.
_COLUMN_NAMES = {
    "code": "编码", "name": "名称", "id_number": "证件号码", "number": "房号", "ticket_no": "工单号",
    "source": "资金来源", "position": "序号", "entry": "录入", "room_key": "房屋", "room_uid": "房屋",
}
ALL_FIELDS = frozenset({"*"})  # a choice taking every field of a conflict from theirs


class SyncRefused(UserError):
    """A file that must not be merged here (it came from this very installation)."""


@dataclass(frozen=True)
class Conflict:
    table: str
    uid: str
    label: str
    field: str
    ours: object
    theirs: object

    def to_json(self) -> dict:
        return {"table": self.table, "uid": self.uid, "label": self.label, "field": self.field,
                "ours": self.ours, "theirs": self.theirs}


@dataclass(frozen=True)
class RecordChange:
    """One record an import updates or deletes (additions are counted per table only)."""

    table: str
    uid: str
    label: str
    action: str  # "update" / "delete"
    fields: tuple[str, ...]  # the fields an update changes


MAX_LISTED_CHANGES = 2000


@dataclass
class MergeResult:
    """What a merge did (or, previewed, would do)."""

    file: str
    peer_origin: str
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    errors: list[LocatedNote] = field(default_factory=list)
    applied: bool = False
    changes: Changes = field(default_factory=Changes)
    by_table: dict[str, dict[str, int]] = field(default_factory=dict)  # table → {"added": n, ...}
    listed: list[RecordChange] = field(default_factory=list)  # updates and deletions, the first MAX_LISTED_CHANGES

    def to_json(self) -> dict:
        return {"added": self.added, "updated": self.updated, "deleted": self.deleted, "unchanged": self.unchanged,
                "conflicts": [conflict.to_json() for conflict in self.conflicts],
                "errors": [{"sheet": error.sheet, "row": error.row, "column": error.column, "value": error.value,
                            "reason": error.reason} for error in self.errors]}

    def count(self, table: str, what: str, n: int = 1) -> None:
        setattr(self, what, getattr(self, what) + n)
        counts = self.by_table.setdefault(table, {})
        counts[what] = counts.get(what, 0) + n


Choices = Mapping[tuple[str, str], Collection[str]]
"""(table, uid) → the fields to take from theirs (ALL_FIELDS: the whole record; DELETED_FIELD: accept the
deletion)."""


class _RollBack(Exception):
    pass


def preview_merge(data: SyncData, choices: Choices | None = None) -> MergeResult:
    """What merging would do, nothing written."""
    return merge(data, choices, dry_run=True)


def merge(data: SyncData, choices: Choices | None = None, *, dry_run: bool = False) -> MergeResult:
    """Merge the file; raises SyncRefused for a file of this installation. With errors nothing is written."""
    if data.origin == current_origin():
        raise SyncRefused(f"“{data.file}”是本机导出的同步文件，不能导入本机。请在另一台电脑上导入。")
    work = _Merge(data, choices or {})
    try:
        with db.atomic():
            work.run()
            if work.result.errors or dry_run:
                raise _RollBack
            work.finish()
    except _RollBack:
        pass
    else:
        work.result.applied = True
    return work.result


def _owner_copies() -> dict[int, tuple[str, str | None, str]]:
    return {row[0]: row[1:] for row in db.execute_sql("SELECT id, pinyin, id_number, phone FROM owner")}


class _Merge:
    def __init__(self, data: SyncData, choices: Choices) -> None:
        self.data = data
        self.choices = choices
        self.result = MergeResult(data.file, data.origin)
        self.theirs_mark: str | None = None
        self.ours_mark = data.receipts.get(current_origin())
        self.keys: dict[str, dict[str, int]] = {}
        self.scopes = ScopeTexts()
        self.deleted_here: set[tuple[str, str]] = set()
        self.closed_votes: set[str] = set()
        self.touched: set[str] = set()
        self.pending_deletes: list[tuple[SyncTable, Row, str]] = []
        self.audit_rows: list[tuple] = []
        self.parents: dict[str, dict[str, str | None]] = {}

    # --- the walk -------------------------------------------------------------------------------
    def run(self) -> None:
        receipt = SyncReceipt.get_or_none(SyncReceipt.origin == self.data.origin)
        self.theirs_mark = receipt.received_at if receipt else None
        self.deleted_here = set(db.execute_sql("SELECT table_name, uid FROM tombstone").fetchall())
        self.closed_votes = {uid for (uid,) in db.execute_sql("SELECT uid FROM vote WHERE status = 'closed'")}
        tombstones: dict[str, dict[str, str]] = {}
        for tombstone in self.data.tombstones:
            tombstones.setdefault(tombstone.table, {})[tombstone.uid] = tombstone.deleted_at
        for table in ORDERED:
            records = self.data.records.get(table.name, [])
            gone = tombstones.get(table.name, {})
            if records or gone:
                self._table(table, records, gone)
        for table, ours, deleted_at in reversed(self.pending_deletes):
            self._delete(table, ours, deleted_at)
        self._keep_tombstones()
        if self.touched & _ROLL_TABLES:
            room_order.renumber()

    def _key_map(self, table: str) -> dict[str, int]:
        if table not in self.keys:
            self.keys[table] = key_map(table)
        return self.keys[table]

    def _locked(self, table: SyncTable, ours: Row | None, theirs: FileRecord | None) -> bool:
        if table.name not in VOTE_TABLES:
            return False
        if table.name == "vote":
            return ours is not None and ours.key in self.closed_votes
        vote = (ours.values if ours is not None else theirs.values if theirs is not None else {}).get("vote")
        return vote in self.closed_votes

    def _table(self, table: SyncTable, records: list[FileRecord], gone: dict[str, str]) -> None:
        wanted = {record.key for record in records} | set(gone)
        ours = self._ours(table, wanted) if self._has_rows(table) else {}
        fields = table.fields
        inserts: list[FileRecord] = []
        updates: list[tuple[FileRecord, Row, Collection[str], bool]] = []
        for record in records:
            our = ours.get(record.key)
            theirs_changed = changed_since(record.updated_at, self.theirs_mark)
            ours_changed = our is not None and changed_since(our.updated_at, self.ours_mark)
            action = classify(our.values if our else None, record.values, fields, theirs_changed=theirs_changed,
                              ours_changed=ours_changed, locked=self._locked(table, our, record),
                              deleted_here=(table.name, record.key) in self.deleted_here)
            if action is Action.ADD:
                inserts.append(record)
            elif action is Action.UPDATE and our is not None:
                updates.append((record, our, fields, True))
            elif action is Action.CONFLICT:
                if our is None:
                    self._conflict_new(table, record, inserts)
                else:
                    self._conflict(table, our, record, updates)
            else:
                self.result.count(table.name, COUNTED_AS[action])
        for key, deleted_at in gone.items():
            our = ours.get(key)
            if our is None:
                continue
            ours_changed = changed_since(our.updated_at, self.ours_mark)
            action = classify(our.values, None, fields, theirs_changed=True, ours_changed=ours_changed,
                              locked=self._locked(table, our, None))
            chosen = self.choices.get((table.name, key), ())
            if action is Action.DELETE or (action is Action.CONFLICT and not self._locked(table, our, None)
                                           and (DELETED_FIELD in chosen or "*" in chosen)):
                self.pending_deletes.append((table, our, deleted_at))
            else:
                self._list(table, our, DELETED_FIELD, KEPT_TEXT, DELETED_TEXT)
        self._insert(table, inserts)
        self._update(table, updates)

    def _ours(self, table: SyncTable, wanted: set[str]) -> dict[str, Row]:
        """Our rows of the keys the file names (read by uid through a temp table, not the whole table)."""
        if not table.has_uid:
            return {row.key: row for row in rows(table, scopes=self.scopes) if row.key in wanted}
        db.execute_sql("CREATE TEMP TABLE IF NOT EXISTS sync_keys (key TEXT PRIMARY KEY)")
        db.execute_sql("DELETE FROM temp.sync_keys")
        db.cursor().executemany("INSERT INTO temp.sync_keys (key) VALUES (?)", [(key,) for key in wanted])
        found = {row.key: row for row in rows(table, "WHERE t.uid IN (SELECT key FROM temp.sync_keys)",
                                               scopes=self.scopes)}
        db.execute_sql("DELETE FROM temp.sync_keys")
        return found

    def _has_rows(self, table: SyncTable) -> bool:
        return db.execute_sql(f"SELECT 1 FROM {table.name} LIMIT 1").fetchone() is not None

    def _conflict_new(self, table: SyncTable, record: FileRecord, inserts: list[FileRecord]) -> None:
        """A record we do not have: added there to a vote closed here, or deleted here and changed there since.
        The latter is added back when the user chose theirs."""
        values = record.values
        described = f"{SHEET_NAMES[table.name]} {values.get('name') or values.get('title') or values.get('code') or ''}"
        if (table.name, record.key) in self.deleted_here:
            if self.choices.get((table.name, record.key)):
                db.execute_sql("DELETE FROM tombstone WHERE table_name = ? AND uid = ?", (table.name, record.key))
                inserts.append(record)
                return
            self.result.conflicts.append(Conflict(table.name, record.key, described.strip(), DELETED_FIELD,
                                                  DELETED_HERE_TEXT, CHANGED_THERE_TEXT))
            return
        self.result.conflicts.append(Conflict(table.name, record.key, f"{described.strip()}（本机已结束的表决）",
                                              ADDED_FIELD, "", "新增"))

    def _conflict(self, table: SyncTable, our: Row, record: FileRecord, updates: list) -> None:
        chosen = self.choices.get((table.name, record.key), ())
        locked = self._locked(table, our, record)
        diffs = differences(our.values, record.values, table.fields)
        if chosen and not locked:
            taken = [diff.field for diff in diffs if "*" in chosen or diff.field in chosen]
            if taken:
                updates.append((record, our, taken, "*" in chosen or len(taken) == len(diffs)))
            for diff in diffs:
                if diff.field not in taken:
                    self._list(table, our, diff.field, diff.ours, diff.theirs)
            return
        for diff in diffs:
            self._list(table, our, diff.field, diff.ours, diff.theirs)

    def _list(self, table: SyncTable, our: Row, field_name: str, ours: object, theirs: object) -> None:
        self.result.conflicts.append(Conflict(table.name, our.key, label(table.name, our.id), field_name, ours, theirs))

    # --- writing --------------------------------------------------------------------------------
    def _db_values(self, table: SyncTable, record: FileRecord, names) -> list[object] | None:
        """The record's values for the given fields as stored here (keys resolved to ids), or None after
        listing an error or conflict for a reference that cannot be resolved."""
        values: list[object] = []
        parents = self._parents(table)
        scope_column = SCOPE_TEXT_COLUMNS.get(table.name)
        get = record.values.get
        for name in names:
            value = get(name)
            parent = parents[name]
            if parent is not None and value is not None:
                found = self._key_map(parent).get(str(value))
                if found is None:
                    self._unresolved(table, record, name, str(value), parent)
                    return None
                value = found
            elif name == scope_column and value is not None:
                converted = self.scopes.convert(str(value), to_uid=False)
                if converted is None:
                    self._error(table, record, name, str(value), "范围所指的楼栋、小区等不在本机，也不在文件中")
                    return None
                value = converted
            values.append(value)
        return values

    def _parents(self, table: SyncTable) -> dict[str, str | None]:
        found = self.parents.get(table.name)
        if found is None:
            found = self.parents[table.name] = {column.name: column.parent for column in table.columns}
        return found

    def _unresolved(self, table: SyncTable, record: FileRecord, name: str, value: str, parent: str) -> None:
        if (parent, value) in self.deleted_here:
            self.result.conflicts.append(Conflict(table.name, record.key, SHEET_NAMES[table.name], name,
                                                  f"所引用的{SHEET_NAMES[parent]}已在本机删除", value))
            return
        self._error(table, record, name, value, f"所引用的{SHEET_NAMES[parent]}不在本机，也不在文件中")

    def _error(self, table: SyncTable, record: FileRecord, name: str, value: str, reason: str) -> None:
        index = table.header.index(name)
        from_letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        letter = from_letter[index] if index < 26 else f"A{from_letter[index - 26]}"
        self.result.errors.append(LocatedNote(self.data.file, table.sheet, record.row, f"{name}（{letter}列）",
                                              value, reason))

    def _integrity(self, table: SyncTable, record: FileRecord, error: Exception) -> None:
        message = str(error)
        if "UNIQUE" in message:
            columns = [part.split(".")[-1].strip() for part in message.split(":", 1)[-1].split(",")]
            columns = [column for column in columns if not column.endswith("_id")] or columns
            named = "、".join(_COLUMN_NAMES.get(column, column) for column in columns)
            value = "、".join(str(record.values.get(column, "")) for column in columns)
            self._error(table, record, MARKERS[0], record.key,
                        f"本机已有另一条{SHEET_NAMES[table.name]}记录的{named}与它相同（{value}）：两台电脑分别录入了同一对象？"
                        "请先在一台电脑上删除或改正重复的一条，再同步")
        elif "CHECK" in message:
            self._error(table, record, MARKERS[0], record.key, f"{SHEET_NAMES[table.name]}记录的值不符合要求")
        else:
            self._error(table, record, MARKERS[0], record.key, f"无法写入：{message}")

    def _insert(self, table: SyncTable, records: list[FileRecord]) -> None:
        if not records:
            return
        names = [column.name for column in table.columns]
        db_columns = [column.db_column for column in table.columns]
        markers = list(MARKERS) if table.has_uid else []
        # An ownership carries copies of its owner's columns; written here, the per-row trigger is skipped.
        copies = _owner_copies() if table.name == "ownership" else None
        extra = ["owner_pinyin", "owner_id_number", "owner_phone"] if copies is not None else []
        sql = (f"INSERT INTO {table.name} ({', '.join([*markers, *db_columns, *extra])}) "
               f"VALUES ({', '.join('?' * (len(markers) + len(db_columns) + len(extra)))})")
        owner_at = names.index("owner") if copies is not None else 0
        prepared: list[tuple[FileRecord, tuple]] = []
        for record in records:
            values = self._db_values(table, record, names)
            if values is None:
                continue
            head = [record.key, record.created_at, record.updated_at, record.origin] if table.has_uid else []
            if copies is not None:
                owner_id = values[owner_at]
                values += copies[owner_id] if isinstance(owner_id, int) else (None, None, None)
            prepared.append((record, (*head, *values)))
        self._write_many(table, sql, prepared)
        added = [record for record, _ in prepared]
        self.result.count(table.name, "added", len(added))
        if added:
            self.touched.add(table.name)
            self.keys.pop(table.name, None)
            if DEMANDS in table.extras:
                self._demands(table, added)

    def _write_many(self, table: SyncTable, sql: str, prepared: list[tuple[FileRecord, tuple]]) -> None:
        try:
            with db.atomic():
                db.cursor().executemany(sql, [values for _, values in prepared])
            return
        except (IntegrityError, sqlite3.IntegrityError):
            pass
        for record, values in prepared:  # find the rows at fault, one by one
            try:
                with db.atomic():
                    db.execute_sql(sql, values)
            except (IntegrityError, sqlite3.IntegrityError) as error:
                self._integrity(table, record, error)

    def _demands(self, table: SyncTable, records: list[FileRecord]) -> None:
        ids = self._key_map(table.name)
        rows_: list[tuple] = []
        for record in records:
            opinion_id = ids.get(record.key)
            if opinion_id is None:
                continue
            db.execute_sql("DELETE FROM opinion_demand WHERE opinion_id = ?", (opinion_id,))
            for name, category in json.loads(str(record.values.get(DEMANDS) or "[]")):
                rows_.append((opinion_id, name, category or ""))
        db.cursor().executemany("INSERT OR IGNORE INTO opinion_demand (opinion_id, name, category) VALUES (?, ?, ?)",
                                rows_)

    def _update(self, table: SyncTable, updates: list[tuple[FileRecord, Row, Collection[str], bool]]) -> None:
        prepared_by_sql: dict[str, list[tuple[FileRecord, tuple]]] = {}
        changed: list[FileRecord] = []
        with_demands: list[FileRecord] = []
        for record, our, chosen, whole in updates:
            names = [name for name in chosen if name not in table.extras]
            values = self._db_values(table, record, names)
            if values is None:
                continue
            if DEMANDS in chosen:
                with_demands.append(record)
            columns = [table.column(name).db_column for name in names]
            stamp = [record.updated_at, record.origin] if whole else [now_iso(), our.origin]
            if table.has_uid:
                columns += ["updated_at", "origin"]
                values += stamp
            if columns:
                sql = f"UPDATE {table.name} SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?"
                prepared_by_sql.setdefault(sql, []).append((record, (*values, our.id)))
            changed.append(record)
            diffs = {diff.field: (diff.ours, diff.theirs) for diff in differences(our.values, record.values, list(chosen))}
            described = label(table.name, our.id)
            self.audit_rows.append(("sync-update", table.name, record.key,
                                    f"同步：按“{self.data.file}”更新 {described}", diffs))
            self._listed(RecordChange(table.name, record.key, described, "update", tuple(diffs)))
        for sql, prepared in prepared_by_sql.items():
            self._write_many(table, sql, prepared)
        if changed:
            self.result.count(table.name, "updated", len(changed))
            self.touched.add(table.name)
            if DEMANDS in table.extras:
                self._demands(table, with_demands)

    def _delete(self, table: SyncTable, our: Row, deleted_at: str) -> None:
        if db.execute_sql(f"SELECT 1 FROM {table.name} WHERE id = ?", (our.id,)).fetchone() is None:
            self.result.count(table.name, "deleted")  # gone with its parent
            return
        described = label(table.name, our.id)
        try:
            with db.atomic():
                db.execute_sql(f"DELETE FROM {table.name} WHERE id = ?", (our.id,))
        except (IntegrityError, sqlite3.IntegrityError):
            self.result.conflicts.append(Conflict(table.name, our.key, described, DELETED_FIELD,
                                                  "保留（本机仍有记录引用它）", DELETED_TEXT))
            return
        self.result.count(table.name, "deleted")
        self._listed(RecordChange(table.name, our.key, described, "delete", ()))
        self.touched.add(table.name)
        self.audit_rows.append(("sync-delete", table.name, our.key, f"同步：按“{self.data.file}”删除 {described}", {}))

    def _listed(self, change: RecordChange) -> None:
        if len(self.result.listed) < MAX_LISTED_CHANGES:
            self.result.listed.append(change)

    def _keep_tombstones(self) -> None:
        """Their tombstones of records not here (deleted now, or never had) are kept, with their time and
        origin, so that an older file does not bring them back."""
        kept = []
        for tombstone in self.data.tombstones:
            table = TABLES[tombstone.table]
            if not table.has_uid:
                continue
            if db.execute_sql(f"SELECT 1 FROM {table.name} WHERE uid = ?", (tombstone.uid,)).fetchone() is None:
                kept.append((tombstone.table, tombstone.uid, tombstone.deleted_at, tombstone.origin))
        db.cursor().executemany("INSERT OR REPLACE INTO tombstone (table_name, uid, deleted_at, origin) "
                                "VALUES (?, ?, ?, ?)", kept)

    def finish(self) -> None:
        data, result = self.data, self.result
        previous = SyncReceipt.get_or_none(SyncReceipt.origin == data.origin)
        if previous is None:
            SyncReceipt.create(origin=data.origin, received_at=data.exported_at)
        elif previous.received_at < data.exported_at:
            SyncReceipt.update(received_at=data.exported_at).where(SyncReceipt.origin == data.origin).execute()
        counts = {"added": result.added, "updated": result.updated, "deleted": result.deleted,
                  "unchanged": result.unchanged, "conflicts": len(result.conflicts)}
        SyncLog.create(direction="import", file=data.file, peer_origin=data.origin, scope=data.scope,
                       counts=json.dumps(counts, ensure_ascii=False), actor=audit.current_actor())
        actor = audit.current_actor()
        at = now_iso()
        db.cursor().executemany(
            "INSERT INTO audit_log (at, actor, action, table_name, record_uid, summary, changes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(at, actor, action, table, uid, summary,
              json.dumps({k: [v[0], v[1]] for k, v in diffs.items()}, ensure_ascii=False, default=str))
             for action, table, uid, summary, diffs in self.audit_rows])
        audit.record("import-sync", "sync_log", data.exported_at,
                     summary=f"导入同步文件“{data.file}”（来自 {data.origin}）：新增 {result.added}，更新 {result.updated}，"
                             f"删除 {result.deleted}，冲突 {len(result.conflicts)}")
        topics = {_TOPICS.get(table, Topic.PROJECTS) for table in self.touched}
        result.changes = Changes.of(*sorted(topics, key=lambda topic: topic.value)) if topics else Changes()
