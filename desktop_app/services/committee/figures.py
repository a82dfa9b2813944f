"""The committee figures of a scope as they stood on an as-of date (domain.committee_figures), or None when
no committee records exist at all (the indicators then leave them out)."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.committee import OVERDUE, case_clocks
from desktop_app.domain.committee_figures import CaseRow, CommitteeFigures, ModeRow, committee_figures
from desktop_app.models import Estate
from desktop_app.models.committee_tables import CommitteeCase, EstateManagement
from desktop_app.services.committee.clocks import counting
from desktop_app.services.committee.records import list_cases
from desktop_app.services.scope import Scope, estate_ids


def has_committee_records() -> bool:
    return CommitteeCase.select().exists() or EstateManagement.select().exists()


def scope_committee_figures(scope: Scope, as_of: date) -> CommitteeFigures | None:
    """Estates with an owners' committee, a self-management committee, property service, none; overdue cases."""
    if not has_committee_records():
        return None
    found = estate_ids(scope)
    estates = [estate.id for estate in Estate.select(Estate.id)] if found is None else found
    table, kinds = counting()
    cases = []
    for case in list_cases(estates):
        if case.dates.request is not None and case.dates.request > as_of:
            continue
        clocks = case_clocks(case.dates, as_of, table, kinds, case.path)
        dates = case.dates.as_of(as_of)
        cases.append(CaseRow(case.estate_id, case.path, dates.election, dates.term_end,
                             any(clock.state == OVERDUE for clock in clocks)))
    modes = [ModeRow(row.estate_id, row.mode, _day(row.from_on), _day(row.to_on))
             for row in EstateManagement.select().where(EstateManagement.estate.in_(estates))]
    return committee_figures(estates, cases, modes, as_of)


def _day(text: str | None) -> date | None:
    return None if not text else date.fromisoformat(text)
