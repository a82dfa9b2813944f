"""The indicators of a scope read from a real database: the hand-built dataset of `dataset.py`, with every
expected figure worked out by hand from domain.md section 6 (see the comments)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.indicator_report import indicators_json
from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.services.projects import project_indicators, scope_indicators
from desktop_app.services.scope import ALL, Scope, find_by_code
from tests.services.projects.dataset import build_dataset

END_2024 = date(2024, 12, 31)


@pytest.fixture
def data(database):
    return build_dataset()


def test_the_whole_database_2023_to_2024_as_of_the_end_of_2024(data):
    figures = project_indicators(ALL, (2023, 2024), as_of=END_2024)
    # P1, P2, P3 (P4 is 2022, P5 is 2025); P2 is a 片区 project and counts once
    assert sorted(figures.project_ids) == sorted(data.projects[p] for p in ("P1", "P2", "P3"))
    assert figures.estates == 4
    # E1 roll 2 + E2 declared 3 + E3 roll 1 + E4 declared 2; households 5 + 60 + 4 + 30
    assert (figures.buildings, figures.households) == (8, 99)
    data_json = indicators_json(figures)
    assert data_json["items"] == {"基础类": 2, "完善类": 1, "提升类": 1}
    assert data_json["items_pct"] == {"基础类": "50.00", "完善类": "25.00", "提升类": "25.00"}
    # 3,000 / 500 / 4,000 yuan of 7,500
    assert data_json["investment_pct"] == {"基础类": "40.00", "完善类": "6.67", "提升类": "53.33"}
    # paid 1,000 (2023-06-01) + 1,500 (2024-02-01) + 2,000 undated = 4,500 of 7,000 allocated
    assert data_json["funds"] == {"planned": "8100.00", "allocated": "7000.00", "paid": "4500.00", "progress_pct": "64.29"}
    assert data_json["funds_by_source"]["社会资本"] == {"planned": "100.00", "allocated": "0.00", "paid": "0.00",
                                                     "progress_pct": None}
    assert list(data_json["funds_by_source"]) == ["中央财政补助", "地方政府专项债券", "社会资本"]  # the formats.md order
    # due to finish: P1 (on time), P2 (finished 2024-11-15, planned 2024-09-30)
    assert data_json["late"] == {"due": 2, "late": 1, "pct": "50.00"}
    # due to start: P1, P2, P3; P3 never started
    assert data_json["not_started"] == {"due": 3, "count": 1, "pct": "33.33"}


def test_as_of_the_end_of_2023_leaves_out_later_payments_and_dates(data):
    figures = indicators_json(project_indicators(ALL, (2023, 2024), as_of=date(2023, 12, 31)))
    # 1,000 dated 2023 + 2,000 undated; the 1,500 of 2024-02-01 had not been paid
    assert figures["funds"]["paid"] == "3000.00"
    assert figures["funds"]["progress_pct"] == "42.86"
    assert figures["late"] == {"due": 1, "late": 0, "pct": "0.00"}
    assert figures["not_started"] == {"due": 1, "count": 0, "pct": "0.00"}


def test_an_actual_start_after_the_as_of_date_is_not_started_then(data):
    # P2 started 2024-04-01 (planned 2024-03-01): on 2024-03-31 it was due and not started
    figures = indicators_json(project_indicators(ALL, (2024, 2024), as_of=date(2024, 3, 31)))
    assert figures["not_started"] == {"due": 1, "count": 1, "pct": "100.00"}
    # on 2024-10-01 P2 was due to finish and had not: late, though it finished afterwards
    assert indicators_json(project_indicators(ALL, (2024, 2024), as_of=date(2024, 10, 1)))["late"] == \
        {"due": 1, "late": 1, "pct": "100.00"}


@pytest.mark.parametrize("level,key,projects,estates,buildings,households", [
    (ScopeLevel.STREET, "鼓楼", {"P1", "P2"}, 3, 6, 69),  # E1, E2, E3
    (ScopeLevel.COMMUNITY, "东街", {"P1", "P2"}, 2, 5, 65),  # E1, E2: E3 lies in 南街社区
    (ScopeLevel.COMMUNITY, "南街", {"P2"}, 1, 1, 4),
    (ScopeLevel.STREET, "台江", {"P3"}, 1, 2, 30),
])
def test_a_scope_takes_the_projects_touching_it_and_counts_its_own_estates(data, level, key, projects, estates,
                                                                       buildings, households):
    table = {ScopeLevel.STREET: data.streets, ScopeLevel.COMMUNITY: data.communities}[level]
    figures = project_indicators(Scope(level, table[key]), (2023, 2024), as_of=END_2024)
    assert set(figures.project_ids) == {data.projects[p] for p in projects}
    assert (figures.estates, figures.buildings, figures.households) == (estates, buildings, households)


def test_a_building_scope_is_its_estate(data):
    figures = project_indicators(Scope(ScopeLevel.BUILDING, data.buildings["E1-2"]), as_of=END_2024)
    assert set(figures.project_ids) == {data.projects["P1"], data.projects["P4"]}


def test_a_pian_qu_total_counts_once_for_its_estates_without_a_roll(data):
    figures = project_indicators(ALL, (2025, 2025), as_of=date(2025, 12, 31))
    assert figures.estate_ids == tuple(sorted((data.estates["E2"], data.estates["E4"])))
    assert (figures.buildings, figures.households) == (10, 100)


def test_no_projects_give_no_percentages(data):
    figures = indicators_json(project_indicators(ALL, (2030, 2030), as_of=END_2024))
    assert figures["projects"] == 0
    assert figures["items_pct"] == {"基础类": None, "完善类": None, "提升类": None}
    assert figures["funds"]["progress_pct"] is None
    assert figures["late"]["pct"] is None and figures["not_started"]["pct"] is None


def test_find_by_code_looks_at_estates_then_communities_then_streets(data):
    assert find_by_code("E3") == Scope(ScopeLevel.ESTATE, data.estates["E3"])
    assert find_by_code(" 350102001 ") == Scope(ScopeLevel.COMMUNITY, data.communities["东街"])
    assert find_by_code("350103") == Scope(ScopeLevel.STREET, data.streets["台江"])
    assert find_by_code("nope") is None and find_by_code("") is None


def test_scope_indicators_carry_the_complaint_and_consultation_figures(data):
    result = scope_indicators(ALL, (2023, 2024), as_of=END_2024)
    assert result.projects.projects == 3
    assert result.consultation.complaints == 0
    assert indicators_json(result.projects, result.consultation)["complaints"] == \
        {"total": 0, "by_category": {c: 0 for c in ("施工管理", "质量安全", "扬尘噪音", "管线破坏", "进度", "资金", "物业", "其他")},
         "construction_quality_pct": None}


def test_a_pian_qu_total_is_not_counted_where_the_scope_holds_only_part_of_it(data):
    # P5 (2025) covers E2 (东街社区) and E4 (台江街道) with one total: 东街社区 cannot claim it
    figures = project_indicators(Scope(ScopeLevel.COMMUNITY, data.communities["东街"]), (2025, 2025),
                                 as_of=date(2025, 12, 31))
    assert figures.estate_ids == (data.estates["E2"],)
    assert (figures.buildings, figures.households) == (0, 0)
    assert figures.estates_without_counts == (data.estates["E2"],)
