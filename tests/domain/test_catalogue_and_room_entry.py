"""The renovation catalogue text and the typed room references of keyboard entry."""

from __future__ import annotations


import pytest
from hypothesis import given, strategies as st

from desktop_app.domain.catalogue import CATEGORIES, CatalogueError, category_of, item_name_error, parse_catalogue
from desktop_app.domain.room_entry import RoomRef, matches, parse_room_entry
from desktop_app.paths import SHIPPED_CATALOGUE


def test_the_shipped_catalogue_has_every_category_of_the_guidance():
    entries = parse_catalogue(SHIPPED_CATALOGUE.read_text(encoding="utf-8"))
    assert {entry.category for entry in entries} == set(CATEGORIES)
    names = {entry.name: entry.category for entry in entries}
    assert names["雨污分流"] == "基础类"
    assert names["加装电梯"] == "完善类"
    assert names["养老服务设施"] == "提升类"
    assert [entry.position for entry in entries] == list(range(len(entries)))
    assert category_of("加装电梯", entries) == "完善类"
    assert category_of("自定义的内容", entries) == ""


@pytest.mark.parametrize("text, message", [
    ('{"categories": {"豪华类": ["游泳池"]}}', "改造类别“豪华类”无效"),
    ('{"categories": {"基础类": ["屋面修缮", "屋面修缮"]}}', "“屋面修缮”重复"),
    ('{"categories": {"基础类": [""]}}', "不能为空"),
    ('{"categories": {"基础类": "屋面"}}', "应为名称列表"),
    ("not json", "格式错误"),
    ('{"other": 1}', "格式错误"),
])
def test_a_bad_catalogue_is_refused_with_the_reason(text, message):
    with pytest.raises(CatalogueError, match=message):
        parse_catalogue(text)


def test_item_names_are_bounded():
    assert item_name_error("屋" * 40) is None
    assert "不能超过40个字" in item_name_error("屋" * 41)
    assert item_name_error("  ") == "改造内容名称不能为空"
    assert item_name_error("a\nb") is not None


@pytest.mark.parametrize("text, expected", [
    ("3-1-502", RoomRef("3", "1", "502")),
    ("3 1 502", RoomRef("3", "1", "502")),
    ("3  1   502", RoomRef("3", "1", "502")),
    ("3/1/502", RoomRef("3", "1", "502")),
    ("３－１－５０２", RoomRef("3", "1", "502")),
    ("3号楼1单元502室", RoomRef("3", "1", "502")),
    ("3栋2单元1201", RoomRef("3", "2", "1201")),
    ("3#502", RoomRef("3", None, "502")),
    ("3-502", RoomRef("3", None, "502")),
    ("502", RoomRef(None, None, "502")),
    ("A座-1-101", RoomRef("A", "1", "101")),
    ("", None),
    ("   ", None),
    ("1-2-3-4", None),
])
def test_typed_rooms(text, expected):
    assert parse_room_entry(text) == expected


def test_omitted_parts_match_any():
    assert matches(RoomRef(None, None, "502"), "3", "1", "502")
    assert matches(RoomRef("3", None, "502"), "3", "2", "502")
    assert not matches(RoomRef("3", "1", "502"), "3", "2", "502")
    assert not matches(RoomRef("4", None, "502"), "3", "1", "502")


@given(st.integers(1, 40), st.integers(1, 9), st.integers(1, 33), st.integers(1, 8), st.sampled_from([" ", "-", "/"]))
def test_every_separator_names_the_same_room(building, unit, floor, number, separator):
    room = f"{floor}{number:02d}"
    assert parse_room_entry(separator.join([str(building), str(unit), room])) == RoomRef(str(building), str(unit), room)


@pytest.mark.parametrize("positions, codes", [
    ([0, 1, 2], [1, 2, 3]),
    ([0, 2, 41, 42], [1, 3, 42, 43]),   # a hidden item leaves a gap, a new one takes the next number
    ([5, 0], [6, 1]),                  # the order given is kept
    ([0, 0, 0], [1, 2, 3]),            # no distinct positions: numbered in order
    ([], []),
])
def test_entry_codes_are_positions_plus_one(positions, codes):
    from desktop_app.domain.catalogue import CatalogueEntry, entry_codes

    assert entry_codes([CatalogueEntry("基础类", f"项{i}", p) for i, p in enumerate(positions)]) == codes


@given(st.lists(st.integers(0, 500), unique=True, max_size=60))
def test_removing_an_entry_never_renumbers_the_others(positions):
    from desktop_app.domain.catalogue import CatalogueEntry, entry_codes

    entries = [CatalogueEntry("基础类", f"项{p}", p) for p in positions]
    codes = dict(zip((e.name for e in entries), entry_codes(entries)))
    for gone in entries:
        rest = [e for e in entries if e is not gone]
        assert dict(zip((e.name for e in rest), entry_codes(rest))) == {k: v for k, v in codes.items() if k != gone.name}
