"""A small hand-built street shared by the consultation and complaint service tests (a real database).

东湖街道: 杜鹃社区 holds 杜鹃新村 (building 1: unit 1 rooms 101 102 201 202, unit 2 rooms 101 102;
building 2 without units: rooms 101 102 103 104; 10 rooms) and 双园新村 (building 1 unit 1: rooms 101-105);
东霞社区 holds 梅岭小区 (building 5 unit 1: rooms 101 102 103; 3 rooms). 18 rooms in all.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.models import Building, Community, Estate, Owner, Ownership, Room, Street, Unit
from desktop_app.services.scope import Scope


@dataclass
class City:
    street: Street
    dujuan: Community
    dongxia: Community
    a: Estate  # 杜鹃新村
    b: Estate  # 双园新村
    c: Estate  # 梅岭小区
    rooms: dict[str, int]  # "A 1-1-101" -> room id

    def scope(self, level: str, record) -> Scope:
        return Scope(level, record.id)

    def building(self, estate: Estate, name: str) -> Building:
        return Building.get((Building.estate == estate) & (Building.name == name))


def build_city() -> City:
    street = Street.create(name="东湖街道")
    dujuan = Community.create(street=street, name="杜鹃社区")
    dongxia = Community.create(street=street, name="东霞社区")
    a = Estate.create(community=dujuan, name="杜鹃新村", code="A", pinyin="dujuanxincun")
    b = Estate.create(community=dujuan, name="双园新村", code="B", pinyin="shuangyuanxincun")
    c = Estate.create(community=dongxia, name="梅岭小区", code="C", pinyin="meilingxiaoqu")
    layout = {
        ("A", a, "1", 1): {"1": ["101", "102", "201", "202"], "2": ["101", "102"]},
        ("A", a, "2", 2): {"": ["101", "102", "103", "104"]},
        ("B", b, "1", 1): {"1": ["101", "102", "103", "104", "105"]},
        ("C", c, "5", 5): {"1": ["101", "102", "103"]},
    }
    rooms: dict[str, int] = {}
    serial = 0
    for (code, estate, building_name, sort_key), units in layout.items():
        building = Building.create(estate=estate, name=building_name, sort_key=sort_key)
        for unit_name, numbers in units.items():
            unit = Unit.create(building=building, name=unit_name, sort_key=int(unit_name or 0))
            for number in numbers:
                room = Room.create(unit=unit, number=number, sort_key=int(number), floor=int(number[0]),
                                   area_centi=8000)
                serial += 1
                owner = Owner.create(name=f"业主{serial}")
                Ownership.create(room=room, owner=owner, role="owner", is_voter=True)
                key = f"{code} {building_name}-{unit_name}-{number}" if unit_name else f"{code} {building_name}-{number}"
                rooms[key] = room.id
    return City(street, dujuan, dongxia, a, b, c, rooms)
