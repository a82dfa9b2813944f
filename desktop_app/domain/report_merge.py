"""Merging district reports (issue 11 item 2): the facts of several reports put together, each fact once.

The unit of a merge is the fact (`domain.district_report`): an estate (with its roll counts and votes), the
own counts of a place, a project by its code (with its estates, items and funds). A fact found in several
reports is taken from the report made last (its `Stamp`: made-at time, then installation; two copies with
the same stamp are told apart by their content, so the choice never depends on the order of the files).
Estates and places found in several reports are listed as duplicates, grouped by community; a project
found in several reports is expected (a 片区 project is in each community's report) and is not listed.

Figures are never added from the inputs' summaries, so no ratio is ever averaged: the merged summary is
computed again from the merged facts (`district_report.summary`), i.e. counts and sums add up over the
facts and every ratio is recomputed from them. Merging is associative and does not depend on the order of
the inputs, because choosing the newest copy of each fact is.

The reports merged must share the format version, the plan years and the as-of date (`mismatch`): figures
as they stood on different days do not add up to a figure of any day.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from desktop_app.domain.district_report import ESTATE, FORMAT_VERSION, EstateFacts, Meta, OwnCounts, Place, \
    Report, Stamp

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Estates (or places' own counts) of one community found in several inputs; `kept` is the input
    (index into the inputs) whose copy the merge took, `dropped` the others."""

    community: Place
    places: tuple[Place, ...]
    kept: int
    dropped: tuple[int, ...]


@dataclass(frozen=True)
class Merged:
    report: Report
    duplicates: tuple[Duplicate, ...]


def _newest(copies: Sequence[tuple[int, T]], stamp: Callable[[T], Stamp]) -> tuple[int, T]:
    return max(copies, key=lambda pair: (stamp(pair[1]), repr(pair[1])))


def _pick(reports: Sequence[Report], facts: Callable[[Report], Sequence[T]], key: Callable[[T], Hashable],
          stamp: Callable[[T], Stamp]) -> dict[Hashable, tuple[int, T, tuple[int, ...]]]:
    """key -> (input kept, its fact, every input holding the key)."""
    found: dict[Hashable, list[tuple[int, T]]] = {}
    for number, report in enumerate(reports):
        for fact in facts(report):
            found.setdefault(key(fact), []).append((number, fact))
    chosen = {}
    for fact_key, copies in found.items():
        number, fact = _newest(copies, stamp)
        chosen[fact_key] = (number, fact, tuple(sorted({n for n, _ in copies})))
    return chosen


def mismatch(first: Meta, other: Meta) -> str | None:
    """Why `other` cannot be merged with a report like `first` (Chinese), or None."""
    if other.version != FORMAT_VERSION:
        return f"报表格式版本为 {other.version}，本程序只能合并版本 {FORMAT_VERSION} 的报表"
    if other.years != first.years:
        return f"年度范围（{years_text(other.years)}）与其他报表（{years_text(first.years)}）不同"
    if other.as_of != first.as_of:
        return f"统计日期（{other.as_of.isoformat()}）与其他报表（{first.as_of.isoformat()}）不同"
    return None


def years_text(years: tuple[int | None, int | None]) -> str:
    first, last = years
    if first is None and last is None:
        return "全部年度"
    if first == last:
        return f"{first}年度"
    return f"{first if first is not None else '…'}–{last if last is not None else '…'}年度"


def merge(reports: Sequence[Report], meta: Meta) -> Merged:
    """The reports' facts, each once (the newest copy), under `meta` (the merged report's own data).
    ValueError when `reports` is empty or they do not match (check `mismatch` first)."""
    if not reports:
        raise ValueError("没有可合并的报表")
    for report in reports:
        problem = mismatch(meta, report.meta)
        if problem:
            raise ValueError(problem)
    estates = _pick(reports, lambda r: r.estates, lambda e: e.estate.key, lambda e: e.stamp)
    counts = _pick(reports, lambda r: r.counts, lambda c: (c.place.level, c.place.key), lambda c: c.stamp)
    projects = _pick(reports, lambda r: r.projects, lambda p: p.code, lambda p: p.stamp)
    merged = Report(
        meta=meta,
        estates=tuple(sorted((fact for _, fact, _ in estates.values()), key=_estate_order)),
        counts=tuple(sorted((fact for _, fact, _ in counts.values()), key=_count_order)),
        projects=tuple(sorted((fact for _, fact, _ in projects.values()), key=lambda p: p.code)))
    return Merged(merged, _duplicates(estates, counts))


def _estate_order(estate: EstateFacts) -> tuple[str, ...]:
    return (*estate.path, estate.estate.name)


def _count_order(row: OwnCounts) -> tuple[object, ...]:
    return (row.path, row.place.level, row.place.key)


def _duplicates(estates: dict[Hashable, tuple[int, EstateFacts, tuple[int, ...]]],
                counts: dict[Hashable, tuple[int, OwnCounts, tuple[int, ...]]]) -> tuple[Duplicate, ...]:
    """Estates held by several inputs, and the own counts of a community, street or the root held by several
    (an estate's own counts go with the estate), grouped by community and by which input was kept."""
    found: list[tuple[Place, Place, int, tuple[int, ...]]] = []
    for kept, estate, holders in estates.values():
        if len(holders) > 1:
            found.append((estate.community, estate.estate, kept, holders))
    for kept, row, holders in counts.values():
        if len(holders) > 1 and row.place.level != ESTATE:
            found.append((row.place, row.place, kept, holders))
    groups: dict[tuple[str, int, tuple[int, ...]], tuple[Place, list[Place]]] = {}
    for community, place, kept, holders in found:
        dropped = tuple(n for n in holders if n != kept)
        _, places = groups.setdefault((community.key, kept, dropped), (community, []))
        if place not in places:
            places.append(place)
    return tuple(Duplicate(community, tuple(places), kept, dropped)
                 for (_, kept, dropped), (community, places) in sorted(groups.items(), key=lambda g: g[0]))
