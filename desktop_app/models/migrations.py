"""Numbered schema migrations. Version N is `MIGRATIONS[N - 1]`; PRAGMA user_version holds the version.

Each migration is plain SQL so that an old file is upgraded exactly as it was shipped, whatever the
models look like today. Never edit a released migration: append a new one.
"""

from __future__ import annotations

from typing import Callable, Sequence

SYNCED = (
    "id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, "
    "updated_at TEXT NOT NULL, origin TEXT NOT NULL"
)

V1 = f"""
CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
    table_name TEXT NOT NULL, record_uid TEXT NOT NULL, summary TEXT NOT NULL DEFAULT '',
    changes TEXT NOT NULL DEFAULT '{{}}');
CREATE INDEX audit_log_record ON audit_log (table_name, record_uid);
CREATE TABLE street ({SYNCED}, name TEXT NOT NULL UNIQUE, code TEXT);
CREATE TABLE community ({SYNCED},
    street_id INTEGER NOT NULL REFERENCES street (id) ON DELETE RESTRICT,
    name TEXT NOT NULL, code TEXT, UNIQUE (street_id, name));
CREATE TABLE estate ({SYNCED},
    community_id INTEGER NOT NULL REFERENCES community (id) ON DELETE RESTRICT,
    code TEXT UNIQUE, name TEXT NOT NULL, address TEXT NOT NULL DEFAULT '', year_built INTEGER,
    pinyin TEXT NOT NULL DEFAULT '');
CREATE INDEX estate_community_id ON estate (community_id);
CREATE TABLE building ({SYNCED},
    estate_id INTEGER NOT NULL REFERENCES estate (id) ON DELETE CASCADE,
    name TEXT NOT NULL, sort_key INTEGER NOT NULL DEFAULT 0, UNIQUE (estate_id, name));
CREATE TABLE unit ({SYNCED},
    building_id INTEGER NOT NULL REFERENCES building (id) ON DELETE CASCADE,
    name TEXT NOT NULL DEFAULT '', sort_key INTEGER NOT NULL DEFAULT 0, UNIQUE (building_id, name));
CREATE TABLE room ({SYNCED},
    unit_id INTEGER NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
    floor INTEGER, number TEXT NOT NULL, sort_key INTEGER NOT NULL DEFAULT 0,
    area_centi INTEGER NOT NULL CHECK (area_centi > 0),
    area_source TEXT NOT NULL DEFAULT '不动产登记' CHECK (area_source IN ('不动产登记', '实测', '合同')),
    note TEXT NOT NULL DEFAULT '', UNIQUE (unit_id, number));
CREATE TABLE owner ({SYNCED},
    kind TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'organisation', 'developer')),
    name TEXT NOT NULL, id_number TEXT UNIQUE, phone TEXT NOT NULL DEFAULT '',
    pinyin TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '');
CREATE INDEX owner_pinyin ON owner (pinyin);
CREATE TABLE ownership ({SYNCED},
    room_id INTEGER NOT NULL REFERENCES room (id) ON DELETE CASCADE,
    owner_id INTEGER NOT NULL REFERENCES owner (id) ON DELETE RESTRICT,
    role TEXT NOT NULL DEFAULT 'owner' CHECK (role IN ('owner', 'co-owner')),
    is_voter INTEGER NOT NULL DEFAULT 0, UNIQUE (room_id, owner_id));
CREATE INDEX ownership_owner_id ON ownership (owner_id);
CREATE TABLE resident ({SYNCED},
    room_id INTEGER NOT NULL REFERENCES room (id) ON DELETE CASCADE,
    name TEXT NOT NULL, id_number TEXT, phone TEXT NOT NULL DEFAULT '',
    relation TEXT NOT NULL DEFAULT '', birth_date TEXT, is_disabled INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '');
CREATE INDEX resident_room_id ON resident (room_id);
"""

# V2: the history of printed documents (the record that a notice went up on a date, for which scope).
V2 = f"""
CREATE TABLE print_job ({SYNCED},
    template TEXT NOT NULL, title TEXT NOT NULL, scope TEXT NOT NULL DEFAULT 'all',
    scope_label TEXT NOT NULL DEFAULT '', output TEXT NOT NULL DEFAULT 'pdf' CHECK (output IN ('pdf', 'printer')),
    file_path TEXT NOT NULL DEFAULT '', page_count INTEGER NOT NULL DEFAULT 0,
    produced_at TEXT NOT NULL, produced_by TEXT NOT NULL DEFAULT '',
    period_start TEXT, period_end TEXT);
CREATE INDEX print_job_produced_at ON print_job (produced_at);
"""


