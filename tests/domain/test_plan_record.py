"""The cell rules of a 改造计划 row: codes, years, dates, counts for one estate or a 片区, categories against
the catalogue, money to the fen, fund sources and paid ≤ allocated."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import plan_record as rules
from desktop_app.domain.catalogue import CatalogueEntry
from desktop_app.domain.plan_record import PlanCellError

CATALOGUE = [CatalogueEntry("基础类", "雨污分流", 0), CatalogueEntry("完善类", "加装电梯", 1)]


@pytest.mark.parametrize("raw, expected", [
    ("XM-1", "XM-1"), ("  XM-1 ", "XM-1"), (2024001, "2024001"), (2024001.0, "2024001"),
])
def test_project_code(raw, expected):
    assert rules.project_code(raw) == expected


@pytest.mark.parametrize("raw, reason", [(None, "不能为空"), ("  ", "不能为空"), ("X" * 41, "不能超过"),
                                         ("A\nB", "换行")])
def test_bad_project_code(raw, reason):
    with pytest.raises(PlanCellError, match=reason):
        rules.project_code(raw)


@pytest.mark.parametrize("raw, expected", [(2024, 2024), (2024.0, 2024), ("2024", 2024), ("2024年", 2024)])
def test_plan_year(raw, expected):
    assert rules.plan_year(raw) == expected


@pytest.mark.parametrize("raw, reason", [(None, "不能为空"), ("二〇二四", "四位数字"), (1999, "不在"), ("24.5", "四位数字")])
def test_bad_plan_year(raw, reason):
    with pytest.raises(PlanCellError, match=reason):
        rules.plan_year(raw)


@pytest.mark.parametrize("raw, expected", [
    (date(2024, 3, 1), date(2024, 3, 1)), (datetime(2024, 3, 1, 0, 0), date(2024, 3, 1)),
    ("2024-03-01", date(2024, 3, 1)), ("2024/3/1", date(2024, 3, 1)), ("2024.3.1", date(2024, 3, 1)),
    ("2024年3月1日", date(2024, 3, 1)), ("20240301", date(2024, 3, 1)), (None, None), ("", None),
])
def test_plan_date(raw, expected):
    assert rules.plan_date(raw) == expected


@pytest.mark.parametrize("raw, reason", [("2024-02-30", "不存在"), ("明年春天", "格式不对"), (45352, "存成了数字"),
                                         ("2024-13-01", "不存在")])
def test_bad_plan_date(raw, reason):
    with pytest.raises(PlanCellError, match=reason):
        rules.plan_date(raw)


@pytest.mark.parametrize("raw, estates, expected", [
    (None, 1, (None, [None])), ("", 2, (None, [None, None])),
    (6, 1, (None, [6])), (6.0, 1, (None, [6])), ("6", 1, (None, [6])),  # one estate: its own count
    (7, 2, (7, [None, None])), ("7", 3, (7, [None, None, None])),  # several estates, one number: the total
    ("4、3", 2, (None, [4, 3])), ("4，3；2", 3, (None, [4, 3, 2])), ("4、、2", 3, (None, [4, None, 2])),
])
def test_counts_for(raw, estates, expected):
    assert rules.counts_for(raw, estates, "楼栋数") == expected


@pytest.mark.parametrize("raw, estates, reason", [
    ("4、3", 3, "列出了 2 个数，但项目有 3 个小区"), (-1, 1, "负数"), (2.5, 1, "整数"), ("两栋", 1, "整数"),
    ("4、x", 2, "整数"),
])
def test_bad_counts(raw, estates, reason):
    with pytest.raises(PlanCellError, match=reason):
        rules.counts_for(raw, estates, "楼栋数")


def test_estates_of_pairs_codes_and_names():
    assert rules.estates_of("A1、A2", "甲、乙") == [("A1", "甲"), ("A2", "乙")]
    assert rules.estates_of("A1", None) == [("A1", "")]
    assert rules.estates_of(None, "甲、乙") == [("", "甲"), ("", "乙")]
    assert rules.estates_of("A1、、A3", "甲、乙、丙") == [("A1", "甲"), ("", "乙"), ("A3", "丙")]


@pytest.mark.parametrize("codes, names, reason", [
    (None, None, "不能都为空"), ("A1、A2", "甲", "一一对应"), ("A1、A1", None, "重复"), ("A1、", None, "空项"),
])
def test_bad_estates(codes, names, reason):
    with pytest.raises(PlanCellError, match=reason):
        rules.estates_of(codes, names)


@pytest.mark.parametrize("name, written, expected", [
    ("雨污分流", None, "基础类"), ("雨污分流", "", "基础类"), ("加装电梯", "完善类", "完善类"),
    ("自拟的内容", "提升类", "提升类"),
])
def test_item_category(name, written, expected):
    assert rules.item_category(name, written, CATALOGUE) == expected


@pytest.mark.parametrize("name, written, reason", [
    ("自拟的内容", None, "不在改造内容目录中，请填写类别"), ("雨污分流", "基本类", "改造类别“基本类”无效"),
])
def test_bad_item_category(name, written, reason):
    with pytest.raises(PlanCellError, match=reason):
        rules.item_category(name, written, CATALOGUE)


@pytest.mark.parametrize("raw, expected", [
    (None, 0), ("", 0), (1234.56, 123456), ("1,234.50", 123450), (100, 10000), ("￥88元", 8800),
])
def test_money(raw, expected):
    assert rules.money(raw) == expected


@pytest.mark.parametrize("raw, reason", [(1.005, "两位小数"), ("-3", "负数"), ("一百", "不是数字")])
def test_bad_money(raw, reason):
    with pytest.raises(PlanCellError, match=reason):
        rules.money(raw)


@given(st.integers(min_value=0, max_value=10 ** 13))
def test_money_from_a_spreadsheet_float_is_exact_to_the_fen(fen):
    assert rules.money(fen / 100) == fen


@pytest.mark.parametrize("raw, expected", [("专项债", "地方政府专项债券"), ("省级资金", "省级财政资金"),
                                           (" 中央财政补助 ", "中央财政补助")])
def test_source(raw, expected):
    assert rules.source(raw) == expected


def test_unknown_and_empty_source():
    with pytest.raises(PlanCellError, match="资金来源“彩票资金”无效"):
        rules.source("彩票资金")
    with pytest.raises(PlanCellError, match="不能为空"):
        rules.source(None)


def test_paid_above_allocated():
    rules.check_paid(100, 100)
    with pytest.raises(PlanCellError, match="超过已下达"):
        rules.check_paid(100, 101)


@pytest.mark.parametrize("raw, expected", [(None, ""), (1200, "1200"), (35.5, "35.5"), ("35.50", "35.5"),
                                           (1200.0, "1200"), ("0.125", "0.125")])
def test_quantity(raw, expected):
    assert rules.quantity(raw) == expected


@pytest.mark.parametrize("raw", ["许多", "-1"])
def test_bad_quantity(raw):
    with pytest.raises(PlanCellError, match="数量"):
        rules.quantity(raw)


@given(st.lists(st.text(alphabet="甲乙丙丁ABC123", min_size=1, max_size=5), min_size=1, max_size=6))
def test_split_list_reads_back_what_was_joined(parts):
    assert rules.split_list("、".join(parts)) == parts


@given(st.lists(st.integers(min_value=0, max_value=99999), min_size=2, max_size=6))
def test_per_estate_counts_read_back(counts):
    assert rules.counts_for("、".join(map(str, counts)), len(counts), "户数") == (None, counts)
