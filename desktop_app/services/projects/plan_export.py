"""The projects of a scope as plan records, for the 改造计划 workbook that goes back to the district.

The records are the ones the plan import reads, so an exported file imports again without a change:
every estate with its code and name (and its street and community), the declared counts where the plan
put them, items in their order, and per fund 已支付 = all its payments, dated and undated.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.plan_record import PlanEstate, PlanFund, PlanItem, PlanProject
from desktop_app.domain.projects import FUND_SOURCES, Schedule
from desktop_app.models import Community, Estate, Street
from desktop_app.models.project_tables import FundPayment, Project, ProjectEstate, ProjectFund, ProjectItem
from desktop_app.services.scope import ALL, Scope, estate_ids


@dataclass(frozen=True)
class PlanRecords:
    projects: tuple[PlanProject, ...]
    items: tuple[PlanItem, ...]
    funds: tuple[PlanFund, ...]


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def plan_records(scope: Scope = ALL) -> PlanRecords:
    """Every project covering at least one estate of `scope` (all projects for the whole database), by
    plan year and 项目编号."""
    covered = estate_ids(scope)
    query = Project.select().order_by(Project.plan_year, Project.code)
    if covered is not None:
        query = query.where(Project.id.in_(  # type: ignore[attr-defined]  # peewee's id
            ProjectEstate.select(ProjectEstate.project).where(ProjectEstate.estate.in_(covered))))
    projects = list(query)
    ids = [project.id for project in projects]
    links: dict[int, list[tuple[ProjectEstate, Estate, Community, Street]]] = defaultdict(list)
    items: dict[int, list[ProjectItem]] = defaultdict(list)
    funds: dict[int, list[ProjectFund]] = defaultdict(list)
    paid: dict[int, int] = defaultdict(int)
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        for link in (ProjectEstate.select(ProjectEstate, Estate, Community, Street).join(Estate).join(Community)
                     .join(Street).where(ProjectEstate.project.in_(chunk))
                     .order_by(ProjectEstate.position, ProjectEstate.id)):
            links[link.project_id].append((link, link.estate, link.estate.community, link.estate.community.street))
        for item in ProjectItem.select().where(ProjectItem.project.in_(chunk)).order_by(
                ProjectItem.position, ProjectItem.id):
            items[item.project_id].append(item)
        rank = {source: index for index, source in enumerate(FUND_SOURCES)}
        chunk_funds = list(ProjectFund.select().where(ProjectFund.project.in_(chunk)))
        for fund in sorted(chunk_funds, key=lambda f: (rank.get(f.source, 99), f.source)):
            funds[fund.project_id].append(fund)
        fund_ids = [fund.id for fund in chunk_funds]
        for begin in range(0, len(fund_ids), 900):
            for payment in FundPayment.select(FundPayment.fund, FundPayment.amount_fen).where(
                    FundPayment.fund.in_(fund_ids[begin:begin + 900])):
                paid[payment.fund_id] += payment.amount_fen
    plan_projects: list[PlanProject] = []
    plan_items: list[PlanItem] = []
    plan_funds: list[PlanFund] = []
    for project in projects:
        estates = tuple(PlanEstate(code=estate.code or "", name=estate.name, buildings=link.declared_buildings,
                                   households=link.declared_households, street=street.name, community=community.name)
                        for link, estate, community, street in links[project.id])
        plan_projects.append(PlanProject(
            code=project.code, name=project.name, plan_year=project.plan_year, estates=estates,
            schedule=Schedule(_day(project.planned_start), _day(project.planned_end), _day(project.actual_start),
                              _day(project.actual_end)),
            contractor=project.contractor, supervisor=project.supervisor,
            declared_buildings=project.declared_buildings, declared_households=project.declared_households))
        plan_items.extend(PlanItem(project.code, item.name, item.category, item.quantity, item.unit, item.planned_fen)
                          for item in items[project.id])
        plan_funds.extend(PlanFund(project.code, fund.source, fund.planned_fen, fund.allocated_fen, paid[fund.id])
                          for fund in funds[project.id])
    return PlanRecords(tuple(plan_projects), tuple(plan_items), tuple(plan_funds))
