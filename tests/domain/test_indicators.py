"""The section 6 indicators (domain.md) on a hand-built dataset whose every figure is worked out by hand
below from the definitions, not by the code; exact boundaries; and properties that hold for any records."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

from desktop_app.domain.catalogue import BASIC, CATEGORIES, IMPROVEMENT, UPGRADE
from desktop_app.domain.indicators import EstateCover, FundFacts, Indicators, ItemFacts, ProjectFacts, RollCount, \
    compute_indicators
from desktop_app.domain.projects import Schedule
from desktop_app.domain.ratios import percent_number

D = date
AS_OF = D(2024, 6, 30)
CENTRAL, PROVINCE, CITY, RESIDENTS = "中央财政补助", "省级财政资金", "市县财政资金", "居民出资"

# Estates 1–6. Rolls: 1 (5 buildings, 200 rooms) and 3 (2, 48). The others have no room in the roll.
ROLL = {1: RollCount(5, 200), 3: RollCount(2, 48), 5: RollCount(40, 1000)}

PROJECTS = [
    # 片区 project of 2023 over estates 1 and 2: finished 15 days after its planned completion
    ProjectFacts(1, 2023, (EstateCover(1), EstateCover(2, 3, 90)), code="P1",
                 schedule=Schedule(D(2023, 3, 1), D(2023, 12, 31), D(2023, 3, 10), D(2024, 1, 15))),
    # estate 1 again (counted once; its roll wins over the 9/999 declared here); due to finish on the as-of
    # date itself, actually started after it
    ProjectFacts(2, 2024, (EstateCover(1, 9, 999),), code="P2",
                 schedule=Schedule(D(2024, 3, 1), AS_OF, D(2024, 7, 5))),
    # under way, started on its planned day, completion not due yet
    ProjectFacts(3, 2024, (EstateCover(3),), code="P3",
                 schedule=Schedule(D(2024, 5, 1), D(2024, 12, 31), D(2024, 5, 1))),
    # out of the year range 2023–2024
    ProjectFacts(4, 2022, (EstateCover(5),), code="P4",
                 schedule=Schedule(D(2022, 3, 1), D(2022, 6, 30))),
    # estate 4: neither roll nor declared counts; start not due yet
    ProjectFacts(5, 2024, (EstateCover(4),), code="P5", schedule=Schedule(D(2024, 9, 1), D(2025, 6, 30))),
    # estate 6 declared twice: 4/120 in 2023, 6/150 in 2024 (the newer is taken); finished on its planned day
    ProjectFacts(6, 2023, (EstateCover(6, 4, 120),), code="P6",
                 schedule=Schedule(D(2023, 5, 1), D(2024, 5, 31), D(2023, 5, 1), D(2024, 5, 31))),
    # finished after the as-of date: not finished as it stood on the as-of date
    ProjectFacts(7, 2024, (EstateCover(6, 6, 150),), code="P7",
                 schedule=Schedule(D(2024, 1, 1), D(2024, 4, 30), D(2024, 1, 2), D(2024, 7, 10))),
]

ITEMS = [
    ItemFacts(11, 1, BASIC, 100_000), ItemFacts(12, 1, BASIC, 200_000), ItemFacts(13, 1, BASIC, 300_000),
    ItemFacts(14, 1, IMPROVEMENT, 150_000),
    ItemFacts(21, 2, BASIC, 50_000), ItemFacts(22, 2, UPGRADE, 250_000),
    ItemFacts(31, 3, IMPROVEMENT, 10_000), ItemFacts(32, 3, IMPROVEMENT, 20_000),
    *(ItemFacts(40 + n, 4, UPGRADE, 9_999_999) for n in range(5)),  # out of range
    ItemFacts(61, 6, BASIC, 0),
    ItemFacts(71, 7, BASIC, 70_000),
]

FUNDS = [
    # undated (from a plan file), dated on the as-of date, dated the day after
    FundFacts(101, 1, CENTRAL, 1_000_000, 800_000, ((None, 300_000), (AS_OF, 100_000), (D(2024, 7, 1), 200_000))),
    FundFacts(102, 1, PROVINCE, 500_000, 0),  # nothing allocated
    FundFacts(201, 2, CENTRAL, 200_000, 200_000, ((D(2024, 1, 10), 50_000),)),
    FundFacts(301, 3, RESIDENTS, 30_000, 30_000, ((D(2024, 6, 29), 30_000),)),
    FundFacts(401, 4, CENTRAL, 9_000_000, 9_000_000, ((D(2022, 5, 1), 9_000_000),)),  # out of range
]


def figures(**options) -> Indicators:
    options.setdefault("as_of", AS_OF)
    return compute_indicators(PROJECTS, ITEMS, FUNDS, ROLL, **options)


def test_projects_estates_buildings_households():
    result = figures(years=(2023, 2024))
    # projects 1, 2, 3, 5, 6, 7 (4 is of 2022); 片区 project 1 once
    assert sorted(result.project_ids) == [1, 2, 3, 5, 6, 7] and result.projects == 6
    # estates 1, 2 (project 1), 3, 4, 6; estate 1 of projects 1 and 2 and estate 6 of 6 and 7 once each
    assert sorted(result.estate_ids) == [1, 2, 3, 4, 6] and result.estates == 5
    # buildings: roll 5 (estate 1) + declared 3 (2) + roll 2 (3) + nothing (4) + newest declared 6 (6) = 16
    assert result.buildings == 5 + 3 + 2 + 0 + 6 == 16
    # households: 200 + 90 + 48 + 0 + 150 = 488
    assert result.households == 200 + 90 + 48 + 0 + 150 == 488
    assert sorted(result.estates_from_plan) == [2, 6]
    assert list(result.estates_without_counts) == [4]


def test_items_by_category():
    result = figures(years=(2023, 2024))
    # basic: 11, 12, 13, 21, 61, 71; improvement: 14, 31, 32; upgrade: 22 (40–44 are of project 4)
    assert {c: sorted(ids) for c, ids in result.item_ids.items()} == {
        BASIC: [11, 12, 13, 21, 61, 71], IMPROVEMENT: [14, 31, 32], UPGRADE: [22]}
    assert result.items == {BASIC: 6, IMPROVEMENT: 3, UPGRADE: 1} and result.item_total == 10
    assert [result.item_ratio(c).pct for c in CATEGORIES] == ["60.00", "30.00", "10.00"]
    # investment: basic 100,000 + 200,000 + 300,000 + 50,000 + 0 + 70,000 = 720,000 fen; improvement
    # 150,000 + 10,000 + 20,000 = 180,000; upgrade 250,000; total 1,150,000
    assert dict(result.investment) == {BASIC: 720_000, IMPROVEMENT: 180_000, UPGRADE: 250_000}
    # 720/1150 = 62.6086…, 180/1150 = 15.6521…, 250/1150 = 21.7391…
    assert [result.investment_ratio(c).pct for c in CATEGORIES] == ["62.61", "15.65", "21.74"]
    assert (result.investment_ratio(BASIC).numerator, result.investment_ratio(BASIC).denominator) == \
        (720_000, 1_150_000)


def test_funds_and_their_progress():
    result = figures(years=(2023, 2024))
    funds = result.funds
    # fund 101 paid 300,000 undated + 100,000 on the as-of date (200,000 the day after is not yet paid)
    # planned 1,000,000 + 500,000 + 200,000 + 30,000; allocated 800,000 + 0 + 200,000 + 30,000;
    # paid 400,000 + 0 + 50,000 + 30,000
    assert (funds.planned, funds.allocated, funds.paid) == (1_730_000, 1_030_000, 480_000)
    assert sorted(funds.fund_ids) == [101, 102, 201, 301]
    assert funds.progress.pct == "46.60"  # 480/1030 = 46.6019…, not the average of the sources' 45 and 100
    assert list(result.funds_by_source) == [CENTRAL, PROVINCE, RESIDENTS]  # in the plan's order of sources
    central, province, residents = (result.funds_by_source[s] for s in (CENTRAL, PROVINCE, RESIDENTS))
    assert (central.planned, central.allocated, central.paid) == (1_200_000, 1_000_000, 450_000)
    assert central.progress.pct == "45.00" and sorted(central.fund_ids) == [101, 201]
    assert (province.planned, province.allocated, province.paid) == (500_000, 0, 0)
    assert province.progress.pct is None and province.progress.share is None  # no figure, not 0%
    assert residents.progress.pct == "100.00"


def test_late_and_not_started():
    result = figures(years=(2023, 2024))
    # completion due on or before 30 June 2024: 1 (31 Dec 2023), 2 (the as-of date), 6 (31 May), 7 (30 Apr)
    # late: 1 (finished 15 Jan, after its plan), 2 (not finished), 7 (finished 10 July, after the as-of date)
    assert sorted(result.late.due) == [1, 2, 6, 7] and sorted(result.late.flagged) == [1, 2, 7]
    assert result.late.ratio.pct == "75.00"
    # start due: 1, 2, 3, 6, 7 (5 starts on 1 September); not started on the as-of date: 2 (started 5 July)
    assert sorted(result.not_started.due) == [1, 2, 3, 6, 7] and list(result.not_started.flagged) == [2]
    assert result.not_started.ratio.pct == "20.00"
    assert result.late_by_year() == [(2023, 2, 1), (2024, 2, 2)]


def test_the_same_records_a_year_earlier():
    # as it stood on 30 June 2023: the starts of projects 1 and 6 were due, and both had started
    result = figures(years=(2023, 2024), as_of=D(2023, 6, 30))
    assert result.projects == 6  # the plan year decides the scope, not the dates
    assert sorted(result.not_started.due) == [1, 6] and result.not_started.flagged == ()
    assert result.late.due == () and result.late.ratio.pct is None
    assert result.funds.paid == 300_000  # only the undated amount
    assert result.funds.progress.pct == "29.13"  # 300/1030 = 29.126…


def test_a_scope_of_two_estates():
    # a community of estates 2 and 3: project 1 (片区 over 1 and 2) and project 3
    result = figures(scope_estates=frozenset({2, 3}))
    assert sorted(result.project_ids) == [1, 3]
    assert sorted(result.estate_ids) == [2, 3]  # estate 1 of project 1 is outside the scope
    assert (result.buildings, result.households) == (3 + 2, 90 + 48)
    # items of the projects (all of project 1's): basic 11, 12, 13; improvement 14, 31, 32
    assert result.items == {BASIC: 3, IMPROVEMENT: 3, UPGRADE: 0}
    assert [result.item_ratio(c).pct for c in CATEGORIES] == ["50.00", "50.00", "0.00"]
    # funds 101, 102, 301: allocated 830,000, paid 400,000 + 30,000 = 430,000 → 51.807…
    assert (result.funds.allocated, result.funds.paid, result.funds.progress.pct) == (830_000, 430_000, "51.81")
    assert (len(result.late.due), len(result.late.flagged), result.late.ratio.pct) == (1, 1, "100.00")
    assert (len(result.not_started.due), result.not_started.ratio.pct) == (2, "0.00")


def test_the_whole_database_and_any_year():
    result = figures()
    assert sorted(result.project_ids) == [1, 2, 3, 4, 5, 6, 7]
    assert sorted(result.estate_ids) == [1, 2, 3, 4, 5, 6]
    assert result.buildings == 16 + 40 and result.households == 488 + 1000
    assert result.items[UPGRADE] == 6
    assert result.funds.allocated == 1_030_000 + 9_000_000
    assert result.funds_by_source[CENTRAL].paid == 450_000 + 9_000_000


def test_one_year_only():
    result = figures(years=(2022, 2022))
    assert result.project_ids == (4,) and result.estate_ids == (5,)
    assert (result.buildings, result.households) == (40, 1000)
    assert result.items == {BASIC: 0, IMPROVEMENT: 0, UPGRADE: 5}
    assert result.item_ratio(BASIC).pct == "0.00" and result.item_ratio(UPGRADE).pct == "100.00"
    assert result.funds.progress.pct == "100.00"
    # completion due 30 June 2022 with no completion: late; start due with no start: not started
    assert (result.late.flagged, result.not_started.flagged) == ((4,), (4,))


def test_nothing_in_scope_gives_no_figures():
    result = figures(years=(2030, None))
    assert (result.projects, result.estates, result.buildings, result.households) == (0, 0, 0, 0)
    assert result.items == {BASIC: 0, IMPROVEMENT: 0, UPGRADE: 0}
    assert all(result.item_ratio(c).pct is None and result.investment_ratio(c).pct is None for c in CATEGORIES)
    assert result.funds.progress.pct is None and dict(result.funds_by_source) == {}
    assert result.late.ratio.pct is None and result.not_started.ratio.pct is None
    assert result.late_by_year() == []


def test_a_scope_of_an_estate_nobody_renovated():
    result = figures(scope_estates=frozenset({99}))
    assert result.projects == 0 and result.funds.progress.pct is None


def test_a_片区_project_with_one_declared_total_counts_it_once():
    project = ProjectFacts(1, 2024, (EstateCover(7), EstateCover(8), EstateCover(9)), declared_buildings=10,
                           declared_households=300, code="片区")
    result = compute_indicators([project], [], [], {}, as_of=AS_OF)
    assert result.projects == 1 and result.estates == 3
    assert (result.buildings, result.households) == (10, 300)
    assert sorted(result.estates_from_plan) == [7, 8, 9] and result.estates_without_counts == ()


def test_an_estates_own_declared_counts_win_over_a_片区_total():
    group = ProjectFacts(1, 2024, (EstateCover(7), EstateCover(8)), declared_buildings=10, declared_households=300)
    own = ProjectFacts(2, 2023, (EstateCover(8, 4, 100),))
    result = compute_indicators([group, own], [], [], {}, as_of=AS_OF)
    # estate 8 by its own 4/100; estate 7 by the 片区 total once
    assert (result.buildings, result.households) == (10 + 4, 300 + 100)


@pytest.mark.parametrize("late_count,due_count,pct", [(1, 2, "50.00"), (2, 4, "50.00"), (0, 3, "0.00"),
                                                      (3, 3, "100.00"), (1, 3, "33.33"), (2, 3, "66.67"),
                                                      (1, 8, "12.50"), (0, 0, None)])
def test_exactly_counted_late_shares(late_count, due_count, pct):
    done = Schedule(D(2024, 1, 1), D(2024, 3, 31), D(2024, 1, 1), D(2024, 3, 31))
    overdue = Schedule(D(2024, 1, 1), D(2024, 3, 31), D(2024, 1, 1))
    not_due = Schedule(D(2024, 1, 1), D(2024, 12, 31), D(2024, 1, 1))
    schedules = [overdue] * late_count + [done] * (due_count - late_count) + [not_due] * 2
    projects = [ProjectFacts(n, 2024, (EstateCover(1),), schedule=s) for n, s in enumerate(schedules, 1)]
    result = compute_indicators(projects, [], [], {}, as_of=AS_OF)
    assert (len(result.late.due), len(result.late.flagged), result.late.ratio.pct) == (due_count, late_count, pct)


@pytest.mark.parametrize("counts,pcts", [
    ((785, 132, 83), ("78.50", "13.20", "8.30")),
    ((7850, 1329, 830), ("78.43", "13.28", "8.29")),  # the report's three figures do not add up to 100
    ((1, 1, 1), ("33.33", "33.33", "33.33")),
    ((1, 0, 7), ("12.50", "0.00", "87.50")),
])
def test_item_shares_by_exact_counts(counts, pcts):
    categories = [category for category, count in zip(CATEGORIES, counts) for _ in range(count)]
    items = [ItemFacts(n, 1, category, 1) for n, category in enumerate(categories)]
    project = ProjectFacts(1, 2024, (EstateCover(1),))
    result = compute_indicators([project], items, [], {}, as_of=AS_OF)
    assert tuple(result.item_ratio(c).pct for c in CATEGORIES) == pcts
    assert tuple(result.investment_ratio(c).pct for c in CATEGORIES) == pcts  # 1 fen each


def test_payment_progress_at_the_half_up_boundary():
    # 1 fen paid of 800: 0.125% → 0.13
    project = ProjectFacts(1, 2024, (EstateCover(1),))
    fund = FundFacts(1, 1, CENTRAL, 800, 800, ((D(2024, 1, 1), 1),))
    assert compute_indicators([project], [], [fund], {}, as_of=AS_OF).funds.progress.pct == "0.13"


# Properties over any records ---------------------------------------------------------------------------

ESTATES = range(1, 9)
days = st.dates(min_value=D(2021, 1, 1), max_value=D(2026, 12, 31))


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    planned_start, planned_end = sorted([draw(days), draw(days)])
    actual_start = draw(st.none() | days)
    actual_end = None
    if actual_start is not None:
        actual_end = draw(st.none() | st.dates(min_value=actual_start, max_value=D(2027, 12, 31)))
    return Schedule(draw(st.none() | st.just(planned_start)), draw(st.none() | st.just(planned_end)),
                    actual_start, actual_end)


@st.composite
def datasets(draw: st.DrawFn) -> tuple[list[ProjectFacts], list[ItemFacts], list[FundFacts], dict[int, RollCount]]:
    count = draw(st.integers(min_value=0, max_value=8))
    projects = []
    for project_id in range(1, count + 1):
        estates = draw(st.lists(st.sampled_from(ESTATES), max_size=3, unique=True))  # none: in no scope
        covers = tuple(EstateCover(e, *draw(st.sampled_from([(None, None), (2, 60), (3, 90)]))) for e in estates)
        projects.append(ProjectFacts(project_id, draw(st.integers(2020, 2026)), covers, draw(schedules()),
                                     code=f"P{project_id:02d}"))
    items = [ItemFacts(n, draw(st.integers(1, max(count, 1))), draw(st.sampled_from(CATEGORIES)),
                       draw(st.integers(0, 10 ** 9)))
             for n in range(draw(st.integers(0, 12)))]
    funds = []
    for n in range(draw(st.integers(0, 10))):
        allocated = draw(st.integers(0, 10 ** 10))
        payments = tuple((draw(st.none() | days), draw(st.integers(0, 10 ** 9)))
                         for _ in range(draw(st.integers(0, 3))))
        funds.append(FundFacts(n, draw(st.integers(1, max(count, 1))),
                               draw(st.sampled_from((CENTRAL, PROVINCE, CITY, RESIDENTS))),
                               draw(st.integers(0, 10 ** 10)), allocated, payments))
    roll = {e: RollCount(draw(st.integers(1, 20)), draw(st.integers(1, 500)))
            for e in draw(st.lists(st.sampled_from(ESTATES), unique=True))}
    return projects, items, funds, roll


scopes = st.none() | st.frozensets(st.sampled_from(ESTATES), min_size=1)
years = st.tuples(st.none() | st.integers(2020, 2026), st.none() | st.integers(2020, 2026))


@settings(max_examples=150)
@given(datasets(), days, scopes, years)
def test_percentages_are_never_averaged(data, as_of, scope, year_range):
    projects, items, funds, roll = data
    result = compute_indicators(projects, items, funds, roll, as_of=as_of, scope_estates=scope, years=year_range)
    chosen = set(result.project_ids)
    mine = [f for f in funds if f.project_id in chosen]
    paid = sum(amount for f in mine for day, amount in f.payments if day is None or day <= as_of)
    allocated = sum(f.allocated_fen for f in mine)
    assert (result.funds.paid, result.funds.allocated) == (paid, allocated)
    by_source = result.funds_by_source.values()
    assert sum(m.paid for m in by_source) == paid and sum(m.allocated for m in by_source) == allocated
    assert sum(m.planned for m in by_source) == result.funds.planned == sum(f.planned_fen for f in mine)
    expected = None if allocated == 0 else Fraction(paid, allocated)
    assert result.funds.progress.share == expected
    assert result.funds.progress.pct == percent_number(expected)
    for source, money in result.funds_by_source.items():
        own = [f for f in mine if f.source == source]
        assert money.progress.share == (None if not sum(f.allocated_fen for f in own)
                                        else Fraction(sum(f.paid_on(as_of) for f in own),
                                                      sum(f.allocated_fen for f in own)))
    # items: each count over all items, each investment over all investment
    mine_items = [i for i in items if i.project_id in chosen]
    for category in CATEGORIES:
        count = sum(1 for i in mine_items if i.category == category)
        fen = sum(i.planned_fen for i in mine_items if i.category == category)
        assert result.item_ratio(category).share == (Fraction(count, len(mine_items)) if mine_items else None)
        total_fen = sum(i.planned_fen for i in mine_items)
        assert result.investment_ratio(category).share == (Fraction(fen, total_fen) if total_fen else None)


def _in_range(year: int, year_range: tuple[int | None, int | None]) -> bool:
    return (year_range[0] is None or year >= year_range[0]) and (year_range[1] is None or year <= year_range[1])


@settings(max_examples=150)
@given(datasets(), days, scopes, years)
def test_scope_follows_the_definition(data, as_of, scope, year_range):
    projects, items, funds, roll = data
    result = compute_indicators(projects, items, funds, roll, as_of=as_of, scope_estates=scope, years=year_range)
    wanted = [p for p in projects if _in_range(p.plan_year, year_range)
              and any(scope is None or c.estate_id in scope for c in p.estates)]
    assert sorted(result.project_ids) == [p.id for p in wanted]
    assert sorted(result.estate_ids) == sorted({c.estate_id for p in wanted for c in p.estates
                                                if scope is None or c.estate_id in scope})
    # late ⊆ due, not started ⊆ due, every one of them in scope
    assert set(result.late.flagged) <= set(result.late.due) <= set(result.project_ids)
    assert set(result.not_started.flagged) <= set(result.not_started.due) <= set(result.project_ids)
    assert sum(flagged for _, _, flagged in result.late_by_year()) == len(result.late.flagged)


@settings(max_examples=150)
@given(datasets(), days, scopes, st.integers(2020, 2027))
def test_disjoint_year_ranges_add_up(data, as_of, scope, split):
    projects, items, funds, roll = data

    def of(year_range: tuple[int | None, int | None]) -> Indicators:
        return compute_indicators(projects, items, funds, roll, as_of=as_of, scope_estates=scope, years=year_range)

    whole, before, after = of((None, None)), of((None, split - 1)), of((split, None))
    assert whole.projects == before.projects + after.projects
    assert sorted(whole.project_ids) == sorted(before.project_ids + after.project_ids)
    assert whole.item_total == before.item_total + after.item_total
    assert all(whole.investment[c] == before.investment[c] + after.investment[c] for c in CATEGORIES)
    for field in ("planned", "allocated", "paid"):
        assert getattr(whole.funds, field) == getattr(before.funds, field) + getattr(after.funds, field)
    assert len(whole.late.due) == len(before.late.due) + len(after.late.due)
    assert len(whole.late.flagged) == len(before.late.flagged) + len(after.late.flagged)
    assert len(whole.not_started.flagged) == len(before.not_started.flagged) + len(after.not_started.flagged)


@settings(max_examples=150)
@given(datasets(), days, st.frozensets(st.sampled_from(ESTATES), min_size=1), years)
def test_disjoint_scopes_add_up_in_estates(data, as_of, scope, year_range):
    projects, items, funds, roll = data
    rest = frozenset(ESTATES) - scope

    def of(estates: frozenset[int] | None) -> Indicators:
        return compute_indicators(projects, items, funds, roll, as_of=as_of, scope_estates=estates, years=year_range)

    whole, one, other = of(None), of(scope), of(rest)
    assert whole.estates == one.estates + other.estates
    assert whole == of(frozenset(ESTATES))  # the whole database is the scope of every estate
    # a 片区 project across both scopes counts in each, once in the whole
    assert max(one.projects, other.projects) <= whole.projects <= one.projects + other.projects


@settings(max_examples=150)
@given(datasets(), days, scopes, st.integers(2021, 2025), st.integers(0, 2), st.booleans())
def test_a_project_outside_the_range_changes_nothing(data, as_of, scope, first, span, after):
    projects, items, funds, roll = data
    year_range = (first, first + span)
    stranger = ProjectFacts(999, first + span + 1 if after else first - 1, (EstateCover(1), EstateCover(2, 5, 5)),
                            Schedule(D(2021, 1, 1), D(2021, 2, 1)), code="X")
    more_items = items + [ItemFacts(999, 999, BASIC, 123)]
    more_funds = funds + [FundFacts(999, 999, CENTRAL, 5, 5, ((None, 5),))]
    before = compute_indicators(projects, items, funds, roll, as_of=as_of, scope_estates=scope, years=year_range)
    with_it = compute_indicators(projects + [stranger], more_items, more_funds, roll, as_of=as_of,
                                 scope_estates=scope, years=year_range)
    assert with_it == before


@settings(max_examples=100)
@given(datasets(), days, scopes, years)
def test_the_order_of_the_records_does_not_matter(data, as_of, scope, year_range):
    projects, items, funds, roll = data
    forward = compute_indicators(projects, items, funds, roll, as_of=as_of, scope_estates=scope, years=year_range)
    backward = compute_indicators(projects[::-1], items[::-1], funds[::-1], roll, as_of=as_of,
                                  scope_estates=scope, years=year_range)
    assert (forward.projects, forward.estates, forward.buildings, forward.households) == \
        (backward.projects, backward.estates, backward.buildings, backward.households)
    assert forward.items == backward.items and dict(forward.investment) == dict(backward.investment)
    assert forward.funds.paid == backward.funds.paid and forward.funds.allocated == backward.funds.allocated


def test_a_project_covering_no_estate_is_in_no_scope():
    # domain.md §6: in scope are the projects "that cover at least one estate of the chosen level"; the
    # whole database is the level of every estate, so it must agree with a scope of all the estates
    empty = ProjectFacts(1, 2024, (), Schedule(D(2024, 1, 1), D(2024, 3, 1)))
    real = ProjectFacts(2, 2024, (EstateCover(1),))
    funds = [FundFacts(1, 1, CENTRAL, 100, 100, ((None, 100),)), FundFacts(2, 2, CENTRAL, 100, 100)]
    whole = compute_indicators([empty, real], [ItemFacts(1, 1, BASIC, 5)], funds, {}, as_of=AS_OF)
    assert whole.project_ids == (2,)
    assert whole.item_total == 0 and whole.funds.paid == 0 and whole.funds.progress.pct == "0.00"
    assert whole.late.due == () and whole.not_started.due == ()
    assert whole == compute_indicators([empty, real], [ItemFacts(1, 1, BASIC, 5)], funds, {}, as_of=AS_OF,
                                       scope_estates=frozenset({1}))


@settings(max_examples=150)
@given(datasets(), days, scopes, years)
def test_buildings_and_households_from_the_roll_else_the_newest_declaration(data, as_of, scope, year_range):
    projects, items, funds, roll = data  # no 片区 totals here: every declaration is an estate's own
    result = compute_indicators(projects, items, funds, roll, as_of=as_of, scope_estates=scope, years=year_range)
    chosen = [p for p in projects if p.id in set(result.project_ids)]
    buildings = households = 0
    for estate in result.estate_ids:
        if estate in roll:
            buildings += roll[estate].buildings
            households += roll[estate].households
            continue
        declaring = [(p.plan_year, p.code, p.id, c) for p in chosen for c in p.estates
                     if c.estate_id == estate and c.declared_buildings is not None]
        if declaring:
            newest = max(declaring, key=lambda row: row[:3])[3]
            buildings += newest.declared_buildings
            households += newest.declared_households
            assert estate in result.estates_from_plan
        else:
            assert estate in result.estates_without_counts
    assert (result.buildings, result.households) == (buildings, households)
