"""The clocks of committee cases: each case's, and across estates what is due in the next days or overdue.

Every clock is counted by `domain.day_count` on the holiday table of `services.calendar`, each in the way
its setting says (`clock.<name>.working`; the term's end is a date, not a count)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.committee import CLOCK_RULES, Clock, case_clocks, due_within
from desktop_app.domain.day_count import HolidayTable
from desktop_app.services.committee.records import CaseSummary, case_summary, list_cases
from desktop_app.services.scope import Scope, estate_ids


def counting() -> tuple[HolidayTable, dict[str, bool]]:
    """The holiday table and, per clock, True when it is counted in working days."""
    from desktop_app.services.calendar import clock_kind, holiday_table

    return holiday_table(), {name: clock_kind(name) for name in CLOCK_RULES}


def clocks_of(case_id: int, today: date, *, table: HolidayTable | None = None,
              kinds: Mapping[str, bool] | None = None) -> list[Clock]:
    """The case's clocks on `today` (done, late, due in N days, overdue by N days)."""
    if table is None:
        table, kinds = counting()
    summary = case_summary(case_id)
    return case_clocks(summary.dates, today, table, kinds, summary.path)


@dataclass(frozen=True)
class DueClock:
    """One clock of the due list, with its case."""

    case: CaseSummary
    clock: Clock


def due_list(scope: Scope, today: date, within_days: int = 14, *, table: HolidayTable | None = None,
             kinds: Mapping[str, bool] | None = None) -> list[DueClock]:
    """Across the scope's estates: the overdue clocks (most overdue first), then those due in the next
    `within_days` days (soonest first)."""
    if table is None:
        table, kinds = counting()
    found = []
    for case in list_cases(estate_ids(scope)):
        for clock in due_within(case_clocks(case.dates, today, table, kinds, case.path), within_days):
            found.append(DueClock(case, clock))
    return sorted(found, key=lambda due: (due.clock.due.end, due.case.estate_name, due.case.id))
