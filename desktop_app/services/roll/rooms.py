"""Rooms, owners and who owns what: validated create/update/delete, each change audited.

The forms hold the text the user typed; `*_form_errors` say exactly what is wrong with each field
(the dialogs call them as the user types), and the `save_*` functions refuse invalid input.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.area import AreaError, format_area, parse_area
from desktop_app.domain.errors import UserError
from desktop_app.domain.identity import (
    id_number_error,
    normalise_id_number,
    normalise_phone,
    phone_error,
    resident_id_error,
)
from desktop_app.domain.naming import (
    floor_from_room,
    natural_sort_key,
    normalise_building,
    normalise_room,
    normalise_unit,
)
from desktop_app.domain.roll_record import AREA_SOURCES, OWNER_KIND_LABELS
from desktop_app.models import (
    Building, Complaint, Estate, Opinion, Owner, Ownership, Resident, Room, Unit, db,
)
from desktop_app.services import audit
from desktop_app.services.changes import Changes, Topic
from desktop_app.services.roll.pinyin import pinyin_key
from desktop_app.services.room_order import renumber
from desktop_app.services.scope import building_label, unit_label
from desktop_app.services.settings import operator_name


class ValidationError(UserError):
    """The form has errors: field -> reason (Chinese); `field` is set when only one field is wrong."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("；".join(errors.values()), next(iter(errors)) if len(errors) == 1 else None)
        self.errors = errors


class RecordInUse(UserError):
    """The record cannot be deleted; the message says why."""


def _changes(record, values: dict) -> dict[str, tuple]:
    return {key: (getattr(record, key), value) for key, value in values.items() if getattr(record, key) != value}


def _save_audited(model, record_id: int | None, values: dict, label, *, hidden: set[str],
                  actor: str | None = None):
    """Create (record_id None) or update a record with `values`, auditing what changed.

    Returns the record and the changes {field: (old, new)}; an update that changes nothing writes nothing."""
    if record_id is None:
        record = model.create(**values)
        changes = {key: (None, value) for key, value in values.items()}
        action, verb = "create", "新增"
    else:
        record = model.get_by_id(record_id)
        changes = _changes(record, values)
        if not changes:
            return record, changes
        for key, value in values.items():
            setattr(record, key, value)
        record.save()
        action, verb = "update", "修改"
    audit.record(action, model._meta.table_name, record.uid, summary=f"{verb}{label(record)}",
                 actor=actor or operator_name(), changes={k: v for k, v in changes.items() if k not in hidden})
    return record, changes


# ---------------------------------------------------------------- owners
@dataclass
class OwnerForm:
    kind: str = "person"  # person / organisation / developer
    name: str = ""
    id_number: str = ""
    phone: str = ""
    note: str = ""


def id_number_problem(kind: str, value: str, today: date) -> str | None:
    """Why the ID number / credit code is not acceptable for this kind of owner (None when it is); a birth
    date after `today` is a typing error."""
    if not value.strip():
        return None
    if kind == "person":
        return resident_id_error(value, today=today)
    return id_number_error(value, today=today)  # an organisation's credit code, or its representative's ID


