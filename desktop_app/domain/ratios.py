"""Shares as the district reads them (domain.md section 6): exact fractions of integer counts and sums,
rounded half up only when written, and no figure at all (None, shown "—") over a zero base."""

from __future__ import annotations

from fractions import Fraction

NO_VALUE = "—"


def share(part: int, whole: int) -> Fraction | None:
    """part / whole exactly; None when there is no base."""
    return Fraction(part, whole) if whole else None


def rounded(value: Fraction, places: int) -> str:
    """Exact half-up rounding of a non-negative Fraction to `places` decimals."""
    if value < 0:
        raise ValueError("只能显示非负的比例")
    scaled = value * 10 ** places
    units = (scaled.numerator * 2 + scaled.denominator) // (scaled.denominator * 2)
    whole, rest = divmod(units, 10 ** places)
    return f"{whole}.{rest:0{places}d}" if places else str(whole)


def percent_number(value: Fraction | None, places: int = 2) -> str | None:
    """`Fraction(45, 116)` -> "38.79" (the command line's JSON form); None -> None."""
    return None if value is None else rounded(value * 100, places)


def percent_text(value: Fraction | None, places: int = 2) -> str:
    """`Fraction(45, 116)` -> "38.79%"; half up; None -> "—"."""
    return NO_VALUE if value is None else rounded(value * 100, places) + "%"


def decimal_text(value: Fraction | None, places: int = 1) -> str:
    """`Fraction(7, 2)` -> "3.5"; half up; None -> "—"."""
    return NO_VALUE if value is None else rounded(value, places)
