"""Write a validated roll (RollRecords) into the database: the roll import use case.

Key: estate (code, else name) + building + unit + room. Importing the same roll again changes
nothing (no updated_at, no audit rows); a changed row updates its room and owners in place, with an
audit row per change. Everything happens in one transaction, which a cancel rolls back.

Owners: one per ID number (or credit code) across all rooms and estates; developer-unsold rooms of
an estate share one developer owner; an owner without an ID number belongs to one room and is
recognised by name on the next import; co-owners are owners with role co-owner, the main owner votes.
A blank phone or note in the roll keeps what the database has.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from desktop_app.domain.errors import Cancelled, UserError
from desktop_app.domain.naming import natural_sort_key as _natural_sort_key
from desktop_app.domain.progress import Progress
from desktop_app.domain.roll_record import RollRecord
from desktop_app.models import db
from desktop_app.services.roll.pinyin import pinyin_key
from desktop_app.services.room_order import renumber
from desktop_app.services.roll.bulk_tables import (
    ORDER_INDEXES,
    BulkWriter,
    OwnerRow,
    RollSnapshot,
    RoomRow,
    indexes_set_aside,
)
from desktop_app.services.settings import operator_name

PROGRESS_EVERY = 1000
UNGROUPED_STREET = "未分组街道"
UNGROUPED_COMMUNITY = "未分组社区"
DEVELOPER_NAME = "建设单位（未售）"
BIG_IMPORT_SHARE = 5  # creating a fifth of the rooms or more: the order indexes are built afresh
natural_sort_key = lru_cache(maxsize=65536)(_natural_sort_key)  # room numbers repeat across buildings


@dataclass
class ImportSummary:
    rows: int = 0
    imported: int = 0  # rows that created or changed something
    unchanged: int = 0
    created: int = 0  # rooms created
    updated: int = 0  # existing rooms whose data or owners changed


def apply_roll(records: Iterable[RollRecord], *, community_id: int | None = None,
               progress: Progress | None = None) -> ImportSummary:
    """Import `records`; new estates go under `community_id` (else their 街道/社区, else 未分组).

    The readers report a room given twice as an error; a caller that passes one anyway gets a
    UserError before anything is written, never a room with two main owners."""
    records = list(records)
    if len({record.room_key for record in records}) != len(records):
        raise UserError("名册中同一间房屋出现了不止一次，未写入任何数据")
    database = db.obj
    outermost = not database.in_transaction()
    connection = database.connection()
    previous = connection.execute("PRAGMA synchronous").fetchone()[0]
    if outermost:
        connection.execute("PRAGMA synchronous = FULL")
    try:
        with database.atomic("IMMEDIATE") if outermost else database.atomic():
            importer = _RollImporter(RollSnapshot(connection), community_id)
            summary = importer.run(records, progress)
            if summary.imported:
                importer.writer.log("import", "room", "", f"导入房屋业主名册：{summary.rows} 行，新增 "
                                    f"{summary.created} 间，更新 {summary.updated} 间", {})
            big = importer.writer.created_rooms * BIG_IMPORT_SHARE >= len(importer.s.rooms)
            with indexes_set_aside(connection, ORDER_INDEXES) if big else nullcontext():
                importer.writer.flush(connection)
                if importer.placed:
                    renumber(importer.placed)
    finally:
        if outermost:
            connection.execute(f"PRAGMA synchronous = {int(previous)}")
    if progress is not None:
        progress(len(records), len(records))
    return summary


class _RollImporter:
    def __init__(self, snapshot: RollSnapshot, community_id: int | None) -> None:
        self.s = snapshot
        self.writer = BulkWriter(snapshot, operator_name())
        self.community_id = community_id
        self.pinyin: dict[str, str] = {}
        self.reconciled: set[int] = set()  # owners already brought up to date by an earlier row
        self.placed: set[int] = set()  # estates created or renamed, or given rooms: their order changes

    def run(self, records: list[RollRecord], progress: Progress | None) -> ImportSummary:
        summary = ImportSummary(rows=len(records))
        for done, record in enumerate(records):
            if progress is not None and done % PROGRESS_EVERY == 0 and progress(done, len(records)) is False:
                raise Cancelled("已取消导入，数据库没有任何改变。")
            before = (len(self.writer.inserts["room"]), len(self.writer.inserts["ownership"]),
                      len(self.writer.audit))
            created = self._apply(record)
            after = (len(self.writer.inserts["room"]), len(self.writer.inserts["ownership"]),
                     len(self.writer.audit))
            if created:
                summary.created += 1
            elif after != before:
                summary.updated += 1
        summary.imported = summary.created + summary.updated
        summary.unchanged = summary.rows - summary.imported
        return summary

    # ------------------------------------------------------------ places
    def _key(self, name: str) -> str:
        key = self.pinyin.get(name)
        if key is None:
            key = self.pinyin[name] = pinyin_key(name)
        return key

    def _estate(self, record: RollRecord) -> int:
        s = self.s
        id_ = s.estates_by_code.get(record.estate_code) if record.estate_code else \
            s.estates_by_name.get(record.estate_name)
        if id_ is None:
            name = record.estate_name or record.estate_code
            id_ = self.writer.insert("estate", self._community(record), record.estate_code or None, name,
                                     self._key(name))
            s.estate_rows[id_] = [None, record.estate_code or None, name]
            if record.estate_code:
                s.estates_by_code[record.estate_code] = id_
            s.estates_by_name.setdefault(name, id_)
            self.placed.add(id_)
        else:
            uid, _, name = s.estate_rows[id_]
            if record.estate_name and record.estate_name != name and uid is not None:
                self.writer.update("estate", id_, uid, {"name": (name, record.estate_name),
                                                        "pinyin": (self._key(name), self._key(record.estate_name))},
                                   "导入名册：小区名称变更")
                s.estate_rows[id_][2] = record.estate_name
                self.placed.add(id_)
        return id_

    def _community(self, record: RollRecord) -> int:
        if self.community_id is not None:
            return self.community_id
        street_name = record.street or UNGROUPED_STREET
        street = self.s.streets.get(street_name)
        if street is None:
            street = self.s.streets[street_name] = self.writer.insert("street", street_name, None)
        name = record.community or UNGROUPED_COMMUNITY
        community = self.s.communities.get((street, name))
        if community is None:
            community = self.s.communities[(street, name)] = self.writer.insert("community", street, name, None)
        return community

    def _child(self, table: str, index: dict, parent: int, name: str) -> int:
        id_ = index.get((parent, name))
        if id_ is None:
            sort_key = natural_sort_key(name) if name else 0
            id_ = index[(parent, name)] = self.writer.insert(table, parent, name, sort_key)
        return id_

    # ------------------------------------------------------------ rooms
    def _apply(self, record: RollRecord) -> bool:
        """Write one record; True when its room was created."""
        estate = self._estate(record)
        building = self._child("building", self.s.buildings, estate, record.building)
        unit = self._child("unit", self.s.units, building, record.unit)
        room = self.s.rooms.get((unit, record.room))
        created = room is None
        if room is None:
            id_ = self.writer.insert("room", unit, record.floor, record.room, natural_sort_key(record.room),
                                     record.area_centi, record.area_source, record.note)
            room = self.s.rooms[(unit, record.room)] = RoomRow(id_, "", unit, record.floor, record.area_centi,
                                                               record.area_source, record.note)
            self.placed.add(estate)
        else:
            self._update_room(room, record)
        self._set_owners(room, record, estate)
        return created

    def _update_room(self, room: RoomRow, record: RollRecord) -> None:
        wanted = {"floor": record.floor, "area_centi": record.area_centi, "area_source": record.area_source}
        if record.note:
            wanted["note"] = record.note
        changes = {name: (getattr(room, name), value) for name, value in wanted.items()
                   if getattr(room, name) != value}
        if changes:
            self.writer.update("room", room.id, room.uid, changes, "导入名册：房屋信息变更")
            for name, (_, value) in changes.items():
                setattr(room, name, value)

    # ------------------------------------------------------------ owners
    def _set_owners(self, room: RoomRow, record: RollRecord, estate: int) -> None:
        current = {owner_id: [ownership, role, voter] for ownership, owner_id, role, voter in room.owners}
        old_names = "、".join(self._name(owner) for owner in current) if current else ""
        main = self._main_owner(record, estate, current)
        wanted = {main: "owner"}
        for name in record.co_owners:
            owner = self._co_owner(name, current, wanted)
            wanted.setdefault(owner, "co-owner")
        voters = [owner for owner, (_, _, voter) in current.items() if voter and owner in wanted]
        voter = voters[0] if voters else main
        changed = False
        final = []
        for owner_id, (ownership, role, is_voter) in current.items():
            if owner_id not in wanted:
                self.writer.delete_ownership(ownership)
                changed = True
                continue
            if role != wanted[owner_id] or is_voter != (owner_id == voter):
                # not audited on its own: the room's audit row below says who owns it now
                self.writer.update("ownership", ownership, "", {"role": (role, wanted[owner_id]),
                                   "is_voter": (is_voter, int(owner_id == voter))})
                changed = True
            final.append([ownership, owner_id, wanted[owner_id], int(owner_id == voter)])
        for owner_id, role in wanted.items():
            if owner_id not in current:
                ownership = self.writer.insert("ownership", room.id, owner_id, role, int(owner_id == voter),
                                               *self._owner_copy(owner_id))
                final.append([ownership, owner_id, role, int(owner_id == voter)])
                changed = True
        room.owners = final
        if changed and room.uid:
            new_names = "、".join(self._name(owner) for owner in wanted)
            self.writer.log("update", "room", room.uid, "导入名册：业主变更", {"业主": (old_names, new_names)})

    def _owner_copy(self, owner_id: int) -> tuple[str | None, str | None, str | None]:
        """The owner's pinyin, ID number and phone that an ownership row carries (migration V4), for an
        owner this import creates; for one already stored, None: a trigger copies the stored values."""
        owner = self.s.owners[owner_id]
        if owner.uid:
            return None, None, None
        return self._key(owner.name), owner.id_number, owner.phone

    def _name(self, owner_id: int) -> str:
        owner = self.s.owners.get(owner_id)
        return owner.name if owner else ""

    def _main_owner(self, record: RollRecord, estate: int, current: dict[int, list]) -> int:
        if record.id_number:
            owner_id = self.s.owners_by_id_number.get(record.id_number)
            if owner_id is None:
                owner_id = self._new_owner(record.owner_kind, record.owner_name or DEVELOPER_NAME,
                                           record.id_number, record.phone)
                self.s.owners_by_id_number[record.id_number] = owner_id
                return owner_id
        elif record.owner_kind == "developer":
            owner_id = self.s.developers.get(estate)
            if owner_id is None:
                owner_id = self.s.developers[estate] = self._new_owner(
                    "developer", record.owner_name or DEVELOPER_NAME, None, record.phone)
                return owner_id
        else:
            owner_id = next((owner for owner, (_, role, _) in current.items() if role == "owner"
                             and self._unidentified(owner, record.owner_name)), None) or next(
                (owner for owner in current if self._unidentified(owner, record.owner_name)), None)
            if owner_id is None:
                return self._new_owner(record.owner_kind, record.owner_name, None, record.phone)
        self._reconcile(owner_id, record)
        return owner_id

    def _unidentified(self, owner_id: int, name: str) -> bool:
        owner = self.s.owners.get(owner_id)
        return owner is not None and not owner.id_number and owner.kind != "developer" and owner.name == name

    def _co_owner(self, name: str, current: dict[int, list], wanted: dict[int, str]) -> int:
        for owner_id in current:
            if owner_id not in wanted and self._unidentified(owner_id, name):
                return owner_id
        return self._new_owner("person", name, None, "")

    def _new_owner(self, kind: str, name: str, id_number: str | None, phone: str) -> int:
        owner_id = self.writer.insert("owner", kind, name, id_number, phone, self._key(name))
        self.s.owners[owner_id] = OwnerRow(owner_id, "", kind, name, id_number, phone)
        self.reconciled.add(owner_id)
        return owner_id

    def _reconcile(self, owner_id: int, record: RollRecord) -> None:
        """Bring an existing owner's kind, name and phone up to the roll (the first row of an owner wins)."""
        if owner_id in self.reconciled:
            return
        self.reconciled.add(owner_id)
        owner: OwnerRow = self.s.owners[owner_id]
        wanted = {"kind": record.owner_kind}
        if record.owner_name:
            wanted["name"] = record.owner_name
        if record.phone:
            wanted["phone"] = record.phone
        changes = {name: (getattr(owner, name), value) for name, value in wanted.items()
                   if getattr(owner, name) != value}
        if not changes:
            return
        if "name" in changes:
            changes["pinyin"] = (self._key(owner.name), self._key(record.owner_name))
        self.writer.update("owner", owner.id, owner.uid, changes, "导入名册：业主信息变更")
        for name, (_, value) in changes.items():
            if name != "pinyin":
                setattr(owner, name, value)
