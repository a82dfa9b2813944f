"""Areas as exact hundredths of a m²: parsing, formatting and the best source."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from desktop_app.domain.area import AreaError, best_area, format_area, format_area_grouped, parse_area
from desktop_app.domain.errors import UserError


@pytest.mark.parametrize("value,centi", [
    ("85.3", 8530), ("85.30", 8530), ("85.30㎡", 8530), ("85.3平方米", 8530), ("85.3平米", 8530), ("85.3平方", 8530),
    ("85.3m²", 8530), ("85.3m2", 8530), (" 85.3 ", 8530), ("８５.３", 8530), ("85", 8500), ("+85", 8500),
    (".5", 50), ("0.01", 1), ("85.300", 8530), ("1,234.56", 123456), ("100000", 10_000_000),
    (85.3, 8530), (0.1, 10), (85, 8500), (Decimal("85.3"), 8530), (Decimal("1E+2"), 10000),
    (120.45, 12045), (33.33, 3333),
])
def test_parse_area(value, centi):
    assert parse_area(value) == centi


@pytest.mark.parametrize("value,reason", [
    (0, "面积必须大于0"), ("0", "面积必须大于0"), ("0.00", "面积必须大于0"), (-3, "面积必须大于0"),
    ("-85.3", "面积必须大于0"), (-0.0, "面积必须大于0"),
    ("85.123", "面积最多两位小数（85.123）"), (85.123, "面积最多两位小数（85.123）"),
    ("0.001", "面积最多两位小数（0.001）"), (0.1 + 0.2, "面积最多两位小数（0.30000000000000004）"),
    ("abc", "面积不是数字（abc）"), ("85.3.1", "面积不是数字（85.3.1）"), ("1e3", "面积不是数字（1e3）"),
    ("NaN", "面积不是数字（NaN）"), ("inf", "面积不是数字（inf）"), (float("nan"), "面积不是数字（nan）"),
    (float("inf"), "面积不是数字（inf）"), (Decimal("NaN"), "面积不是数字（NaN）"), (True, "面积不是数字（True）"),
    ("", "面积为空"), ("  ", "面积为空"), (None, "面积为空"),
    ("100000.01", "面积过大（100000.01），单套房屋面积不会超过100000㎡，请核对单位"),
    (1e20, "面积过大（1e+20），单套房屋面积不会超过100000㎡，请核对单位"),
    (Decimal("1E+100000000"), "面积过大（1E+100000000），单套房屋面积不会超过100000㎡，请核对单位"),
])
def test_rejected_areas(value, reason):
    with pytest.raises(AreaError) as raised:
        parse_area(value)
    assert raised.value.reason == reason
    assert str(raised.value) == reason
    assert isinstance(raised.value, UserError)


@given(st.integers(min_value=1, max_value=10_000_000))
def test_text_and_float_and_decimal_agree(centi):
    text = format_area(centi)
    assert parse_area(text) == centi
    assert parse_area(float(text)) == centi  # a float from Excel reads back exactly via repr
    assert parse_area(Decimal(text)) == centi
    assert parse_area(text + "㎡") == centi


@given(st.integers(min_value=1, max_value=10_000_000), st.integers(min_value=1, max_value=9))
def test_a_third_decimal_is_always_rejected(centi, thousandth):
    with pytest.raises(AreaError):
        parse_area(format_area(centi) + str(thousandth))


@pytest.mark.parametrize("centi,text", [(8530, "85.30"), (1, "0.01"), (0, "0.00"), (100, "1.00"), (-50, "-0.50")])
def test_format_area(centi, text):
    assert format_area(centi) == text


@pytest.mark.parametrize("candidates,best", [
    ({"不动产登记": 8530, "实测": 8600, "合同": 8700}, (8530, "不动产登记")),
    ({"实测": 8600, "合同": 8700}, (8600, "实测")),
    ({"不动产登记": None, "实测": 0, "合同": 8700}, (8700, "合同")),
    ({"合同": 8700, "不动产登记": 8530}, (8530, "不动产登记")),
])
def test_best_area(candidates, best):
    assert best_area(candidates) == best


def test_no_area_at_all():
    with pytest.raises(AreaError, match="没有可用的面积"):
        best_area({"不动产登记": None, "实测": 0})


@pytest.mark.parametrize("centi,text", [
    (0, "0.00"), (5, "0.05"), (8530, "85.30"), (99999, "999.99"), (100000, "1,000.00"),
    (12369934, "123,699.34"), (123469934, "1,234,699.34"), (-8530, "-85.30"),
])
def test_grouped_area_for_the_screen(centi, text):
    assert format_area_grouped(centi) == text
    assert format_area_grouped(centi).replace(",", "") == format_area(centi)
