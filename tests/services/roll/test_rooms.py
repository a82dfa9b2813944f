"""Room and owner create/update/delete: validation messages, owners found by ID number, the audit trail."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.identity import credit_check_char, id_check_char
from desktop_app.models import (
    AuditLog, Community, Complaint, Estate, Opinion, Owner, Ownership, Resident, Room, Street,
)
from desktop_app.services import settings
from desktop_app.services.roll import rooms


def person_id(first17: str = "35040219800101123") -> str:
    return first17 + id_check_char(first17)


@pytest.fixture
def estate(database):
    street = Street.create(name="东湖街道")
    community = Community.create(street=street, name="杜鹃社区")
    return Estate.create(community=community, name="杜鹃新村", code="E1", pinyin="dujuanxincun")


def form(estate, **changes) -> rooms.RoomForm:
    values = dict(estate_id=estate.id, building="3号楼", unit="1单元", number="502", area="85.3",
                  owner_name="张三", id_number=person_id(), phone="138 0013 8000")
    values.update(changes)
    return rooms.RoomForm(**values)


def test_new_room_normalises_and_links_owner(estate):
    room_id = rooms.save_room(form(estate), today=date.today())
    room = Room.get_by_id(room_id)
    assert (room.unit.building.name, room.unit.name, room.number) == ("3", "1", "502")
    assert (room.floor, room.area_centi, room.sort_key) == (5, 8530, 502)
    owner = Ownership.get(Ownership.room == room).owner
    assert (owner.name, owner.id_number, owner.phone, owner.pinyin) == ("张三", person_id(), "13800138000",
                                                                        "zhangsan zs")


@pytest.mark.parametrize("changes,field,expected", [
    ({"estate_id": None}, "estate_id", "请选择小区"),
    ({"building": " "}, "building", "请填写楼栋"),
    ({"number": ""}, "number", "请填写房号"),
    ({"floor": "五"}, "floor", "楼层应为整数"),
    ({"area": "85.333"}, "area", "专有面积有误"),
    ({"area": "0"}, "area", "专有面积有误"),
    ({"area": ""}, "area", "请填写专有面积"),
    ({"id_number": "350402198001011230" if person_id()[-1] != "0" else "350402198001011231"},
     "id_number", "校验位错误"),
    ({"id_number": "3.50402E+17"}, "id_number", "科学计数法"),
    ({"phone": "1380013800"}, "phone", "11位"),
])
def test_room_form_errors_say_what_is_wrong(estate, changes, field, expected):
    errors = rooms.room_form_errors(form(estate, **changes), today=date.today())
    assert expected in errors[field]
    with pytest.raises(rooms.ValidationError):
        rooms.save_room(form(estate, **changes), today=date.today())
    assert Room.select().count() == 0


def test_duplicate_room_is_refused_but_editing_itself_is_fine(estate):
    room_id = rooms.save_room(form(estate), today=date.today())
    assert "已有房号 502" in rooms.room_form_errors(form(estate, building="3栋", unit="1"), today=date.today())["number"]
    assert rooms.room_form_errors(form(estate, area="90"), room_id, today=date.today()) == {}


def test_owner_of_several_rooms_is_one_record_and_name_must_match(estate):
    rooms.save_room(form(estate), today=date.today())
    rooms.save_room(form(estate, number="602"), today=date.today())
    assert Owner.select().count() == 1
    errors = rooms.room_form_errors(form(estate, number="702", owner_name="李四"), today=date.today())
    assert "张三" in errors["owner_name"]
    assert [r.label for r in rooms.owner_rooms(Owner.get().id)] == ["杜鹃新村 3号楼1单元502室", "杜鹃新村 3号楼1单元602室"]


def test_developer_room_needs_no_name_and_organisation_takes_credit_code(estate):
    code = "91350400MA2XN1234" + credit_check_char("91350400MA2XN1234")
    rooms.save_room(form(estate, owner_kind="developer", owner_name="", id_number=code, phone=""), today=date.today())
    assert Owner.get().kind == "developer"
    assert rooms.room_form_errors(form(estate, number="2", owner_kind="organisation", owner_name="纺织厂",
                                       id_number=code[:-1] + ("0" if code[-1] != "0" else "1")), today=date.today()) != {}


def test_edit_room_changes_owner_and_is_audited(estate):
    settings.set_operator_name("王社工")
    room_id = rooms.save_room(form(estate), today=date.today())
    other = person_id("11010519491231002")
    rooms.save_room(form(estate, area="90.00", owner_name="李四", id_number=other), room_id, today=date.today())
    assert Room.get_by_id(room_id).area_centi == 9000
    link = Ownership.get(Ownership.room == room_id)
    assert link.owner.name == "李四" and link.role == "owner" and link.is_voter
    assert Owner.select().count() == 2  # the former owner's record is kept
    entries = rooms.history("room", room_id)
    assert [e.action for e in entries][-1] == "新增"
    assert any("专有面积" in e.details and "8530 → 9000" in e.details for e in entries)
    assert any("张三 → 李四" in e.details for e in entries)
    assert {e.actor for e in entries} == {"王社工"}


def test_history_masks_personal_data(estate):
    rooms.save_room(form(estate), today=date.today())
    owner = Owner.get()
    rooms.save_owner(rooms.OwnerForm("person", "张三", person_id(), "13912345678"), owner.id, today=date.today())
    text = " ".join(e.details for e in rooms.history("owner", owner.id))
    assert "13800138000" not in text and "138****8000" in text and "139****5678" in text
    assert person_id() not in text


def test_delete_room_preview_and_audit(estate):
    room_id = rooms.save_room(form(estate), today=date.today())
    Resident.create(room=room_id, name="张小三", birth_date="1950-01-01")
    preview = rooms.room_deletion_preview(room_id)
    assert preview[0].startswith("房屋：杜鹃新村 3号楼1单元502室（85.30㎡）")
    assert any("业主关系 1 条" in line for line in preview) and "居民 1 人" in preview
    rooms.delete_room(room_id)
    assert Room.select().count() == 0 and Resident.select().count() == 0 and Owner.select().count() == 1
    assert AuditLog.get(AuditLog.action == "delete").summary.startswith("删除房屋：杜鹃新村")


def test_deleting_a_room_says_what_happens_to_its_opinions_and_complaints(estate):
    room_id = rooms.save_room(form(estate), today=date.today())
    Opinion.create(room=room_id, channel="入户走访", given_on="2026-05-01", stance="支持")
    complaint = Complaint.create(received_at="2026-05-02", category="施工管理", room=room_id,
                                 estate=Room.get_by_id(room_id).unit.building.estate)
    preview = rooms.room_deletion_preview(room_id)
    assert "征求意见记录 1 条（住户的需求和意见将一并删除）" in preview
    assert any(line.startswith("投诉 1 件（投诉保留") for line in preview)
    rooms.delete_room(room_id)
    assert Opinion.select().count() == 0
    kept = Complaint.get_by_id(complaint.id)
    assert kept.room is None and kept.address == "杜鹃新村 3号楼1单元502室"
    assert "征求意见记录 1 条" in AuditLog.get(AuditLog.action == "delete").summary


def test_owner_with_rooms_cannot_be_deleted(estate):
    rooms.save_room(form(estate), today=date.today())
    owner = Owner.get()
    with pytest.raises(rooms.RecordInUse, match="还有 1 套房屋"):
        rooms.delete_owner(owner.id)
    Room.delete().execute()
    rooms.delete_owner(owner.id)
    assert Owner.select().count() == 0


def test_owner_form_refuses_an_id_number_of_another_owner(estate):
    rooms.save_room(form(estate), today=date.today())
    second = rooms.save_owner(rooms.OwnerForm("person", "李四", person_id("11010519491231002")), today=date.today())
    errors = rooms.owner_form_errors(rooms.OwnerForm("person", "李四", person_id()), second, today=date.today())
    assert "张三" in errors["id_number"]
    with pytest.raises(rooms.ValidationError):
        rooms.save_owner(rooms.OwnerForm("person", "王五", person_id()), today=date.today())
