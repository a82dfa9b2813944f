"""Per estate of a scope, as it stood on a date: its management mode, its committee cases' path, stage and
overdue clocks (what the 业委会 page lists, estates with no managing body first)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.committee import NO_MODE, OVERDUE, case_clocks, stage_of
from desktop_app.domain.committee_figures import ModeRow, mode_on
from desktop_app.models import Estate
from desktop_app.models.committee_tables import EstateManagement
from desktop_app.services.committee.clocks import counting
from desktop_app.services.committee.records import list_cases
from desktop_app.services.scope import Scope, estate_ids


@dataclass(frozen=True)
class EstateStatus:
    estate_id: int
    estate_name: str
    mode: str | None  # on the date; None: not recorded
    company: str
    case_id: int | None  # the latest case
    path: str
    stage: str | None
    overdue: int  # overdue clocks of the latest case

    @property
    def no_managing_body(self) -> bool:
        """No committee elected and no management (mode 无 or not recorded)."""
        elected = self.stage in ("选举", "首次会议", "备案")
        return not elected and self.mode in (None, NO_MODE)


def estate_overview(scope: Scope, today: date) -> list[EstateStatus]:
    """The scope's estates, those with no managing body first, then by name."""
    found = estate_ids(scope)
    wanted = None if found is None else set(found)
    estates = [estate for estate in Estate.select(Estate.id, Estate.name) if wanted is None or estate.id in wanted]
    ids = [estate.id for estate in estates]
    rows = list(EstateManagement.select().where(EstateManagement.estate.in_(ids)))
    modes = [ModeRow(r.estate_id, r.mode, _day(r.from_on), _day(r.to_on)) for r in rows]
    latest = {case.estate_id: case for case in list_cases(ids)}  # list_cases orders by estate then id
    table, kinds = counting()
    result = []
    for estate in estates:
        mode = mode_on(modes, estate.id, today)
        company = next((r.company for r in sorted(rows, key=lambda r: r.from_on or "", reverse=True)
                        if r.estate_id == estate.id and r.mode == mode and mode), "")
        case = latest.get(estate.id)
        if case is None:
            result.append(EstateStatus(estate.id, estate.name, mode, company, None, "", None, 0))
            continue
        clocks = case_clocks(case.dates, today, table, kinds, case.path)
        result.append(EstateStatus(estate.id, estate.name, mode, company, case.id, case.path,
                                   stage_of(case.dates.as_of(today)), sum(c.state == OVERDUE for c in clocks)))
    return sorted(result, key=lambda status: (not status.no_managing_body, status.estate_name))


def _day(text: str | None) -> date | None:
    return None if not text else date.fromisoformat(text)
