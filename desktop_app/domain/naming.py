"""Building, unit and room names as community staff write them, reduced to one canonical form.

`3号楼`, `3栋`, `3幢`, `3#`, `第3栋`, `３号楼`, `三号楼`, `3.0` and the integer 3 are all building "3";
`1单元` and `一单元` are unit "1"; `502室` and the Excel float 502.0 are room "502"."""

from __future__ import annotations

import re

from desktop_app.domain.text import as_text, compact, is_ascii_digits

UNSORTED = 10**9  # natural_sort_key of a name without a leading number

_CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMBER = r"(?P<number>[0-9]+(?:\.0+)?|[一二两三四五六七八九十]{1,3})"
_BUILDING = re.compile(rf"第?{_NUMBER}(?:号楼|号栋|号幢|号|栋|幢|座|#楼|#|楼)?")
_BUILDING_LETTER = re.compile(r"(?P<letter>[A-Za-z])(?:座|栋|幢|号楼|楼|#楼|#)?")
_UNIT = re.compile(rf"第?{_NUMBER}(?:单元|单|门|#)?")
_UNIT_LETTER = re.compile(r"(?P<letter>[A-Za-z])(?:单元|单|门)?")
_ROOM = re.compile(r"(?P<room>[0-9A-Za-z-]*?[0-9])(?:\.0+)?(?:室|号|号房|房)?")
_LEADING_INTEGER = re.compile(r"[0-9]+")


def chinese_number(text: str) -> int | None:
    """一..九十九 as an integer (`十二` -> 12, `二十` -> 20, `九十九` -> 99), else None."""
    if not text or len(text) > 3:
        return None
    if "十" not in text:
        return _CHINESE_DIGITS.get(text) if len(text) == 1 else None
    tens_text, _, ones_text = text.partition("十")
    tens = _CHINESE_DIGITS.get(tens_text) if tens_text else 1
    ones = _CHINESE_DIGITS.get(ones_text) if ones_text else 0
    if tens is None or ones is None:
        return None
    return tens * 10 + ones


def _number_value(text: str) -> int | None:
    """"3", "3.0" (a float from Excel) or Chinese numerals."""
    return int(text.split(".")[0]) if is_ascii_digits(text[0]) else chinese_number(text)


def _normalise_numbered(value: object, numbered: re.Pattern[str], lettered: re.Pattern[str]) -> str:
    original = as_text(value).strip()
    text = compact(original)
    match = numbered.fullmatch(text)
    if match:
        number = _number_value(match.group("number"))
        if number is not None and number > 0:
            return str(number)
    match = lettered.fullmatch(text)
    if match:
        return match.group("letter").upper()
    return original


def normalise_building(value: object) -> str:
    """Canonical building name: "3" for the numbered shapes, "A" for `A座`, otherwise trimmed."""
    return _normalise_numbered(value, _BUILDING, _BUILDING_LETTER)


def normalise_unit(value: object) -> str:
    """Canonical unit name: "1" for `1单元`, `一单元`, `1`; "" for an empty cell."""
    return _normalise_numbered(value, _UNIT, _UNIT_LETTER)


def normalise_room(value: object) -> str:
    """Canonical room number: `502室`, `502号`, `502.0` -> "502"; leading zeros kept (`0502`)."""
    original = as_text(value).strip()
    match = _ROOM.fullmatch(compact(original))
    return match.group("room") if match else original


def floor_from_room(number: object) -> int | None:
    """The floor a room number encodes: `502` -> 5, `1203` -> 12, `0502` -> 5; else None (`B101`)."""
    room = normalise_room(number)
    if not is_ascii_digits(room) or len(room) not in (3, 4):
        return None
    floor = int(room[:-2])
    return floor if floor > 0 else None


def natural_sort_key(name: str) -> int:
    """The leading integer of a name (so "12" sorts after "3"), else UNSORTED."""
    match = _LEADING_INTEGER.match(compact(as_text(name)))
    return int(match.group()) if match else UNSORTED
