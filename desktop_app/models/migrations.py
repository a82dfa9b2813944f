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


# V4: owners' votes (issue 4) and the editable renovation catalogue (domain.md section 5).
# - catalogue_item: the shipped catalogue is copied in by services/catalogue.py on first use; users edit it.
# - vote.scope is a JSON list of Scope texts ("estate:3", "building:12", ...): one estate, some of its
#   buildings or some of its units. vote.rule is the matter's rule unless rule_reason says why not.
# - vote_roll is the roll frozen when the vote opens (one row per room; head_key from
#   domain.headcount.build_scope_roll); later roll edits never change it.
# - ballot: one row per room and entry ("first" counts; "check" is the second person's entry in the
#   double-entry mode); choices is a JSON list, one of 同意/反对/弃权/"" per item in item order.
#   Every earlier state of a ballot is kept in ballot_revision.
V4 = f"""
CREATE TABLE catalogue_item ({SYNCED},
    category TEXT NOT NULL CHECK (category IN ('基础类', '完善类', '提升类')),
    name TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1,
    UNIQUE (category, name));
CREATE TABLE vote ({SYNCED},
    title TEXT NOT NULL,
    estate_id INTEGER NOT NULL REFERENCES estate (id) ON DELETE RESTRICT,
    scope TEXT NOT NULL, scope_label TEXT NOT NULL DEFAULT '',
    matter INTEGER NOT NULL CHECK (matter BETWEEN 1 AND 9),
    rule TEXT NOT NULL CHECK (rule IN ('special', 'ordinary')),
    rule_reason TEXT NOT NULL DEFAULT '',
    blank_participates INTEGER NOT NULL DEFAULT 1,
    double_entry INTEGER NOT NULL DEFAULT 0,
    opens_on TEXT NOT NULL, closes_on TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    total_area_centi INTEGER NOT NULL DEFAULT 0, total_heads INTEGER NOT NULL DEFAULT 0,
    result TEXT NOT NULL DEFAULT '', closed_at TEXT, closed_by TEXT NOT NULL DEFAULT '',
    issuer TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '');
CREATE INDEX vote_estate_id ON vote (estate_id);
CREATE TABLE vote_item ({SYNCED},
    vote_id INTEGER NOT NULL REFERENCES vote (id) ON DELETE CASCADE,
    position INTEGER NOT NULL, name TEXT NOT NULL, category TEXT NOT NULL DEFAULT '',
    UNIQUE (vote_id, position), UNIQUE (vote_id, name));
CREATE TABLE vote_roll (
    id INTEGER PRIMARY KEY,
    vote_id INTEGER NOT NULL REFERENCES vote (id) ON DELETE CASCADE,
    room_uid TEXT NOT NULL, room_key TEXT NOT NULL,
    building TEXT NOT NULL, unit TEXT NOT NULL DEFAULT '', room TEXT NOT NULL, floor INTEGER,
    area_centi INTEGER NOT NULL CHECK (area_centi > 0), owner_keys TEXT NOT NULL DEFAULT '',
    head_key TEXT NOT NULL, owner_names TEXT NOT NULL DEFAULT '', owner_kind TEXT NOT NULL DEFAULT 'person',
    position INTEGER NOT NULL,
    UNIQUE (vote_id, room_key), UNIQUE (vote_id, room_uid));
CREATE INDEX vote_roll_position ON vote_roll (vote_id, position);
CREATE TABLE ballot ({SYNCED},
    vote_id INTEGER NOT NULL REFERENCES vote (id) ON DELETE CASCADE,
    roll_id INTEGER NOT NULL REFERENCES vote_roll (id) ON DELETE CASCADE,
    entry TEXT NOT NULL DEFAULT 'first' CHECK (entry IN ('first', 'check')),
    choices TEXT NOT NULL,
    method TEXT NOT NULL DEFAULT '纸质' CHECK (method IN ('纸质', '现场', '委托', '入户')),
    proxy TEXT NOT NULL DEFAULT '', received_on TEXT, entered_by TEXT NOT NULL DEFAULT '',
    UNIQUE (vote_id, roll_id, entry));
CREATE TABLE ballot_revision (
    id INTEGER PRIMARY KEY,
    vote_id INTEGER NOT NULL REFERENCES vote (id) ON DELETE CASCADE,
    roll_id INTEGER NOT NULL, ballot_uid TEXT NOT NULL,
    entry TEXT NOT NULL DEFAULT 'first', at TEXT NOT NULL, actor TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('update', 'delete')),
    choices TEXT NOT NULL, method TEXT NOT NULL, proxy TEXT NOT NULL DEFAULT '', received_on TEXT,
    entered_by TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '');
CREATE INDEX ballot_revision_ballot ON ballot_revision (vote_id, roll_id);
"""

