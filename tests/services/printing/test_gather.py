"""Gathering print data from a real database, and the print history."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.models import Building, Community, Estate, Owner, Ownership, Resident, Room, Street, Unit
from desktop_app.services.printing import gather as printing
from desktop_app.services.scope import Scope


@pytest.fixture
def estate(database):
    street = Street.create(name="东街街道")
    community = Community.create(street=street, name="幸福里社区")
    estate = Estate.create(community=community, code="350402001", name="幸福里小区")
    other = Estate.create(community=community, code="350402002", name="和平小区")
    b3 = Building.create(estate=estate, name="3", sort_key=3)
    b12 = Building.create(estate=estate, name="12", sort_key=12)
    u1 = Unit.create(building=b3, name="1", sort_key=1)
    u2 = Unit.create(building=b3, name="2", sort_key=2)
    u0 = Unit.create(building=b12, name="")
    rooms = {
        "3-1-502": Room.create(unit=u1, number="502", floor=5, sort_key=502, area_centi=8530),
        "3-1-101": Room.create(unit=u1, number="101", floor=1, sort_key=101, area_centi=6000),
        "3-2-201": Room.create(unit=u2, number="201", floor=2, sort_key=201, area_centi=7000),
        "12--1203": Room.create(unit=u0, number="1203", floor=12, sort_key=1203, area_centi=12000),
    }
    zhang = Owner.create(name="张伟", id_number="350402199001011234", phone="13800138000")
    li = Owner.create(name="李秀英", id_number="350402199202021238", phone="13900139000")
    factory = Owner.create(kind="organisation", name="市第二机床厂", id_number="91350100M000100Y43")
    developer = Owner.create(kind="developer", name="幸福置业有限公司")
    Ownership.create(room=rooms["3-1-502"], owner=li, role="co-owner")
    Ownership.create(room=rooms["3-1-502"], owner=zhang, role="owner", is_voter=True)
    Ownership.create(room=rooms["3-1-101"], owner=zhang)
    Ownership.create(room=rooms["3-2-201"], owner=developer)
    Ownership.create(room=rooms["12--1203"], owner=factory)
    Resident.create(room=rooms["3-1-502"], name="张伟", birth_date="1990-01-01")
    Resident.create(room=rooms["3-1-502"], name="张老", birth_date="1960-05-23")  # 64 on 2024-05-23
    Resident.create(room=rooms["3-1-502"], name="张小", birth_date="1964-05-24")  # 59 on 2024-05-23
    other_building = Building.create(estate=other, name="1")
    Room.create(unit=Unit.create(building=other_building, name="1"), number="101", area_centi=5000)
    return {"estate": estate, "b3": b3, "b12": b12, "u1": u1, "rooms": rooms}


def test_roll_of_a_building_in_roll_order_with_main_owner_first(estate):
    roll = printing.owner_roll_data(Scope("building", estate["b3"].id), signature_column=True,
                                    issuer="幸福里社区居民委员会", issued_on=date(2024, 5, 23))
    assert roll.estate_name == "幸福里小区" and roll.scope_label == "3号楼" and roll.signature_column
    assert [(r.unit, r.room) for r in roll.rows] == [("1", "101"), ("1", "502"), ("2", "201")]
    row = roll.rows[1]
    assert row.owner_names == ("张伟", "李秀英")  # the owner before the co-owner
    assert (row.id_number, row.phone, row.area_centi) == ("350402199001011234", "13800138000", 8530)
    assert roll.rows[2].owner_kind == "developer"


def test_roll_of_a_unit_and_of_an_estate(estate):
    unit = printing.owner_roll_data(Scope("unit", estate["u1"].id))
    assert unit.scope_label == "3号楼1单元" and len(unit.rows) == 2
    whole = printing.owner_roll_data(Scope("estate", estate["estate"].id))
    assert whole.scope_label == "" and len(whole.rows) == 4
    assert [r.building for r in whole.rows] == ["3", "3", "3", "12"]  # 3号楼 before 12号楼
    assert whole.rows[3].owner_kind == "organisation"


@pytest.mark.parametrize("level", ["all", "street", "community"])
def test_roll_refuses_scopes_wider_than_an_estate(estate, level):
    scope = Scope() if level == "all" else Scope(level, 1)
    with pytest.raises(printing.PrintScopeError, match="小区、楼栋或单元"):
        printing.owner_roll_data(scope)


def test_visit_forms_prefilled_with_household_and_elderly(estate):
    forms = printing.visit_forms_data(Scope("estate", estate["estate"].id), today=date(2024, 5, 23))
    assert len(forms) == 4
    form = next(f for f in forms if f.home.room == "502")
    assert (form.community, form.estate_name, form.home.owner_names) == ("幸福里社区", "幸福里小区", ("张伟", "李秀英"))
    assert (form.residents, form.elderly) == (3, 1)
    assert (form.home.phone, form.home.label) == ("13800138000", "3号楼1单元502室")
    no_residents = next(f for f in forms if f.home.room == "101")
    assert (no_residents.residents, no_residents.elderly) == (None, None)
    assert next(f for f in forms if f.home.room == "201").home.owner_kind == "developer"
    assert next(f for f in forms if f.home.room == "1203").home.label == "12号楼1203室"


def test_estate_scope_by_code_name_and_building(estate):
    assert printing.estate_scope("350402001") == Scope("estate", estate["estate"].id)
    assert printing.estate_scope("幸福里小区", "3号楼") == Scope("building", estate["b3"].id)
    assert printing.estate_scope("350402001", "12栋") == Scope("building", estate["b12"].id)
    with pytest.raises(printing.PrintScopeError, match="找不到小区“999”"):
        printing.estate_scope("999")
    with pytest.raises(printing.PrintScopeError, match="没有楼栋“7”"):
        printing.estate_scope("350402001", "7")


def test_default_issuer_is_the_residents_committee(estate):
    assert printing.default_issuer(Scope("building", estate["b3"].id)) == "幸福里社区居民委员会"
    assert printing.default_issuer(Scope("community", 1)) == "幸福里社区居民委员会"
    assert printing.default_issuer(Scope()) == ""


def test_print_history_records_what_when_and_for_which_scope(estate):
    scope = Scope("building", estate["b3"].id)
    first = printing.record_print_job("notice", "关于改造方案的公示", scope, file_path="/tmp/a.pdf", page_count=2,
                                      period_start=date(2024, 5, 23), period_end=date(2024, 6, 5))
    second = printing.record_print_job("roll", "幸福里小区3号楼业主名册", scope, output="printer", page_count=1)
    history = printing.print_history()
    assert [h.id for h in history] == [second.id, first.id]
    assert history[1].scope_label.endswith("幸福里小区 › 3号楼")
    assert (history[1].period_start, history[1].period_end) == ("2024-05-23", "2024-06-05")
    assert history[0].output == "printer" and history[0].produced_by
    assert history[1].produced_at <= history[0].produced_at
    with pytest.raises(ValueError):
        printing.record_print_job("poster", "x", scope)


def test_rooms_count(estate):
    assert printing.rooms_count(Scope("estate", estate["estate"].id)) == 4
    assert printing.rooms_count(Scope()) == 5
