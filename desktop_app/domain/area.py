"""Exclusive areas as exact integer hundredths of a m² (never floats), and the best area source."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from desktop_app.domain.errors import UserError
from desktop_app.domain.roll_record import AREA_SOURCES
from desktop_app.domain.text import as_text, compact

MAX_AREA = 100_000  # m²; no single room is larger
MAX_AREA_CENTI = MAX_AREA * 100
_UNITS = ("平方米", "平方", "平米", "㎡", "m²", "M²", "m2", "M2", "平")
_PLAIN_NUMBER = re.compile(r"([+-]?)(?=\.?[0-9])([0-9]*)(?:\.([0-9]*))?")
_SIMPLE_NUMBER = re.compile(r"([0-9]{1,6})(?:\.([0-9]{1,2}))?")
_HUNDREDTH = Decimal("0.01")
_GROUPED_NUMBER = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")


class AreaError(UserError):
    """An area that cannot be used; `reason` says why, in Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _too_big(shown: str) -> AreaError:
    return AreaError(f"面积过大（{shown}），单套房屋面积不会超过{MAX_AREA}㎡，请核对单位")


def _checked_magnitude(value: int | float | Decimal, shown: str) -> None:
    """A number must be positive and at most MAX_AREA (checked before any conversion)."""
    if value <= 0:
        raise AreaError("面积必须大于0")
    if value > MAX_AREA:
        raise _too_big(shown)


def _number_centi(value: float | Decimal) -> int:
    """A float or Decimal cell in hundredths; a float is read through repr (85.3 -> "85.3")."""
    shown = repr(value) if isinstance(value, float) else str(value)
    exact = Decimal(shown)
    if not exact.is_finite():
        raise AreaError(f"面积不是数字（{shown}）")
    _checked_magnitude(exact, shown)
    hundredths = exact.quantize(_HUNDREDTH)
    if hundredths != exact:
        raise AreaError(f"面积最多两位小数（{shown}）")
    return int(hundredths * 100)


def _text_centi(value: object) -> int:
    """A text cell ("85.30㎡", "1,234.5", " 85.3 ") in hundredths, read digit by digit."""
    simple = _SIMPLE_NUMBER.fullmatch(value) if isinstance(value, str) else None
    if simple:  # the usual "85.30", without the clean-up below
        centi = int(simple[1]) * 100 + int((simple[2] or "").ljust(2, "0"))
        if 0 < centi <= MAX_AREA_CENTI:
            return centi
    shown = compact(as_text(value))
    if not shown:
        raise AreaError("面积为空")
    number = shown
    for unit in _UNITS:
        if number.endswith(unit):
            number = number[: -len(unit)]
            break
    if _GROUPED_NUMBER.fullmatch(number):
        number = number.replace(",", "")
    match = _PLAIN_NUMBER.fullmatch(number)
    if match is None:
        raise AreaError(f"面积不是数字（{shown}）")
    sign, whole, fraction = match.groups()
    whole = whole.lstrip("0")
    fraction = (fraction or "").rstrip("0")  # 85.300 is exact hundredths
    if sign == "-" or not (whole or fraction):
        raise AreaError("面积必须大于0")
    if len(whole) > len(str(MAX_AREA)) or int(whole or "0") * 100 + bool(fraction) > MAX_AREA_CENTI:
        raise _too_big(shown)
    if len(fraction) > 2:
        raise AreaError(f"面积最多两位小数（{shown}）")
    return int(whole or "0") * 100 + int(fraction.ljust(2, "0"))


def parse_area(value: object) -> int:
    """Exact hundredths of a m² from "85.3", "85.30㎡", "85.3平方米", 85.3, Decimal("85.3") or 85;
    never through float arithmetic."""
    if isinstance(value, bool):
        raise AreaError(f"面积不是数字（{value}）")
    if isinstance(value, int):
        _checked_magnitude(value, str(value) if abs(value) < 10**30 else "超过10^30")
        return value * 100
    if isinstance(value, (float, Decimal)):
        return _number_centi(value)
    return _text_centi(value)


def format_area(centi: int) -> str:
    """Hundredths of a m² as text with two decimals: 8530 -> "85.30"."""
    sign = "-" if centi < 0 else ""
    whole, hundredths = divmod(abs(centi), 100)
    return f"{sign}{whole}.{hundredths:02d}"


def format_area_grouped(centi: int) -> str:
    """As `format_area`, with thousands separators for figures on screen: 12369934 -> "123,699.34"."""
    sign = "-" if centi < 0 else ""
    whole, hundredths = divmod(abs(centi), 100)
    return f"{sign}{whole:,}.{hundredths:02d}"


def best_area(candidates: Mapping[str, int | None]) -> tuple[int, str]:
    """The area to count and its source: 不动产登记 before 实测 before 合同 (missing or 0 skipped)."""
    for source in AREA_SOURCES:
        centi = candidates.get(source)
        if centi is not None and centi > 0:
            return centi, source
    raise AreaError("没有可用的面积（不动产登记、实测、合同面积都为空）")
