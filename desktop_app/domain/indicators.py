"""The district's renovation indicators (domain.md section 6), each defined once, from plain records.

The caller hands in every project record it knows (with its estates, items and funds) and the roll's
counts per estate; this module decides which projects are in scope and computes every figure as it stood
on the as-of date, keeping the ids behind each one so that a screen can open the records.

Definitions (binding; the README repeats them for the district):
- In scope: projects whose plan year lies in the chosen range and that cover at least one estate of the
  chosen level (the whole database: every estate). A 片区 project covering several estates counts once.
- 改造小区数: distinct estates of the chosen level covered by those projects. 楼栋数 / 户数: per estate from
  the roll (buildings and rooms) where the estate has rooms in the roll, otherwise the counts declared in the
  plan: the estate's own declared counts from the newest project in scope that declares them; for a 片区
  project that declared one total for all its estates, that total once for its estates without a roll, when
  the chosen level holds every estate of the project (a total cannot be split; otherwise they have no count).
- 改造内容类别占比: the items of those projects by category, each count over all items; the same weighted
  by planned investment (fen).
- 资金支付进度: Σ paid ÷ Σ allocated (下达) over every funding source of those projects, and per source.
  Paid as of the day: payments dated on or before it, plus undated amounts taken from a plan file.
- 未按期完工: among projects whose planned completion is on or before the as-of date, those with no actual
  completion on or before it, or one later than planned.
- 未开工: among projects whose planned start is on or before the as-of date, those with no actual start on
  or before it.
Percentages are exact fractions of integer counts and sums, rounded half up to two decimals when
written; a zero base gives no figure (None), never 0%.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import AbstractSet

from desktop_app.domain.catalogue import CATEGORIES
from desktop_app.domain.projects import FUND_SOURCES, Schedule, completion_due, late, not_started, start_due
from desktop_app.domain.ratios import percent_number, share


@dataclass(frozen=True, slots=True)
class EstateCover:
    """One estate a project covers, with the counts the plan declared for it (None: not declared)."""

    estate_id: int
    declared_buildings: int | None = None
    declared_households: int | None = None


@dataclass(frozen=True, slots=True)
class ProjectFacts:
    id: int
    plan_year: int
    estates: tuple[EstateCover, ...]
    schedule: Schedule = Schedule()
    # a 片区 project's one declared total for all its estates (None: declared per estate, or not at all)
    declared_buildings: int | None = None
    declared_households: int | None = None
    code: str = ""


@dataclass(frozen=True, slots=True)
class ItemFacts:
    id: int
    project_id: int
    category: str
    planned_fen: int = 0


@dataclass(frozen=True, slots=True)
class FundFacts:
    id: int
    project_id: int
    source: str
    planned_fen: int
    allocated_fen: int
    payments: tuple[tuple[date | None, int], ...] = ()  # (paid on, amount); None: undated, from a plan file

    def paid_on(self, day: date) -> int:
        return sum(amount for paid_on, amount in self.payments if paid_on is None or paid_on <= day)


@dataclass(frozen=True, slots=True)
class RollCount:
    buildings: int
    households: int


@dataclass(frozen=True, slots=True)
class Ratio:
    """A figure with its numerator and denominator; `pct` is "78.50" or None over a zero base."""

    numerator: int
    denominator: int

    @property
    def share(self) -> Fraction | None:
        return share(self.numerator, self.denominator)

    @property
    def pct(self) -> str | None:
        return percent_number(self.share)


@dataclass(frozen=True, slots=True)
class Money:
    planned: int = 0
    allocated: int = 0
    paid: int = 0
    fund_ids: tuple[int, ...] = ()

    @property
    def progress(self) -> Ratio:
        return Ratio(self.paid, self.allocated)


@dataclass(frozen=True, slots=True)
class Flagged:
    """Projects due by the as-of date (`due`) and those of them that are flagged (`flagged`)."""

    due: tuple[int, ...]
    flagged: tuple[int, ...]

    @property
    def ratio(self) -> Ratio:
        return Ratio(len(self.flagged), len(self.due))


@dataclass(frozen=True)
class Indicators:
    as_of: date
    project_ids: tuple[int, ...]
    estate_ids: tuple[int, ...]
    buildings: int
    households: int
    estates_from_plan: tuple[int, ...]  # estates counted from declared figures (no roll)
    estates_without_counts: tuple[int, ...]  # neither a roll nor a declared count
    item_ids: Mapping[str, tuple[int, ...]]  # category -> item ids, every category
    investment: Mapping[str, int]  # category -> planned fen
    funds: Money
    funds_by_source: Mapping[str, Money]  # the sources that occur, in FUND_SOURCES order, then others
    late: Flagged
    not_started: Flagged
    project_years: Mapping[int, int] = field(default_factory=dict)  # project id -> plan year

    @property
    def projects(self) -> int:
        return len(self.project_ids)

    @property
    def estates(self) -> int:
        return len(self.estate_ids)

    @property
    def items(self) -> dict[str, int]:
        return {category: len(ids) for category, ids in self.item_ids.items()}

    @property
    def item_total(self) -> int:
        return sum(self.items.values())

    def item_ratio(self, category: str) -> Ratio:
        return Ratio(len(self.item_ids[category]), self.item_total)

    @property
    def investment_total(self) -> int:
        return sum(self.investment.values())

    def investment_ratio(self, category: str) -> Ratio:
        return Ratio(self.investment[category], self.investment_total)

    def late_by_year(self) -> list[tuple[int, int, int]]:
        """(plan year, projects due, late) for every year with a project due, in year order."""
        due = Counter(self.project_years[project] for project in self.late.due)
        flagged = Counter(self.project_years[project] for project in self.late.flagged)
        return [(year, due[year], flagged[year]) for year in sorted(due)]


def in_scope(project: ProjectFacts, scope_estates: AbstractSet[int] | None,
             years: tuple[int | None, int | None]) -> bool:
    first, last = years
    if first is not None and project.plan_year < first:
        return False
    if last is not None and project.plan_year > last:
        return False
    # a project must cover an estate even for the whole database (a project with none is in no scope)
    return any(scope_estates is None or cover.estate_id in scope_estates for cover in project.estates)


def _household_counts(projects: list[ProjectFacts], estate_ids: list[int], roll: Mapping[int, RollCount]
                      ) -> tuple[int, int, list[int], list[int]]:
    """(buildings, households, estates counted from the plan, estates with no count) of the estates."""
    newest_first = sorted(projects, key=lambda p: (p.plan_year, p.code, p.id), reverse=True)
    buildings = households = 0
    from_plan: list[int] = []
    uncounted: list[int] = []
    group_totals: set[int] = set()  # 片区 projects whose one declared total is taken
    covers: dict[int, list[tuple[ProjectFacts, EstateCover]]] = {}
    for project in newest_first:
        for cover in project.estates:
            covers.setdefault(cover.estate_id, []).append((project, cover))
    wanted = set(estate_ids)
    for estate_id in estate_ids:
        if estate_id in roll:
            buildings += roll[estate_id].buildings
            households += roll[estate_id].households
            continue
        covering = [project for project, _ in covers.get(estate_id, ())]
        own = next((c for _, c in covers.get(estate_id, ())
                    if c.declared_buildings is not None or c.declared_households is not None), None)
        if own is not None:
            buildings += own.declared_buildings or 0
            households += own.declared_households or 0
            from_plan.append(estate_id)
            continue
        group = next((p for p in covering
                      if p.declared_buildings is not None or p.declared_households is not None), None)
        if group is None:
            uncounted.append(estate_id)
            continue
        if not all(c.estate_id in wanted for c in group.estates):
            uncounted.append(estate_id)  # the total belongs to estates outside the scope too: it cannot be split
            continue
        from_plan.append(estate_id)
        if group.id not in group_totals:
            group_totals.add(group.id)
            buildings += group.declared_buildings or 0
            households += group.declared_households or 0
    return buildings, households, from_plan, uncounted


def _money(funds: Iterable[FundFacts], as_of: date) -> Money:
    funds = list(funds)
    return Money(planned=sum(f.planned_fen for f in funds), allocated=sum(f.allocated_fen for f in funds),
                 paid=sum(f.paid_on(as_of) for f in funds), fund_ids=tuple(f.id for f in funds))


def compute_indicators(projects: Iterable[ProjectFacts], items: Iterable[ItemFacts], funds: Iterable[FundFacts],
                       roll: Mapping[int, RollCount], *, as_of: date,
                       scope_estates: AbstractSet[int] | None = None,
                       years: tuple[int | None, int | None] = (None, None)) -> Indicators:
    """Every figure of section 6 for the projects of `scope_estates` (None: every estate) whose plan year
    lies in `years` (inclusive; None: open), as it stood on `as_of`. `roll` holds the estates that have
    rooms in the roll. Items and funds of other projects are ignored."""
    chosen = sorted((p for p in projects if in_scope(p, scope_estates, years)), key=lambda p: (p.plan_year, p.code, p.id))
    chosen_ids = {p.id for p in chosen}
    estate_ids = sorted({c.estate_id for p in chosen for c in p.estates
                         if scope_estates is None or c.estate_id in scope_estates})
    buildings, households, from_plan, uncounted = _household_counts(chosen, estate_ids, roll)
    item_ids: dict[str, list[int]] = {category: [] for category in CATEGORIES}
    investment = {category: 0 for category in CATEGORIES}
    for item in items:
        if item.project_id in chosen_ids:
            item_ids.setdefault(item.category, []).append(item.id)
            investment[item.category] = investment.get(item.category, 0) + item.planned_fen
    chosen_funds = [fund for fund in funds if fund.project_id in chosen_ids]
    order = {source: index for index, source in enumerate(FUND_SOURCES)}
    sources = sorted({fund.source for fund in chosen_funds}, key=lambda s: (order.get(s, len(order)), s))
    return Indicators(
        as_of=as_of,
        project_ids=tuple(p.id for p in chosen),
        estate_ids=tuple(estate_ids),
        buildings=buildings, households=households,
        estates_from_plan=tuple(from_plan), estates_without_counts=tuple(uncounted),
        item_ids={category: tuple(ids) for category, ids in item_ids.items()},
        investment=investment,
        funds=_money(chosen_funds, as_of),
        funds_by_source={source: _money((f for f in chosen_funds if f.source == source), as_of) for source in sources},
        late=Flagged(tuple(p.id for p in chosen if completion_due(p.schedule, as_of)),
                     tuple(p.id for p in chosen if late(p.schedule, as_of))),
        not_started=Flagged(tuple(p.id for p in chosen if start_due(p.schedule, as_of)),
                            tuple(p.id for p in chosen if not_started(p.schedule, as_of))),
        project_years={p.id: p.plan_year for p in chosen},
    )
