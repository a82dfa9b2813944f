"""Residents' ages by exact birthday, and who counts as elderly (60 and over)."""

from __future__ import annotations

from datetime import date

ELDERLY_AGE = 60


def age_on(birth: date, on: date) -> int:
    """Completed years on a day: born 1964-11-25 is 60 on 2024-11-25 and 59 the day before.
    Someone born on 29 February has a birthday on 1 March in a non-leap year."""
    if on < birth:
        raise ValueError(f"日期 {on.isoformat()} 早于出生日期 {birth.isoformat()}")
    before_birthday = (on.month, on.day) < (birth.month, birth.day)
    return on.year - birth.year - before_birthday


def is_elderly(birth: date, on: date) -> bool:
    """60 or older on the day given (False for someone not yet born then)."""
    return on >= birth and age_on(birth, on) >= ELDERLY_AGE


def latest_elderly_birth(on: date) -> date:
    """The latest birth date of someone elderly on `on` (for a `birth_date <= ?` query): exactly
    `is_elderly(birth, on)` for every birth date. On 29 February the cut-off is 28 February."""
    try:
        return on.replace(year=on.year - ELDERLY_AGE)
    except ValueError:
        return on.replace(year=on.year - ELDERLY_AGE, day=28)
