"""The projects list (services.projects.listing): filters by year, state, late, not started, text, scope."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.models.project_tables import ProjectFund
from desktop_app.services.projects import ProjectFilter, list_projects, project_rows, records
from desktop_app.services.projects.records import ItemDraft, PaymentDraft
from desktop_app.services.scope import Scope
from tests.services.projects.projects_data import new_project, small_roll

DAY = date(2025, 7, 1)


@pytest.fixture
def projects(database):
    estates = small_roll()
    ids = {
        "A": new_project([estates["杜鹃新村"]], code="A-2024", name="杜鹃新村改造", year=2024,
                         planned_start="2024-03-01", planned_end="2024-10-31", actual_start="2024-03-05",
                         actual_end="2024-11-20"),  # completed late
        "B": new_project([estates["梅岭小区"], estates["荷花苑"]], code="B-2025", name="梅岭荷花片区改造", year=2025,
                         planned_start="2025-03-01", planned_end="2025-12-31"),  # not started, due to start
        "C": new_project([estates["荷花苑"]], code="C-2025", name="荷花苑加装电梯", year=2025,
                         planned_start="2025-04-01", planned_end="2025-06-30", actual_start="2025-04-01"),  # late
        "D": new_project([estates["杜鹃新村"]], code="D-2026", name="杜鹃新村二期", year=2026,
                         planned_start="2026-03-01", planned_end="2026-10-31"),  # not due
    }
    return estates, ids


def codes(rows) -> list[str]:
    return [row.code for row in rows]


def test_every_project_by_year_then_code_with_state_marks_and_money(projects):
    estates, ids = projects
    records.add_item(ids["B"], ItemDraft("雨污分流", "基础类", planned="100000"))
    records.set_fund(ids["B"], "中央财政补助", "80000", "50000")
    fund = ProjectFund.get()
    records.add_payment(fund.id, PaymentDraft("2025-06-30", "20000"))
    records.add_payment(fund.id, PaymentDraft("2025-07-02", "10000"))  # after the day: not yet paid
    rows = list_projects(ProjectFilter(), DAY)
    assert codes(rows) == ["A-2024", "B-2025", "C-2025", "D-2026"]
    a, b, c, d = rows
    assert (a.state, a.marks, b.state, b.marks, c.state, c.marks, d.state, d.marks) == (
        "已完工", ("未按期完工",), "未开工", ("逾期未开工",), "在建", ("未按期完工",), "未开工", ())
    assert (b.estates, b.estate_count, b.items, b.planned_investment_fen) == ("梅岭小区、荷花苑", 2, 1, 10_000_000)
    assert (b.fund_planned_fen, b.allocated_fen, b.paid_fen) == (8_000_000, 5_000_000, 2_000_000)
    assert codes(project_rows([ids["D"], ids["A"], 999], DAY)) == ["A-2024", "D-2026"]


@pytest.mark.parametrize("selection, expected", [
    (ProjectFilter(years=(2025, None)), ["B-2025", "C-2025", "D-2026"]),
    (ProjectFilter(years=(None, 2024)), ["A-2024"]),
    (ProjectFilter(years=(2025, 2025)), ["B-2025", "C-2025"]),
    (ProjectFilter(state="未开工"), ["B-2025", "D-2026"]),
    (ProjectFilter(state="在建"), ["C-2025"]),
    (ProjectFilter(state="已验收"), []),
    (ProjectFilter(late_only=True), ["A-2024", "C-2025"]),
    (ProjectFilter(not_started_only=True), ["B-2025"]),
    (ProjectFilter(late_only=True, not_started_only=True), []),
    (ProjectFilter(text="荷花"), ["B-2025", "C-2025"]),  # in a name or an estate's name
    (ProjectFilter(text=" D-20 "), ["D-2026"]),
    (ProjectFilter(text="杜鹃", years=(2026, 2026)), ["D-2026"]),
])
def test_the_filters(projects, selection, expected):
    assert codes(list_projects(selection, DAY)) == expected


def test_the_scope_keeps_projects_covering_one_of_its_estates(projects):
    estates, _ids = projects
    assert codes(list_projects(ProjectFilter(scope=Scope("estate", estates["荷花苑"])), DAY)) == ["B-2025", "C-2025"]
    assert codes(list_projects(ProjectFilter(scope=Scope("estate", estates["杜鹃新村"])), DAY)) == ["A-2024", "D-2026"]
    street = Scope("street", 1)  # 东湖街道: 杜鹃新村 and 梅岭小区
    assert codes(list_projects(ProjectFilter(scope=street), DAY)) == ["A-2024", "B-2025", "D-2026"]
    assert codes(list_projects(ProjectFilter(scope=street, not_started_only=True), DAY)) == ["B-2025"]
