"""Money in integer fen (分), never float: reading amounts written by people and spreadsheets, and writing them.

An amount is read from text or a spreadsheet number ("1234.5", "1,234.50", 1234.5, "￥1234.56", "1234.56元")
exactly to the fen; a third decimal that is not zero, a negative amount (unless allowed), or anything else is
refused with a Chinese reason. A float from a spreadsheet is taken by its shortest decimal form (`repr`), so
1234.56 is 123456 fen, never 123455.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from desktop_app.domain.errors import UserError

MAX_FEN = 10 ** 15  # ten trillion yuan: anything larger is a typing slip
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}([,， ]\d{3})+(\.\d*)?$")
_SEPARATOR = re.compile(r"[,， ]")


class MoneyError(UserError):
    """An amount that cannot be taken as money; the message is Chinese."""


def parse_fen(value: object, *, allow_negative: bool = False) -> int:
    """The amount `value` (text or number, in 元) in fen. Raises MoneyError with the reason."""
    if isinstance(value, bool) or value is None:
        raise MoneyError("金额应为数字（元，最多两位小数）")
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise MoneyError("金额应为数字（元，最多两位小数）")
        number = Decimal(repr(value))
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, str):
        text = value.strip().removeprefix("￥").removeprefix("¥").strip().removesuffix("元").strip()
        # a separator only between groups of three digits: "1,23" is not 123 元 (nor 1.23 元)
        if not (_NUMBER.match(text) or _GROUPED.match(text)):
            raise MoneyError(f"金额“{value.strip()}”不是数字（应为元，最多两位小数）")
        text = _SEPARATOR.sub("", text)
        try:
            number = Decimal(text)
        except InvalidOperation:  # the pattern admits only numbers; kept for safety
            raise MoneyError(f"金额“{value.strip()}”不是数字") from None
    else:
        raise MoneyError("金额应为数字（元，最多两位小数）")
    if not number.is_finite():
        raise MoneyError("金额应为数字（元，最多两位小数）")
    # Decided on the digits themselves, not on `number * 100`: Decimal arithmetic rounds to 28 digits, so
    # "1.0000000000000000000000000000001" would pass as 1 元 and a long enough number would overflow.
    if not _whole_fen(number):
        raise MoneyError(f"金额 {format_decimal(number)} 元超过两位小数（精确到分）")
    if number < 0 and not allow_negative:
        raise MoneyError(f"金额不能为负数（实为 {format_decimal(number)} 元）")
    if number.copy_abs() >= _MAX_YUAN:  # copy_abs, unlike abs(), does not round
        raise MoneyError(f"金额 {format_decimal(number)} 元过大，请核对")
    return int(number.scaleb(2))  # under 10**15 fen with no digit below the fen: exact


_MAX_YUAN = Decimal(MAX_FEN).scaleb(-2)


def _whole_fen(number: Decimal) -> bool:
    """Whether the finite `number` has no non-zero digit below the fen (0.01)."""
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    below = -exponent - 2  # how many of the last digits lie below the fen
    return below <= 0 or not any(digits[-below:])


def format_decimal(number: Decimal) -> str:
    if abs(number.adjusted()) > 30:  # written out in full it would run to pages
        return f"{number:.4E}"
    return format(number.normalize(), "f") if number == number.to_integral_value() else format(number, "f")


def yuan_text(fen: int) -> str:
    """123456 -> "1234.56"; -5 -> "-0.05" (the form of the command line's JSON and of exports)."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


def yuan_grouped(fen: int) -> str:
    """123456789 -> "1,234,567.89" (the form shown on screen and printed)."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole:,}.{cents:02d}"


def wan_yuan_text(fen: int) -> str:
    """An amount in 万元 to two decimals, half up: 123456789 fen -> "123.46" (for charts and headings)."""
    units = (abs(fen) * 2 + 10_000) // 20_000  # 0.01 万元 is 10,000 fen
    whole, rest = divmod(units, 100)
    return f"{'-' if fen < 0 else ''}{whole}.{rest:02d}"
