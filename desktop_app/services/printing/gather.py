"""Gathering plain data for printed documents from the database, and the history of what was printed.

The documents layer never queries the database: these functions read a scope's rooms, owners and
residents into the plain dataclasses of `domain.print_data` (raw values; documents mask them), and
record each produced document in `print_job` (the record that a notice went up on a date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from desktop_app.domain.errors import UserError
from desktop_app.domain.print_data import OwnerRoll, RollRow, VisitForm
from desktop_app.domain.vocabulary import ESTATE_LEVELS, ScopeLevel
from desktop_app.models import Estate, db
from desktop_app.models.tables import Building, PrintJob
from desktop_app.services.changes import Changes, Topic
from desktop_app.services.queries import elderly_cutoff
from desktop_app.services.scope import Scope, building_label, room_condition, scope_label, unit_label
from desktop_app.services.settings import operator_name

TEMPLATE_LABELS = {
    "notice": "通知/公告/公示", "roll": "楼栋业主名册", "visit_form": "入户走访登记表",
    "ballot": "表决票", "vote_result": "表决结果公告", "not_voted": "未表决户清单",
    "opinion_form": "征求意见表", "opinion_summary": "意见汇总", "complaint_ledger": "投诉台账",
    "project_progress": "项目进度表", "fund_progress": "资金支付进度表",
    "committee_filing": "业主委员会备案申请表",
}
ROLL_LEVELS = ESTATE_LEVELS


class PrintScopeError(UserError):
    """The scope chosen cannot be printed with this template; the message says what to choose."""


@dataclass(frozen=True)
class RoomInfo:
    room_id: int
    estate: str
    community: str
    building: str
    unit: str
    room: str
    area_centi: int


@dataclass(frozen=True)
class OwnerInfo:
    names: tuple[str, ...]
    id_number: str
    phone: str
    kind: str


NO_OWNER = OwnerInfo((), "", "", "person")
_ROOMS_SQL = """
SELECT r.id, e.name, c.name, b.name, u.name, r.number, r.area_centi
FROM room r JOIN unit u ON r.unit_id = u.id JOIN building b ON u.building_id = b.id
JOIN estate e ON b.estate_id = e.id JOIN community c ON e.community_id = c.id
WHERE {condition}
ORDER BY e.pinyin, e.name, b.sort_key, b.name, u.sort_key, u.name, r.sort_key, r.number
"""
_OWNERS_SQL = """
SELECT os.room_id, o.name, COALESCE(o.id_number, ''), o.phone, o.kind
FROM ownership os JOIN owner o ON os.owner_id = o.id
JOIN room r ON os.room_id = r.id JOIN unit u ON r.unit_id = u.id JOIN building b ON u.building_id = b.id
JOIN estate e ON b.estate_id = e.id
WHERE {condition}
ORDER BY os.room_id, os.role = 'co-owner', os.is_voter DESC, os.id
"""
_RESIDENTS_SQL = """
SELECT p.room_id, COUNT(*), SUM(p.birth_date IS NOT NULL AND p.birth_date <= ?)
FROM resident p JOIN room r ON p.room_id = r.id JOIN unit u ON r.unit_id = u.id
JOIN building b ON u.building_id = b.id JOIN estate e ON b.estate_id = e.id
WHERE {condition} GROUP BY p.room_id
"""


def scope_rooms(scope: Scope) -> list[RoomInfo]:
    condition, params = room_condition(scope)
    rows = db.execute_sql(_ROOMS_SQL.format(condition=condition), params).fetchall()
    return [RoomInfo(*row) for row in rows]


def scope_owners(scope: Scope) -> dict[int, OwnerInfo]:
    """The owners of each room: the main owner first (its ID number and phone), then co-owners."""
    condition, params = room_condition(scope)
    grouped: dict[int, list[tuple[str, str, str, str]]] = {}
    for room_id, name, id_number, phone, kind in db.execute_sql(_OWNERS_SQL.format(condition=condition), params):
        grouped.setdefault(room_id, []).append((name, id_number, phone, kind))
    return {room_id: OwnerInfo(tuple(o[0] for o in owners), owners[0][1], owners[0][2], owners[0][3])
            for room_id, owners in grouped.items()}


def scope_residents(scope: Scope, today: date) -> dict[int, tuple[int, int]]:
    """(household members, of whom 60 or older) per room that has residents recorded."""
    condition, params = room_condition(scope)
    sql = _RESIDENTS_SQL.format(condition=condition)
    return {row[0]: (row[1], row[2] or 0) for row in db.execute_sql(sql, [elderly_cutoff(today), *params])}


def scope_homes(scope: Scope) -> list[tuple[RoomInfo, RollRow]]:
    """Every room of the scope in roll order with its owners: the main owner first (its ID number
    and phone), then co-owners."""
    owners = scope_owners(scope)
    homes = []
    for room in scope_rooms(scope):
        owner = owners.get(room.room_id, NO_OWNER)
        homes.append((room, RollRow(building=room.building, unit=room.unit, room=room.room,
                                    area_centi=room.area_centi, owner_names=owner.names,
                                    id_number=owner.id_number, phone=owner.phone, owner_kind=owner.kind)))
    return homes


def owner_roll_data(scope: Scope, *, signature_column: bool = False, issuer: str = "",
                    issued_on: date | None = None) -> OwnerRoll:
    """The 楼栋业主名册 of an estate, building or unit (raw values; the document masks them)."""
    if scope.level not in ROLL_LEVELS:
        raise PrintScopeError("业主名册按小区、楼栋或单元打印，请先在范围中选择一个小区、楼栋或单元。")
    homes = scope_homes(scope)
    return OwnerRoll(estate_name=homes[0][0].estate if homes else estate_name_of(scope),
                     scope_label=roll_scope_label(scope), rows=tuple(row for _room, row in homes),
                     signature_column=signature_column, issuer=issuer, issued_on=issued_on)


def visit_forms_data(scope: Scope, today: date) -> list[VisitForm]:
    """One pre-filled 入户走访登记表 per room of the scope, in roll order (ages on `today`)."""
    residents = scope_residents(scope, today)
    forms = []
    for room, row in scope_homes(scope):
        members, elderly = residents.get(room.room_id, (None, None))
        forms.append(VisitForm(estate_name=room.estate, home=row, residents=members, elderly=elderly,
                               community=room.community, serial=f"{room.building}-{room.unit or 0}-{room.room}"))
    return forms


def estate_name_of(scope: Scope) -> str:
    condition, params = room_condition(scope)
    sql = ("SELECT e.name FROM estate e JOIN building b ON b.estate_id = e.id JOIN unit u ON u.building_id = b.id "
           f"JOIN room r ON r.unit_id = u.id WHERE {condition} LIMIT 1")
    row = db.execute_sql(sql, params).fetchone()
    if row is None and scope.level is ScopeLevel.ESTATE:
        estate = Estate.get_or_none(Estate.id == scope.id)
        return estate.name if estate else ""
    return row[0] if row else ""


def roll_scope_label(scope: Scope) -> str:
    """"3号楼", "3号楼1单元" or "" (a whole estate) for the roll's title."""
    if scope.level is ScopeLevel.BUILDING:
        building = Building.get_by_id(scope.id)
        return building_label(building.name)
    if scope.level is ScopeLevel.UNIT:
        row = db.execute_sql("SELECT b.name, u.name FROM unit u JOIN building b ON u.building_id = b.id "
                             "WHERE u.id = ?", (scope.id,)).fetchone()
        return building_label(row[0]) + (unit_label(row[1]) if row[1] else "")
    return ""


