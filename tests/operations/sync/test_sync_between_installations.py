"""Sync between two real installations: add, change and delete on each side, the same record changed on
both, a deletion against a change, re-import, convergence both ways."""

from __future__ import annotations

import pytest

from desktop_app.models import Complaint, Owner, Resident, Room, SyncLog, SyncReceipt, Tombstone, db
from desktop_app.services.sync import ALL_FIELDS, exchange_history

from tests.operations.sync.installations import Installations, small_roll


@pytest.fixture
def sites(tmp_path):
    sites = Installations(tmp_path)
    with sites.at("A"):
        small_roll()
    first = sites.send("A", "B")
    assert (first.added, first.errors, first.conflicts) == (14, [], [])
    back = sites.send("B", "A")  # both now know what the other has
    assert (back.added, back.updated, back.unchanged, back.conflicts) == (0, 0, 14, [])
    return sites


def _uid(model, **where):
    return model.get(**where).uid


def test_an_empty_database_receives_everything_equal(sites):
    assert sites.content("A") == sites.content("B")
    with sites.at("B"):
        rooms = {room.number: room for room in Room.select()}
        assert rooms["501"].position is not None  # positions renumbered here
        copies = db.execute_sql("SELECT s.owner_pinyin, s.owner_id_number, s.owner_phone, o.pinyin, o.id_number, "
                                "o.phone FROM ownership s JOIN owner o ON o.id = s.owner_id").fetchall()
        assert len(copies) == 2 and all(row[:3] == row[3:] for row in copies)  # the owner columns copied
        assert SyncReceipt.select().count() == 1
        assert [entry.direction for entry in exchange_history()] == ["export", "export", "import"]


def test_edits_on_each_side_travel_and_a_double_edit_is_a_conflict_kept_as_ours(sites):
    with sites.at("A"):
        room = Room.get(number="501")
        room.note = "A改的备注"
        room.save()
        Resident.get(name="王五").delete_instance()
        Owner.create(name="孙八", id_number="350402198001010054")
        owner = Owner.get(name="张三")
        owner.phone = "13911111111"
        owner.save()
        Resident.get(name="钱七").delete_instance()  # deleted on A ...
    with sites.at("B"):
        room = Room.get(number="502")
        room.note = "B改的备注"
        room.save()
        Resident.get(name="赵六").delete_instance()
        Complaint.create(received_at="2025-03-01", category="进度", text="=HYPERLINK(\"x\")")
        owner = Owner.get(name="张三")
        owner.phone = "13922222222"
        owner.save()
        resident = Resident.get(name="钱七")  # ... changed on B
        resident.phone = "13700000000"
        resident.save()
        zhang = owner.uid
        qian = resident.uid
    to_b = sites.send("A", "B")
    assert (to_b.added, to_b.updated, to_b.deleted, to_b.errors) == (1, 1, 1, [])
    assert [(c.table, c.label, c.action, c.fields) for c in to_b.listed] == [
        ("room", "东湖新村 3号楼1单元501室", "update", ("note",)),
        ("resident", "东湖新村 3号楼1单元501室 住户 王五", "delete", ())]
    assert {(c.table, c.uid, c.field, c.ours, c.theirs) for c in to_b.conflicts} == {
        ("owner", zhang, "phone", "13922222222", "13911111111"),
        ("resident", qian, "（删除）", "保留（本机已修改）", "已删除"),
    }
    assert {c.label for c in to_b.conflicts} == {"业主 张三", "东湖新村 3号楼1单元501室 住户 钱七"}
    with sites.at("B"):
        assert Room.get(number="501").note == "A改的备注"
        assert Owner.get(name="张三").phone == "13922222222"  # ours kept
        assert Resident.get_or_none(name="王五") is None and Resident.get(name="钱七").phone == "13700000000"
        assert Owner.get_or_none(name="孙八") is not None
    to_a = sites.send("B", "A")
    # B has seen A's phone and kept its own: A has not changed it since B received it, so B's value comes back.
    # 钱七, deleted here and changed there since: listed, left deleted
    assert (to_a.added, to_a.updated, to_a.deleted, to_a.errors) == (1, 2, 1, [])
    assert [(c.table, c.uid, c.label, c.field, c.ours, c.theirs) for c in to_a.conflicts] == [
        ("resident", qian, "住户 钱七", "（删除）", "本机已删除", "对方已修改")]
    with sites.at("A"):
        assert Room.get(number="502").note == "B改的备注"
        assert Owner.get(name="张三").phone == "13922222222"
        assert Complaint.get().text == "=HYPERLINK(\"x\")"
        assert Resident.get_or_none(name="钱七") is None  # deleted here: the older copy is not brought back
    again = sites.send("A", "B")
    # A has seen B's 钱七 and still deleted it, B has not changed it since: the deletion now applies
    assert (again.added, again.updated, again.deleted, again.conflicts) == (0, 0, 1, [])
    assert sites.send("B", "A").conflicts == []
    assert sites.content("A") == sites.content("B")


