"""The plain data of the project documents: plan-year labels, the order of fund lines, exact totals."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from desktop_app.domain.project_print_data import (
    FundLine, FundProgressData, Heading, ProgressLine, ProjectProgressData, document_title, sorted_fund_lines,
    years_label,
)

HEADING = Heading("标题", "东湖街道", (None, None), date(2026, 6, 30))
SOURCES = ["社会资本", "中央财政补助", "省级财政资金", "居民出资", "某基金"]


@pytest.mark.parametrize("years,label", [
    ((None, None), "全部年度"), ((2024, 2024), "2024年度"), ((2024, 2026), "2024—2026年度"),
    ((None, 2025), "2025年度及以前"), ((2025, None), "2025年度及以后"),
])
def test_years_label(years, label):
    assert years_label(years) == label


def test_heading_line_and_title():
    assert HEADING.line == "统计范围：东湖街道　计划年度：全部年度　统计日期：2026年6月30日"
    assert document_title("", "资金支付进度表") == "老旧小区资金支付进度表"


def line(code: str, source: str, planned: int = 0, allocated: int = 0, paid: int = 0, year: int = 2024) -> FundLine:
    return FundLine(code, code, year, source, planned, allocated, paid)


def test_fund_lines_by_year_code_then_source_order():
    lines = sorted_fund_lines([line("B", "居民出资"), line("A", "某基金"), line("A", "中央财政补助"),
                               line("C", "社会资本", year=2023)])
    assert [(l.code, l.source) for l in lines] == [("C", "社会资本"), ("A", "中央财政补助"), ("A", "某基金"), ("B", "居民出资")]


def test_progress_over_nothing_allocated_is_none():
    assert line("A", "居民出资", 100, 0, 0).progress is None
    data = FundProgressData(HEADING, (line("A", "居民出资", 100, 0, 0),))
    assert data.total().progress is None and data.source_totals()[0].progress is None


def test_state_and_mark_counts():
    rows = tuple(ProgressLine(str(n), "", 2024, "", None, None, None, None, state, marks, "")
                 for n, (state, marks) in enumerate([("未开工", ("逾期未开工",)), ("在建", ("未按期完工",)),
                                                     ("在建", ()), ("已验收", ())]))
    data = ProjectProgressData(HEADING, rows)
    assert data.state_counts() == [("未开工", 1), ("在建", 2), ("已完工", 0), ("已验收", 1)]
    assert data.mark_counts() == [("逾期未开工", 1), ("未按期完工", 1)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SOURCES), st.integers(0, 10**13), st.integers(0, 10**13),
                          st.integers(0, 10**13)), max_size=40))
def test_totals_are_exact_sums_in_fen(values):
    data = FundProgressData(HEADING, sorted_fund_lines(
        line(f"P{n:03d}", source, planned, allocated, paid) for n, (source, planned, allocated, paid) in enumerate(values)))
    totals = data.source_totals()
    assert [t.source for t in totals] == sorted({v[0] for v in values}, key=lambda s: (
        ["中央财政补助", "省级财政资金", "社会资本", "居民出资"].index(s) if s != "某基金" else 99, s))
    for index, attribute in ((1, "planned_fen"), (2, "allocated_fen"), (3, "paid_fen")):
        assert getattr(data.total(), attribute) == sum(v[index] for v in values) == \
            sum(getattr(t, attribute) for t in totals)
        for total in totals:
            assert getattr(total, attribute) == sum(v[index] for v in values if v[0] == total.source)
