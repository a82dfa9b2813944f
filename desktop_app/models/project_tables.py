"""Peewee models of renovation projects, their estates, items, funds, payments and inspections (schema V6);
they mirror migrations.V6. Money is integer fen; dates are yyyy-mm-dd text."""

from __future__ import annotations

from peewee import ForeignKeyField, IntegerField, TextField

from desktop_app.models.tables import Estate, SyncedModel


class Project(SyncedModel):
    code = TextField(unique=True)  # 项目编号, the district's key
    name = TextField()
    plan_year = IntegerField()
    planned_start = TextField(null=True)
    planned_end = TextField(null=True)
    actual_start = TextField(null=True)
    actual_end = TextField(null=True)
    accepted_on = TextField(null=True)  # 竣工验收
    contractor = TextField(default="")
    supervisor = TextField(default="")
    declared_buildings = IntegerField(null=True)  # a 片区 project's one total, when not split by estate
    declared_households = IntegerField(null=True)
    note = TextField(default="")


class ProjectEstate(SyncedModel):
    project = ForeignKeyField(Project, backref="estates", on_delete="CASCADE")
    project_id: int
    estate = ForeignKeyField(Estate, backref="projects", on_delete="RESTRICT")
    estate_id: int
    position = IntegerField(default=0)
    declared_buildings = IntegerField(null=True)
    declared_households = IntegerField(null=True)

    class Meta:
        table_name = "project_estate"
        indexes = ((("project", "estate"), True),)


class ProjectItem(SyncedModel):
    project = ForeignKeyField(Project, backref="items", on_delete="CASCADE")
    project_id: int
    position = IntegerField(default=0)
    name = TextField()
    category = TextField()  # 基础类 / 完善类 / 提升类
    quantity = TextField(default="")  # exact decimal text
    unit = TextField(default="")
    planned_fen = IntegerField(default=0)

    class Meta:
        table_name = "project_item"


class ProjectFund(SyncedModel):
    project = ForeignKeyField(Project, backref="funds", on_delete="CASCADE")
    project_id: int
    source = TextField()  # domain.projects.FUND_SOURCES
    planned_fen = IntegerField(default=0)
    allocated_fen = IntegerField(default=0)

    class Meta:
        table_name = "project_fund"
        indexes = ((("project", "source"), True),)


class FundPayment(SyncedModel):
    fund = ForeignKeyField(ProjectFund, backref="payments", on_delete="CASCADE")
    fund_id: int
    paid_on = TextField(null=True)  # None: the undated 已支付 amount of a plan file
    amount_fen = IntegerField()
    voucher = TextField(default="")
    note = TextField(default="")

    class Meta:
        table_name = "fund_payment"


class ProjectInspection(SyncedModel):
    project = ForeignKeyField(Project, backref="inspections", on_delete="CASCADE")
    project_id: int
    inspected_on = TextField()
    inspector = TextField(default="")
    result = TextField()  # 合格 / 限期整改 / 不合格
    problems = TextField(default="")
    rectified_on = TextField(null=True)

    class Meta:
        table_name = "project_inspection"


PROJECT_MODELS = [Project, ProjectEstate, ProjectItem, ProjectFund, FundPayment, ProjectInspection]
