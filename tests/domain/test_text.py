"""The shared text clean-up of the domain rules."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from desktop_app.domain.text import as_text, ascii_upper, compact, is_ascii_digits, to_half_width


@pytest.mark.parametrize("value,expected", [
    ("３号楼", "3号楼"), ("ＡＢｃ＃", "ABc#"), ("\u3000", " "), ("85.3㎡", "85.3㎡"), ("张三", "张三"), ("", ""),
])
def test_to_half_width(value, expected):
    assert to_half_width(value) == expected


def test_compact_removes_every_kind_of_whitespace():
    assert compact(" 3 号\t楼\u3000\n") == "3号楼"


@pytest.mark.parametrize("value,expected", [("x", "X"), ("ß", "ß"), ("11010519491231002x", "11010519491231002X")])
def test_ascii_upper(value, expected):
    assert ascii_upper(value) == expected


@pytest.mark.parametrize("value,expected", [
    (None, ""), (3, "3"), (3.0, "3"), (502.0, "502"), (3.5, "3.5"), ("3.0", "3.0"), ("A", "A"),
])
def test_as_text(value, expected):
    assert as_text(value) == expected


@pytest.mark.parametrize("value,expected", [("0502", True), ("", False), ("²", False), ("٣", False), ("1a", False)])
def test_is_ascii_digits(value, expected):
    assert is_ascii_digits(value) is expected


@given(st.text())
def test_half_width_keeps_the_length(value):
    assert len(to_half_width(value)) == len(value)
    assert len(ascii_upper(value)) == len(value)
