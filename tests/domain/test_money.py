"""Money in integer fen: amounts read exactly to the fen from text, ints, floats and Decimals, anything else
refused with a Chinese reason; the texts written for JSON, screens and charts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from desktop_app.domain.errors import UserError
from desktop_app.domain.money import MAX_FEN, MoneyError, parse_fen, wan_yuan_text, yuan_grouped, yuan_text


@pytest.mark.parametrize("value,fen", [
    # text as people and spreadsheets write it
    ("1234.56", 123456), ("1234.5", 123450), ("1234", 123400), ("1,234.5元", 123450), ("1，234.50", 123450),
    ("￥0.01", 1), ("¥1234.56", 123456), ("1234.56元", 123456), ("  12.30  ", 1230), ("1 234.56", 123456),
    ("0", 0), ("0.00", 0), ("5.", 500), (".5", 50), ("+5", 500), ("1.230", 123), ("1.2300000", 123),
    ("007.10", 710), ("1,234,567.89", 123456789), ("￥ 1,234.50 元", 123450), ("１,２３４", 123400),
    # numbers from a spreadsheet
    (1234, 123400), (0, 0), (1234.56, 123456), (1234.5, 123450), (0.01, 1), (0.1, 10), (0.29, 29),
    (1.15, 115), (99999999999.99, 9999999999999), (Decimal("1234.56"), 123456), (Decimal("1.2E+3"), 120000),
    (Decimal("1.230"), 123),
    # the largest amount taken: one fen under ten trillion yuan
    ("9999999999999.99", MAX_FEN - 1), (MAX_FEN // 100 - 1, MAX_FEN - 100),
    (Decimal(MAX_FEN - 1) / 100, MAX_FEN - 1),
])
def test_amounts_read_exactly_to_the_fen(value, fen):
    result = parse_fen(value)
    assert result == fen and type(result) is int


def test_a_float_is_taken_by_its_shortest_decimal_form():
    # 1234.56 is 1234.55999999999994543031789362430572509765625 in binary; the user typed 1234.56
    assert Decimal(1234.56) < Decimal("1234.56")
    assert parse_fen(1234.56) == 123456
    assert parse_fen(0.07) == 7 and parse_fen(4.35) == 435


@pytest.mark.parametrize("value", [
    "1.234", "0.001", 1.234, 0.001, 1e-05, Decimal("0.005"), 0.1 + 0.2,  # a third decimal that is not 0
    # a non-zero digit far below the fen, beyond Decimal's 28 digits of precision
    "1.0000000000000000000000000000001", "0." + "0" * 40 + "1", Decimal("1E-9999999"),
    "-1", "-0.01", -5, -0.5, Decimal("-3"), "￥-1",  # negative
    float("nan"), float("inf"), float("-inf"), Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"),
    "NaN", "nan", "inf", "Infinity",
    True, False, None,
    "1e5", "1E5", "1e-2", "0x10", "1_000",
    "", "   ", "元", "￥", ".", "-", "+", "1.2.3", "12a", "壹佰元", "1,234.5.6", "--1", "1-",
    # a separator not between groups of three digits: "1,23" is neither 123 元 nor 1.23 元
    "1,23", "12,34.5", "1,2345", "1,234,56", ",123", "123,", "1,,234", "1，23", "12 34", "1,234.567,8",
    [1], {"a": 1}, b"12", object(),
    MAX_FEN // 100, "10000000000000", "10000000000000.00", 1e13, 1e300, Decimal("1E+13"),
    "1" + "0" * 40, "9" * 5000, "1" + "0" * 1_000_000, Decimal("1E999999999"), 10 ** 400,
])
def test_refused(value):
    with pytest.raises(MoneyError) as caught:
        parse_fen(value)
    assert isinstance(caught.value, UserError)
    message = str(caught.value)
    assert "金额" in message and len(message) < 200


@pytest.mark.parametrize("value,reason", [
    ("1.234", "超过两位小数"), ("-1", "不能为负数"), ("10000000000000", "过大"), ("abc", "不是数字"),
    (None, "应为数字"), (True, "应为数字"), (float("nan"), "应为数字"),
])
def test_the_reason_is_said(value, reason):
    with pytest.raises(MoneyError, match=reason):
        parse_fen(value)


@pytest.mark.parametrize("value,fen", [("-1", -100), ("-0.01", -1), (-5, -500), (-0.5, -50), ("-1,234.5元", -123450), ("￥-1,234.5", -123450),
                                       ("-0", 0), (-0.0, 0), (Decimal("-0.00"), 0),
                                       (-(MAX_FEN // 100) + 0.01, -(MAX_FEN - 1))])
def test_negative_amounts_only_when_allowed(value, fen):
    assert parse_fen(value, allow_negative=True) == fen


def test_negative_zero_is_zero_even_when_negatives_are_refused():
    assert parse_fen("-0") == 0 and parse_fen("-0.00") == 0 and parse_fen(-0.0) == 0


def test_too_large_even_when_negative():
    with pytest.raises(MoneyError, match="过大"):
        parse_fen(-(MAX_FEN // 100), allow_negative=True)


@pytest.mark.parametrize("fen,text,grouped", [
    (0, "0.00", "0.00"), (1, "0.01", "0.01"), (10, "0.10", "0.10"), (100, "1.00", "1.00"),
    (123456, "1234.56", "1,234.56"), (123456789, "1234567.89", "1,234,567.89"), (-5, "-0.05", "-0.05"),
    (-123456789, "-1234567.89", "-1,234,567.89"), (100000, "1000.00", "1,000.00"),
    (MAX_FEN - 1, "9999999999999.99", "9,999,999,999,999.99"),
])
def test_yuan_texts(fen, text, grouped):
    assert yuan_text(fen) == text
    assert yuan_grouped(fen) == grouped


@pytest.mark.parametrize("fen,text", [
    (0, "0.00"), (123456789, "123.46"), (123450000, "123.45"),
    (4999, "0.00"), (5000, "0.01"), (5001, "0.01"), (10000, "0.01"), (14999, "0.01"), (15000, "0.02"),  # half up
    (1_000_000, "1.00"), (99_995_000, "100.00"), (99_994_999, "99.99"), (-5000, "-0.01"), (-123456789, "-123.46"),
])
def test_wan_yuan_text_half_up(fen, text):
    assert wan_yuan_text(fen) == text


fen_in_range = st.integers(min_value=-(MAX_FEN - 1), max_value=MAX_FEN - 1)


@given(fen_in_range)
def test_yuan_text_reads_back(fen):
    assert parse_fen(yuan_text(fen), allow_negative=True) == fen
    assert parse_fen(yuan_grouped(fen), allow_negative=True) == fen
    assert parse_fen(Decimal(yuan_text(fen)), allow_negative=True) == fen


@given(st.integers(min_value=-(10 ** 13) + 1, max_value=10 ** 13 - 1))
def test_a_spreadsheet_float_of_the_amount_reads_back(fen):
    assert parse_fen(float(yuan_text(fen)), allow_negative=True) == fen


@given(st.integers(min_value=0, max_value=MAX_FEN - 1))
def test_non_negative_amounts_read_back_without_allowing_negatives(fen):
    assert parse_fen(yuan_text(fen)) == fen


@given(fen_in_range, st.integers(min_value=1, max_value=9), st.integers(min_value=0, max_value=30))
def test_any_non_zero_digit_below_the_fen_is_refused(fen, digit, zeros):
    text = yuan_text(fen) + "0" * zeros + str(digit)
    with pytest.raises(MoneyError, match="超过两位小数"):
        parse_fen(text, allow_negative=True)


@given(st.integers(min_value=-(10 ** 20), max_value=10 ** 20))
def test_wan_yuan_text_is_the_half_up_rounding(fen):
    exact = Decimal(abs(fen)) / Decimal(1_000_000)  # exact: a division by a power of ten
    rounded = exact.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    text = wan_yuan_text(fen)
    assert Decimal(text).copy_abs() == rounded
    assert text.startswith("-") == (fen < 0)
