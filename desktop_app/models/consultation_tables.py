"""Peewee models of consultations, opinions and complaint tickets (schema V5); they mirror migrations.V5."""

from __future__ import annotations

from peewee import ForeignKeyField, IntegerField, TextField

from desktop_app.models.tables import BaseModel, Estate, Room, SyncedModel


class Consultation(SyncedModel):
    kind = TextField()  # 座谈会 / 入户走访 / 问卷 / 公示反馈 / 线上
    title = TextField(default="")
    held_on = TextField()  # yyyy-mm-dd
    place = TextField(default="")
    scope = TextField(default="all")  # Scope.to_text()
    scope_label = TextField(default="")
    estate = ForeignKeyField(Estate, null=True, backref="consultations", on_delete="SET NULL")
    estate_id: int | None
    organiser = TextField(default="")
    attendance = IntegerField(default=0)
    minutes = TextField(default="")
    attachments = TextField(default="[]")  # JSON list of file paths


class Opinion(SyncedModel):
    """One household's opinion: who, how, when, the view of the plan, and its demands (OpinionDemand)."""

    consultation = ForeignKeyField(Consultation, null=True, backref="opinions", on_delete="SET NULL")
    consultation_id: int | None
    room = ForeignKeyField(Room, backref="opinions", on_delete="CASCADE")
    room_id: int
    person = TextField(default="")
    channel = TextField()  # the consultation kinds
    given_on = TextField()
    stance = TextField(default="")  # "" / 支持 / 有意见 / 反对
    text = TextField(default="")
    entered_by = TextField(default="")


class OpinionDemand(BaseModel):
    opinion = ForeignKeyField(Opinion, backref="demands", on_delete="CASCADE")
    opinion_id: int
    name = TextField()
    category = TextField(default="")  # catalogue category, "" for a free tag

    class Meta:
        table_name = "opinion_demand"
        indexes = ((("opinion", "name"), True),)


class Complaint(SyncedModel):
    ticket_no = TextField(unique=True, null=True)  # 12345 ticket number; None for a walk-in without one
    source = TextField(default="12345")  # 12345 / 来访 / 来电 / 其他
    received_at = TextField()  # yyyy-mm-dd or yyyy-mm-ddTHH:MM
    category = TextField()  # 施工管理 / 质量安全 / 扬尘噪音 / 管线破坏 / 进度 / 资金 / 物业 / 其他
    estate = ForeignKeyField(Estate, null=True, backref="complaints", on_delete="SET NULL")
    estate_id: int | None
    room = ForeignKeyField(Room, null=True, backref="complaints", on_delete="SET NULL")
    room_id: int | None
    address = TextField(default="")
    complainant = TextField(default="")
    phone = TextField(default="")
    text = TextField(default="")
    due_on = TextField(null=True)
    status = TextField(default="受理")  # the last step reached: 受理 / 转办 / 办理 / 答复 / 办结
    reply = TextField(default="")
    satisfaction = TextField(default="")  # "" / 满意 / 基本满意 / 不满意
    closed_on = TextField(null=True)


class ComplaintStep(SyncedModel):
    complaint = ForeignKeyField(Complaint, backref="steps", on_delete="CASCADE")
    complaint_id: int
    step = TextField()
    on_date = TextField()
    actor = TextField(default="")
    note = TextField(default="")


CONSULTATION_MODELS = [Consultation, Opinion, OpinionDemand, Complaint, ComplaintStep]
