"""The records behind a figure of the 首页: rows for item ids, fund ids and estate ids, read in a few
statements (the figure hands the ids it was computed from; see domain.indicators)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from desktop_app.models import db
from desktop_app.services.projects.facts import CHUNK


@dataclass(frozen=True)
class ItemRow:
    id: int
    project_id: int
    project_code: str
    project_name: str
    plan_year: int
    name: str
    category: str
    quantity: str
    unit: str
    planned_fen: int


@dataclass(frozen=True)
class FundRow:
    id: int
    project_id: int
    project_code: str
    project_name: str
    plan_year: int
    estates: str  # estate names joined by 、
    source: str
    planned_fen: int
    allocated_fen: int
    paid_fen: int  # as of the day asked for (undated plan amounts included)


@dataclass(frozen=True)
class EstateRow:
    id: int
    name: str
    community: str
    street: str
    buildings: int  # in the roll
    rooms: int  # in the roll
    projects: int  # projects covering it, whatever their year


def _rows(sql: str, params: Sequence[object] = ()) -> list[tuple]:
    return list(db.execute_sql(sql, tuple(params)).fetchall())


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), CHUNK):
        yield wanted[start:start + CHUNK]


def _marks(chunk: Sequence[int]) -> str:
    return ",".join("?" * len(chunk))


def item_rows(ids: Iterable[int]) -> list[ItemRow]:
    """The items of these ids (missing ones left out), by plan year, project code and position."""
    found: list[tuple] = []
    for chunk in _chunks(ids):
        found.extend(_rows(
            "SELECT p.plan_year, p.code, i.position, i.id, p.id, p.name, i.name, i.category, i.quantity, i.unit, "
            f"i.planned_fen FROM project_item i JOIN project p ON p.id = i.project_id WHERE i.id IN ({_marks(chunk)})",
            chunk))
    found.sort(key=lambda row: row[:4])
    return [ItemRow(item_id, project_id, code, project_name, year, name, category, quantity, unit, planned)
            for year, code, _position, item_id, project_id, project_name, name, category, quantity, unit, planned
            in found]


def _estate_names(project_ids: Iterable[int]) -> dict[int, str]:
    names: dict[int, list[str]] = defaultdict(list)
    for chunk in _chunks(project_ids):
        for project_id, name in _rows(
                "SELECT pe.project_id, e.name FROM project_estate pe JOIN estate e ON e.id = pe.estate_id "
                f"WHERE pe.project_id IN ({_marks(chunk)}) ORDER BY pe.project_id, pe.position, pe.id", chunk):
            names[project_id].append(name)
    return {project_id: "、".join(found) for project_id, found in names.items()}


def _fund_rows(sql_filter: str, ids: Iterable[int], as_of: date) -> list[FundRow]:
    heads: list[tuple] = []
    paid: dict[int, int] = defaultdict(int)
    for chunk in _chunks(ids):
        heads.extend(_rows(
            "SELECT f.id, p.id, p.code, p.name, p.plan_year, f.source, f.planned_fen, f.allocated_fen "
            f"FROM project_fund f JOIN project p ON p.id = f.project_id WHERE {sql_filter} IN ({_marks(chunk)})",
            chunk))
    for chunk in _chunks(head[0] for head in heads):
        for fund_id, amount in _rows(
                f"SELECT fund_id, sum(amount_fen) FROM fund_payment WHERE fund_id IN ({_marks(chunk)}) "
                "AND (paid_on IS NULL OR paid_on <= ?) GROUP BY fund_id", [*chunk, as_of.isoformat()]):
            paid[fund_id] = amount or 0
    estates = _estate_names(head[1] for head in heads)
    rows = [FundRow(fund_id, project_id, code, name, year, estates.get(project_id, ""), source, planned, allocated,
                    paid.get(fund_id, 0))
            for fund_id, project_id, code, name, year, source, planned, allocated in heads]
    rows.sort(key=lambda r: (r.plan_year, r.project_code, r.id))
    return rows


def fund_rows(ids: Iterable[int], as_of: date) -> list[FundRow]:
    """The fund rows of these ids with what was paid by `as_of`, by plan year, project code and entry."""
    return _fund_rows("f.id", ids, as_of)


def project_fund_rows(project_ids: Iterable[int], as_of: date) -> list[FundRow]:
    """Every fund row of these projects with what was paid by `as_of` (the 资金支付进度表)."""
    return _fund_rows("f.project_id", project_ids, as_of)


def estate_rows(ids: Iterable[int]) -> list[EstateRow]:
    """The estates of these ids with their roll counts and the projects covering them, by street,
    community and name."""
    rows: list[EstateRow] = []
    for chunk in _chunks(ids):
        marks = _marks(chunk)
        counts = {estate_id: (buildings, rooms) for estate_id, buildings, rooms in _rows(
            "SELECT b.estate_id, count(DISTINCT b.id), count(r.id) FROM building b "
            "LEFT JOIN unit u ON u.building_id = b.id LEFT JOIN room r ON r.unit_id = u.id "
            f"WHERE b.estate_id IN ({marks}) GROUP BY b.estate_id", chunk)}
        projects = dict(_rows(f"SELECT estate_id, count(*) FROM project_estate WHERE estate_id IN ({marks}) "
                              "GROUP BY estate_id", chunk))
        for estate_id, name, community, street in _rows(
                "SELECT e.id, e.name, c.name, s.name FROM estate e JOIN community c ON c.id = e.community_id "
                f"JOIN street s ON s.id = c.street_id WHERE e.id IN ({marks})", chunk):
            buildings, rooms = counts.get(estate_id, (0, 0))
            rows.append(EstateRow(estate_id, name, community, street, buildings, rooms, projects.get(estate_id, 0)))
    rows.sort(key=lambda r: (r.street, r.community, r.name))
    return rows
