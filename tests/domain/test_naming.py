"""Building, unit and room names reduced to one canonical form; floors from room numbers."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from desktop_app.domain.naming import (
    UNSORTED,
    chinese_number,
    floor_from_room,
    natural_sort_key,
    normalise_building,
    normalise_room,
    normalise_unit,
)


@pytest.mark.parametrize("value", [
    "3号楼", "3栋", "3幢", "3#", "3#楼", "第3栋", "３号楼", "３＃", " 3 ", "3", "3.0", 3, 3.0, "三号楼", "三栋",
    "第三栋", "3号", "03号楼", "3 号楼", "\u30003号楼\u3000",
])
def test_building_three(value):
    assert normalise_building(value) == "3"


@pytest.mark.parametrize("value,expected", [
    ("十二栋", "12"), ("十号楼", "10"), ("二十栋", "20"), ("二十一号楼", "21"), ("九十九栋", "99"),
    ("12号楼", "12"), ("A座", "A"), ("A栋", "A"), ("a座", "A"), ("Ｂ座", "B"), ("C", "C"), ("A区", "A区"), ("٣号楼", "٣号楼"),
    (" 幸福楼 ", "幸福楼"), ("综合楼", "综合楼"), ("3-1", "3-1"), ("3号楼东", "3号楼东"),
    ("一百栋", "一百栋"), ("十十栋", "十十栋"), ("0", "0"), ("", ""), (None, ""), ("3.5", "3.5"),
])
def test_building_names(value, expected):
    assert normalise_building(value) == expected


@pytest.mark.parametrize("value,expected", [
    ("1单元", "1"), ("1", "1"), ("一单元", "1"), ("二单元", "2"), ("第二单元", "2"), ("十一单元", "11"),
    ("１单元", "1"), (1, "1"), (1.0, "1"), ("1.0", "1"), ("A单元", "A"), ("", ""), (None, ""), ("  ", ""),
    ("东单元", "东单元"),
])
def test_unit_names(value, expected):
    assert normalise_unit(value) == expected


@pytest.mark.parametrize("value,expected", [
    ("502", "502"), ("502室", "502"), ("502号", "502"), ("502.0", "502"), (502.0, "502"), (502, "502"),
    (" 502 ", "502"), ("５０２", "502"), ("0502", "0502"), ("0502室", "0502"), ("B101", "B101"),
    ("1-502", "1-502"), ("502.5", "502.5"), ("", ""), (None, ""), ("门面", "门面"),
])
def test_room_numbers(value, expected):
    assert normalise_room(value) == expected


@pytest.mark.parametrize("value,floor", [
    ("502", 5), ("101", 1), ("1203", 12), ("0502", 5), ("2801", 28), ("502室", 5), (502.0, 5),
    ("B101", None), ("12", None), ("1", None), ("12034", None), ("", None), ("002", None), ("门面", None),
])
def test_floor_from_room(value, floor):
    assert floor_from_room(value) == floor


@pytest.mark.parametrize("text,value", [
    ("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("十九", 19), ("二十", 20), ("二十五", 25), ("九十九", 99),
    ("两", 2), ("百", None), ("十十", None), ("一二", None), ("", None), ("三十三三", None),
])
def test_chinese_number(text, value):
    assert chinese_number(text) == value


def to_chinese(number: int) -> str:
    digits = "零一二三四五六七八九"
    tens, ones = divmod(number, 10)
    if tens == 0:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + ("" if ones == 0 else digits[ones])


@given(st.integers(min_value=1, max_value=99), st.sampled_from(["号楼", "栋", "幢", "#", "#楼", "", "号"]),
       st.booleans(), st.booleans())
def test_every_way_of_writing_a_building_number_agrees(number, suffix, chinese, prefixed):
    written = (to_chinese(number) if chinese else str(number)) + suffix
    if prefixed:
        written = "第" + written
    assert normalise_building(written) == str(number)


@given(st.integers(min_value=1, max_value=99), st.sampled_from(["单元", ""]), st.booleans())
def test_every_way_of_writing_a_unit_number_agrees(number, suffix, chinese):
    assert normalise_unit((to_chinese(number) if chinese else str(number)) + suffix) == str(number)


@given(st.text(max_size=12))
def test_normalising_is_idempotent(value):
    for normalise in (normalise_building, normalise_unit, normalise_room):
        once = normalise(value)
        assert normalise(once) == once


@given(st.integers(min_value=1, max_value=99), st.integers(min_value=1, max_value=99))
def test_floor_of_a_generated_room(floor, index):
    assert floor_from_room(f"{floor}{index:02d}") == floor


def test_natural_sort_key():
    names = ["12", "3", "A", "1", "10号楼", "幸福楼"]
    assert sorted(names, key=lambda name: (natural_sort_key(name), name)) == ["1", "3", "10号楼", "12", "A", "幸福楼"]
    assert natural_sort_key("A") == UNSORTED
    assert natural_sort_key("") == UNSORTED
    assert natural_sort_key("３") == 3
