"""Shares of integer counts and sums: exact, rounded half up only when written, no figure over a zero base."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from desktop_app.domain.ratios import NO_VALUE, decimal_text, percent_number, percent_text, rounded, share


@pytest.mark.parametrize("part,whole,number", [
    (1, 8, "12.50"), (1, 3, "33.33"), (2, 3, "66.67"), (1, 200, "0.50"), (1, 400, "0.25"),
    (1, 800, "0.13"),  # 0.125 exactly: half up, not to even
    (3, 800, "0.38"),  # 0.375
    (1, 1600, "0.06"),  # 0.0625
    (1, 16, "6.25"), (1, 32, "3.13"),  # 3.125
    (1, 20000, "0.01"), (1, 20001, "0.00"), (1, 40000, "0.00"),  # 0.005 is the boundary
    (785, 1000, "78.50"), (1329, 10000, "13.29"), (83, 1000, "8.30"), (442, 1000, "44.20"),
    (45, 116, "38.79"), (41, 63, "65.08"),  # the survey report: 39% of complaints, 65.08% late
    (0, 5, "0.00"), (5, 5, "100.00"), (7, 5, "140.00"), (19998, 20000, "99.99"), (19999, 20000, "100.00"), (39999, 40000, "100.00"),
    (10 ** 15, 3 * 10 ** 15, "33.33"),
])
def test_percent_number_half_up(part, whole, number):
    assert percent_number(share(part, whole)) == number
    assert percent_text(share(part, whole)) == number + "%"


@pytest.mark.parametrize("part", [0, 1, 10 ** 12])
def test_zero_base_gives_no_figure(part):
    assert share(part, 0) is None
    assert percent_number(None) is None
    assert percent_text(None) == NO_VALUE == "—"
    assert decimal_text(None) == NO_VALUE


def test_share_is_exact():
    assert share(1, 3) == Fraction(1, 3)
    assert share(0, 7) == 0 and share(0, 7) is not None
    assert isinstance(share(6, 4), Fraction) and share(6, 4) == Fraction(3, 2)


@pytest.mark.parametrize("value,places,text", [
    (Fraction(5, 2), 0, "3"), (Fraction(3, 2), 0, "2"), (Fraction(1, 2), 0, "1"),  # half up, never to even
    (Fraction(25, 1000), 2, "0.03"), (Fraction(35, 1000), 2, "0.04"), (Fraction(5, 100), 1, "0.1"), (Fraction(45, 1000), 1, "0.0"),
    (Fraction(0), 3, "0.000"), (Fraction(123456789, 1000), 2, "123456.79"),
])
def test_rounded(value, places, text):
    assert rounded(value, places) == text


def test_rounded_refuses_a_negative_share():
    with pytest.raises(ValueError):
        rounded(Fraction(-1, 8), 2)


def test_decimal_text():
    assert decimal_text(Fraction(7, 2)) == "3.5"
    assert decimal_text(Fraction(1, 20)) == "0.1"
    assert decimal_text(Fraction(7, 3), 2) == "2.33"


def _half_up_percent(part: int, whole: int) -> str:
    with localcontext() as context:
        # |a·100/b − k/200| ≥ 1/(200·b) unless equal, so 60 digits decide every boundary exactly
        context.prec = 60
        return str((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@given(st.integers(min_value=0, max_value=10 ** 15), st.integers(min_value=1, max_value=10 ** 15))
def test_percent_number_is_the_decimal_half_up_of_the_exact_share(part, whole):
    assert percent_number(share(part, whole)) == _half_up_percent(part, whole)


@given(st.integers(min_value=1, max_value=10 ** 6), st.integers(min_value=0, max_value=20000))
def test_exact_boundaries_round_up(scale, hundredths_half):
    # (2k+1)/20000 of the base is exactly k.005%: always rounded up to k.01
    whole = 20000 * scale
    part = (2 * hundredths_half + 1) * scale
    k = hundredths_half
    assert percent_number(share(part, whole)) == f"{(k + 1) // 100}.{(k + 1) % 100:02d}"
