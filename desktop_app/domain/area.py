"""Exclusive areas as exact integer hundredths of a m² (never floats), and the best area source."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from desktop_app.domain.roll_record import AREA_SOURCES
from desktop_app.domain.text import as_text, compact

MAX_AREA_CENTI = 100_000 * 100  # no single room is larger than 100000 m²
_UNITS = ("平方米", "平米", "㎡", "m²", "M²", "m2", "M2", "平")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_GROUPED_NUMBER = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")


class AreaError(ValueError):
    """An area that cannot be used; `reason` says why, in Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _decimal(value: object) -> tuple[Decimal, str]:
    """The exact decimal a cell value stands for and the text to quote in a message."""
    if isinstance(value, bool):
        raise AreaError(f"面积不是数字（{value}）")
    if isinstance(value, Decimal):
        return value, str(value)
    if isinstance(value, int):
        return Decimal(value), str(value)
    if isinstance(value, float):
        # repr gives the shortest text that reads back as the same float: 85.3 -> "85.3".
        return Decimal(repr(value)), repr(value)
    text = compact(as_text(value))
    if not text:
        raise AreaError("面积为空")
    number = text
    for unit in _UNITS:
        if number.endswith(unit):
            number = number[: -len(unit)]
            break
    if _GROUPED_NUMBER.fullmatch(number):
        number = number.replace(",", "")
    if not _PLAIN_NUMBER.fullmatch(number):
        raise AreaError(f"面积不是数字（{text}）")
    return Decimal(number), text


def parse_area(value: object) -> int:
    """Exact hundredths of a m² from "85.3", "85.30㎡", "85.3平方米", 85.3, Decimal("85.3") or 85."""
    amount, shown = _decimal(value)
    if not amount.is_finite():
        raise AreaError(f"面积不是数字（{shown}）")
    if amount > MAX_AREA_CENTI // 100:
        raise AreaError(f"面积过大（{shown}），单套房屋面积不会超过100000㎡，请核对单位")
    if amount <= 0:
        raise AreaError("面积必须大于0")
    _, digits, exponent = amount.as_tuple()
    digits = list(digits)
    while exponent < 0 and digits[-1] == 0:  # 85.300 is exact hundredths
        digits.pop()
        exponent += 1
    if exponent < -2:
        raise AreaError(f"面积最多两位小数（{shown}）")
    return int("".join(map(str, digits))) * 10 ** (exponent + 2)


def format_area(centi: int) -> str:
    """Hundredths of a m² as text with two decimals: 8530 -> "85.30"."""
    sign = "-" if centi < 0 else ""
    whole, hundredths = divmod(abs(centi), 100)
    return f"{sign}{whole}.{hundredths:02d}"


def best_area(candidates: Mapping[str, int | None]) -> tuple[int, str]:
    """The area to count and its source: 不动产登记 before 实测 before 合同 (missing or 0 skipped)."""
    for source in AREA_SOURCES:
        centi = candidates.get(source)
        if centi is not None and centi > 0:
            return centi, source
    raise AreaError("没有可用的面积（不动产登记、实测、合同面积都为空）")
