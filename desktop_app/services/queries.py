"""Read-only queries for the pages: the scope tree, the counts of a scope, the rooms table.

The rooms table is an ordered list of ids from one SQL statement (sort and filter in SQL), and rows
fetched by id a page at a time; personal data leaves here masked.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Sequence

from peewee import SqliteDatabase

from desktop_app.domain.area import format_area
from desktop_app.domain.headcount import RollEntry, count_heads
from desktop_app.domain.masking import mask_id_number, mask_phone
from desktop_app.domain.residents import latest_elderly_birth
from desktop_app.models import Estate, db
from desktop_app.services import room_order
from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.services.scope import Scope, building_label, room_condition, unit_label
from desktop_app.services.scope import estate_of_scope


def has_any_estate() -> bool:
    """Whether the database holds any estate yet (the window offers the demo when it does not)."""
    return Estate.select().exists()


def _rows(sql: str, params: Sequence[object] = ()) -> list[tuple]:
    return list(db.execute_sql(sql, tuple(params)).fetchall())


# ---------------------------------------------------------------- the tree
@dataclass(frozen=True)
class TreeNode:
    scope: Scope
    label: str
    has_children: bool


_CHILDREN = {
    ScopeLevel.ALL: (ScopeLevel.STREET, "SELECT s.id, s.name, EXISTS (SELECT 1 FROM community "
                     "WHERE street_id = s.id) FROM street s ORDER BY s.name"),
    ScopeLevel.STREET: (ScopeLevel.COMMUNITY, "SELECT c.id, c.name, EXISTS (SELECT 1 FROM estate "
                        "WHERE community_id = c.id) FROM community c WHERE c.street_id = ? ORDER BY c.name"),
    ScopeLevel.COMMUNITY: (ScopeLevel.ESTATE, "SELECT e.id, e.name, EXISTS (SELECT 1 FROM building "
                           "WHERE estate_id = e.id) FROM estate e WHERE e.community_id = ? ORDER BY e.pinyin, e.name"),
    ScopeLevel.ESTATE: (ScopeLevel.BUILDING, "SELECT b.id, b.name, EXISTS (SELECT 1 FROM unit "
                        "WHERE building_id = b.id) FROM building b WHERE b.estate_id = ? ORDER BY b.sort_key, b.name"),
    ScopeLevel.BUILDING: (ScopeLevel.UNIT, "SELECT u.id, u.name, 0 FROM unit u WHERE u.building_id = ? "
                          "ORDER BY u.sort_key, u.name"),
}


def children(scope: Scope) -> list[TreeNode]:
    """The next level below `scope`, in display order."""
    if scope.level not in _CHILDREN:
        return []
    level, sql = _CHILDREN[scope.level]
    params = [] if scope.id is None else [scope.id]
    labels = {ScopeLevel.BUILDING: building_label, ScopeLevel.UNIT: unit_label}.get(level, str)
    return [TreeNode(Scope(level, row[0]), labels(row[1]), bool(row[2])) for row in _rows(sql, params)]


# ---------------------------------------------------------------- counts
@dataclass(frozen=True)
class ScopeCounts:
    estates: int
    buildings: int
    units: int
    rooms: int
    owner_heads: int
    area_centi: int
    residents: int
    elderly: int
    disabled: int


_TREE_CONDITIONS = {ScopeLevel.ALL: "1", ScopeLevel.STREET: "c.street_id = ?",
                    ScopeLevel.COMMUNITY: "e.community_id = ?", ScopeLevel.ESTATE: "e.id = ?",
                    ScopeLevel.BUILDING: "b.id = ?", ScopeLevel.UNIT: "u.id = ?"}
_ROOMS = ("FROM room r JOIN unit u ON u.id = r.unit_id JOIN building b ON b.id = u.building_id "
          "JOIN estate e ON e.id = b.estate_id")


def elderly_cutoff(today: date) -> str:
    """The latest birth date (ISO text) of someone aged 60 or more on `today`, for SQL."""
    return latest_elderly_birth(today).isoformat()


def scope_counts(scope: Scope, today: date) -> ScopeCounts:
    """The figures of `scope`; the elderly are those aged 60 or more on `today`."""
    params: list[object] = [] if scope.id is None else [scope.id]
    estates, buildings, units, rooms, area = _rows(
        "SELECT count(DISTINCT e.id), count(DISTINCT b.id), count(DISTINCT CASE WHEN u.name != '' THEN u.id END), "
        "count(r.id), "
        "coalesce(sum(r.area_centi), 0) FROM estate e JOIN community c ON c.id = e.community_id "
        "LEFT JOIN building b ON b.estate_id = e.id LEFT JOIN unit u ON u.building_id = b.id "
        f"LEFT JOIN room r ON r.unit_id = u.id WHERE {_TREE_CONDITIONS[scope.level]}", params)[0]
    condition, params = room_condition(scope)
    residents, elderly, disabled = _rows(
        "SELECT count(*), coalesce(sum(p.birth_date <= ?), 0), coalesce(sum(p.is_disabled), 0) "
        f"FROM resident p JOIN room r ON r.id = p.room_id JOIN unit u ON u.id = r.unit_id "
        f"JOIN building b ON b.id = u.building_id JOIN estate e ON e.id = b.estate_id WHERE {condition}",
        [elderly_cutoff(today), *params])[0]
    return ScopeCounts(estates, buildings, units, rooms, owner_heads(scope), int(area),
                       residents, elderly, disabled)


def roll_entries(scope: Scope) -> list[RollEntry]:
    """The head-count roll entries of the rooms of `scope` (owners identified by ID number, else uid)."""
    condition, params = room_condition(scope)
    rows = _rows(
        "SELECT r.id, r.area_centi, group_concat(coalesce(o.id_number, o.uid), '|'), "
        "coalesce(max(CASE WHEN os.role = 'owner' THEN o.kind END), max(o.kind), 'person') "
        f"{_ROOMS} LEFT JOIN ownership os ON os.room_id = r.id LEFT JOIN owner o ON o.id = os.owner_id "
        f"WHERE {condition} GROUP BY r.id", params)
    return [RollEntry(str(room_id), area, tuple(keys.split("|")) if keys else (), kind)
            for room_id, area, keys, kind in rows]


# Estate first (CROSS JOIN fixes the order), so a street reads its own rooms through the indexes.
_ROOMS_BY_ESTATE = ("FROM estate e CROSS JOIN building b ON b.estate_id = e.id CROSS JOIN unit u ON u.building_id = b.id "
                    "CROSS JOIN room r ON r.unit_id = u.id")


def owner_heads(scope: Scope) -> int:
    """The head count of `scope` by the vote rule (`domain.headcount`), from integer pairs: the whole city's
    196,900 rooms in about a fifth of the time of building its roll."""
    condition, params = room_condition(scope)
    pairs = _rows(f"SELECT r.id, os.owner_id {_ROOMS_BY_ESTATE} LEFT JOIN ownership os ON os.room_id = r.id "
                  f"WHERE {condition}", params)
    developer_rooms = [row[0] for row in _rows(
        f"SELECT r.id {_ROOMS_BY_ESTATE} JOIN ownership os ON os.room_id = r.id JOIN owner o ON o.id = os.owner_id "
        f"WHERE {condition} AND r.id IN (SELECT room_id FROM ownership WHERE owner_id IN "
        "(SELECT id FROM owner WHERE kind = 'developer')) "
        "GROUP BY r.id HAVING coalesce(max(CASE WHEN os.role = 'owner' THEN o.kind END), max(o.kind)) = 'developer'",
        params)]
    return count_heads(pairs, developer_rooms)


# ---------------------------------------------------------------- the rooms table
ROOM_COLUMNS: tuple[tuple[str, str], ...] = (
    ("estate", "小区"), ("building", "楼栋"), ("unit", "单元"), ("number", "房号"), ("floor", "楼层"),
    ("area", "专有面积(㎡)"), ("area_source", "面积来源"), ("owner", "业主"), ("id_number", "证件号码"),
    ("phone", "联系电话"), ("co_owners", "共有人"),
)
# Location columns sort by these, then by the location order (room.position, see room_order.py);
# room columns by their column then id; owner columns by the main owner's column, then owner id, then
# room id, with rooms that have no main owner last (by id).
_LOCATION_SORTS = {None: (), "estate": (), "building": ("b.sort_key", "b.name"), "unit": ("u.sort_key", "u.name"),
                   "number": ("r.sort_key", "r.number")}
_ROOM_SORTS = {"floor": "r.floor", "area": "r.area_centi", "area_source": "r.area_source"}
_OWNER_SORTS = {"owner": "pinyin", "co_owners": "pinyin", "id_number": "id_number", "phone": "phone"}
_OWNER_JOIN = "LEFT JOIN ownership os ON os.room_id = r.id AND os.role = 'owner' LEFT JOIN owner o ON o.id = os.owner_id"


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_ESCAPE = "ESCAPE '\\'"
_ROOMS_OF_OWNERS = "SELECT room_id FROM ownership WHERE owner_id IN (SELECT id FROM owner WHERE {})"


def _filter_condition(text: str) -> tuple[str, list[str]]:
    """Room number, the name or pinyin (full or initials) of an owner or co-owner, or a phone's tail.

    Written as `r.id IN (...)` so SQLite scans the owner table once instead of joining every room."""
    text = text.strip()
    if not text:
        return "", []
    like = _like_escape(text)
    if text.isdigit():
        owners = _ROOMS_OF_OWNERS.format(f"phone LIKE ? {_ESCAPE}")
        return f"r.id IN (SELECT id FROM room WHERE number LIKE ? {_ESCAPE} UNION {owners})", [f"{like}%", f"%{like}"]
    if re.fullmatch(r"[A-Za-z]+", text):
        owners = _ROOMS_OF_OWNERS.format(f"pinyin LIKE ? {_ESCAPE} OR pinyin LIKE ? {_ESCAPE}")
        return f"r.id IN ({owners})", [f"{like}%", f"% {like}%"]
    owners = _ROOMS_OF_OWNERS.format(f"name LIKE ? {_ESCAPE}")
    return f"r.id IN ({owners} UNION SELECT id FROM room WHERE number = ?)", [f"%{like}%", text]


def room_ids(scope: Scope, text: str = "", sort: str | None = None, descending: bool = False, *,
             cache: LocatedRooms | None = None) -> list[int]:
    """The ids of the rooms of `scope` matching `text`, in the requested order; descending is the
    exact reverse of ascending. `cache` (the workspace's `located_rooms`) keeps the location order
    of the whole database between calls; without it, it is read each time.

    Every order of the whole database is read from an index (no sort of 200,000 rows): see
    `_all_rooms`. A scope or a filter adds its condition and sorts what is left in SQL."""
    room_order.ensure_positions()
    if scope.level is ScopeLevel.ALL and not text.strip() and sort in (None, "estate"):
        ids = list(_located(cache))
    elif scope.level is ScopeLevel.ALL and not text.strip() and sort in ("building", "unit", *_OWNER_SORTS):
        ids = _all_rooms(sort, cache)
    else:
        ids = _id_list(*_room_ids_sql(scope, text, sort))
    return ids[::-1] if descending else ids


def _room_ids_sql(scope: Scope, text: str, sort: str | None) -> tuple[str, list]:
    """One statement for any scope, filter and order; the location tables joined only when needed."""
    condition, params = room_condition(scope)
    text_condition, text_params = _filter_condition(text)
    joins = _ROOMS if scope.level is not ScopeLevel.ALL or sort in ("building", "unit") else "FROM room r"
    if sort in _OWNER_SORTS:
        joins += f" {_OWNER_JOIN}"
        order = f"o.id IS NULL, o.{_OWNER_SORTS[sort]}, o.id, r.id"
    elif sort in _ROOM_SORTS:
        order = f"{_ROOM_SORTS[sort]}, r.id"
    else:
        order = ", ".join((*_LOCATION_SORTS[sort], "r.position"))
    where = condition + (f" AND {text_condition}" if text_condition else "")
    return f"SELECT r.id AS id {joins} WHERE {where} ORDER BY {order}", [*params, *text_params]


def _all_rooms(sort: str, cache: LocatedRooms | None) -> list[int]:
    """Every room by building, unit or an owner column, without sorting the rooms.

    By building (unit): the rooms of a unit are consecutive in the location order, so the list is
    spliced from runs of that order, the runs sorted by name: a sort of 20,000 units, not 200,000
    rooms. By owner: the main ownerships in the order of an index on the owner's value they carry
    (migration V4); rooms without a main owner follow by id (a room has at most one main owner)."""
    if sort in _OWNER_SORTS:
        ids = _id_list(f"SELECT room_id AS id FROM ownership WHERE role = 'owner' "
                       f"ORDER BY owner_{_OWNER_SORTS[sort]}, owner_id, room_id", [])
        if len(ids) < _rows("SELECT count(*) FROM room")[0][0]:
            ids += _id_list("SELECT r.id AS id FROM room r WHERE NOT EXISTS (SELECT 1 FROM ownership os "
                            "WHERE os.room_id = r.id AND os.role = 'owner') ORDER BY r.id", [])
        return ids
    located = _located(cache)
    runs = ("WITH units AS (SELECT unit_id, min(position) AS first, count(*) AS size FROM room GROUP BY unit_id), "
            "placed AS (SELECT unit_id, first, size, sum(size) OVER (ORDER BY first) - size AS start FROM units) ")
    if sort == "unit":
        runs += ("SELECT p.start, p.size FROM placed p JOIN unit u ON u.id = p.unit_id "
                 "ORDER BY u.sort_key, u.name, p.first")
    else:
        runs += ("SELECT min(p.start), sum(p.size) FROM placed p JOIN unit u ON u.id = p.unit_id "
                 "JOIN building b ON b.id = u.building_id GROUP BY b.id ORDER BY b.sort_key, b.name, min(p.first)")
    ids = []
    for start, size in _rows(runs):
        ids += located[start:start + size]
    return ids


class LocatedRooms:
    """A cache of every room id in the location order, owned by a `Workspace` (one per database).

    Read again only after the database changed: on SQLite, another connection's commit changes
    `data_version`, this one's writes `total_changes()`. The entry remembers the database object it
    was read from, so a cache never answers for another file; `clear()` forgets it (on close)."""

    def __init__(self) -> None:
        self._entry: tuple[object, tuple, list[int]] | None = None

    def clear(self) -> None:
        self._entry = None

    def ids(self) -> list[int]:
        """Every room id in the location order (do not modify the list)."""
        if not isinstance(db.obj, SqliteDatabase):
            return _read_located()
        version = (_rows("PRAGMA data_version")[0][0], _rows("SELECT total_changes()")[0][0])
        if self._entry is None or self._entry[0] is not db.obj or self._entry[1] != version:
            self._entry = (db.obj, version, _read_located())
        return self._entry[2]


def _read_located() -> list[int]:
    return _id_list("SELECT id FROM room ORDER BY position", [])


def _located(cache: LocatedRooms | None) -> list[int]:
    """Every room id in the location order, from `cache` when the caller keeps one (do not modify)."""
    return cache.ids() if cache is not None else _read_located()


def _id_list(sql: str, params: list) -> list[int]:
    """The first column of `sql` as a list; on SQLite as one JSON array (3x faster than 200,000 rows)."""
    if isinstance(db.obj, SqliteDatabase):
        return json.loads(_rows(f"SELECT json_group_array(id) FROM ({sql})", params)[0][0])
    return [row[0] for row in _rows(sql, params)]


@dataclass(frozen=True)
class RoomRow:
    """One line of the rooms table, personal data masked."""
    id: int
    uid: str
    owner_id: int | None
    cells: tuple[str, ...]  # in ROOM_COLUMNS order


def room_rows(ids: Sequence[int]) -> dict[int, RoomRow]:
    """The table rows of `ids` (at most a few hundred at a time), keyed by id."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = _rows(
        "SELECT r.id, r.uid, o.id, e.name, b.name, u.name, r.number, r.floor, r.area_centi, r.area_source, "
        "o.name, o.id_number, o.phone, (SELECT group_concat(o2.name, '、') FROM ownership os2 "
        "JOIN owner o2 ON o2.id = os2.owner_id WHERE os2.room_id = r.id AND os2.role = 'co-owner') "
        f"{_ROOMS} {_OWNER_JOIN} WHERE r.id IN ({marks})", list(ids))
    result: dict[int, RoomRow] = {}
    for (room_id, uid, owner_id, estate, building, unit, number, floor, area, source, owner, id_number,
         phone, co_owners) in rows:
        cells = (estate, building_label(building), unit_label(unit), number,
                 "" if floor is None else str(floor), format_area(area), source, owner or "",
                 mask_id_number(id_number) if id_number else "", mask_phone(phone) if phone else "",
                 co_owners or "")
        result.setdefault(room_id, RoomRow(room_id, uid, owner_id, cells))
    return result


