"""The rooms table's orders: room.position kept in the location order through imports, edits,
renames and deletes; every sort of the whole database read without sorting equals the full ORDER BY
it stands for; owners' orders put rooms without a main owner last; the V3 migration of a V2 file."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from desktop_app.domain.identity import id_check_char
from desktop_app.domain.roll_record import RollRecord
from desktop_app.models import Owner, Ownership, Street, db, migrations, open_database
from desktop_app.services import queries
from desktop_app.services.roll import rooms
from desktop_app.services.roll.importing import apply_roll
from desktop_app.services.roll.bulk_tables import ORDER_INDEXES
from desktop_app.services.room_order import renumber
from desktop_app.services.scope import ALL, Scope

SORTS = [None, "estate", "building", "unit", "number", "floor", "area", "area_source", "owner", "id_number",
         "phone", "co_owners"]
_FACTS = ("SELECT r.id, e.pinyin, e.id, b.sort_key, b.name, u.sort_key, u.name, r.sort_key, r.number, r.floor, "
          "r.area_centi, r.area_source, o.id, o.pinyin, o.id_number, o.phone FROM room r "
          "JOIN unit u ON u.id = r.unit_id JOIN building b ON b.id = u.building_id JOIN estate e ON e.id = b.estate_id "
          "LEFT JOIN ownership os ON os.room_id = r.id AND os.role = 'owner' LEFT JOIN owner o ON o.id = os.owner_id")


def person_id(serial: int) -> str:
    first17 = f"35040219700101{serial:03d}"
    return first17 + id_check_char(first17)


def generated_roll(seed: int, estates: list[tuple[str, str]], rooms_each: int) -> list[RollRecord]:
    """Random buildings (numbered and named), units (some buildings without), rooms and owners;
    some owners share a name (same pinyin), some own several rooms, some have no phone. Each room once."""
    rng = random.Random(seed)
    records: dict[tuple, RollRecord] = {}
    for code, name in estates:
        for _ in range(rooms_each):
            building = rng.choice(["1", "2", "3", "10", "12", "A座", "B座"])
            unit = "" if building.endswith("座") else rng.choice(["1", "2", "11"])
            serial = rng.randrange(40)
            record = RollRecord(
                building=building, unit=unit, room=f"{rng.randrange(1, 19)}{rng.randrange(1, 5):02d}",
                area_centi=rng.randrange(3000, 15000), estate_code=code, estate_name=name,
                floor=rng.choice([None, 1, 2, 3]), area_source=rng.choice(["不动产登记", "实测", "合同"]),
                owner_name=rng.choice(["张伟", "王芳", "李娜", "张伟"]) + str(serial % 7),
                id_number=person_id(serial) if serial % 5 else "", phone="" if serial % 3 else f"1380013{serial:04d}")
            records.setdefault(record.room_key, record)
    return list(records.values())


def expected(sort: str | None) -> list[int]:
    """The order a sort stands for, computed in Python from the raw facts."""
    facts = db.execute_sql(_FACTS).fetchall()

    def location(row):
        return row[1:9]

    keys = {None: location, "estate": location, "building": lambda r: (r[3], r[4], *location(r)),
            "unit": lambda r: (r[5], r[6], *location(r)), "number": lambda r: (r[7], r[8], *location(r)),
            "floor": lambda r: (r[9] is not None, r[9] or 0, r[0]), "area": lambda r: (r[10], r[0]),
            "area_source": lambda r: (r[11], r[0])}
    if sort in keys:
        return [row[0] for row in sorted(facts, key=keys[sort])]
    column = {"owner": 13, "co_owners": 13, "id_number": 14, "phone": 15}[sort]
    owned = sorted((row for row in facts if row[12] is not None),
                   key=lambda r: (r[column] is not None, r[column] or "", r[12], r[0]))
    return [row[0] for row in owned] + sorted(row[0] for row in facts if row[12] is None)


def position_order() -> list[int]:
    return [row[0] for row in db.execute_sql("SELECT id FROM room ORDER BY position").fetchall()]


def assert_every_order_right() -> None:
    street = Scope("street", Street.get().id)  # everything, through the scoped statement
    for sort in SORTS:
        assert queries.room_ids(ALL, sort=sort) == expected(sort), sort
        assert queries.room_ids(street, sort=sort) == expected(sort), sort
        assert queries.room_ids(ALL, sort=sort, descending=True) == expected(sort)[::-1], sort
    assert position_order() == expected(None)


ESTATES = [("E1", "梅岭小区"), ("E2", "杜鹃新村"), ("E3", "杜鹃新村")]  # two estates share a name (and pinyin)


def test_orders_after_imports_edits_renames_and_deletes(database):
    apply_roll(generated_roll(1, ESTATES, 60), community_id=None)
    assert_every_order_right()

    # a second roll: an estate that sorts first, more rooms in an old one, an estate renamed
    apply_roll(generated_roll(2, [("E0", "阿城小区"), ("E1", "梅岭小区"), ("E3", "白鹭苑")], 30))
    assert_every_order_right()

    estate = db.execute_sql("SELECT id FROM estate WHERE code = 'E2'").fetchone()[0]
    new = rooms.save_room(rooms.RoomForm(estate_id=estate, building="1", unit="1", number="0101", area="50"), today=date.today())
    some = queries.room_ids(Scope("estate", estate))[5]
    form = rooms.room_form(some)
    form.number, form.building = "9999", "2"
    rooms.save_room(form, some, today=date.today())
    rooms.delete_room(queries.room_ids(ALL)[3])
    assert_every_order_right()
    assert queries.room_ids(ALL, sort="owner")[-1] == new  # created without an owner: last


def test_renumbering_one_estate_writes_only_its_rooms(database):
    apply_roll(generated_roll(3, ESTATES, 40))
    estate = db.execute_sql("SELECT id FROM estate WHERE code = 'E1'").fetchone()[0]
    before = dict(db.execute_sql("SELECT id, position FROM room").fetchall())
    changes = db.execute_sql("SELECT total_changes()").fetchone()[0]
    renumber([estate])
    assert db.execute_sql("SELECT total_changes()").fetchone()[0] == changes  # nothing was out of place
    rooms.save_room(rooms.RoomForm(estate_id=estate, building="1", unit="1", number="0001", area="50"), today=date.today())
    after = dict(db.execute_sql("SELECT id, position FROM room").fetchall())
    moved = {id_ for id_ in before if after[id_] != before[id_]}
    in_estate = {row[0] for row in db.execute_sql(
        "SELECT r.id FROM room r JOIN unit u ON u.id = r.unit_id JOIN building b ON b.id = u.building_id "
        "WHERE b.estate_id = ?", (estate,)).fetchall()}
    assert moved and moved <= in_estate
    assert position_order() == expected(None)


def test_ownerships_carry_their_owners_values_whoever_writes(database):
    apply_roll(generated_roll(8, ESTATES, 30))
    changed = [replace(record, owner_name=record.owner_name + "改", phone="13900000000") if i % 4 == 0 else record
               for i, record in enumerate(generated_roll(9, ESTATES, 30))]
    apply_roll(changed)  # existing owners renamed, new rooms of existing owners, new owners
    owner = Owner.create(name="欧阳娜", pinyin="ouyangna", phone="13700000000")
    Ownership.create(room=queries.room_ids(ALL)[0], owner=owner, role="co-owner")
    assert db.execute_sql(
        "SELECT count(*) FROM ownership os JOIN owner o ON o.id = os.owner_id WHERE os.owner_pinyin IS NOT o.pinyin "
        "OR os.owner_id_number IS NOT o.id_number OR os.owner_phone IS NOT o.phone").fetchone()[0] == 0
    assert db.execute_sql("SELECT count(*) FROM ownership WHERE owner_pinyin = 'ouyangna'").fetchone()[0] == 1


def test_a_big_import_builds_the_order_indexes_again(database):
    def indexes():
        return set(db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index'").fetchall())

    before = indexes()
    assert {name for name, _ in before} >= set(ORDER_INDEXES)
    apply_roll(generated_roll(10, ESTATES, 30))  # every room new: the indexes are set aside
    assert indexes() == before
    assert_every_order_right()


def test_reimporting_the_same_roll_writes_no_position(database):
    roll = generated_roll(4, ESTATES, 30)
    apply_roll(roll)
    changes = db.execute_sql("SELECT total_changes()").fetchone()[0]
    apply_roll(roll)
    assert db.execute_sql("SELECT total_changes()").fetchone()[0] == changes


def test_rooms_written_without_a_position_are_placed_on_the_next_read(database):
    apply_roll(generated_roll(5, ESTATES, 20))
    db.execute_sql("UPDATE room SET position = NULL WHERE id % 3 = 0")
    db.execute_sql("UPDATE estate SET position = NULL")
    assert queries.room_ids(ALL) == expected(None)


def test_the_location_order_is_read_again_after_another_connection_wrote(workspace, db_path):
    cache = workspace.located_rooms
    apply_roll(generated_roll(11, ESTATES, 20))
    first, second = queries.room_ids(ALL, cache=cache)[:2]
    other = sqlite3.connect(db_path)
    other.execute("UPDATE room SET position = -position WHERE id IN (?, ?)", (first, second))
    other.commit()
    other.close()
    assert queries.room_ids(ALL, cache=cache)[:2] == [second, first]  # not the list read before


def test_filters_and_scopes_keep_the_orders(database):
    apply_roll(generated_roll(6, ESTATES, 50))
    estate = Scope("estate", db.execute_sql("SELECT id FROM estate WHERE code = 'E2'").fetchone()[0])
    in_estate = set(queries.room_ids(estate))
    for sort in SORTS:
        assert queries.room_ids(estate, sort=sort) == [i for i in expected(sort) if i in in_estate], sort
        matching = set(queries.room_ids(ALL, text="张伟"))
        assert matching and queries.room_ids(ALL, "张伟", sort) == [i for i in expected(sort) if i in matching]


@pytest.mark.parametrize("sort", [None, "estate", "number", "floor", "area", "area_source", "owner", "id_number",
                                  "phone", "co_owners"])
def test_whole_database_orders_are_index_scans(database, sort):
    statements = []
    db.obj.connection().set_trace_callback(statements.append)
    try:
        queries.room_ids(ALL, sort=sort)
    finally:
        db.obj.connection().set_trace_callback(None)
    ordered = [sql for sql in statements if "ORDER BY" in sql]
    assert ordered
    for sql in ordered:
        plan = " ".join(row[3] for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}").fetchall())
        assert "TEMP B-TREE" not in plan and "COVERING INDEX" in plan, sql


def test_a_rooms_owners_are_found_through_the_room_index(database):
    sql = (f"SELECT r.id, o.name FROM room r {queries._OWNER_JOIN} WHERE r.id IN (1, 2) AND EXISTS (SELECT 1 "
           "FROM ownership os2 WHERE os2.room_id = r.id AND os2.role = 'co-owner')")
    plan = [row[3] for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}").fetchall()]
    ownership = [step for step in plan if "os" in step.split()[1:2] or "os2" in step.split()[1:2]]
    assert len(ownership) == 2 and all("(room_id=?" in step for step in ownership), plan


def test_owner_orders_follow_edits_of_owners(database):
    apply_roll(generated_roll(7, ESTATES, 40))
    last = queries.room_ids(ALL, sort="phone")[-1]
    owner = rooms._primary_ownership(last).owner
    form = rooms.owner_form(owner.id)
    form.phone = "13000000000"  # before every generated phone (1380013….)
    rooms.save_owner(form, owner.id, today=date.today())
    ids = queries.room_ids(ALL, sort="phone")
    assert ids == expected("phone")
    assert ids.index(last) < len(ids) - 1


def test_migrations_v3_to_v5_upgrade_a_v2_file(db_path):
    connection = sqlite3.connect(db_path)
    for migration in migrations.MIGRATIONS[:2]:
        migration(connection)
    stamp = "'u{0}', 't', 't', 'o'"
    connection.execute(f"INSERT INTO street VALUES (1, {stamp.format('s')}, '东湖街道', NULL)")
    connection.execute(f"INSERT INTO community VALUES (1, {stamp.format('c')}, 1, '杜鹃社区', NULL)")
    for estate, pinyin in ((1, "meiling"), (2, "dujuan")):
        connection.execute(f"INSERT INTO estate (id, uid, created_at, updated_at, origin, community_id, name, pinyin) "
                           f"VALUES ({estate}, {stamp.format(f'e{estate}')}, 1, '小区{estate}', '{pinyin}')")
        for building, sort_key in (("10", 10), ("2", 2)):
            b = estate * 10 + sort_key
            connection.execute(f"INSERT INTO building VALUES ({b}, {stamp.format(f'b{b}')}, {estate}, '{building}', "
                               f"{sort_key})")
            connection.execute(f"INSERT INTO unit VALUES ({b}, {stamp.format(f'u{b}')}, {b}, '', 0)")
            for number in ("1201", "302"):
                connection.execute(
                    "INSERT INTO room (uid, created_at, updated_at, origin, unit_id, number, sort_key, area_centi) "
                    f"VALUES ('r{b}{number}', 't', 't', 'o', {b}, '{number}', {int(number)}, 5000)")
    connection.execute("INSERT INTO owner (id, uid, created_at, updated_at, origin, name, phone, pinyin) "
                       "VALUES (1, 'o1', 't', 't', 'o', '张三', '13800138000', 'zhangsan')")
    connection.execute("INSERT INTO ownership (uid, created_at, updated_at, origin, room_id, owner_id) "
                       "VALUES ('w1', 't', 't', 'o', 1, 1)")
    connection.execute("PRAGMA user_version = 2")
    connection.commit()
    connection.close()

    open_database(db_path)
    assert db.obj.pragma("user_version") == migrations.LATEST_VERSION >= 3
    labels = [(row[0], row[1], row[2]) for row in db.execute_sql(
        "SELECT e.pinyin, b.name, r.number FROM room r JOIN unit u ON u.id = r.unit_id "
        "JOIN building b ON b.id = u.building_id JOIN estate e ON e.id = b.estate_id ORDER BY r.position").fetchall()]
    assert labels == [(p, b, n) for p in ("dujuan", "meiling") for b in ("2", "10") for n in ("302", "1201")]
    assert position_order() == expected(None)
    indexes = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()}
    assert {"room_position", "room_floor", "ownership_owner_role_room"} <= indexes
    assert not {"ownership_owner_id", "owner_phone"} & indexes
    assert {"ownership_main_by_pinyin", "ownership_main_by_id_number", "ownership_main_by_phone"} <= indexes
    assert db.execute_sql("SELECT owner_pinyin, owner_id_number, owner_phone FROM ownership").fetchall() == [
        ("zhangsan", None, "13800138000")]
    assert queries.room_ids(ALL, sort="owner")[0] == 1
