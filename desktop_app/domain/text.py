"""Text clean-up shared by the domain rules: full-width to half-width, whitespace removal."""

from __future__ import annotations

import re

# U+FF01..U+FF5E are the full-width forms of ASCII U+0021..U+007E; U+3000 is the ideographic space.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HALF_WIDTH[0x3000] = 0x20
_WHITESPACE = re.compile(r"\s+")
_UPPER = {code: code - 32 for code in range(ord("a"), ord("z") + 1)}


def to_half_width(text: str) -> str:
    """`３号楼` -> `3号楼`, `ＡＢ` -> `AB`; other characters (㎡, Chinese) unchanged."""
    return text.translate(_HALF_WIDTH)


def compact(text: str) -> str:
    """Half-width with every whitespace character removed."""
    return _WHITESPACE.sub("", to_half_width(text))


def ascii_upper(text: str) -> str:
    """Upper-case a-z only (`str.upper` would turn `ß` into two letters)."""
    return text.translate(_UPPER)


def is_ascii_digits(text: str) -> bool:
    """Non-empty and ASCII digits only (str.isdigit also accepts `²` and other scripts' digits)."""
    return text.isascii() and text.isdigit()


def as_text(value: object) -> str:
    """A cell value as text: None -> "", a whole float -> "3" (Excel stores 3 as 3.0), else str()."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
