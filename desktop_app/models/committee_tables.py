"""Peewee models of owners' committee setup and the estates' management (schema V9); they mirror migrations.V9.
Dates are yyyy-mm-dd text; the property fee is integer fen per m² per month."""

from __future__ import annotations

from peewee import BooleanField, ForeignKeyField, IntegerField, TextField

from desktop_app.models.tables import Estate, SyncedModel
from desktop_app.models.vote_tables import Vote


class CommitteeCase(SyncedModel):
    estate = ForeignKeyField(Estate, backref="committee_cases", on_delete="RESTRICT")
    estate_id: int
    path = TextField()  # 业主委员会 / 自管会 / 物业管理委员会
    request_on = TextField(null=True)
    group_formed_on = TextField(null=True)
    posting_on = TextField(null=True)
    first_meeting_on = TextField(null=True)
    election_on = TextField(null=True)
    committee_meeting_on = TextField(null=True)
    filing_on = TextField(null=True)
    filing_authority = TextField(default="")
    filing_number = TextField(default="")
    seats = IntegerField(null=True)
    notes = TextField(default="")
    attachments = TextField(default="[]")  # JSON list of file paths

    class Meta:
        table_name = "committee_case"


class CommitteeGroupMember(SyncedModel):
    case = ForeignKeyField(CommitteeCase, backref="group", on_delete="CASCADE")
    case_id: int
    position = IntegerField(default=0)
    name = TextField()
    role = TextField(default="成员")  # 组长 / 副组长 / 成员
    unit = TextField(default="")
    owner_representative = BooleanField(default=False)
    owner_uid = TextField(null=True)

    class Meta:
        table_name = "committee_group_member"


class CommitteeCandidate(SyncedModel):
    case = ForeignKeyField(CommitteeCase, backref="candidates", on_delete="CASCADE")
    case_id: int
    position = IntegerField(default=0)
    name = TextField()
    owner_uid = TextField()
    room_uid = TextField(null=True)
    conditions_confirmed = BooleanField(default=False)
    note = TextField(default="")

    class Meta:
        table_name = "committee_candidate"
        indexes = ((("case", "owner_uid"), True),)


class CommitteeMemberRow(SyncedModel):
    case = ForeignKeyField(CommitteeCase, backref="members", on_delete="CASCADE")
    case_id: int
    position = IntegerField(default=0)
    name = TextField()
    owner_uid = TextField(null=True)
    role = TextField(default="委员")  # 主任 / 副主任 / 委员
    term_start = TextField(null=True)
    term_end = TextField(null=True)

    class Meta:
        table_name = "committee_member"


class CommitteeVote(SyncedModel):
    case = ForeignKeyField(CommitteeCase, backref="votes", on_delete="CASCADE")
    case_id: int
    vote = ForeignKeyField(Vote, backref="committee_cases", on_delete="CASCADE")
    vote_id: int
    purpose = TextField()  # 选举 / 决定

    class Meta:
        table_name = "committee_vote"
        indexes = ((("case", "vote"), True),)


class EstateManagement(SyncedModel):
    estate = ForeignKeyField(Estate, backref="management", on_delete="CASCADE")
    estate_id: int
    mode = TextField()  # 物业公司 / 街道社区托管 / 自治管理 / 无
    company = TextField(default="")
    contract_start = TextField(null=True)
    contract_end = TextField(null=True)
    fee_fen = IntegerField(null=True)  # per m² per month
    from_on = TextField(null=True)
    to_on = TextField(null=True)
    note = TextField(default="")

    class Meta:
        table_name = "estate_management"


COMMITTEE_MODELS = [CommitteeCase, CommitteeGroupMember, CommitteeCandidate, CommitteeMemberRow, CommitteeVote,
                    EstateManagement]
