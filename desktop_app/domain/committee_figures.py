"""The district's committee figures (domain.md §6) from plain rows, as they stood on an as-of date.

Definitions (one estate counts once in each figure it meets):
* estates: the estates of the chosen scope;
* owners_committee: estates with a 业主委员会 case whose election is on or before the as-of date and whose
  term (when recorded) has not ended before it;
* self_management: the same for a 自管会 or 物业管理委员会;
* property_service: estates whose management mode on the as-of date is 物业公司;
* none: estates with neither kind of committee and whose mode on the as-of date is 无 or not recorded;
* overdue_cases: cases with at least one clock overdue on the as-of date.
Percentages are over `estates` (exact fractions, no figure over zero estates).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from desktop_app.domain.committee import NO_MODE, OWNERS_COMMITTEE, PROPERTY_COMPANY
from desktop_app.domain.ratios import share


@dataclass(frozen=True)
class CaseRow:
    estate_id: int
    path: str
    election: date | None
    term_end: date | None
    overdue: bool  # a clock overdue on the as-of date (computed by the caller with committee.case_clocks)


@dataclass(frozen=True)
class ModeRow:
    estate_id: int
    mode: str
    from_on: date | None
    to_on: date | None


@dataclass(frozen=True)
class CommitteeFigures:
    estates: int
    owners_committee: int
    self_management: int
    property_service: int
    none: int
    overdue_cases: int

    def pct(self, count: int) -> Fraction | None:
        return share(count, self.estates)


def mode_on(rows: Iterable[ModeRow], estate_id: int, as_of: date) -> str | None:
    """The estate's mode on `as_of`: the latest-starting period covering it (None: not recorded)."""
    covering = [row for row in rows if row.estate_id == estate_id
                and (row.from_on is None or row.from_on <= as_of) and (row.to_on is None or row.to_on >= as_of)]
    if not covering:
        return None
    return max(covering, key=lambda row: row.from_on or date.min).mode


def committee_figures(estate_ids: Iterable[int], cases: Iterable[CaseRow], modes: Iterable[ModeRow],
                      as_of: date) -> CommitteeFigures:
    estates = frozenset(estate_ids)
    case_rows = [case for case in cases if case.estate_id in estates]
    mode_rows = [row for row in modes if row.estate_id in estates]

    def sitting(case: CaseRow) -> bool:
        return case.election is not None and case.election <= as_of \
            and (case.term_end is None or case.term_end >= as_of)

    owners = {case.estate_id for case in case_rows if case.path == OWNERS_COMMITTEE and sitting(case)}
    others = {case.estate_id for case in case_rows if case.path != OWNERS_COMMITTEE and sitting(case)}
    mode_of = {estate: mode_on(mode_rows, estate, as_of) for estate in estates}
    service = {estate for estate, mode in mode_of.items() if mode == PROPERTY_COMPANY}
    none = {estate for estate, mode in mode_of.items()
            if mode in (None, NO_MODE) and estate not in owners and estate not in others}
    return CommitteeFigures(len(estates), len(owners), len(others), len(service), len(none),
                            sum(1 for case in case_rows if case.overdue))
