"""The district report as plain values (issue 11 item 1), and its summary computed from them.

A report does not carry its figures as the truth: it carries the facts behind them, at the grain at which
they add up without counting anything twice, and the summary (汇总) is computed from those facts by the
same functions as the 首页 and `desktop-app indicators` (`domain.indicators.compute_indicators`):
- estates (小区): place in the tree (street, community), the roll's buildings and rooms, the closed votes;
- projects (项目) by their district code, each with the estates it covers (and the counts the plan declared
  for them), its items and its funds (paid as of the as-of date). A 片区 project covering estates of two
  communities is in both communities' reports, once each, under the same code: a merge keeps one copy.
- own counts (征求意见 / 投诉) of each place: the consultations held and complaints received at that place
  itself (an estate, or a community or street for those recorded at that level), and for an estate its
  rooms and the households that gave an opinion. These add up: each record is counted at one place.
So the figures of any place are the figures of the facts under it, and the report of several communities
merged (`domain.report_merge`) has the same figures as the report of the same communities written at once.
Consultations or complaints recorded at the street level are facts of the street: they are in a street's
report, never in a community's, so they are not in a merge of community reports either.

Every fact carries the `Stamp` of the report that made it (made-at time, installation), which a merge uses
to keep the newer of two copies, and which travels on into merged reports so that merging is associative.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from desktop_app.domain.complaints import CATEGORIES as COMPLAINT_CATEGORIES, CONSTRUCTION_AND_QUALITY
from desktop_app.domain.indicators import EstateCover, FundFacts, Indicators, ItemFacts, ProjectFacts, RollCount, \
    compute_indicators
from desktop_app.domain.opinions import KINDS
from desktop_app.domain.projects import Schedule
from desktop_app.domain.ratios import share

FORMAT_VERSION = 1
REPORT_KIND = "区级报表"

STREET, COMMUNITY, ESTATE, TOTAL = "街道", "社区", "小区", "合计"
LEVELS = (STREET, COMMUNITY, ESTATE)
ROOT_KEY = "全部"  # the place of records an ALL report holds that belong to no estate (a complaint without one)


@dataclass(frozen=True, order=True, slots=True)
class Stamp:
    """When and where the report that holds a fact was made; the later one wins a duplicate."""

    made_at: str  # yyyy-mm-dd HH:MM:SS
    installation: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    """A street, community or estate: its key (the district code, or `uid:` and its uid when it has none)."""

    level: str
    key: str
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class VoteItemResult:
    name: str
    participating_area: int  # hundredths of a m²
    participating_heads: int
    agree_area: int
    agree_heads: int
    oppose_area: int
    oppose_heads: int
    abstain_area: int
    abstain_heads: int
    quorate: bool
    passed: bool


@dataclass(frozen=True, slots=True)
class VoteResult:
    title: str
    matter: int
    rule: str
    closes_on: date
    total_area: int
    total_heads: int
    items: tuple[VoteItemResult, ...]


@dataclass(frozen=True, slots=True)
class EstateFacts:
    estate: Place
    community: Place
    street: Place
    buildings: int  # roll buildings with rooms (0: no roll)
    rooms: int  # roll rooms (0: no roll)
    votes: tuple[VoteResult, ...] = ()
    stamp: Stamp = Stamp("")

    @property
    def path(self) -> tuple[str, str, str]:
        return (self.street.key, self.community.key, self.estate.key)


@dataclass(frozen=True, slots=True)
class OwnCounts:
    """Consultations and complaints recorded at one place itself; rooms and reached only for an estate."""

    place: Place
    path: tuple[str, ...]  # keys from the street down to the place; () for the root
    events: tuple[int, ...] = (0,) * len(KINDS)  # per KINDS
    complaints: tuple[int, ...] = (0,) * len(COMPLAINT_CATEGORIES)  # per complaints.CATEGORIES
    overdue_open: int = 0
    closed_late: int = 0
    closed: int = 0
    close_days: int = 0
    rooms: int = 0
    reached: int = 0
    stamp: Stamp = Stamp("")

    def is_empty(self) -> bool:
        return not (any(self.events) or any(self.complaints) or self.rooms or self.reached)


@dataclass(frozen=True, slots=True)
class Cover:
    estate: Place
    declared_buildings: int | None = None
    declared_households: int | None = None


@dataclass(frozen=True, slots=True)
class Item:
    name: str
    category: str
    planned_fen: int


@dataclass(frozen=True, slots=True)
class Fund:
    source: str
    planned_fen: int
    allocated_fen: int
    paid_fen: int  # paid as of the report's as-of date


@dataclass(frozen=True, slots=True)
class Project:
    code: str
    name: str
    plan_year: int
    schedule: Schedule
    covers: tuple[Cover, ...]
    items: tuple[Item, ...] = ()
    funds: tuple[Fund, ...] = ()
    declared_buildings: int | None = None
    declared_households: int | None = None
    stamp: Stamp = Stamp("")


@dataclass(frozen=True, slots=True)
class Meta:
    made_at: str
    operator: str
    installation_id: str
    installation_name: str
    scope: str  # the scope's label, or the merged reports' labels
    years: tuple[int | None, int | None]
    as_of: date
    version: int = FORMAT_VERSION
    inputs: tuple[str, ...] = ()  # a merged report: one line per input report


@dataclass(frozen=True)
class Report:
    meta: Meta
    estates: tuple[EstateFacts, ...]
    counts: tuple[OwnCounts, ...]
    projects: tuple[Project, ...]


@dataclass(frozen=True)
class CountTotals:
    """The own counts of a place and every place under it, added up."""

    events: tuple[int, ...]
    complaints: tuple[int, ...]
    overdue_open: int
    closed_late: int
    closed: int
    close_days: int
    rooms: int
    reached: int

    @property
    def consultations(self) -> int:
        return sum(self.events)

    @property
    def complaint_total(self) -> int:
        return sum(self.complaints)

    @property
    def construction_quality(self) -> int:
        return sum(n for c, n in zip(COMPLAINT_CATEGORIES, self.complaints) if c in CONSTRUCTION_AND_QUALITY)

    @property
    def reach_share(self) -> Fraction | None:
        return share(self.reached, self.rooms)

    @property
    def construction_quality_share(self) -> Fraction | None:
        return share(self.construction_quality, self.complaint_total)

    @property
    def average_close_days(self) -> Fraction | None:
        return share(self.close_days, self.closed)


@dataclass(frozen=True)
class SummaryRow:
    level: str  # 合计, 街道, 社区, 小区
    place: Place
    parents: tuple[Place, ...]  # street (and community) above it
    projects: Indicators
    counts: CountTotals


@dataclass
class _Index:
    """Integer ids for the plain records `compute_indicators` takes."""

    estate_ids: dict[str, int] = field(default_factory=dict)

    def estate(self, key: str) -> int:
        return self.estate_ids.setdefault(key, len(self.estate_ids) + 1)


def _facts(projects: Sequence[Project], index: _Index
           ) -> tuple[list[ProjectFacts], list[ItemFacts], list[FundFacts]]:
    facts: list[ProjectFacts] = []
    items: list[ItemFacts] = []
    funds: list[FundFacts] = []
    for number, project in enumerate(projects, start=1):
        facts.append(ProjectFacts(
            id=number, plan_year=project.plan_year, code=project.code, schedule=project.schedule,
            estates=tuple(EstateCover(index.estate(c.estate.key), c.declared_buildings, c.declared_households)
                          for c in project.covers),
            declared_buildings=project.declared_buildings, declared_households=project.declared_households))
        for item in project.items:
            items.append(ItemFacts(len(items) + 1, number, item.category, item.planned_fen))
        for fund in project.funds:
            funds.append(FundFacts(len(funds) + 1, number, fund.source, fund.planned_fen, fund.allocated_fen,
                                   ((None, fund.paid_fen),)))
    return facts, items, funds


def _add(counts: Iterable[OwnCounts]) -> CountTotals:
    events = [0] * len(KINDS)
    complaints = [0] * len(COMPLAINT_CATEGORIES)
    overdue_open = closed_late = closed = close_days = rooms = reached = 0
    for row in counts:
        events = [a + b for a, b in zip(events, row.events)]
        complaints = [a + b for a, b in zip(complaints, row.complaints)]
        overdue_open += row.overdue_open
        closed_late += row.closed_late
        closed += row.closed
        close_days += row.close_days
        rooms += row.rooms
        reached += row.reached
    return CountTotals(tuple(events), tuple(complaints), overdue_open, closed_late, closed, close_days, rooms, reached)


def _sort_key(place: Place) -> tuple[str, str]:
    return (place.code or "\uffff", place.name)


def summary(report: Report, total_place: Place | None = None) -> list[SummaryRow]:
    """The 合计 row, then each street with its communities and their estates (by code, then name), each row
    computed from the facts under that place."""
    as_of = report.meta.as_of
    index = _Index()
    projects = sorted(report.projects, key=lambda p: p.code)
    facts, items, funds = _facts(projects, index)
    by_estate: dict[int, list[int]] = defaultdict(list)  # estate id -> positions of the projects covering it
    for position, project in enumerate(facts):
        for cover in project.estates:
            by_estate[cover.estate_id].append(position)
    items_of: dict[int, list[ItemFacts]] = defaultdict(list)
    for item in items:
        items_of[item.project_id].append(item)
    funds_of: dict[int, list[FundFacts]] = defaultdict(list)
    for fund in funds:
        funds_of[fund.project_id].append(fund)
    roll = {index.estate(e.estate.key): RollCount(e.buildings, e.rooms) for e in report.estates if e.rooms}

    def indicators(estate_keys: Iterable[str]) -> Indicators:
        wanted = {index.estate(key) for key in estate_keys}
        positions = sorted({p for estate in wanted for p in by_estate.get(estate, ())})
        chosen = [facts[p] for p in positions]
        return compute_indicators(
            chosen, (i for p in chosen for i in items_of[p.id]), (f for p in chosen for f in funds_of[p.id]),
            roll, as_of=as_of, scope_estates=wanted)

    def totals(path: tuple[str, ...]) -> CountTotals:
        depth = len(path)
        return _add(c for c in report.counts if c.path[:depth] == path)

    streets: dict[str, Place] = {}
    communities: dict[str, tuple[Place, Place]] = {}
    estates_under: dict[str, list[str]] = defaultdict(list)
    for estate in report.estates:
        streets.setdefault(estate.street.key, estate.street)
        communities.setdefault(estate.community.key, (estate.community, estate.street))
        estates_under[estate.street.key].append(estate.estate.key)
        estates_under[estate.community.key].append(estate.estate.key)
    for row in report.counts:  # a place known only from its own counts
        if row.place.level == STREET:
            streets.setdefault(row.place.key, row.place)
    all_keys = [e.estate.key for e in report.estates]
    total = total_place or Place(TOTAL, ROOT_KEY, "", report.meta.scope)
    rows = [SummaryRow(TOTAL, total, (), indicators(all_keys), totals(()))]
    for street in sorted(streets.values(), key=_sort_key):
        rows.append(SummaryRow(STREET, street, (), indicators(estates_under[street.key]), totals((street.key,))))
        for community, _ in sorted((c for c in communities.values() if c[1].key == street.key),
                                   key=lambda pair: _sort_key(pair[0])):
            rows.append(SummaryRow(COMMUNITY, community, (street,), indicators(estates_under[community.key]),
                                   totals((street.key, community.key))))
            for estate in sorted((e for e in report.estates if e.community.key == community.key),
                                 key=lambda e: _sort_key(e.estate)):
                rows.append(SummaryRow(ESTATE, estate.estate, (street, community), indicators([estate.estate.key]),
                                       totals(estate.path)))
    return rows
