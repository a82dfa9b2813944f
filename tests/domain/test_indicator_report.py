"""The indicators written out: the JSON keys of issue 10 exactly, percentages "12.34" or null, money
"1234.56", complaints and consultations only when given; the readable table."""

from __future__ import annotations

import json
import re
from datetime import date

from hypothesis import given, strategies as st

from desktop_app.domain.catalogue import BASIC, CATEGORIES, IMPROVEMENT, UPGRADE
from desktop_app.domain.complaints import CATEGORIES as COMPLAINT_CATEGORIES
from desktop_app.domain.consultation_figures import ComplaintRow, EstateRooms, EventRow, OpinionRow, \
    consultation_figures
from desktop_app.domain.indicator_report import DEFINITIONS, indicator_lines, indicators_json
from desktop_app.domain.indicators import EstateCover, FundFacts, ItemFacts, ProjectFacts, RollCount, \
    compute_indicators
from desktop_app.domain.opinions import KINDS
from desktop_app.domain.projects import Schedule

D = date
AS_OF = D(2024, 6, 30)
PCT = re.compile(r"^\d+\.\d\d$")
MONEY = re.compile(r"^-?\d+\.\d\d$")
PROJECT_KEYS = {"projects", "estates", "buildings", "households", "items", "items_pct", "investment_pct", "funds",
                "funds_by_source", "late", "not_started"}
MONEY_KEYS = {"planned", "allocated", "paid", "progress_pct"}


def project_figures():
    projects = [
        ProjectFacts(1, 2024, (EstateCover(1), EstateCover(2, 2, 50)), code="片区",
                     schedule=Schedule(D(2024, 1, 1), D(2024, 3, 31), D(2024, 1, 5))),  # late
        ProjectFacts(2, 2024, (EstateCover(3),), code="B", schedule=Schedule(D(2024, 9, 1), D(2024, 12, 31))),
    ]
    items = [ItemFacts(1, 1, BASIC, 123_456), ItemFacts(2, 1, BASIC, 1), ItemFacts(3, 1, IMPROVEMENT, 0)]
    funds = [FundFacts(1, 1, "中央财政补助", 123_456_789, 100_000_000, ((None, 33_333_333),)),
             FundFacts(2, 2, "省级财政资金", 5, 0)]
    return compute_indicators(projects, items, funds, {1: RollCount(3, 100)}, as_of=AS_OF)


def consultation():
    return consultation_figures(
        [EventRow("座谈会", D(2024, 3, 1)), EventRow("座谈会", D(2024, 4, 1)), EventRow("问卷", D(2024, 5, 1))],
        [OpinionRow(1, 1), OpinionRow(2, 1), OpinionRow(3, 1), OpinionRow(1, 1), OpinionRow(4, 2)],
        [EstateRooms(1, "甲小区", 100), EstateRooms(2, "乙小区", 50)],
        [ComplaintRow("施工管理", D(2024, 3, 1)), ComplaintRow("质量安全", D(2024, 3, 2)),
         ComplaintRow("其他", D(2024, 3, 3))],
        today=AS_OF)


def test_the_json_of_a_hand_built_dataset():
    assert indicators_json(project_figures()) == {
        "projects": 2,
        "estates": 3,
        "buildings": 3 + 2,  # roll of estate 1, declared for estate 2, nothing for estate 3
        "households": 100 + 50,
        "items": {BASIC: 2, IMPROVEMENT: 1, UPGRADE: 0},
        "items_pct": {BASIC: "66.67", IMPROVEMENT: "33.33", UPGRADE: "0.00"},
        "investment_pct": {BASIC: "100.00", IMPROVEMENT: "0.00", UPGRADE: "0.00"},
        # 123,456,789 + 5 fen planned; 33,333,333 of 100,000,000 fen paid: 33.333…%
        "funds": {"planned": "1234567.94", "allocated": "1000000.00", "paid": "333333.33", "progress_pct": "33.33"},
        "funds_by_source": {
            "中央财政补助": {"planned": "1234567.89", "allocated": "1000000.00", "paid": "333333.33",
                             "progress_pct": "33.33"},
            "省级财政资金": {"planned": "0.05", "allocated": "0.00", "paid": "0.00", "progress_pct": None},
        },
        "late": {"due": 1, "late": 1, "pct": "100.00"},
        "not_started": {"due": 1, "count": 0, "pct": "0.00"},
    }


def test_complaints_and_consultations_only_when_given():
    without = indicators_json(project_figures())
    assert set(without) == PROJECT_KEYS
    data = indicators_json(project_figures(), consultation())
    assert set(data) == PROJECT_KEYS | {"complaints", "consultations"}
    assert {key: data[key] for key in PROJECT_KEYS} == without
    assert data["complaints"] == {
        "total": 3,
        "by_category": {category: (1 if category in ("施工管理", "质量安全", "其他") else 0)
                        for category in COMPLAINT_CATEGORIES},
        "construction_quality_pct": "66.67",  # 2 of 3
    }
    assert data["consultations"] == {
        "held": 3,
        "by_kind": {kind: {"座谈会": 2, "问卷": 1}.get(kind, 0) for kind in KINDS},
        "households": 150,
        "households_reached": 4,  # rooms 1, 2, 3 of estate 1 (room 1 twice) and room 4 of estate 2
        "reach_pct": "2.67",  # 4 of 150
    }


