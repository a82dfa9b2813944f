"""The plain data of the 项目进度表 and 资金支付进度表 of a scope, plan years and as-of date
(domain.project_print_data), read through the projects list and the fund rows: the same projects as
the indicators, the same paid amounts as of the day."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.project_print_data import (
    FUND_PROGRESS, PROJECT_PROGRESS, FundLine, FundProgressData, Heading, ProgressLine, ProjectProgressData, Years,
    document_title, sorted_fund_lines,
)
from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.services.projects.drilldown import project_fund_rows
from desktop_app.services.projects.listing import ProjectFilter, ProjectRow, list_projects
from desktop_app.services.scope import Scope, scope_label, scope_name


def _heading(scope: Scope, years: Years, as_of: date, kind: str) -> Heading:
    place = "" if scope.level is ScopeLevel.ALL else scope_name(scope)
    return Heading(document_title(place, kind), scope_label(scope), years, as_of)


def _projects(scope: Scope, years: Years, as_of: date) -> list[ProjectRow]:
    return list_projects(ProjectFilter(scope=scope, years=years), as_of)


def project_progress_data(scope: Scope, years: Years, as_of: date) -> ProjectProgressData:
    """One line per project of the scope and years, with its state and marks on `as_of`."""
    lines = tuple(ProgressLine(
        code=row.code, name=row.name, plan_year=row.plan_year, estates=row.estates,
        planned_start=row.schedule.planned_start, actual_start=row.schedule.actual_start,
        planned_end=row.schedule.planned_end, actual_end=row.schedule.actual_end,
        state=row.state, marks=row.marks, contractor=row.contractor) for row in _projects(scope, years, as_of))
    return ProjectProgressData(_heading(scope, years, as_of, PROJECT_PROGRESS), lines)


def fund_progress_data(scope: Scope, years: Years, as_of: date) -> FundProgressData:
    """One line per project and funding source, paid as of `as_of` (undated plan amounts included)."""
    projects = _projects(scope, years, as_of)
    lines = sorted_fund_lines(FundLine(
        code=row.project_code, name=row.project_name, plan_year=row.plan_year, source=row.source,
        planned_fen=row.planned_fen, allocated_fen=row.allocated_fen, paid_fen=row.paid_fen)
        for row in project_fund_rows((project.id for project in projects), as_of))
    return FundProgressData(_heading(scope, years, as_of, FUND_PROGRESS), lines)
