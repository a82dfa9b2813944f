"""Peewee models of owners' votes (schema V4) and the renovation catalogue; they mirror migrations.V4."""

from __future__ import annotations

from peewee import BooleanField, ForeignKeyField, IntegerField, TextField

from desktop_app.models.clock import now_iso
from desktop_app.models.tables import BaseModel, Estate, SyncedModel


class CatalogueItem(SyncedModel):
    """One item of the renovation catalogue (domain.md section 5), editable by users."""

    category = TextField()  # 基础类 / 完善类 / 提升类
    name = TextField()
    position = IntegerField(default=0)
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("category", "name"), True),)


class Vote(SyncedModel):
    title = TextField()
    estate = ForeignKeyField(Estate, backref="votes", on_delete="RESTRICT")
    estate_id: int
    scope = TextField()  # JSON list of Scope texts: ["estate:3"] or ["building:12", "building:13"]
    scope_label = TextField(default="")
    matter = IntegerField()  # Civil Code Art. 278 item 1-9
    rule = TextField()  # special / ordinary
    rule_reason = TextField(default="")  # why the rule is not the matter's own
    blank_participates = BooleanField(default=True)
    double_entry = BooleanField(default=False)
    opens_on = TextField()  # yyyy-mm-dd
    closes_on = TextField()
    status = TextField(default="open")  # open / closed
    total_area_centi = IntegerField(default=0)
    total_heads = IntegerField(default=0)
    result = TextField(default="")  # JSON of the tally stored when the vote closed
    closed_at = TextField(null=True)
    closed_by = TextField(default="")
    issuer = TextField(default="")
    note = TextField(default="")


class VoteItem(SyncedModel):
    vote = ForeignKeyField(Vote, backref="items", on_delete="CASCADE")
    vote_id: int
    position = IntegerField()
    name = TextField()
    category = TextField(default="")  # a catalogue category, or "" for a free-text item

    class Meta:
        indexes = ((("vote", "position"), True), (("vote", "name"), True))


class VoteRoll(BaseModel):
    """One room of the roll as it was when the vote opened."""

    vote = ForeignKeyField(Vote, backref="roll", on_delete="CASCADE")
    vote_id: int
    room_uid = TextField()
    room_key = TextField()  # domain.tally.room_key_of: "E001 3号楼1单元502室"
    building = TextField()
    unit = TextField(default="")
    room = TextField()
    floor = IntegerField(null=True)
    area_centi = IntegerField()
    owner_keys = TextField(default="")  # "|"-joined ID numbers / credit codes of the room's owners
    head_key = TextField()  # from domain.headcount.build_scope_roll
    owner_names = TextField(default="")  # "、"-joined, unmasked (documents mask)
    owner_kind = TextField(default="person")
    position = IntegerField()

    class Meta:
        table_name = "vote_roll"
        indexes = ((("vote", "room_key"), True), (("vote", "room_uid"), True))


class Ballot(SyncedModel):
    vote = ForeignKeyField(Vote, backref="ballots", on_delete="CASCADE")
    vote_id: int
    roll = ForeignKeyField(VoteRoll, backref="ballots", on_delete="CASCADE")
    roll_id: int
    entry = TextField(default="first")  # first (counts) / check (double-entry second person)
    choices = TextField()  # JSON list: 同意 / 反对 / 弃权 / "" per item in item order
    method = TextField(default="纸质")  # 纸质 / 现场 / 委托 / 入户
    proxy = TextField(default="")
    received_on = TextField(null=True)
    entered_by = TextField(default="")

    class Meta:
        indexes = ((("vote", "roll", "entry"), True),)


class BallotRevision(BaseModel):
    """An earlier state of a ballot, kept when it was corrected or deleted."""

    vote = ForeignKeyField(Vote, backref="ballot_revisions", on_delete="CASCADE")
    vote_id: int
    roll_id = IntegerField()
    ballot_uid = TextField()
    entry = TextField(default="first")
    at = TextField(default=now_iso)
    actor = TextField()
    action = TextField()  # update / delete
    choices = TextField()
    method = TextField()
    proxy = TextField(default="")
    received_on = TextField(null=True)
    entered_by = TextField(default="")
    reason = TextField(default="")

    class Meta:
        table_name = "ballot_revision"


VOTE_MODELS = [CatalogueItem, Vote, VoteItem, VoteRoll, Ballot, BallotRevision]