# V5: consultations, household opinions and complaint tickets (issue 5).
# - opinion_demand holds each demanded item of an opinion (a catalogue item by name and category, or a
#   free tag with category ''), so demand summaries are one GROUP BY.
# - complaint.ticket_no is the 12345 ticket number (unique; NULL for walk-ins without one). status is the
#   last handling step reached; complaint_step keeps every step with its date and who.
V5 = f"""
CREATE TABLE consultation ({SYNCED},
    kind TEXT NOT NULL CHECK (kind IN ('座谈会', '入户走访', '问卷', '公示反馈', '线上')),
    title TEXT NOT NULL DEFAULT '', held_on TEXT NOT NULL, place TEXT NOT NULL DEFAULT '',
    scope TEXT NOT NULL DEFAULT 'all', scope_label TEXT NOT NULL DEFAULT '',
    estate_id INTEGER REFERENCES estate (id) ON DELETE SET NULL,
    organiser TEXT NOT NULL DEFAULT '', attendance INTEGER NOT NULL DEFAULT 0 CHECK (attendance >= 0),
    minutes TEXT NOT NULL DEFAULT '', attachments TEXT NOT NULL DEFAULT '[]');
CREATE INDEX consultation_held_on ON consultation (held_on);
CREATE TABLE opinion ({SYNCED},
    consultation_id INTEGER REFERENCES consultation (id) ON DELETE SET NULL,
    room_id INTEGER NOT NULL REFERENCES room (id) ON DELETE CASCADE,
    person TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL CHECK (channel IN ('座谈会', '入户走访', '问卷', '公示反馈', '线上')),
    given_on TEXT NOT NULL,
    stance TEXT NOT NULL DEFAULT '' CHECK (stance IN ('', '支持', '有意见', '反对')),
    text TEXT NOT NULL DEFAULT '', entered_by TEXT NOT NULL DEFAULT '');
CREATE INDEX opinion_room_id ON opinion (room_id);
CREATE INDEX opinion_consultation_id ON opinion (consultation_id);
CREATE INDEX opinion_given_on ON opinion (given_on);
CREATE TABLE opinion_demand (
    id INTEGER PRIMARY KEY,
    opinion_id INTEGER NOT NULL REFERENCES opinion (id) ON DELETE CASCADE,
    name TEXT NOT NULL, category TEXT NOT NULL DEFAULT '',
    UNIQUE (opinion_id, name));
CREATE INDEX opinion_demand_name ON opinion_demand (name);
CREATE TABLE complaint ({SYNCED},
    ticket_no TEXT UNIQUE,
    source TEXT NOT NULL DEFAULT '12345' CHECK (source IN ('12345', '来访', '来电', '其他')),
    received_at TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('施工管理', '质量安全', '扬尘噪音', '管线破坏', '进度', '资金', '物业', '其他')),
    estate_id INTEGER REFERENCES estate (id) ON DELETE SET NULL,
    room_id INTEGER REFERENCES room (id) ON DELETE SET NULL,
    address TEXT NOT NULL DEFAULT '', complainant TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT '', due_on TEXT,
    status TEXT NOT NULL DEFAULT '受理' CHECK (status IN ('受理', '转办', '办理', '答复', '办结')),
    reply TEXT NOT NULL DEFAULT '',
    satisfaction TEXT NOT NULL DEFAULT '' CHECK (satisfaction IN ('', '满意', '基本满意', '不满意')),
    closed_on TEXT);
CREATE INDEX complaint_received_at ON complaint (received_at);
CREATE INDEX complaint_estate_id ON complaint (estate_id);
CREATE TABLE complaint_step ({SYNCED},
    complaint_id INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
    step TEXT NOT NULL CHECK (step IN ('受理', '转办', '办理', '答复', '办结')),
    on_date TEXT NOT NULL, actor TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '');
CREATE INDEX complaint_step_complaint_id ON complaint_step (complaint_id);
"""