def test_empty_consultation_figures_give_null_percentages():
    empty = consultation_figures([], [], [], [], today=AS_OF)
    data = indicators_json(project_figures(), empty)
    assert data["complaints"]["total"] == 0 and data["complaints"]["construction_quality_pct"] is None
    assert data["consultations"]["reach_pct"] is None and data["consultations"]["held"] == 0


def test_nothing_in_scope():
    data = indicators_json(compute_indicators([], [], [], {}, as_of=AS_OF))
    assert data == {
        "projects": 0, "estates": 0, "buildings": 0, "households": 0,
        "items": {BASIC: 0, IMPROVEMENT: 0, UPGRADE: 0},
        "items_pct": {BASIC: None, IMPROVEMENT: None, UPGRADE: None},
        "investment_pct": {BASIC: None, IMPROVEMENT: None, UPGRADE: None},
        "funds": {"planned": "0.00", "allocated": "0.00", "paid": "0.00", "progress_pct": None},
        "funds_by_source": {},
        "late": {"due": 0, "late": 0, "pct": None},
        "not_started": {"due": 0, "count": 0, "pct": None},
    }
    assert json.loads(json.dumps(data)) == data


def _check_forms(data: dict) -> None:
    assert set(data) >= PROJECT_KEYS
    assert list(data["items"]) == list(data["items_pct"]) == list(data["investment_pct"]) == list(CATEGORIES)
    for key in ("projects", "estates", "buildings", "households"):
        assert type(data[key]) is int
    assert all(type(count) is int for count in data["items"].values())
    percentages = [*data["items_pct"].values(), *data["investment_pct"].values(), data["funds"]["progress_pct"],
                   data["late"]["pct"], data["not_started"]["pct"],
                   *(money["progress_pct"] for money in data["funds_by_source"].values())]
    assert all(pct is None or PCT.match(pct) for pct in percentages), percentages
    for money in [data["funds"], *data["funds_by_source"].values()]:
        assert set(money) == MONEY_KEYS
        assert all(MONEY.match(money[key]) for key in ("planned", "allocated", "paid"))
    assert set(data["late"]) == {"due", "late", "pct"} and set(data["not_started"]) == {"due", "count", "pct"}
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


@given(st.lists(st.tuples(st.sampled_from(CATEGORIES), st.integers(0, 10 ** 12)), max_size=20),
       st.lists(st.tuples(st.integers(0, 10 ** 13), st.integers(0, 10 ** 13)), max_size=5),
       st.lists(st.tuples(st.integers(1, 5), st.integers(0, 5)), max_size=6))
def test_every_value_has_its_form(items, funds, late_counts):
    projects = [ProjectFacts(1, 2024, (EstateCover(1, 7, 70),), Schedule(D(2024, 1, 1), D(2024, 2, 1)))]
    item_facts = [ItemFacts(n, 1, category, fen) for n, (category, fen) in enumerate(items)]
    fund_facts = [FundFacts(n, 1, ("中央财政补助", "居民出资")[n % 2], allocated, allocated, ((None, min(paid, allocated)),))
                  for n, (allocated, paid) in enumerate(funds)]
    data = indicators_json(compute_indicators(projects, item_facts, fund_facts, {}, as_of=AS_OF))
    _check_forms(data)
    assert sum(data["items"].values()) == len(items)
    total_paid = sum(min(paid, allocated) for allocated, paid in funds)
    assert data["funds"]["paid"] == f"{total_paid // 100}.{total_paid % 100:02d}"
    _check_forms(indicators_json(project_figures(), consultation()))


def test_every_percentage_in_the_readable_table_is_half_up_or_a_dash():
    lines = dict(indicator_lines(project_figures(), consultation()))
    assert lines["改造项目数"] == "2 个" and lines["改造户数"] == "150 户"
    assert lines[f"改造内容·{BASIC}"].startswith("2 项，占 66.67%")
    assert lines["资金支付进度"].startswith("33.33%（已支付 333,333.33 元 / 已下达 1,000,000.00 元")
    assert lines["　省级财政资金"].startswith("—（")  # nothing allocated: no figure, not 0%
    assert lines["未按期完工"] == "1 个 / 应完工 1 个，占 100.00%"
    assert lines["未开工"] == "0 个 / 应开工 1 个，占 0.00%"
    assert "66.67%" in lines["投诉"]
    empty = dict(indicator_lines(compute_indicators([], [], [], {}, as_of=AS_OF)))
    assert "0%" not in "".join(empty.values()) and empty["资金支付进度"].startswith("—")
    assert "投诉" not in empty and "征求意见" not in empty


def test_every_json_figure_has_a_definition():
    for key in PROJECT_KEYS | {"complaints", "consultations"}:
        # items_pct is defined with items, funds_by_source with funds
        name = {"items_pct": "items", "funds_by_source": "funds"}.get(key, key)
        assert name in DEFINITIONS, key
        title, meaning = DEFINITIONS[name]
        assert title and len(meaning) > 10