def estate_scope(code: str, building: str | None = None) -> Scope:
    """The scope of an estate by its district code (or name), optionally one building of it."""
    from desktop_app.domain.naming import normalise_building

    estate = Estate.get_or_none(Estate.code == code) or Estate.get_or_none(Estate.name == code)
    if estate is None:
        raise PrintScopeError(f"找不到小区“{code}”：请检查小区编码（或小区名称）。")
    if building is None:
        return Scope(ScopeLevel.ESTATE, estate.id)
    name = normalise_building(building)
    found = Building.get_or_none((Building.estate == estate) & (Building.name == name))
    if found is None:
        raise PrintScopeError(f"小区“{estate.name}”中没有楼栋“{building}”。")
    return Scope(ScopeLevel.BUILDING, found.id)


def default_issuer(scope: Scope) -> str:
    """The residents' committee of the scope's community ("幸福里社区居民委员会"), else ""."""
    if scope.level in (ScopeLevel.ALL, ScopeLevel.STREET):
        return ""
    condition, params = room_condition(scope)
    if scope.level is ScopeLevel.COMMUNITY:
        row = db.execute_sql("SELECT name FROM community WHERE id = ?", params).fetchone()
    else:
        row = db.execute_sql(
            "SELECT c.name FROM community c JOIN estate e ON e.community_id = c.id JOIN building b "
            "ON b.estate_id = e.id JOIN unit u ON u.building_id = b.id JOIN room r ON r.unit_id = u.id "
            f"WHERE {condition} LIMIT 1", params).fetchone()
    if row is None:
        return ""
    name = row[0]
    return f"{name}居民委员会" if name.endswith("社区") else name


@dataclass(frozen=True)
class PrintRecord:
    id: int
    template: str
    title: str
    scope_label: str
    output: str
    file_path: str
    page_count: int
    produced_at: str
    produced_by: str
    period_start: str | None
    period_end: str | None

    @property
    def changes(self) -> Changes:
        """What recording this job changed: the print history."""
        return Changes.of(Topic.PRINTS, ids=(self.id,))


def record_print_job(template: str, title: str, scope: Scope, *, output: str = "pdf", file_path: str = "",
                     page_count: int = 0, period_start: date | None = None,
                     period_end: date | None = None) -> PrintRecord:
    """Write one produced document into the history."""
    if template not in TEMPLATE_LABELS:
        raise ValueError(f"unknown template {template!r}")
    with db.atomic():
        job = PrintJob.create(
            template=template, title=title, scope=scope.to_text(), scope_label=scope_label(scope),
            output=output, file_path=file_path, page_count=page_count, produced_by=operator_name(),
            period_start=period_start.isoformat() if period_start else None,
            period_end=period_end.isoformat() if period_end else None,
        )
    return _record(job)


def print_history(limit: int = 500) -> list[PrintRecord]:
    """The most recent produced documents first."""
    query = PrintJob.select().order_by(PrintJob.produced_at.desc(), -PrintJob.id).limit(limit)
    return [_record(job) for job in query]


def _record(job: PrintJob) -> PrintRecord:
    return PrintRecord(job.id, job.template, job.title, job.scope_label, job.output, job.file_path,
                       job.page_count, job.produced_at, job.produced_by, job.period_start, job.period_end)


def template_label(template: str) -> str:
    return TEMPLATE_LABELS.get(template, template)


def rooms_count(scope: Scope) -> int:
    condition, params = room_condition(scope)
    sql = ("SELECT COUNT(*) FROM room r JOIN unit u ON r.unit_id = u.id JOIN building b ON u.building_id = b.id "
           f"JOIN estate e ON b.estate_id = e.id WHERE {condition}")
    return int(db.execute_sql(sql, params).fetchone()[0])
