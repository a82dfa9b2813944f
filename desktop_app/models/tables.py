"""The peewee models. They mirror the DDL of `migrations.py`; tests check the two agree."""

from __future__ import annotations

from peewee import (
    BooleanField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from desktop_app.models.clock import current_origin, new_uid, now_iso
from desktop_app.models.database import db


class BaseModel(Model):
    """Every table. The attributes peewee makes itself (`id`, and `<field>_id` beside each foreign key)
    are declared as bare annotations so that the type checker knows them."""

    id: int

    class Meta:
        database = db
        legacy_table_names = False


class SyncedModel(BaseModel):
    """A record that can travel between installations: stable uid, timestamps, origin."""

    uid = TextField(unique=True, default=new_uid)
    created_at = TextField(default=now_iso)
    updated_at = TextField(default=now_iso)
    origin = TextField(default=current_origin)

    def save(self, *args, **kwargs):
        if self.id is not None:
            self.updated_at = now_iso()
        return super().save(*args, **kwargs)


class Setting(BaseModel):
    key = TextField(primary_key=True)
    value = TextField()


class AuditLog(BaseModel):
    at = TextField(default=now_iso)
    actor = TextField()
    action = TextField()  # create / update / delete / import / ...
    table_name = TextField()
    record_uid = TextField()
    summary = TextField(default="")
    changes = TextField(default="{}")  # JSON {field: [old, new]}


class Street(SyncedModel):
    name = TextField(unique=True)
    code = TextField(null=True)


class Community(SyncedModel):
    street = ForeignKeyField(Street, backref="communities", on_delete="RESTRICT")
    street_id: int
    name = TextField()
    code = TextField(null=True)

    class Meta:
        indexes = ((("street", "name"), True),)


class Estate(SyncedModel):
    community = ForeignKeyField(Community, backref="estates", on_delete="RESTRICT")
    community_id: int
    code = TextField(unique=True, null=True)
    name = TextField()
    address = TextField(default="")
    year_built = IntegerField(null=True)
    pinyin = TextField(default="")
    position = IntegerField(null=True)  # place among the estates by pinyin (services/room_order.py)


class Building(SyncedModel):
    estate = ForeignKeyField(Estate, backref="buildings", on_delete="CASCADE")
    estate_id: int
    name = TextField()  # normalised: "3" for 3号楼/3栋/3幢
    sort_key = IntegerField(default=0)

    class Meta:
        indexes = ((("estate", "name"), True),)


class Unit(SyncedModel):
    building = ForeignKeyField(Building, backref="units", on_delete="CASCADE")
    building_id: int
    name = TextField(default="")  # "" for a building without units
    sort_key = IntegerField(default=0)

    class Meta:
        indexes = ((("building", "name"), True),)


class Room(SyncedModel):
    unit = ForeignKeyField(Unit, backref="rooms", on_delete="CASCADE")
    unit_id: int
    floor = IntegerField(null=True)
    number = TextField()
    sort_key = IntegerField(default=0)
    area_centi = IntegerField()  # exclusive area in hundredths of a m², exact
    area_source = TextField(default="不动产登记")
    note = TextField(default="")
    position = IntegerField(null=True)  # rank in the location order (services/room_order.py)

    class Meta:
        indexes = ((("unit", "number"), True),)


class Owner(SyncedModel):
    kind = TextField(default="person")  # person / organisation / developer
    name = TextField()
    id_number = TextField(unique=True, null=True)  # resident ID or unified social credit code
    phone = TextField(default="")
    pinyin = TextField(default="")
    note = TextField(default="")


class Ownership(SyncedModel):
    room = ForeignKeyField(Room, backref="ownerships", on_delete="CASCADE")
    room_id: int
    owner = ForeignKeyField(Owner, backref="ownerships", on_delete="RESTRICT")
    owner_id: int
    role = TextField(default="owner")  # owner / co-owner
    is_voter = BooleanField(default=False)
    # the owner's, copied by triggers (migration V4) so the rooms table sorts by owner from an index
    owner_pinyin = TextField(null=True)
    owner_id_number = TextField(null=True)
    owner_phone = TextField(null=True)

    class Meta:
        indexes = ((("room", "owner"), True),)


class Resident(SyncedModel):
    room = ForeignKeyField(Room, backref="residents", on_delete="CASCADE")
    room_id: int
    name = TextField()
    id_number = TextField(null=True)
    phone = TextField(default="")
    relation = TextField(default="")
    birth_date = TextField(null=True)  # yyyy-mm-dd
    is_disabled = BooleanField(default=False)
    note = TextField(default="")


class PrintJob(SyncedModel):
    """One produced document: what, for which scope, when, by whom, where it was saved or printed."""

    template = TextField()  # notice / roll / visit_form
    title = TextField()
    scope = TextField(default="all")  # Scope.to_text()
    scope_label = TextField(default="")
    output = TextField(default="pdf")  # pdf / printer
    file_path = TextField(default="")
    page_count = IntegerField(default=0)
    produced_at = TextField(default=now_iso)
    produced_by = TextField(default="")
    period_start = TextField(null=True)  # 公示期, yyyy-mm-dd
    period_end = TextField(null=True)


ROLL_MODELS = [
    Setting, AuditLog, Street, Community, Estate, Building, Unit, Room, Owner, Ownership, Resident, PrintJob,
]