# V6: renovation projects and their funds (issue 10).
# - project.code is the district's 项目编号, the key a re-imported plan updates by. Dates are yyyy-mm-dd;
#   the state (未开工 / 在建 / 已完工 / 已验收) is read from them, never stored.
# - project_estate links a project to the estates it covers (a 片区 project has several), with the counts the
#   plan declared for an estate; project.declared_* hold a 片区 project's one total when not split by estate.
# - Money is integer fen. fund_payment.paid_on is NULL for the undated 已支付 amount taken from a plan file.
V6 = f"""
CREATE TABLE project ({SYNCED},
    code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    plan_year INTEGER NOT NULL CHECK (plan_year BETWEEN 2000 AND 2100),
    planned_start TEXT, planned_end TEXT, actual_start TEXT, actual_end TEXT, accepted_on TEXT,
    contractor TEXT NOT NULL DEFAULT '', supervisor TEXT NOT NULL DEFAULT '',
    declared_buildings INTEGER CHECK (declared_buildings >= 0),
    declared_households INTEGER CHECK (declared_households >= 0),
    note TEXT NOT NULL DEFAULT '');
CREATE INDEX project_plan_year ON project (plan_year);
CREATE TABLE project_estate ({SYNCED},
    project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    estate_id INTEGER NOT NULL REFERENCES estate (id) ON DELETE RESTRICT,
    position INTEGER NOT NULL DEFAULT 0,
    declared_buildings INTEGER CHECK (declared_buildings >= 0),
    declared_households INTEGER CHECK (declared_households >= 0),
    UNIQUE (project_id, estate_id));
CREATE INDEX project_estate_estate_id ON project_estate (estate_id);
CREATE TABLE project_item ({SYNCED},
    project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0, name TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('基础类', '完善类', '提升类')),
    quantity TEXT NOT NULL DEFAULT '', unit TEXT NOT NULL DEFAULT '',
    planned_fen INTEGER NOT NULL DEFAULT 0 CHECK (planned_fen >= 0));
CREATE INDEX project_item_project_id ON project_item (project_id);
CREATE TABLE project_fund ({SYNCED},
    project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    planned_fen INTEGER NOT NULL DEFAULT 0 CHECK (planned_fen >= 0),
    allocated_fen INTEGER NOT NULL DEFAULT 0 CHECK (allocated_fen >= 0),
    UNIQUE (project_id, source));
CREATE TABLE fund_payment ({SYNCED},
    fund_id INTEGER NOT NULL REFERENCES project_fund (id) ON DELETE CASCADE,
    paid_on TEXT, amount_fen INTEGER NOT NULL, voucher TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '');
CREATE INDEX fund_payment_fund_id ON fund_payment (fund_id);
CREATE TABLE project_inspection ({SYNCED},
    project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    inspected_on TEXT NOT NULL, inspector TEXT NOT NULL DEFAULT '',
    result TEXT NOT NULL CHECK (result IN ('合格', '限期整改', '不合格')),
    problems TEXT NOT NULL DEFAULT '', rectified_on TEXT);
CREATE INDEX project_inspection_project_id ON project_inspection (project_id);
"""


# V7: sync between installations (issue 11).
# - tombstone: one row per deleted record of a table that travels, written by an AFTER DELETE trigger on
#   that table (cascaded deletions included); origin is this installation's id from the setting row.
# - sync_receipt: per other installation, the export time (its clock) of the latest file imported from it.
# - sync_log: the history of exchanges.
SYNC_TABLES = (
    "street", "community", "estate", "building", "unit", "room", "owner", "ownership", "resident",
    "vote", "vote_item", "ballot", "consultation", "opinion", "complaint", "complaint_step",
    "project", "project_estate", "project_item", "project_fund", "fund_payment", "project_inspection",
)
_TOMBSTONE_TRIGGER = (
    "CREATE TRIGGER {table}_tombstone AFTER DELETE ON {table} BEGIN "
    "INSERT OR REPLACE INTO tombstone (table_name, uid, deleted_at, origin) VALUES ('{table}', OLD.uid, "
    "strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), "
    "COALESCE((SELECT value FROM setting WHERE key = 'installation_id'), 'unknown')); END"
)
V7 = (
    "CREATE TABLE tombstone (id INTEGER PRIMARY KEY, table_name TEXT NOT NULL, uid TEXT NOT NULL, "
    "deleted_at TEXT NOT NULL, origin TEXT NOT NULL, UNIQUE (table_name, uid))",
    "CREATE TABLE sync_receipt (origin TEXT PRIMARY KEY, received_at TEXT NOT NULL)",
    "CREATE TABLE sync_log (id INTEGER PRIMARY KEY, direction TEXT NOT NULL CHECK (direction IN ('export', 'import')), "
    "file TEXT NOT NULL, at TEXT NOT NULL, counts TEXT NOT NULL DEFAULT '{}', peer_origin TEXT NOT NULL DEFAULT '', "
    "scope TEXT NOT NULL DEFAULT '', actor TEXT NOT NULL DEFAULT '')",
    *(_TOMBSTONE_TRIGGER.format(table=table) for table in SYNC_TABLES),
)