def test_taking_theirs_for_a_whole_record(sites):
    for site, phone in (("A", "13911111111"), ("B", "13922222222")):
        with sites.at(site):
            owner = Owner.get(name="张三")
            owner.phone = phone
            owner.save()
            uid = owner.uid
    result = sites.send("A", "B", {("owner", uid): ALL_FIELDS})
    assert (result.updated, result.conflicts) == (1, [])
    with sites.at("B"):
        assert Owner.get(name="张三").phone == "13911111111"
    assert sites.send("B", "A").updated == 0
    assert sites.content("A") == sites.content("B")


def test_choosing_single_fields_of_a_conflict(sites):
    for site, phone, note in (("A", "1", "甲"), ("B", "2", "乙")):
        with sites.at(site):
            owner = Owner.get(name="李四")
            owner.phone, owner.note = phone, note
            owner.save()
            uid = owner.uid
    result = sites.send("A", "B", {("owner", uid): {"note"}})
    assert [(c.field, c.ours, c.theirs) for c in result.conflicts] == [("phone", "2", "1")]
    with sites.at("B"):
        owner = Owner.get(name="李四")
        assert (owner.phone, owner.note) == ("2", "甲")


def test_importing_the_same_file_twice_changes_nothing(sites):
    with sites.at("A"):
        Resident.get(name="王五").delete_instance()
        Owner.create(name="孙八")
    path = sites.export("A")
    first = sites.receive("B", path)
    assert (first.added, first.deleted) == (1, 1)
    before = sites.content("B")
    again = sites.receive("B", path)
    assert (again.added, again.updated, again.deleted, again.conflicts, again.errors) == (0, 0, 0, [], [])
    assert sites.content("B") == before
    with sites.at("B"):
        assert Tombstone.select().where(Tombstone.table_name == "resident").count() == 1
        assert SyncLog.select().where(SyncLog.direction == "import").count() == 3


def test_a_preview_writes_nothing_and_a_unique_collision_is_an_error(sites):
    from desktop_app.models import Estate
    from desktop_app.operations.sync import check_sync_file, preview_sync

    with sites.at("A"):
        Estate.create(community=Estate.get().community, code="E002", name="A录的小区")
    with sites.at("B"):
        Estate.create(community=Estate.get().community, code="E002", name="B录的小区")
    path = sites.export("A")
    before = sites.content("B")
    with sites.at("B"):
        preview = preview_sync(check_sync_file(path))
    assert preview.applied is False and len(preview.errors) == 1
    error = preview.errors[0]
    assert (error.sheet, error.row, error.column) == ("小区", 3, "uid（A列）")
    assert "编码" in error.reason and "E002" in error.reason
    result = sites.receive("B", path)
    assert result.applied is False and result.errors
    assert sites.content("B") == before


def test_a_deletion_travels_to_a_third_installation_and_an_older_file_does_not_revive_it(sites):
    old = sites.export("A")
    with sites.at("A"):
        Resident.get(name="王五").delete_instance()
    sites.send("A", "B")
    result = sites.receive("B", old)  # an older file of A, imported late
    assert result.added == 0
    with sites.at("B"):
        assert Resident.get_or_none(name="王五") is None
    sites.send("B", "C")
    with sites.at("C"):
        assert Resident.select().count() == 2
        assert db.execute_sql("SELECT count(*) FROM tombstone").fetchone()[0] == 1


def test_a_deletion_blocked_by_a_record_added_here_is_a_conflict_not_an_exception(sites):
    from desktop_app.models import Ownership

    with sites.at("A"):
        owner = Owner.get(name="李四")
        uid = owner.uid
        Ownership.delete().where(Ownership.owner == owner).execute()
        owner.delete_instance()
    with sites.at("B"):  # B meanwhile makes 李四 co-owner of 501
        Ownership.create(room=Room.get(number="501"), owner=Owner.get(name="李四"), role="co-owner")
    result = sites.send("A", "B")
    assert result.errors == [] and result.deleted == 1  # the ownership of 502
    assert [(c.table, c.uid, c.field, c.ours) for c in result.conflicts] == [
        ("owner", uid, "（删除）", "保留（本机仍有记录引用它）")]
    with sites.at("B"):
        assert Owner.get(uid=uid).name == "李四" and Ownership.select().count() == 2


def test_a_record_deleted_here_and_changed_there_comes_back_when_chosen(sites):
    with sites.at("A"):
        resident = Resident.get(name="王五")
        uid = resident.uid
        resident.delete_instance()
    with sites.at("B"):
        resident = Resident.get(name="王五")
        resident.phone = "13700000000"
        resident.save()
    path = sites.export("B")
    from desktop_app.operations.sync import check_sync_file, preview_sync

    with sites.at("A"):
        listed = preview_sync(check_sync_file(path))  # the window shows this, then applies with the choices
    assert [(c.uid, c.field, c.ours, c.theirs) for c in listed.conflicts] == [(uid, "（删除）", "本机已删除", "对方已修改")]
    chosen = sites.receive("A", path, {("resident", uid): ALL_FIELDS})
    assert (chosen.added, chosen.conflicts) == (1, [])
    with sites.at("A"):
        assert Resident.get(uid=uid).phone == "13700000000"
        assert Tombstone.select().where(Tombstone.uid == uid).count() == 0
