"""Merging district reports: the newest copy of each fact, duplicates listed, and the merged summary equal to
the summary of the union (hypothesis: any split of a report by community merges back to it, in any order
and any grouping)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

from desktop_app.domain.district_report import COMMUNITY, ESTATE, STREET, Cover, EstateFacts, Fund, Item, Meta, \
    OwnCounts, Place, Project, Report, Stamp, summary
from desktop_app.domain.projects import Schedule
from desktop_app.domain.report_merge import merge, mismatch

AS_OF = date(2024, 12, 31)
STREETS = [Place(STREET, f"S{n}", f"S{n}", f"街道{n}") for n in range(2)]
COMMUNITIES = [(Place(COMMUNITY, f"C{n}", f"C{n}", f"社区{n}"), STREETS[n % 2]) for n in range(3)]
ESTATES = [(Place(ESTATE, f"E{n}", f"E{n}", f"小区{n}"), *COMMUNITIES[n % 3]) for n in range(6)]


def meta(made_at: str = "2025-01-01 00:00:00", **changes) -> Meta:
    values = dict(made_at=made_at, operator="甲", installation_id="i", installation_name="n", scope="范围",
                  years=(2024, 2024), as_of=AS_OF)
    values.update(changes)
    return Meta(**values)  # type: ignore[arg-type]


def fact_set(report: Report) -> tuple:
    return (set(report.estates), set(report.counts), set(report.projects))


days = st.one_of(st.none(), st.dates(date(2024, 1, 1), date(2025, 6, 30)))


@st.composite
def projects(draw, stamp: Stamp) -> list[Project]:
    found = []
    for number in range(draw(st.integers(0, 5))):
        covers = draw(st.lists(st.sampled_from(range(6)), min_size=1, max_size=3, unique=True))
        found.append(Project(
            code=f"P{number}", name=f"项目{number}", plan_year=2024,
            schedule=Schedule(draw(days), draw(days), draw(days), draw(days)),
            covers=tuple(Cover(ESTATES[e][0], draw(st.none() | st.integers(0, 9)), draw(st.none() | st.integers(0, 99)))
                         for e in covers),
            items=tuple(Item(f"内容{i}", draw(st.sampled_from(["基础类", "完善类", "提升类"])), draw(st.integers(0, 10 ** 6)))
                        for i in range(draw(st.integers(0, 3)))),
            funds=tuple(Fund(source, draw(st.integers(0, 10 ** 6)), allocated, draw(st.integers(0, allocated)))
                        for source, allocated in [(s, draw(st.integers(0, 10 ** 6)))
                                                  for s in draw(st.lists(st.sampled_from(["中央财政补助", "社会资本"]),
                                                                         unique=True))]),
            declared_buildings=draw(st.none() | st.integers(0, 9)), declared_households=draw(st.none() | st.integers(0, 99)),
            stamp=stamp))
    return found


@st.composite
def whole_reports(draw) -> Report:
    stamp = Stamp(draw(st.sampled_from(["2025-01-01 00:00:00", "2025-01-02 00:00:00"])), "i")
    counts = st.integers(0, 20)
    estates = []
    own = []
    for estate, community, street in ESTATES:
        rooms = draw(counts)
        estates.append(EstateFacts(estate, community, street, draw(counts) if rooms else 0, rooms, (), stamp))
        own.append(OwnCounts(estate, (street.key, community.key, estate.key), tuple(draw(counts) for _ in range(5)),
                             tuple(draw(counts) for _ in range(8)), draw(counts), draw(counts), draw(counts),
                             draw(counts), rooms, draw(st.integers(0, rooms)), stamp))
    for community, street in COMMUNITIES:
        if draw(st.booleans()):
            own.append(OwnCounts(community, (street.key, community.key), tuple(draw(counts) for _ in range(5)),
                                 stamp=stamp))
    return Report(meta(stamp.made_at), tuple(estates), tuple(own), tuple(draw(projects(stamp))))


def split(report: Report, communities: list[str]) -> Report:
    """The report of some communities of `report`, as the database would have written it."""
    estates = tuple(e for e in report.estates if e.community.key in communities)
    keys = {e.estate.key for e in estates}
    return Report(report.meta, estates,
                  tuple(c for c in report.counts if len(c.path) > 1 and c.path[1] in communities),
                  tuple(p for p in report.projects if any(c.estate.key in keys for c in p.covers)))


def without_total_name(rows):
    return [(r.level, r.place if r.level != "合计" else None, r.parents, r.projects, r.counts) for r in rows]


@settings(max_examples=60, deadline=None)
@given(whole_reports(), st.permutations(["C0", "C1", "C2"]), st.integers(1, 2))
def test_the_merge_of_a_split_is_the_union_in_any_order_and_grouping(whole, order, cut):
    parts = [split(whole, [c]) for c in order]
    flat = merge(parts, meta()).report
    assert fact_set(flat) == fact_set(whole)
    assert without_total_name(summary(flat)) == without_total_name(summary(whole))
    grouped = merge([merge(parts[:cut], meta()).report, merge(parts[cut:], meta()).report], meta()).report
    assert fact_set(grouped) == fact_set(flat)


@settings(max_examples=40, deadline=None)
@given(whole_reports(), whole_reports(), whole_reports())
def test_merging_is_associative_and_order_free_with_overlaps(a, b, c):
    left = merge([merge([a, b], meta()).report, c], meta()).report
    right = merge([a, merge([b, c], meta()).report], meta()).report
    assert fact_set(left) == fact_set(right) == fact_set(merge([c, a, b], meta()).report)


@settings(max_examples=40, deadline=None)
@given(whole_reports())
def test_every_ratio_is_recomputed_from_the_summed_counts(whole):
    rows = summary(whole)
    for row in rows:
        mine = [c for c in whole.counts if c.path[:len(row_path(row))] == row_path(row)]
        rooms, reached = sum(c.rooms for c in mine), sum(c.reached for c in mine)
        assert row.counts.reach_share == (Fraction(reached, rooms) if rooms else None)
        funds = [f for p in whole.projects if p.code in codes_of(row, whole) for f in p.funds]
        assert row.projects.funds.paid == sum(f.paid_fen for f in funds)
        assert row.projects.funds.allocated == sum(f.allocated_fen for f in funds)


def row_path(row) -> tuple[str, ...]:
    if row.level == "合计":
        return ()
    return (*(p.key for p in row.parents), row.place.key)


def codes_of(row, report: Report) -> set[str]:
    estates = {e.estate.key for e in report.estates if e.path[:len(row_path(row))] == row_path(row)}
    return {p.code for p in report.projects if any(c.estate.key in estates for c in p.covers)}


def _estate(n: int, made_at: str, rooms: int = 10) -> EstateFacts:
    estate, community, street = ESTATES[n]
    return EstateFacts(estate, community, street, 1, rooms, (), Stamp(made_at, "i"))


@pytest.mark.parametrize("first,second,kept", [
    ("2025-01-01 00:00:00", "2025-01-02 00:00:00", 1),
    ("2025-01-03 00:00:00", "2025-01-02 00:00:00", 0),
    ("2025-01-02 08:00:00", "2025-01-02 09:00:00", 1),
])
def test_the_newer_copy_of_an_estate_is_kept_and_listed(first, second, kept):
    a = Report(meta(first), (_estate(0, first, rooms=5), _estate(1, first)), (), ())
    b = Report(meta(second), (_estate(0, second, rooms=7),), (), ())
    merged = merge([a, b], meta())
    [duplicate] = merged.duplicates
    assert duplicate.community == ESTATES[0][1] and duplicate.places == (ESTATES[0][0],)
    assert (duplicate.kept, duplicate.dropped) == (kept, (1 - kept,))
    assert {e.estate.key: e.rooms for e in merged.report.estates} == {"E0": (5, 7)[kept], "E1": 10}


def test_a_project_in_two_reports_is_counted_once_and_not_listed():
    project = Project("P1", "片区", 2024, Schedule(), (Cover(ESTATES[0][0]), Cover(ESTATES[1][0])),
                      funds=(Fund("中央财政补助", 100, 100, 50),), stamp=Stamp("2025-01-01 00:00:00"))
    a = Report(meta(), (_estate(0, "2025-01-01 00:00:00"),), (), (project,))
    b = Report(meta(), (_estate(1, "2025-01-01 00:00:00"),), (), (project,))
    merged = merge([a, b], meta())
    assert merged.duplicates == () and len(merged.report.projects) == 1
    assert summary(merged.report)[0].projects.funds.paid == 50


@pytest.mark.parametrize("other,message", [
    (meta(version=2), "报表格式版本为 2，本程序只能合并版本 1 的报表"),
    (meta(years=(2023, 2024)), "年度范围（2023–2024年度）与其他报表（2024年度）不同"),
    (meta(as_of=date(2024, 6, 30)), "统计日期（2024-06-30）与其他报表（2024-12-31）不同"),
    (meta(made_at="2030-01-01 00:00:00", operator="乙"), None),
])
def test_only_reports_of_the_same_version_years_and_date_merge(other, message):
    assert mismatch(meta(), other) == message
    if message:
        with pytest.raises(ValueError):
            merge([Report(other, (), (), ())], meta())


def test_nothing_to_merge_is_an_error():
    with pytest.raises(ValueError):
        merge([], meta())
