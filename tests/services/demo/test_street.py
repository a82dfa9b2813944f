"""The demo street: believable, deterministic, valid, and written only once however often it runs."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from desktop_app.domain.identity import credit_code_error, resident_id_error
from desktop_app.domain.residents import is_elderly
from desktop_app.models import (
    ALL_MODELS, AuditLog, Community, Estate, Owner, Ownership, Resident, Room, Setting, Street, open_database,
)
from desktop_app.services.demo.street import create_demo, demo_plans
from desktop_app.services.queries import has_any_estate
from desktop_app.services.demo.people import REFERENCE_DATE

# Columns that differ between two installations writing the same data.
# Generated per installation: record ids and stamps, and in the demo vote's frozen roll the room uids and
# the owner uids that stand in for owners without an ID number (head keys are built from them).
VOLATILE = {"uid", "created_at", "updated_at", "origin", "room_uid", "owner_keys", "head_key"}


@pytest.fixture(scope="module")
def plans():
    return demo_plans()


def table_contents(model) -> list[tuple]:
    columns = [field for field in model._meta.sorted_fields if field.name not in VOLATILE]
    return sorted(model.select(*columns).order_by(model._meta.primary_key).tuples())


def snapshot() -> dict[str, list[tuple]]:
    skipped = {AuditLog, Setting}  # who and when, and the installation id
    return {model.__name__: table_contents(model) for model in ALL_MODELS if model not in skipped}


def test_has_any_estate_before_and_after(database):
    assert not has_any_estate()
    create_demo(today=date.today())
    assert has_any_estate()


def test_the_demo_is_a_street_of_two_communities_and_six_estates(database):
    summary = create_demo(today=date.today())
    assert [street.name for street in Street.select()] == ["东湖街道"]
    assert Community.select().count() == 2
    estates = list(Estate.select())
    assert len(estates) == 6
    assert all(estate.address.startswith("福建省三明市") for estate in estates)
    assert all(1985 <= estate.year_built <= 2000 for estate in estates)
    assert len({estate.code for estate in estates}) == 6
    rooms = Room.select().count()
    assert 1400 <= rooms <= 1600
    assert summary.rows == summary.imported == rooms
    areas = [room.area_centi for room in Room.select(Room.area_centi)]
    assert 4850 <= min(areas) and max(areas) <= 12000


def test_two_fresh_databases_hold_identical_rows(tmp_path):
    contents = []
    for name in ("first.sqlite3", "second.sqlite3"):
        database = open_database(tmp_path / name)
        create_demo(today=date.today())
        contents.append(snapshot())
        database.close()
    assert contents[0]["Room"] and contents[0]["Resident"]
    assert contents[0] == contents[1]


def test_running_the_demo_twice_duplicates_nothing(database):
    create_demo(today=date.today())
    before = snapshot()
    audit_rows = AuditLog.select().count()
    summary = create_demo(today=date.today())
    assert summary.imported == 0
    assert summary.unchanged == summary.rows == Room.select().count()
    after = snapshot()
    assert after == before
    assert AuditLog.select().count() == audit_rows


def test_the_promised_kinds_of_owners_are_there(database):
    create_demo(today=date.today())
    rooms_per_person = Counter(
        owner_id for owner_id, in Ownership.select(Ownership.owner).join(Owner)
        .where((Owner.kind == "person") & (Ownership.role == "owner")).tuples())
    assert sum(1 for count in rooms_per_person.values() if count > 1) >= 10

    organisations = Counter(
        owner_id for owner_id, in Ownership.select(Ownership.owner).join(Owner)
        .where(Owner.kind == "organisation").tuples())
    assert max(organisations.values()) >= 30  # work-unit housing: one body owning many rooms

    developer_rooms = Ownership.select().join(Owner).where(Owner.kind == "developer").count()
    assert 5 <= developer_rooms <= 30

    co_owned_rooms = Ownership.select(Ownership.room).where(Ownership.role == "co-owner").distinct().count()
    assert co_owned_rooms >= 50


def test_residents_are_believable(database):
    create_demo(today=date.today())
    residents = list(Resident.select())
    rooms = Room.select().count()
    assert 1.5 * rooms <= len(residents) <= 4 * rooms
    births = [date.fromisoformat(resident.birth_date) for resident in residents]
    elderly = sum(is_elderly(birth, REFERENCE_DATE) for birth in births) / len(births)
    assert 0.18 <= elderly <= 0.32  # about a quarter aged 60 or more
    assert 0 < sum(resident.is_disabled for resident in residents) < 0.1 * len(residents)
    assert {"户主", "配偶", "子女"} <= {resident.relation for resident in residents}


def test_every_generated_number_passes_the_domain_checks(plans):
    for plan in plans:
        for record in plan.records:
            if record.owner_kind == "person":
                assert resident_id_error(record.id_number, today=date.today()) is None, record
            else:
                assert credit_code_error(record.id_number) is None, record
        for household in plan.households:
            for member in household.residents:
                assert resident_id_error(member.id_number, today=date.today()) is None, member
                assert member.id_number[6:14] == member.birth_date.strftime("%Y%m%d")


def test_one_id_number_is_always_the_same_person(plans):
    people: dict[str, tuple[str, str]] = {}
    for plan in plans:
        for record in plan.records:
            assert people.setdefault(record.id_number, (record.owner_name, record.phone)) == (
                record.owner_name, record.phone)
        for household in plan.households:
            for member in household.residents:
                assert people.setdefault(member.id_number, (member.name, member.phone)) == (
                    member.name, member.phone)


def test_every_id_number_in_the_database_is_valid(database):
    create_demo(today=date.today())
    for kind, number in Owner.select(Owner.kind, Owner.id_number).where(Owner.id_number.is_null(False)).tuples():
        check = (lambda n: resident_id_error(n, today=date.today())) if kind == "person" else credit_code_error
        assert check(number) is None, number
    for number, in Resident.select(Resident.id_number).tuples():
        assert resident_id_error(number, today=date.today()) is None, number


def test_cancelling_the_demo_writes_nothing(database):
    from desktop_app.domain.errors import Cancelled

    calls = []

    def cancel_after_first(done: int, total: int) -> bool:
        calls.append((done, total))
        return len(calls) < 2

    with pytest.raises(Cancelled):
        create_demo(progress=cancel_after_first, today=date.today())
    assert len(calls) == 2
    assert not has_any_estate()
    assert Street.select().count() == Community.select().count() == Resident.select().count() == 0
    create_demo(today=date.today())
    assert Room.select().count() > 0
