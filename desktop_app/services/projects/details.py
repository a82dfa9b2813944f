"""One project as plain data for its detail panel: the head (with the draft its form edits), the estates it
covers, its items, its funds with their payments and paid/allocated progress as of a day, its inspections,
and its schedule against plan (state, marks, days late)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.indicators import Ratio
from desktop_app.domain.projects import Schedule, marks_on, state_on
from desktop_app.models import db
from desktop_app.models.project_tables import FundPayment, Project, ProjectFund, ProjectInspection, ProjectItem
from desktop_app.services.projects.records import InspectionDraft, ItemDraft, ProjectDraft, ProjectError


@dataclass(frozen=True)
class EstateLine:
    id: int
    name: str
    community: str
    declared_buildings: int | None
    declared_households: int | None


@dataclass(frozen=True)
class ItemLine:
    id: int
    name: str
    category: str
    quantity: str
    unit: str
    planned_fen: int

    def draft(self) -> ItemDraft:
        return ItemDraft(self.name, self.category, self.quantity, self.unit, self.planned_fen)


@dataclass(frozen=True)
class PaymentLine:
    id: int
    fund_id: int
    source: str
    paid_on: date | None  # None: the undated 已支付 of a plan file
    amount_fen: int
    voucher: str
    note: str


@dataclass(frozen=True)
class FundLine:
    id: int
    source: str
    planned_fen: int
    allocated_fen: int
    paid_fen: int  # paid on or before the day of the detail
    payments: tuple[PaymentLine, ...]

    @property
    def progress(self) -> Ratio:
        return Ratio(self.paid_fen, self.allocated_fen)

    @property
    def available_fen(self) -> int:
        """What may still be paid: allocated less every payment recorded (dated after the day too)."""
        return self.allocated_fen - sum(payment.amount_fen for payment in self.payments)


@dataclass(frozen=True)
class InspectionLine:
    id: int
    inspected_on: date
    inspector: str
    result: str
    problems: str
    rectified_on: date | None

    def draft(self) -> InspectionDraft:
        return InspectionDraft(self.inspected_on, self.inspector, self.result, self.problems, self.rectified_on)


@dataclass(frozen=True)
class ProjectDetail:
    id: int
    day: date
    draft: ProjectDraft  # what the 基本信息 form edits
    schedule: Schedule
    state: str
    marks: tuple[str, ...]
    estates: tuple[EstateLine, ...]
    items: tuple[ItemLine, ...]
    funds: tuple[FundLine, ...]
    inspections: tuple[InspectionLine, ...]

    @property
    def code(self) -> str:
        return self.draft.code

    @property
    def name(self) -> str:
        return self.draft.name

    @property
    def planned_investment_fen(self) -> int:
        return sum(item.planned_fen for item in self.items)

    @property
    def fund_planned_fen(self) -> int:
        return sum(fund.planned_fen for fund in self.funds)

    @property
    def allocated_fen(self) -> int:
        return sum(fund.allocated_fen for fund in self.funds)

    @property
    def paid_fen(self) -> int:
        return sum(fund.paid_fen for fund in self.funds)

    @property
    def progress(self) -> Ratio:
        return Ratio(self.paid_fen, self.allocated_fen)

    @property
    def start_days_late(self) -> int | None:
        """Days past the planned start without a start (as of the day); None when not late to start."""
        planned, actual = self.schedule.planned_start, self.schedule.actual_start
        if planned is None or planned > self.day or actual is not None and actual <= self.day:
            return None
        return (self.day - planned).days

    @property
    def completion_days_late(self) -> int | None:
        """Days the completion is behind plan: to the actual completion, or to the day when not completed;
        None when not behind."""
        planned = self.schedule.planned_end
        if planned is None or planned > self.day:
            return None
        actual = self.schedule.actual_end
        finished = actual if actual is not None and actual <= self.day else None
        late_days = ((finished or self.day) - planned).days
        if finished is not None and late_days <= 0:
            return None
        return late_days if finished is not None else max(late_days, 0)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def project_detail(project_id: int, day: date) -> ProjectDetail:
    """The project as it stands, its paid amounts and state as of `day`. ProjectError if it is gone."""
    project = Project.get_or_none(Project.id == project_id)
    if project is None:
        raise ProjectError("该项目已被删除")
    estates = tuple(EstateLine(*row) for row in db.execute_sql(
        "SELECT e.id, e.name, c.name, pe.declared_buildings, pe.declared_households FROM project_estate pe "
        "JOIN estate e ON e.id = pe.estate_id JOIN community c ON c.id = e.community_id "
        "WHERE pe.project_id = ? ORDER BY pe.position, pe.id", (project_id,)).fetchall())
    items = tuple(ItemLine(item.id, item.name, item.category, item.quantity, item.unit, item.planned_fen)
                  for item in ProjectItem.select().where(ProjectItem.project == project_id)
                  .order_by(ProjectItem.position, ProjectItem.id))
    funds = []
    for fund in ProjectFund.select().where(ProjectFund.project == project_id).order_by(ProjectFund.id):
        payments = tuple(PaymentLine(p.id, fund.id, fund.source, _day(p.paid_on), p.amount_fen, p.voucher, p.note)
                         for p in FundPayment.select().where(FundPayment.fund == fund.id)
                         .order_by(FundPayment.paid_on.is_null(False), FundPayment.paid_on, FundPayment.id))
        paid = sum(p.amount_fen for p in payments if p.paid_on is None or p.paid_on <= day)
        funds.append(FundLine(fund.id, fund.source, fund.planned_fen, fund.allocated_fen, paid, payments))
    inspections = tuple(
        InspectionLine(row.id, date.fromisoformat(row.inspected_on), row.inspector, row.result, row.problems,
                       _day(row.rectified_on))
        for row in ProjectInspection.select().where(ProjectInspection.project == project_id)
        .order_by(ProjectInspection.inspected_on, ProjectInspection.id))
    schedule = Schedule(*(_day(getattr(project, key)) for key in
                          ("planned_start", "planned_end", "actual_start", "actual_end", "accepted_on")))
    draft = ProjectDraft(
        code=project.code, name=project.name, plan_year=project.plan_year, estate_ids=tuple(e.id for e in estates),
        planned_start=schedule.planned_start, planned_end=schedule.planned_end, actual_start=schedule.actual_start,
        actual_end=schedule.actual_end, accepted_on=schedule.accepted_on, contractor=project.contractor,
        supervisor=project.supervisor, declared_buildings=project.declared_buildings,
        declared_households=project.declared_households, note=project.note)
    return ProjectDetail(project_id, day, draft, schedule, state_on(schedule, day), marks_on(schedule, day),
                         estates, items, tuple(funds), inspections)


def payments_of(detail: ProjectDetail) -> list[PaymentLine]:
    """Every payment of the project, by date (undated first), then by source."""
    lines = [payment for fund in detail.funds for payment in fund.payments]
    return sorted(lines, key=lambda p: (p.paid_on is not None, p.paid_on or date.min, p.id))
