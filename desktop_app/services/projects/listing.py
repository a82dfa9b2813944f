"""The projects list: one row per project with its state and marks on a day, filtered by scope, plan
years, state and the late / not-started marks. A city holds about 1,400 projects, so rows are built
in Python from a few statements and filtered there."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.projects import LATE_COMPLETION, LATE_START, Schedule, marks_on, state_on
from desktop_app.models import db
from desktop_app.services.projects.facts import CHUNK, load_facts, scope_estates
from desktop_app.services.scope import ALL, Scope


@dataclass(frozen=True)
class ProjectRow:
    id: int
    code: str
    name: str
    plan_year: int
    estates: str  # estate names joined by 、
    estate_count: int
    schedule: Schedule
    state: str
    marks: tuple[str, ...]
    contractor: str
    supervisor: str
    items: int
    planned_investment_fen: int
    fund_planned_fen: int
    allocated_fen: int
    paid_fen: int

    @property
    def is_late(self) -> bool:
        return LATE_COMPLETION in self.marks

    @property
    def is_not_started(self) -> bool:
        return LATE_START in self.marks


@dataclass(frozen=True)
class ProjectFilter:
    scope: Scope = ALL
    years: tuple[int | None, int | None] = (None, None)
    state: str | None = None  # one of domain.projects.STATES
    late_only: bool = False
    not_started_only: bool = False
    text: str = ""  # in the code, the name or an estate's name


def _rows(sql: str, params: Sequence[object] = ()) -> list[tuple]:
    return list(db.execute_sql(sql, tuple(params)).fetchall())


def project_rows(ids: Iterable[int], today: date) -> list[ProjectRow]:
    """The rows of these projects (missing ones left out), by plan year then code."""
    wanted = sorted(set(ids))
    heads: list[tuple] = []
    names: dict[int, list[str]] = defaultdict(list)
    items: dict[int, tuple[int, int]] = {}
    funds: dict[int, tuple[int, int]] = {}
    paid: dict[int, int] = defaultdict(int)
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start:start + CHUNK]
        marks = ",".join("?" * len(chunk))
        heads.extend(_rows(
            "SELECT id, code, name, plan_year, planned_start, planned_end, actual_start, actual_end, accepted_on, "
            f"contractor, supervisor FROM project WHERE id IN ({marks})", chunk))
        for project_id, name in _rows(
                "SELECT pe.project_id, e.name FROM project_estate pe JOIN estate e ON e.id = pe.estate_id "
                f"WHERE pe.project_id IN ({marks}) ORDER BY pe.project_id, pe.position, pe.id", chunk):
            names[project_id].append(name)
        for project_id, count, planned in _rows(
                f"SELECT project_id, count(*), sum(planned_fen) FROM project_item WHERE project_id IN ({marks}) "
                "GROUP BY project_id", chunk):
            items[project_id] = (count, planned or 0)
        for project_id, planned, allocated in _rows(
                f"SELECT project_id, sum(planned_fen), sum(allocated_fen) FROM project_fund WHERE project_id IN ({marks}) "
                "GROUP BY project_id", chunk):
            funds[project_id] = (planned or 0, allocated or 0)
        for project_id, amount in _rows(
                "SELECT f.project_id, sum(fp.amount_fen) FROM fund_payment fp JOIN project_fund f ON f.id = fp.fund_id "
                f"WHERE f.project_id IN ({marks}) AND (fp.paid_on IS NULL OR fp.paid_on <= ?) GROUP BY f.project_id",
                [*chunk, today.isoformat()]):
            paid[project_id] = amount or 0
    rows = []
    for (project_id, code, name, year, p_start, p_end, a_start, a_end, accepted, contractor, supervisor) in heads:
        schedule = Schedule(*(date.fromisoformat(d) if d else None for d in (p_start, p_end, a_start, a_end, accepted)))
        count, planned = items.get(project_id, (0, 0))
        fund_planned, allocated = funds.get(project_id, (0, 0))
        rows.append(ProjectRow(
            id=project_id, code=code, name=name, plan_year=year, estates="、".join(names.get(project_id, [])),
            estate_count=len(names.get(project_id, [])), schedule=schedule, state=state_on(schedule, today),
            marks=marks_on(schedule, today), contractor=contractor, supervisor=supervisor, items=count,
            planned_investment_fen=planned, fund_planned_fen=fund_planned, allocated_fen=allocated,
            paid_fen=paid.get(project_id, 0)))
    rows.sort(key=lambda row: (row.plan_year, row.code))
    return rows


def list_projects(selection: ProjectFilter, today: date) -> list[ProjectRow]:
    """The projects of the filter, by plan year then code, with their state on `today`."""
    facts = load_facts(scope_estates(selection.scope), selection.years)
    rows = project_rows((p.id for p in facts.projects), today)
    text = selection.text.strip()
    return [row for row in rows
            if (selection.state is None or row.state == selection.state)
            and (not selection.late_only or row.is_late)
            and (not selection.not_started_only or row.is_not_started)
            and (not text or text in row.code or text in row.name or text in row.estates)]
