"""The read side of the pages: tree, scope counts with the head-count rule, the rooms listing in SQL."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.identity import id_check_char
from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.models import Building, Community, Estate, Owner, Ownership, Resident, Street, Unit
from desktop_app.services import queries
from desktop_app.services.roll import rooms
from desktop_app.services.roll.pinyin import pinyin_key
from desktop_app.services.scope import ALL, Scope, estate_ids, estate_of_scope, scope_label, scope_path


def person_id(serial: int) -> str:
    first17 = f"35040219700101{serial:03d}"
    return first17 + id_check_char(first17)


@pytest.fixture
def city(database):
    """Two estates in two communities; 张三 owns two rooms; one developer room; one co-owned room."""
    street = Street.create(name="东湖街道")
    north = Community.create(street=street, name="杜鹃社区")
    south = Community.create(street=street, name="东霞社区")
    a = Estate.create(community=north, name="杜鹃新村", code="A", pinyin="dujuanxincun")
    b = Estate.create(community=south, name="梅岭小区", code="B", pinyin="meilingxiaoqu")
    rows = [  # estate, building, unit, room, area, owner, serial, phone, kind
        (a, "3", "1", "502", "85.30", "张三", 1, "13800138000", "person"),
        (a, "3", "1", "1202", "90", "张三", 1, "13800138000", "person"),
        (a, "12", "2", "101", "60.5", "李四", 2, "13911112222", "person"),
        (a, "12", "2", "102", "70", "", 0, "", "developer"),
        (b, "1", "", "201", "100", "王五", 3, "0591-87654321", "person"),
        (b, "1", "", "202", "100", "欧阳娜", 4, "", "person"),
    ]
    ids = []
    for estate, building, unit, room, area, owner, serial, phone, kind in rows:
        ids.append(rooms.save_room(rooms.RoomForm(
            estate_id=estate.id, building=building, unit=unit, number=room, area=area, owner_kind=kind,
            owner_name=owner, id_number=person_id(serial) if serial else "", phone=phone), today=date.today()))
    co_owner = Owner.create(name="赵六", id_number=person_id(5), pinyin=pinyin_key("赵六"))
    Ownership.create(room=ids[5], owner=co_owner, role="co-owner")
    Resident.create(room=ids[0], name="张老", birth_date="1960-05-01")
    Resident.create(room=ids[0], name="张小", birth_date="2000-05-01", is_disabled=True)
    Resident.create(room=ids[4], name="王老", birth_date="1964-05-02")
    return {"street": street, "north": north, "a": a, "b": b, "rooms": ids}


def numbers(ids):
    return [queries.room_rows([i])[i].cells[3] for i in ids]


def test_tree_levels_in_display_order(city):
    assert [n.label for n in queries.children(ALL)] == ["东湖街道"]
    street = queries.children(ALL)[0]
    assert [n.label for n in queries.children(street.scope)] == ["东霞社区", "杜鹃社区"]
    buildings = queries.children(Scope("estate", city["a"].id))
    assert [n.label for n in buildings] == ["3号楼", "12号楼"]  # natural order, not text order
    units = queries.children(buildings[0].scope)
    assert [(n.label, n.has_children) for n in units] == [("1单元", False)]
    lone = queries.children(queries.children(Scope("estate", city["b"].id))[0].scope)
    assert [n.label for n in lone] == ["（不分单元）"]


def test_scope_path_and_label(city):
    unit = Unit.get(Unit.name == "2")
    path = scope_path(Scope("unit", unit.id))
    assert [s.level for s in path] == ["street", "community", "estate", "building", "unit"]
    assert scope_label(Scope("unit", unit.id)) == "东湖街道 › 杜鹃社区 › 杜鹃新村 › 12号楼 › 2单元"
    assert Scope.from_text(Scope("unit", unit.id).to_text()) == Scope("unit", unit.id)
    assert Scope.from_text("garbage:x") == ALL


def test_scope_counts_apply_the_head_count_rule(city):
    counts = queries.scope_counts(ALL, today=date(2024, 5, 1))
    # 6 rooms: 张三's two rooms = 1 head, developer = 1, 李四, 王五, 欧阳娜+赵六 co-owned = 1
    assert (counts.estates, counts.buildings, counts.units, counts.rooms) == (2, 3, 2, 6)  # a building without units has none
    assert counts.owner_heads == 5
    assert counts.area_centi == 8530 + 9000 + 6050 + 7000 + 10000 + 10000
    assert (counts.residents, counts.elderly, counts.disabled) == (3, 1, 1)  # 1960-05-01 turns 64; 1964-05-02 is 59
    assert queries.scope_counts(ALL, today=date(2024, 5, 2)).elderly == 2  # the 60th birthday counts
    north = queries.scope_counts(Scope("community", city["north"].id), today=date.today())
    assert (north.estates, north.rooms, north.owner_heads) == (1, 4, 3)
    building = Building.get(Building.name == "12")
    assert queries.scope_counts(Scope("building", building.id), today=date.today()).owner_heads == 2


def test_room_ids_default_order_and_scope(city):
    assert numbers(queries.room_ids(ALL)) == ["502", "1202", "101", "102", "201", "202"]
    assert numbers(queries.room_ids(Scope("estate", city["b"].id))) == ["201", "202"]
    assert numbers(queries.room_ids(Scope("street", city["street"].id))) == numbers(queries.room_ids(ALL))


@pytest.mark.parametrize("sort,descending,expected", [
    ("area", False, ["101", "102", "502", "1202", "201", "202"]),
    ("area", True, ["202", "201", "1202", "502", "102", "101"]),  # the whole order reversed
    # pinyin order: (no name) < lisi < ouyangna < wangwu < zhangsan
    ("owner", False, ["102", "101", "202", "201", "502", "1202"]),
    ("floor", True, ["1202", "502", "202", "201", "102", "101"]),
])
def test_room_ids_sorted_in_sql(city, sort, descending, expected):
    assert numbers(queries.room_ids(ALL, sort=sort, descending=descending)) == expected


@pytest.mark.parametrize("text,expected", [
    ("张三", ["502", "1202"]), ("zs", ["502", "1202"]), ("ZHANG", ["502", "1202"]), ("oy", ["202"]),
    ("8000", ["502", "1202"]), ("4321", ["201"]), ("20", ["201", "202"]), ("欧阳", ["202"]),
    ("无此人", []), ("%", []), ("_", []), ("赵六", ["202"]),  # a co-owner finds the room too
])
def test_room_ids_filtered_in_sql(city, text, expected):
    assert numbers(queries.room_ids(ALL, text)) == expected


def test_room_rows_mask_personal_data(city):
    first = city["rooms"][0]
    row = queries.room_rows([first])[first]
    assert row.cells == ("杜鹃新村", "3号楼", "1单元", "502", "5", "85.30", "不动产登记", "张三",
                         person_id(1)[:6] + "********" + person_id(1)[-4:], "138****8000", "")
    co_owned = queries.room_rows([city["rooms"][5]])[city["rooms"][5]]
    assert co_owned.cells[7] == "欧阳娜" and co_owned.cells[10] == "赵六"
    assert queries.room_rows([]) == {}


def test_estate_helpers(city):
    assert [name for _id, name in queries.estate_choices()] == ["东霞社区 · 梅岭小区", "杜鹃社区 · 杜鹃新村"]
    unit = Unit.get(Unit.name == "2")
    assert estate_of_scope(Scope("unit", unit.id)) == city["a"].id
    assert estate_of_scope(ALL) is None


def test_the_estates_a_scope_covers(city):
    a, b = city["a"].id, city["b"].id
    unit = Unit.get(Unit.name == "2")
    street = Street.get(Street.name == "东湖街道")
    north = Community.get(Community.name == "杜鹃社区")
    cases = [(ALL, None), (Scope("street", street.id), [a, b]), (Scope("community", north.id), [a]),
             (Scope("estate", b), [b]), (Scope("building", unit.building_id), [a]), (Scope("unit", unit.id), [a]),
             (Scope("estate", 999), []), (Scope("unit", 999), [])]
    for scope, estates in cases:
        found = estate_ids(scope)
        assert (None if found is None else sorted(found)) == estates, scope
        assert estate_of_scope(scope) == (estates[0] if estates and scope.level.within_estate else None)


def test_a_scope_takes_its_level_as_text_or_enum():
    assert Scope("estate", 3) == Scope(ScopeLevel.ESTATE, 3) and Scope("estate", 3).level is ScopeLevel.ESTATE
    assert Scope("building", 7).to_text() == "building:7" and Scope.from_text("building:7") == Scope("building", 7)
    assert Scope.from_text("city:1") == ALL and ALL.to_text() == "all"
    with pytest.raises(ValueError):
        Scope("city", 1)