def estate_choices() -> list[tuple[int, str]]:
    """Every estate as (id, "社区 · 小区"), in pinyin order, for pickers."""
    return [(row[0], f"{row[1]} · {row[2]}") for row in _rows(
        "SELECT e.id, c.name, e.name FROM estate e JOIN community c ON c.id = e.community_id "
        "ORDER BY c.name, e.pinyin, e.name")]


def estate_code_of_scope(scope: Scope) -> str | None:
    """The district code of the estate a scope lies in (None above the estate level)."""
    estate_id = estate_of_scope(scope)
    if estate_id is None:
        return None
    found = _rows("SELECT code FROM estate WHERE id = ?", [estate_id])
    return found[0][0] if found else None


def estate_code_choices() -> list[tuple[str, str]]:
    """Estates that have a district code, as (code, "小区名称（编码）"), for the import wizard."""
    return [(row[0], f"{row[1]}（{row[0]}）") for row in _rows(
        "SELECT code, name FROM estate WHERE code IS NOT NULL AND code != '' ORDER BY pinyin, name")]


def community_choices() -> list[tuple[int, str]]:
    """Every community as (id, "街道 · 社区")."""
    return [(row[0], f"{row[1]} · {row[2]}") for row in _rows(
        "SELECT c.id, s.name, c.name FROM community c JOIN street s ON s.id = c.street_id ORDER BY s.name, c.name")]
