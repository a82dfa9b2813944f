"""apply_roll writes the roll into a real SQLite file: owners identified by ID number, developer-unsold
rooms sharing one owner, co-owners, idempotent re-import, audited changes, cancel rolls back."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.errors import Cancelled, UserError
from desktop_app.domain.identity import credit_check_char, id_check_char
from desktop_app.domain.roll_record import RollRecord
from desktop_app.models import AuditLog, Community, Estate, Owner, Ownership, Room, Street, db
from desktop_app.services.roll.pinyin import full_pinyin_key, pinyin_key
from desktop_app.services.roll.importing import apply_roll

ZHANG = "35040219800101123" + id_check_char("35040219800101123")
WANG = "11010519491231002" + id_check_char("11010519491231002")
COMPANY = "91350200MA2Y0000X" + credit_check_char("91350200MA2Y0000X")
TABLES = ("street", "community", "estate", "building", "unit", "room", "owner", "ownership", "audit_log")


def record(room: str, **fields) -> RollRecord:
    values = dict(building="3", unit="1", room=room, area_centi=8530, estate_code="E001", estate_name="幸福里",
                  floor=int(room[:-2]), owner_name="张三", id_number=ZHANG, phone="13800138000")
    values.update(fields)
    return RollRecord(**values)


def roll() -> list[RollRecord]:
    return [
        record("502", co_owners=("李四", "王五")),
        record("601", area_centi=9012, area_source="实测", note="顶楼"),
        record("101", unit="2", owner_name="王芳", id_number=WANG, phone="0591-87654321"),
        record("102", building="4", unit="", owner_kind="organisation", owner_name="某某机械厂", id_number=COMPANY,
               phone=""),
        record("201", building="5", owner_kind="developer", owner_name="", id_number="", phone=""),
        record("202", building="5", owner_kind="developer", owner_name="", id_number="", phone=""),
        record("301", building="5", owner_name="赵六", id_number="", phone=""),
    ]


def dump() -> dict[str, list[tuple]]:
    """Every row of the roll tables, byte for byte."""
    connection = db.connection()
    return {table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in TABLES}


def owners_of(number: str) -> list[tuple[str, str, int]]:
    query = (Ownership.select(Owner.name, Ownership.role, Ownership.is_voter).join(Owner)
             .switch(Ownership).join(Room).where(Room.number == number).order_by(Ownership.role, Owner.name))
    return [(row.owner.name, row.role, int(row.is_voter)) for row in query]


def test_a_roll_is_written_with_owners_identified_across_rooms(database):
    summary = apply_roll(roll())
    assert (summary.rows, summary.imported, summary.unchanged, summary.created) == (7, 7, 0, 7)
    assert Room.select().count() == 7
    assert sorted(owners_of("502")) == [("张三", "owner", 1), ("李四", "co-owner", 0), ("王五", "co-owner", 0)]
    zhang = Owner.get(Owner.id_number == ZHANG)
    assert [o.room.number for o in zhang.ownerships.order_by(Ownership.id)] == ["502", "601"]
    assert zhang.pinyin == "zhangsan zs" == full_pinyin_key("张三")
    developers = Owner.select().where(Owner.kind == "developer")
    assert developers.count() == 1 and developers.get().ownerships.count() == 2
    assert Owner.get(Owner.id_number == COMPANY).kind == "organisation"
    assert Owner.select().count() == 7  # 张三 李四 王五 王芳 机械厂 developer 赵六
    room = Room.get(Room.number == "601")
    assert (room.area_centi, room.area_source, room.note, room.floor) == (9012, "实测", "顶楼", 6)
    estate = Estate.get()
    assert (estate.code, estate.name, estate.pinyin) == ("E001", "幸福里", "xingfuli xfl")
    assert (estate.community.name, estate.community.street.name) == ("未分组社区", "未分组街道")
    assert AuditLog.select().where(AuditLog.action == "import").count() == 1


def test_importing_the_same_roll_again_changes_nothing(database):
    apply_roll(roll())
    before = dump()
    summary = apply_roll(roll())
    assert (summary.rows, summary.imported, summary.unchanged) == (7, 0, 7)
    assert dump() == before


def test_changed_rows_are_updated_in_place_and_audited(database):
    apply_roll(roll())
    before = dump()
    changed = roll()
    changed[1] = replace(changed[1], area_centi=9100)  # 601: area
    changed[2] = replace(changed[2], phone="13900139000")  # 王芳's phone
    changed[0] = replace(changed[0], co_owners=("李四",))  # 502: 王五 no longer a co-owner
    summary = apply_roll(changed)
    assert (summary.imported, summary.updated, summary.unchanged, summary.created) == (3, 3, 4, 0)
    assert Room.get(Room.number == "601").area_centi == 9100
    assert Owner.get(Owner.id_number == WANG).phone == "13900139000"
    assert sorted(owners_of("502")) == [("张三", "owner", 1), ("李四", "co-owner", 0)]
    after = dump()
    room_601 = Room.get(Room.number == "601")
    changed_rooms = {row[0] for row in after["room"]} - {row[0] for row in before["room"] if row in after["room"]}
    assert changed_rooms == {room_601.id}
    audits = {(row.action, row.table_name, row.summary): json.loads(row.changes)
              for row in AuditLog.select().where(AuditLog.id > max(r[0] for r in before["audit_log"]))}
    assert audits[("update", "room", "导入名册：房屋信息变更")] == {"area_centi": [9012, 9100]}
    assert audits[("update", "owner", "导入名册：业主信息变更")] == {"phone": ["0591-87654321", "13900139000"]}
    assert audits[("update", "room", "导入名册：业主变更")] == {"业主": ["张三、李四、王五", "张三、李四"]}
    assert ("import", "room", "导入房屋业主名册：7 行，新增 0 间，更新 3 间") in audits


def test_owner_without_id_is_kept_by_name_and_replaced_when_the_name_changes(database):
    apply_roll(roll())
    zhao = Owner.get(Owner.name == "赵六")
    apply_roll(roll())
    assert Owner.get(Owner.name == "赵六").id == zhao.id
    changed = roll()
    changed[6] = replace(changed[6], owner_name="钱七")
    assert apply_roll(changed).updated == 1
    assert owners_of("301") == [("钱七", "owner", 1)]


def test_one_owner_across_estates_and_a_developer_per_estate(database):
    other = [replace(r, estate_code="E002", estate_name="安康苑") for r in roll()]
    apply_roll(roll() + other)
    assert Estate.select().count() == 2
    assert Owner.select().where(Owner.id_number == ZHANG).count() == 1
    assert Owner.get(Owner.id_number == ZHANG).ownerships.count() == 4
    assert Owner.select().where(Owner.kind == "developer").count() == 2


def test_a_blank_phone_or_note_keeps_what_the_database_has(database):
    apply_roll(roll())
    before = dump()
    blanked = [replace(r, phone="", note="") for r in roll()]
    assert apply_roll(blanked).imported == 0
    assert dump() == before


def test_a_changed_voter_is_kept_by_a_re_import(database):
    apply_roll(roll())
    room = Room.get(Room.number == "502")
    Ownership.update(is_voter=False).where(Ownership.room == room).execute()
    Ownership.update(is_voter=True).where((Ownership.room == room) & (Ownership.role == "co-owner")
                                          & (Ownership.owner == Owner.get(Owner.name == "李四"))).execute()
    assert apply_roll(roll()).imported == 0
    assert ("李四", "co-owner", 1) in owners_of("502")


def test_new_estates_go_under_the_given_community_or_their_street_and_community(database):
    street = Street.create(name="东湖街道")
    community = Community.create(street=street, name="幸福社区")
    apply_roll(roll(), community_id=community.id)
    assert Estate.get(Estate.code == "E001").community_id == community.id
    apply_roll([replace(r, estate_code="E003", estate_name="和平里", street="西湖街道", community="和平社区")
                for r in roll()])
    estate = Estate.get(Estate.code == "E003")
    assert (estate.community.name, estate.community.street.name) == ("和平社区", "西湖街道")


def test_an_estate_without_a_code_is_keyed_by_its_name(database):
    nameless = [replace(r, estate_code="") for r in roll()]
    apply_roll(nameless)
    assert apply_roll(nameless).imported == 0
    assert Estate.get().code is None


def test_progress_is_reported_and_cancel_rolls_everything_back(database):
    many = [record(f"{floor}{index:02d}", building=str(building), id_number="", owner_name=f"业主{building}-{floor}-{index}")
            for building in range(1, 6) for floor in range(1, 31) for index in range(1, 13)]
    seen = []
    apply_roll(many[:1500], progress=lambda done, total: seen.append((done, total)) or True)
    assert seen == [(0, 1500), (1000, 1500), (1500, 1500)]
    before = dump()
    with pytest.raises(Cancelled):
        apply_roll(many, progress=lambda done, total: done < 1000)
    assert dump() == before
    assert db.connection().execute("PRAGMA synchronous").fetchone()[0] == 1  # back to NORMAL


def test_works_inside_an_outer_transaction(database):
    with db.atomic():
        apply_roll(roll())
        assert apply_roll(roll()).imported == 0
    assert Room.select().count() == 7


COMMON = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐曾单解区长重庆江建国伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"


@pytest.mark.parametrize("name", ["张三", "欧阳娜娜", "李 四", "ABC公司", "曾小贤", "长江实业", "重庆路店", "张长江"])
def test_pinyin_key_is_the_full_pinyin_key(name):
    assert pinyin_key(name) == full_pinyin_key(name)


@given(st.text(alphabet=COMMON + "AB 1", min_size=1, max_size=6))
@settings(max_examples=300, deadline=None)
def test_pinyin_key_is_the_owner_pinyin_for_any_name(name):
    assert pinyin_key(name) == full_pinyin_key(name)


def test_audit_rows_name_the_operator(database):
    from desktop_app.services.settings import set_operator_name

    set_operator_name("王主任")
    apply_roll(roll())
    apply_roll([replace(roll()[0], area_centi=8600)] + roll()[1:])
    assert {row.actor for row in AuditLog.select()} == {"王主任"}


def test_bulk_uids_are_distinct_version_4_uuids():
    import uuid

    from desktop_app.services.roll.bulk_tables import new_uids

    uids = new_uids(2000)
    assert len(set(uids)) == 2000
    for text in uids[:200]:
        parsed = uuid.UUID(text)
        assert str(parsed) == text and parsed.version == 4 and parsed.variant == uuid.RFC_4122


def test_a_room_given_twice_is_refused_before_anything_is_written(database):
    rows = [record("502", owner_name="张三"), record("502", owner_name="李四")]
    with pytest.raises(UserError, match="不止一次"):
        apply_roll(rows)
    assert Room.select().count() == 0 and Owner.select().count() == 0
