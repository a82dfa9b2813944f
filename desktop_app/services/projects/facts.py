"""The plain records the indicators and the project list are computed from, read in a few statements.

Projects are chosen in SQL by plan year and by the estates of the scope, so one street reads only its own
projects; their estates, items, funds and payments follow by project id. The roll's counts are read only
for the estates the chosen projects cover.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.indicators import EstateCover, FundFacts, ItemFacts, ProjectFacts, RollCount
from desktop_app.domain.projects import Schedule
from desktop_app.models import db
from desktop_app.services.scope import Scope, estate_ids

CHUNK = 900  # parameters per IN (...) list, under SQLite's limit


def _rows(sql: str, params: Sequence[object] = ()) -> list[tuple]:
    return list(db.execute_sql(sql, tuple(params)).fetchall())


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def scope_estates(scope: Scope) -> frozenset[int] | None:
    """The estates a scope covers (a building or unit: its estate); None for the whole database."""
    found = estate_ids(scope)
    return None if found is None else frozenset(found)


@dataclass(frozen=True)
class Facts:
    projects: tuple[ProjectFacts, ...]
    items: tuple[ItemFacts, ...]
    funds: tuple[FundFacts, ...]


def load_facts(estates: frozenset[int] | None, years: tuple[int | None, int | None] = (None, None)) -> Facts:
    """Every project whose plan year is in `years` and that covers one of `estates` (None: any), with
    its estates, items and funds."""
    conditions: list[str] = []
    params: list[object] = []
    if years[0] is not None:
        conditions.append("p.plan_year >= ?")
        params.append(years[0])
    if years[1] is not None:
        conditions.append("p.plan_year <= ?")
        params.append(years[1])
    where = " AND ".join(conditions) or "1"
    head = _rows("SELECT p.id, p.code, p.plan_year, p.planned_start, p.planned_end, p.actual_start, p.actual_end, "
                 f"p.accepted_on, p.declared_buildings, p.declared_households FROM project p WHERE {where}", params)
    covers: dict[int, list[EstateCover]] = defaultdict(list)
    for project_id, estate_id, buildings, households in _rows(
            "SELECT pe.project_id, pe.estate_id, pe.declared_buildings, pe.declared_households FROM project_estate pe "
            "ORDER BY pe.project_id, pe.position, pe.id"):
        covers[project_id].append(EstateCover(estate_id, buildings, households))
    projects = []
    for (project_id, code, year, p_start, p_end, a_start, a_end, accepted, buildings, households) in head:
        cover = tuple(covers.get(project_id, ()))
        if estates is not None and not any(c.estate_id in estates for c in cover):
            continue
        projects.append(ProjectFacts(
            id=project_id, plan_year=year, estates=cover, code=code,
            schedule=Schedule(_day(p_start), _day(p_end), _day(a_start), _day(a_end), _day(accepted)),
            declared_buildings=buildings, declared_households=households))
    ids = sorted(p.id for p in projects)
    items: list[ItemFacts] = []
    funds: list[FundFacts] = []
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        items.extend(ItemFacts(*row) for row in _rows(
            f"SELECT id, project_id, category, planned_fen FROM project_item WHERE project_id IN ({marks}) "
            "ORDER BY project_id, position, id", chunk))
        payments: dict[int, list[tuple[date | None, int]]] = defaultdict(list)
        for fund_id, paid_on, amount in _rows(
                "SELECT fp.fund_id, fp.paid_on, fp.amount_fen FROM fund_payment fp JOIN project_fund f ON f.id = fp.fund_id "
                f"WHERE f.project_id IN ({marks})", chunk):
            payments[fund_id].append((_day(paid_on), amount))
        funds.extend(FundFacts(fund_id, project_id, source, planned, allocated, tuple(payments.get(fund_id, ())))
                     for fund_id, project_id, source, planned, allocated in _rows(
                         "SELECT id, project_id, source, planned_fen, allocated_fen FROM project_fund "
                         f"WHERE project_id IN ({marks}) ORDER BY project_id, id", chunk))
    return Facts(tuple(projects), tuple(items), tuple(funds))


def roll_counts(estates: Iterable[int]) -> dict[int, RollCount]:
    """Buildings and rooms in the roll of each estate given that has rooms."""
    wanted = sorted(set(estates))
    counts: dict[int, RollCount] = {}
    for chunk in _chunks(wanted):
        marks = ",".join("?" * len(chunk))
        for estate_id, buildings, rooms in _rows(
                "SELECT b.estate_id, count(DISTINCT b.id), count(*) FROM room r JOIN unit u ON u.id = r.unit_id "
                f"JOIN building b ON b.id = u.building_id WHERE b.estate_id IN ({marks}) GROUP BY b.estate_id", chunk):
            counts[estate_id] = RollCount(buildings, rooms)
    return counts