# V8: the holiday table (issue 12, domain.md §8). Staff add the State Council's arrangement of a year the
# shipped chinese-calendar package does not know; a row overrides the package for its date. The dates of
# the old settings calendar.holidays / calendar.workdays (JSON lists) move into it and the settings go.
_MOVE_SETTING = (
    "INSERT OR IGNORE INTO holiday (date, kind, note) SELECT json_each.value, '{kind}', '{note}' "
    "FROM setting, json_each(setting.value) WHERE setting.key = '{key}' AND json_valid(setting.value) "
    "AND json_each.type = 'text' AND date(json_each.value, '+0 days') IS json_each.value"
)
V8 = (
    "CREATE TABLE holiday (date TEXT PRIMARY KEY CHECK (date(date, '+0 days') IS date), "
    "kind TEXT NOT NULL CHECK (kind IN ('放假', '调休上班')), note TEXT NOT NULL DEFAULT '')",
    _MOVE_SETTING.format(key="calendar.workdays", kind="调休上班", note="由旧设置“调休上班日”迁入"),
    _MOVE_SETTING.format(key="calendar.holidays", kind="放假", note="由旧设置“法定节假日”迁入"),
    "DELETE FROM setting WHERE key IN ('calendar.holidays', 'calendar.workdays')",
)


# V9: owners' committee setup and the estates' management (issue 12).
# - committee_case: one setup case of an estate, its path and the dates of its stages, the filing, notes and
#   the attached files (JSON list of paths);
# - committee_group_member / committee_candidate / committee_member: the preparatory group, the candidates
#   (owners from the roll by uid) and the committee with its term;
# - committee_vote: the votes a case used (the election, the first meeting's decisions);
# - estate_management: the estate's management mode over time (fee in fen per m² per month).
V9 = f"""
CREATE TABLE committee_case ({SYNCED},
    estate_id INTEGER NOT NULL REFERENCES estate (id) ON DELETE RESTRICT,
    path TEXT NOT NULL CHECK (path IN ('业主委员会', '自管会', '物业管理委员会')),
    request_on TEXT, group_formed_on TEXT, posting_on TEXT, first_meeting_on TEXT, election_on TEXT,
    committee_meeting_on TEXT, filing_on TEXT,
    filing_authority TEXT NOT NULL DEFAULT '', filing_number TEXT NOT NULL DEFAULT '',
    seats INTEGER CHECK (seats IS NULL OR seats > 0),
    notes TEXT NOT NULL DEFAULT '', attachments TEXT NOT NULL DEFAULT '[]');
CREATE INDEX committee_case_estate_id ON committee_case (estate_id);
CREATE TABLE committee_group_member ({SYNCED},
    case_id INTEGER NOT NULL REFERENCES committee_case (id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0, name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '成员' CHECK (role IN ('组长', '副组长', '成员')),
    unit TEXT NOT NULL DEFAULT '', owner_representative INTEGER NOT NULL DEFAULT 0, owner_uid TEXT);
CREATE INDEX committee_group_member_case_id ON committee_group_member (case_id);
CREATE TABLE committee_candidate ({SYNCED},
    case_id INTEGER NOT NULL REFERENCES committee_case (id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0, name TEXT NOT NULL, owner_uid TEXT NOT NULL, room_uid TEXT,
    conditions_confirmed INTEGER NOT NULL DEFAULT 0, note TEXT NOT NULL DEFAULT '',
    UNIQUE (case_id, owner_uid));
CREATE TABLE committee_member ({SYNCED},
    case_id INTEGER NOT NULL REFERENCES committee_case (id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0, name TEXT NOT NULL, owner_uid TEXT,
    role TEXT NOT NULL DEFAULT '委员' CHECK (role IN ('主任', '副主任', '委员')),
    term_start TEXT, term_end TEXT);
CREATE INDEX committee_member_case_id ON committee_member (case_id);
CREATE TABLE committee_vote ({SYNCED},
    case_id INTEGER NOT NULL REFERENCES committee_case (id) ON DELETE CASCADE,
    vote_id INTEGER NOT NULL REFERENCES vote (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('选举', '决定')),
    UNIQUE (case_id, vote_id));
CREATE TABLE estate_management ({SYNCED},
    estate_id INTEGER NOT NULL REFERENCES estate (id) ON DELETE CASCADE,
    mode TEXT NOT NULL CHECK (mode IN ('物业公司', '街道社区托管', '自治管理', '无')),
    company TEXT NOT NULL DEFAULT '', contract_start TEXT, contract_end TEXT,
    fee_fen INTEGER CHECK (fee_fen IS NULL OR fee_fen >= 0),
    from_on TEXT, to_on TEXT, note TEXT NOT NULL DEFAULT '');
CREATE INDEX estate_management_estate_id ON estate_management (estate_id);
"""


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
    _script(V4),
    _script(V5),
    _script(V6),
    _statements(V7),
    _statements(V8),
    _script(V9),
)
LATEST_VERSION = len(MIGRATIONS)
