"""Gathering the plain data of the consultation documents from the database, and recording what was printed.

征求意见表 (one per room of a scope, the catalogue as checkboxes), 意见汇总 (demands and views of a scope
and period) and 投诉台账 (the complaints of a scope and period). Values are raw; the documents mask.
"""

from __future__ import annotations

from datetime import date

from desktop_app.domain.catalogue import CATEGORIES, entry_codes
from desktop_app.domain.consultation_print_data import (
    OPINION_FORM_TITLE, CatalogueGroup, ComplaintLedgerData, DemandLine, OpinionForm, OpinionSummaryData,
)
from desktop_app.domain.opinions import STANCES
from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.models import db
from desktop_app.services.catalogue import catalogue
from desktop_app.services.consult.demands import demand_summary, latest_opinions
from desktop_app.services.printing import (
    PrintRecord, default_issuer, estate_name_of, record_print_job, roll_scope_label, scope_homes,
)
from desktop_app.services.consult.registers import complaint_lines
from desktop_app.services.scope import Scope, scope_name

NO_STANCE = "未表态"
CONSULTATION_TEMPLATES = {"opinion_form": "征求意见表", "opinion_summary": "意见汇总", "complaint_ledger": "投诉台账"}
_STANCES = "SELECT o.stance, count(*) FROM ({latest}) latest JOIN opinion o ON o.id = latest.id GROUP BY o.stance"


def scope_text(scope: Scope) -> str:
    """"幸福里小区", "幸福里小区3号楼", "幸福里小区3号楼1单元", or the street's / community's name; "全部"."""
    if scope.level.within_estate:
        return estate_name_of(scope) + roll_scope_label(scope)
    return scope_name(scope)


def catalogue_groups() -> tuple[CatalogueGroup, ...]:
    """The catalogue's shown items by category, in catalogue order."""
    entries = catalogue()
    code_of = dict(zip((entry.name for entry in entries), entry_codes(entries)))
    groups = []
    for category in CATEGORIES:
        names = tuple(entry.name for entry in entries if entry.category == category)
        if names:
            groups.append(CatalogueGroup(category, names, tuple(code_of[name] for name in names)))
    return tuple(groups)


def opinion_forms_data(scope: Scope, *, title: str = OPINION_FORM_TITLE, issuer: str | None = None,
                       return_by: date | None = None) -> list[OpinionForm]:
    """One pre-filled 征求意见表 per room of the scope, in roll order."""
    groups = catalogue_groups()
    issuer = default_issuer(scope) if issuer is None else issuer
    return [OpinionForm(estate_name=room.estate, home=row, catalogue=groups, title=title, community=room.community,
                        serial=f"{room.building}-{room.unit or 0}-{room.room}", issuer=issuer, return_by=return_by)
            for room, row in scope_homes(scope)]


def stance_counts(scope: Scope, start: date | None = None, end: date | None = None) -> tuple[tuple[str, int], ...]:
    """Households by their latest view of the plan in the period: 支持, 有意见, 反对, 未表态 (all four, zeros kept)."""
    latest, params = latest_opinions(scope, start, end)
    found = dict(db.execute_sql(_STANCES.format(latest=latest), params).fetchall())
    return tuple((stance, found.get(stance, 0)) for stance in STANCES) + ((NO_STANCE, found.get("", 0)),)


def opinion_summary_data(scope: Scope, start: date | None = None, end: date | None = None, *,
                         issuer: str | None = None, issued_on: date | None = None) -> OpinionSummaryData:
    """The 意见汇总 of a scope and period (counts only)."""
    summary = demand_summary(scope, start, end)
    name = scope_text(scope)
    return OpinionSummaryData(
        title=f"{name}改造意见汇总" if scope.level is not ScopeLevel.ALL else "老旧小区改造意见汇总", scope_label=name,
        rooms=summary.rooms, reached=summary.reached,
        items=tuple(DemandLine(item.name, item.category, item.households) for item in summary.items),
        stances=stance_counts(scope, start, end), start=start, end=end,
        issuer=default_issuer(scope) if issuer is None else issuer, issued_on=issued_on)


def complaint_ledger_data(scope: Scope, start: date | None = None, end: date | None = None, *,
                          category: str | None = None, today: date) -> ComplaintLedgerData:
    """The 投诉台账 of a scope and period, overdue judged on `today`."""
    name = scope_text(scope)
    return ComplaintLedgerData(
        title=f"{name}投诉台账" if scope.level is not ScopeLevel.ALL else "投诉台账", scope_label=name,
        rows=tuple(complaint_lines(scope, start, end, category=category, today=today)), today=today,
        start=start, end=end, issuer=default_issuer(scope))


def record_consultation_print(template: str, title: str, scope: Scope, *, file_path: str, page_count: int,
                              output: str = "pdf", period_start: date | None = None,
                              period_end: date | None = None) -> PrintRecord:
    """Put a produced consultation document in the print history."""
    if template not in CONSULTATION_TEMPLATES:
        raise ValueError(f"unknown consultation template {template!r}")
    return record_print_job(template, title, scope, output=output, file_path=file_path, page_count=page_count,
                            period_start=period_start, period_end=period_end)
