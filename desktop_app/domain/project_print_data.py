"""Plain data of the printed 项目进度表 and 资金支付进度表 (issue 10), and the sums they print.

The documents layer lays these out; services gather them from the database. Money is integer fen and
every total is an exact integer sum: per funding source (in the order of domain.projects.FUND_SOURCES)
and overall. A fund's progress is paid ÷ allocated, no figure over nothing allocated. No ID numbers or
phone numbers are part of these records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from desktop_app.domain.dates_text import date_text
from desktop_app.domain.projects import FUND_SOURCES, LATE_COMPLETION, LATE_START, STATES
from desktop_app.domain.ratios import share

PROJECT_PROGRESS = "改造项目进度表"
FUND_PROGRESS = "资金支付进度表"
Years = tuple[int | None, int | None]


def years_label(years: Years) -> str:
    """(None, None) -> "全部年度"; (2024, 2024) -> "2024年度"; (2024, 2026) -> "2024—2026年度"."""
    first, last = years
    if first is None and last is None:
        return "全部年度"
    if first == last:
        return f"{first}年度"
    if first is None:
        return f"{last}年度及以前"
    if last is None:
        return f"{first}年度及以后"
    return f"{first}—{last}年度"


def document_title(place: str, kind: str) -> str:
    """"东湖街道老旧小区改造项目进度表"; the whole database has no place name."""
    return f"{place}老旧小区{kind}"


@dataclass(frozen=True)
class Heading:
    """What every page of both tables says about itself."""

    title: str
    scope_label: str  # "东湖街道 › 杜鹃社区"
    years: Years
    as_of: date

    @property
    def line(self) -> str:
        return (f"统计范围：{self.scope_label}　计划年度：{years_label(self.years)}　"
                f"统计日期：{date_text(self.as_of)}")


@dataclass(frozen=True)
class ProgressLine:
    code: str
    name: str
    plan_year: int
    estates: str
    planned_start: date | None
    actual_start: date | None
    planned_end: date | None
    actual_end: date | None
    state: str  # domain.projects.STATES on the as-of date
    marks: tuple[str, ...]  # 逾期未开工 / 未按期完工 on the as-of date
    contractor: str


@dataclass(frozen=True)
class ProjectProgressData:
    heading: Heading
    rows: tuple[ProgressLine, ...]

    def state_counts(self) -> list[tuple[str, int]]:
        return [(state, sum(1 for row in self.rows if row.state == state)) for state in STATES]

    def mark_counts(self) -> list[tuple[str, int]]:
        return [(mark, sum(1 for row in self.rows if mark in row.marks)) for mark in (LATE_START, LATE_COMPLETION)]


@dataclass(frozen=True)
class FundLine:
    code: str
    name: str
    plan_year: int
    source: str
    planned_fen: int
    allocated_fen: int
    paid_fen: int  # as of the as-of date

    @property
    def progress(self) -> Fraction | None:
        return share(self.paid_fen, self.allocated_fen)


@dataclass(frozen=True)
class FundTotal:
    source: str  # "" for all sources together
    planned_fen: int
    allocated_fen: int
    paid_fen: int

    @property
    def progress(self) -> Fraction | None:
        return share(self.paid_fen, self.allocated_fen)


def source_order(source: str) -> tuple[int, str]:
    return (FUND_SOURCES.index(source) if source in FUND_SOURCES else len(FUND_SOURCES), source)


def sorted_fund_lines(lines: Iterable[FundLine]) -> tuple[FundLine, ...]:
    """By plan year, project code, then source in the order of FUND_SOURCES."""
    return tuple(sorted(lines, key=lambda line: (line.plan_year, line.code, source_order(line.source))))


def _total(source: str, lines: list[FundLine]) -> FundTotal:
    return FundTotal(source, sum(line.planned_fen for line in lines), sum(line.allocated_fen for line in lines),
                     sum(line.paid_fen for line in lines))


@dataclass(frozen=True)
class FundProgressData:
    heading: Heading
    rows: tuple[FundLine, ...]

    @property
    def projects(self) -> int:
        return len({row.code for row in self.rows})

    def source_totals(self) -> list[FundTotal]:
        """One total per source that occurs, in the order of FUND_SOURCES."""
        sources = sorted({row.source for row in self.rows}, key=source_order)
        return [_total(source, [row for row in self.rows if row.source == source]) for source in sources]

    def total(self) -> FundTotal:
        return _total("", list(self.rows))