def owner_form_errors(form: OwnerForm, owner_id: int | None = None, *, name_required: bool = True,
                      today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if form.kind not in OWNER_KIND_LABELS:
        errors["kind"] = "请选择业主类型"
    if name_required and form.kind != "developer" and not form.name.strip():
        errors["name"] = "请填写业主姓名或单位名称"
    problem = id_number_problem(form.kind, form.id_number, today)
    if problem:
        errors["id_number"] = problem
    elif form.id_number.strip():
        other = Owner.get_or_none(Owner.id_number == normalise_id_number(form.id_number))
        if other is not None and other.id != owner_id and owner_id is not None:
            errors["id_number"] = f"该证件号码已属于另一位业主“{other.name}”"
    if form.phone.strip():
        reason = phone_error(form.phone)
        if reason:
            errors["phone"] = reason
    return errors


def _owner_values(form: OwnerForm) -> dict:
    name = form.name.strip() or ("建设单位（未售）" if form.kind == "developer" else "")
    return {"kind": form.kind, "name": name, "id_number": normalise_id_number(form.id_number) or None,
            "phone": normalise_phone(form.phone) if form.phone.strip() else "", "pinyin": pinyin_key(name),
            "note": form.note.strip()}


def _write_owner(form: OwnerForm, owner_id: int | None) -> int:
    values = _owner_values(form)
    owner, _changed = _save_audited(Owner, owner_id, values, lambda owner: f"业主 {owner.name}", hidden={"pinyin"})
    return owner.id


def save_owner(form: OwnerForm, owner_id: int | None = None, *, today: date) -> int:
    errors = owner_form_errors(form, owner_id, today=today)
    if owner_id is None and form.id_number.strip() and "id_number" not in errors:
        if Owner.get_or_none(Owner.id_number == normalise_id_number(form.id_number)) is not None:
            errors["id_number"] = "已有使用该证件号码的业主"
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        return _write_owner(form, owner_id)


def owner_form(owner_id: int) -> OwnerForm:
    owner = Owner.get_by_id(owner_id)
    return OwnerForm(owner.kind, owner.name, owner.id_number or "", owner.phone, owner.note)


def delete_owner(owner_id: int) -> None:
    owner = Owner.get_by_id(owner_id)
    count = Ownership.select().where(Ownership.owner == owner).count()
    if count:
        raise RecordInUse(f"业主“{owner.name}”名下还有 {count} 套房屋，请先在这些房屋中更换业主后再删除")
    with db.atomic():
        audit.record("delete", "owner", owner.uid, summary=f"删除业主 {owner.name}", actor=operator_name())
        owner.delete_instance()


@dataclass(frozen=True)
class OwnedRoom:
    room_id: int
    label: str
    area: str
    role: str  # 业主 / 共有人


def room_label(room: Room) -> str:
    unit = room.unit
    building = unit.building
    unit_text = unit_label(unit.name) if unit.name else ""
    return f"{building.estate.name} {building_label(building.name)}{unit_text}{room.number}室"


def owner_rooms(owner_id: int) -> list[OwnedRoom]:
    """Every room the owner owns or co-owns."""
    query = (Ownership.select(Ownership, Room).join(Room).where(Ownership.owner == owner_id)
             .order_by(Room.id))
    return [OwnedRoom(o.room.id, room_label(o.room), format_area(o.room.area_centi),
                      "业主" if o.role == "owner" else "共有人") for o in query]


# ---------------------------------------------------------------- rooms
@dataclass
class RoomForm:
    estate_id: int | None = None
    building: str = ""
    unit: str = ""
    number: str = ""
    floor: str = ""
    area: str = ""
    area_source: str = "不动产登记"
    note: str = ""
    owner_kind: str = "person"
    owner_name: str = ""
    id_number: str = ""
    phone: str = ""

    def owner(self) -> OwnerForm:
        return OwnerForm(self.owner_kind, self.owner_name, self.id_number, self.phone)


def _existing_room(form: RoomForm) -> Room | None:
    return (Room.select().join(Unit).join(Building)
            .where((Building.estate == form.estate_id) & (Building.name == normalise_building(form.building))
                   & (Unit.name == normalise_unit(form.unit)) & (Room.number == normalise_room(form.number)))
            .first())


def room_form_errors(form: RoomForm, room_id: int | None = None, *, today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if form.estate_id is None or Estate.get_or_none(Estate.id == form.estate_id) is None:
        errors["estate_id"] = "请选择小区"
    if not normalise_building(form.building):
        errors["building"] = "请填写楼栋，如 3 或 3号楼"
    if not normalise_room(form.number):
        errors["number"] = "请填写房号，如 502"
    elif not errors:
        other = _existing_room(form)
        if other is not None and other.id != room_id:
            errors["number"] = f"该楼栋单元已有房号 {normalise_room(form.number)}"
    floor = form.floor.strip()
    if floor and not (floor.lstrip("-").isdigit() and int(floor) != 0):
        errors["floor"] = f"楼层应为整数（如 5，地下层为负数），不能是“{floor}”"
    if not form.area.strip():
        errors["area"] = "请填写专有面积，如 85.30"
    else:
        try:
            parse_area(form.area)
        except AreaError as error:
            errors["area"] = f"专有面积有误：{error.reason}"
    if form.area_source not in AREA_SOURCES:
        errors["area_source"] = "面积来源应为 不动产登记 / 实测 / 合同"
    for key, message in owner_form_errors(form.owner(), name_required=bool(form.id_number.strip()),
                                          today=today).items():
        errors["owner_" + key if key in ("kind", "name") else key] = message
    if "id_number" not in errors and form.id_number.strip():
        holder = Owner.get_or_none(Owner.id_number == normalise_id_number(form.id_number))
        if holder is not None and form.owner_name.strip() and holder.name != form.owner_name.strip():
            errors["owner_name"] = f"该证件号码登记的业主是“{holder.name}”，与所填姓名不符"
    return errors


def room_form(room_id: int) -> RoomForm:
    room = Room.get_by_id(room_id)
    unit = room.unit
    form = RoomForm(unit.building.estate_id, unit.building.name, unit.name, room.number,
                    "" if room.floor is None else str(room.floor), format_area(room.area_centi),
                    room.area_source, room.note)
    link = _primary_ownership(room.id)
    if link is not None:
        owner = link.owner
        form.owner_kind, form.owner_name = owner.kind, owner.name
        form.id_number, form.phone = owner.id_number or "", owner.phone
    return form


def _primary_ownership(room_id: int) -> Ownership | None:
    return (Ownership.select().where((Ownership.room == room_id) & (Ownership.role == "owner"))
            .order_by(Ownership.id).first())


def _unit_for(form: RoomForm) -> Unit:
    name = normalise_building(form.building)
    building, _ = Building.get_or_create(estate=form.estate_id, name=name,
                                         defaults={"sort_key": natural_sort_key(name)})
    unit_name = normalise_unit(form.unit)
    unit, _ = Unit.get_or_create(building=building, name=unit_name,
                                 defaults={"sort_key": natural_sort_key(unit_name) if unit_name else 0})
    return unit


def _room_values(form: RoomForm, unit: Unit) -> dict:
    number = normalise_room(form.number)
    floor = int(form.floor) if form.floor.strip() else floor_from_room(number)
    return {"unit_id": unit.id, "number": number, "floor": floor, "sort_key": natural_sort_key(number),
            "area_centi": parse_area(form.area), "area_source": form.area_source, "note": form.note.strip()}


def _owner_for(form: RoomForm, current: Ownership | None) -> int | None:
    owner_form_ = form.owner()
    if not form.owner_name.strip() and not form.id_number.strip() and form.owner_kind != "developer":
        return None
    if form.id_number.strip():
        existing = Owner.get_or_none(Owner.id_number == normalise_id_number(form.id_number))
        if existing is not None:
            if not owner_form_.name.strip():
                owner_form_.name = existing.name
            owner_form_.note = existing.note
            return _write_owner(owner_form_, existing.id)
    if current is not None and current.owner.id_number is None and not form.id_number.strip():
        owner_form_.note = current.owner.note
        return _write_owner(owner_form_, current.owner.id)
    return _write_owner(owner_form_, None)


def save_room(form: RoomForm, room_id: int | None = None, *, today: date) -> int:
    """Create or update a room and its owner (found by ID number, else created); returns the room id.
    `today` is the latest birth date an ID number may carry."""
    errors = room_form_errors(form, room_id, today=today)
    if errors:
        raise ValidationError(errors)
    estate_id = form.estate_id
    if estate_id is None:  # room_form_errors refuses a form without an estate
        raise ValueError("room form without an estate passed validation")
    actor = operator_name()
    with db.atomic():
        values = _room_values(form, _unit_for(form))
        room, changes = _save_audited(Room, room_id, values, lambda room: f"房屋 {room_label(room)}",
                                      hidden={"sort_key"}, actor=actor)
        if room_id is None or {"unit_id", "number"} & changes.keys():
            renumber([estate_id])  # the room's place; a room moved away leaves a harmless gap
        current = _primary_ownership(room.id)
        owner_id = _owner_for(form, current)
        _set_primary_owner(room, current, owner_id, actor)
    return room.id


def _set_primary_owner(room: Room, current: Ownership | None, owner_id: int | None, actor: str) -> None:
    if current is not None and current.owner_id == owner_id:
        return
    old_name = current.owner.name if current is not None else None
    if current is not None:
        current.delete_instance()
    new_name = None
    if owner_id is not None:
        existing = Ownership.get_or_none((Ownership.room == room.id) & (Ownership.owner == owner_id))
        if existing is not None:  # a co-owner becomes the owner
            existing.delete_instance()
        Ownership.create(room=room.id, owner=owner_id, role="owner", is_voter=True)
        new_name = Owner.get_by_id(owner_id).name
    audit.record("update", "room", room.uid, summary=f"更换业主 {room_label(room)}", actor=actor,
                 changes={"业主": (old_name, new_name)})


def room_deletion_preview(room_id: int) -> list[str]:
    """What deleting the room removes, in words, for the confirmation box."""
    room = Room.get_by_id(room_id)
    lines = [f"房屋：{room_label(room)}（{format_area(room.area_centi)}㎡）"]
    links = list(Ownership.select().where(Ownership.room == room).order_by(Ownership.role.desc()))
    if links:
        names = "、".join(link.owner.name for link in links)
        lines.append(f"业主关系 {len(links)} 条（{names}；业主档案本身保留）")
    residents = Resident.select().where(Resident.room == room).count()
    if residents:
        lines.append(f"居民 {residents} 人")
    opinions = Opinion.select().where(Opinion.room == room).count()
    if opinions:
        lines.append(f"征求意见记录 {opinions} 条（住户的需求和意见将一并删除）")
    complaints = Complaint.select().where(Complaint.room == room).count()
    if complaints:
        lines.append(f"投诉 {complaints} 件（投诉保留，不再关联到这间房屋，地址文字保留）")
    return lines


def delete_room(room_id: int) -> Changes:
    """Delete a room with what hangs on it (see `room_deletion_preview`); returns the Changes."""
    room = Room.get_by_id(room_id)
    with db.atomic():
        summary = "；".join(room_deletion_preview(room_id))
        audit.record("delete", "room", room.uid, summary=f"删除{summary}", actor=operator_name())
        Complaint.update(address=room_label(room)).where((Complaint.room == room) & (Complaint.address == "")).execute()
        room.delete_instance()
    return Changes.of(Topic.ROLL, ids=(room_id,)) | Changes.of(Topic.OPINIONS, Topic.COMPLAINTS)


# ---------------------------------------------------------------- history
@dataclass(frozen=True)
class HistoryEntry:
    at: str
    actor: str
    action: str
    summary: str
    details: str


ACTION_LABELS = {"create": "新增", "update": "修改", "delete": "删除", "import": "导入"}
FIELD_LABELS = {"unit_id": "单元", "number": "房号", "floor": "楼层", "area_centi": "专有面积(0.01㎡)",
                "area_source": "面积来源", "note": "备注", "kind": "业主类型", "name": "姓名",
                "id_number": "证件号码", "phone": "联系电话"}
_MASKED_FIELDS = {"id_number", "phone"}


def history(table_name: str, record_id: int) -> list[HistoryEntry]:
    """The audit trail of one room or owner, newest first; ID numbers and phones masked."""
    from desktop_app.domain.masking import mask_id_number, mask_phone

    model = {"room": Room, "owner": Owner}[table_name]
    uid = model.get_by_id(record_id).uid
    entries = []
    for row in audit.history(table_name, uid):
        parts = []
        for key, (old, new) in json.loads(row.changes or "{}").items():
            if key in _MASKED_FIELDS:
                mask = mask_id_number if key == "id_number" else mask_phone
                old, new = (mask(v) if v else v for v in (old, new))
            parts.append(f"{FIELD_LABELS.get(key, key)}：{'' if old is None else old} → {'' if new is None else new}")
        entries.append(HistoryEntry(row.at[:19].replace("T", " "), row.actor,
                                    ACTION_LABELS.get(row.action, row.action), row.summary, "；".join(parts)))
    return entries