# V3: the rooms table reads every order from an index instead of sorting 200,000 rows.
# - room.position is the rank of a room in the location order (estate pinyin, building, unit, room;
#   services/room_order.py keeps it): the estate's place among the estates (estate.position) times
#   2^20, plus the room's rank inside its estate.
# - Each ownership row carries its owner's pinyin, ID number and phone, kept equal to the owner's by
#   triggers whoever writes (a bulk writer that fills them in itself skips the insert trigger), so the
#   owner columns sort through partial indexes over the main ownerships (the role listed last so that
#   SQLite 3.40 counts them covering; an index that begins with the role makes SQLite scan every main
#   ownership to find one room's owner).
_OWNER_COPY = "(owner_pinyin, owner_id_number, owner_phone) = (SELECT pinyin, id_number, phone FROM owner WHERE id = {})"
V3 = (
    "ALTER TABLE estate ADD COLUMN position INTEGER",
    "ALTER TABLE room ADD COLUMN position INTEGER",
    "WITH slots AS (SELECT id, row_number() OVER (ORDER BY pinyin, id) AS slot FROM estate) "
    "UPDATE estate SET position = slots.slot FROM slots WHERE estate.id = slots.id",
    "WITH ranked AS ("
    " SELECT r.id AS id, e.position * 1048576 + row_number() OVER ("
    "  PARTITION BY b.estate_id ORDER BY b.sort_key, b.name, u.sort_key, u.name, r.sort_key, r.number) AS position"
    " FROM room r JOIN unit u ON u.id = r.unit_id JOIN building b ON b.id = u.building_id"
    " JOIN estate e ON e.id = b.estate_id) "
    "UPDATE room SET position = ranked.position FROM ranked WHERE room.id = ranked.id",
    "CREATE INDEX room_position ON room (position)",
    "CREATE INDEX room_unit_position ON room (unit_id, position)",
    "CREATE INDEX room_number_order ON room (sort_key, number, position)",
    "CREATE INDEX room_floor ON room (floor)",
    "CREATE INDEX room_area_centi ON room (area_centi)",
    "CREATE INDEX room_area_source ON room (area_source)",
    "CREATE INDEX ownership_owner_role_room ON ownership (owner_id, role, room_id)",
    "DROP INDEX ownership_owner_id",
    "ALTER TABLE ownership ADD COLUMN owner_pinyin TEXT",
    "ALTER TABLE ownership ADD COLUMN owner_id_number TEXT",
    "ALTER TABLE ownership ADD COLUMN owner_phone TEXT",
    f"UPDATE ownership SET {_OWNER_COPY.format('ownership.owner_id')}",
    "CREATE INDEX ownership_main_by_pinyin ON ownership (owner_pinyin, owner_id, room_id, role) WHERE role = 'owner'",
    "CREATE INDEX ownership_main_by_id_number ON ownership (owner_id_number, owner_id, room_id, role) "
    "WHERE role = 'owner'",
    "CREATE INDEX ownership_main_by_phone ON ownership (owner_phone, owner_id, room_id, role) WHERE role = 'owner'",
    "CREATE TRIGGER ownership_copies_owner AFTER INSERT ON ownership WHEN NEW.owner_pinyin IS NULL BEGIN "
    f"UPDATE ownership SET {_OWNER_COPY.format('NEW.owner_id')} WHERE id = NEW.id; END",
    "CREATE TRIGGER ownership_changes_owner AFTER UPDATE OF owner_id ON ownership BEGIN "
    f"UPDATE ownership SET {_OWNER_COPY.format('NEW.owner_id')} WHERE id = NEW.id; END",
    "CREATE TRIGGER owner_copied_to_ownership AFTER UPDATE OF pinyin, id_number, phone ON owner BEGIN "
    "UPDATE ownership SET (owner_pinyin, owner_id_number, owner_phone) = (NEW.pinyin, NEW.id_number, NEW.phone) "
    "WHERE owner_id = NEW.id; END",
)


def _script(sql: str) -> Callable[[object], None]:
    def run(connection) -> None:  # a sqlite3.Connection inside an open transaction
        for statement in sql.split(";"):
            if statement.strip():
                connection.execute(statement)
    return run


def _statements(statements: Sequence[str]) -> Callable[[object], None]:
    def run(connection) -> None:  # for statements holding semicolons (trigger bodies)
        for statement in statements:
            connection.execute(statement)
    return run


MIGRATIONS: Sequence[Callable[[object], None]] = (
    _script(V1),
    _script(V2),
    _statements(V3),
)
LATEST_VERSION = len(MIGRATIONS)
