"""The plan import against a real database: what it adds and where, declared counts for one estate or a 片区,
estates created from the plan, items replaced by position, the undated 已支付 payment, a second import that
changes nothing (the database byte for byte the same), projects absent from the file left alone."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop_app.domain.plan_record import PlanEstate, PlanFund, PlanItem, PlanProject
from desktop_app.domain.projects import Schedule
from desktop_app.models import AuditLog, Community, Estate, Street, db
from desktop_app.models.project_tables import FundPayment, Project, ProjectEstate, ProjectFund, ProjectItem
from desktop_app.services.changes import Topic
from desktop_app.services.projects.plan_export import plan_records
from desktop_app.services.projects.plan_import import (
    PLAN_VOUCHER, PlanImportError, PlanInput, apply_plan, preview_plan,
)
from desktop_app.services.scope import ScopeLevel, find_by_code

ONE = PlanProject("XM-1", "幸福里改造", 2024, (PlanEstate("E1", "幸福里小区", 6, 240),),
                  Schedule(date(2024, 3, 1), date(2024, 10, 31), date(2024, 3, 15)), "某建设公司", "某监理公司")
AREA = PlanProject("XM-2", "东街片区", 2024, (PlanEstate("E2", "和平小区", 4, None, "东街街道", "和平社区"),
                                           PlanEstate("E9", "新华小区", 3, None, "东街街道", "和平社区")),
                   Schedule(date(2024, 4, 1), date(2024, 12, 31)), declared_households=310)
LOOSE = PlanProject("XM-3", "无处安放", 2025, (PlanEstate("E7", "河滨小区"), PlanEstate("", "江滨小区")),
                    declared_buildings=9)
ITEMS = [PlanItem("XM-1", "雨污分流", "基础类", "1200", "米", 135000050),
         PlanItem("XM-1", "加装电梯", "完善类", "2", "部", 120000000),
         PlanItem("XM-2", "停车设施", "完善类", "", "", 46000000)]
FUNDS = [PlanFund("XM-1", "中央财政补助", 100000000, 80000000, 50000025),
         PlanFund("XM-1", "地方政府专项债券", 150000000, 150000000, 0),
         PlanFund("XM-2", "省级财政资金", 46000000, 20000000, 20000000)]


def plan(projects=(ONE, AREA, LOOSE), items=ITEMS, funds=FUNDS) -> PlanInput:
    rows = {project.code: index + 2 for index, project in enumerate(projects)}
    places = {(fund.project_code, fund.source): (index + 2, "已支付(元)（E列）") for index, fund in enumerate(funds)}
    return PlanInput("计划.xlsx", list(projects), list(items), list(funds), rows, places)


@pytest.fixture
def place(database):
    street = Street.create(name="东街街道", code="S1")
    community = Community.create(street=street, name="幸福里社区", code="C1")
    Estate.create(community=community, code="E1", name="幸福里小区", pinyin="xingfuli")
    Estate.create(community=community, code="E2", name="和平小区", pinyin="heping")
    return community


def dump() -> list[str]:
    return list(db.connection().iterdump())


def test_a_new_plan_is_added_with_its_estates_counts_items_and_funds(place):
    preview = preview_plan(plan())
    assert (preview.projects, preview.added, preview.updated, preview.unchanged, preview.errors) == (3, 3, 0, 0, [])
    assert [(e.code, e.name, e.street, e.community, e.projects) for e in preview.new_estates] == [
        ("E9", "新华小区", "东街街道", "和平社区", ("XM-2",)),
        ("E7", "河滨小区", "未分配街道", "未分配社区", ("XM-3",)),
        ("", "江滨小区", "未分配街道", "未分配社区", ("XM-3",))]
    assert Project.select().count() == 0  # the preview writes nothing
    imported = apply_plan(plan())
    assert (imported.added, imported.updated, imported.unchanged) == (3, 0, 0)
    assert imported.changes.topics == {Topic.PROJECTS, Topic.ROLL}
    assert imported.changes.ids(Topic.PROJECTS) == {p.id for p in Project.select()}
    one = Project.get(Project.code == "XM-1")
    assert (one.plan_year, one.planned_start, one.actual_start, one.actual_end, one.contractor) == \
        (2024, "2024-03-01", "2024-03-15", None, "某建设公司")
    assert [(l.estate.code, l.declared_buildings, l.declared_households, l.position) for l in one.estates] == [
        ("E1", 6, 240, 0)]
    area = Project.get(Project.code == "XM-2")
    assert (area.declared_buildings, area.declared_households) == (None, 310)
    links = sorted(area.estates, key=lambda link: link.position)
    assert [(l.estate.code, l.declared_buildings) for l in links] == [("E2", 4), ("E9", 3)]
    new = Estate.get(Estate.code == "E9")
    assert (new.community.name, new.community.street.name, new.pinyin != "", new.position is not None) == \
        ("和平社区", "东街街道", True, True)
    assert Street.select().where(Street.name == "东街街道").count() == 1  # the existing street was reused
    loose = Estate.get(Estate.name == "江滨小区")
    assert loose.code is None and (loose.community.name, loose.community.street.name) == ("未分配社区", "未分配街道")
    assert Project.get(Project.code == "XM-3").declared_buildings == 9
    assert [(i.position, i.name, i.quantity, i.planned_fen) for i in one.items.order_by(ProjectItem.position)] == [
        (0, "雨污分流", "1200", 135000050), (1, "加装电梯", "2", 120000000)]
    central = ProjectFund.get(ProjectFund.source == "中央财政补助")
    assert [(p.paid_on, p.amount_fen, p.voucher) for p in central.payments] == [(None, 50000025, PLAN_VOUCHER)]
    assert FundPayment.select().count() == 2  # nothing paid from the bonds: no payment row
    assert AuditLog.select().where(AuditLog.table_name == "project", AuditLog.action == "create").count() == 3
    assert AuditLog.select().where(AuditLog.table_name == "estate").count() == 3


def test_the_same_plan_again_changes_nothing(place):
    apply_plan(plan())
    before = dump()
    preview = preview_plan(plan())
    assert (preview.added, preview.updated, preview.unchanged, preview.new_estates) == (0, 0, 3, [])
    imported = apply_plan(plan())
    assert (imported.added, imported.updated, imported.unchanged) == (0, 0, 3) and not imported.changes
    assert dump() == before


def test_a_changed_row_updates_only_its_project_and_only_the_rows_that_differ(place):
    apply_plan(plan())
    item_ids = [i.id for i in ProjectItem.select().order_by(ProjectItem.id)]
    untouched = Project.get(Project.code == "XM-2").updated_at
    items = [ITEMS[0], replace(ITEMS[1], planned_fen=110000000), ITEMS[2]]
    changed = replace(ONE, name="幸福里改造（调整）")
    preview = preview_plan(plan((changed, AREA, LOOSE), items))
    assert (preview.added, preview.updated, preview.unchanged) == (0, 1, 2)
    assert preview.changes[0].parts == ("项目信息", "改造内容")
    imported = apply_plan(plan((changed, AREA, LOOSE), items))
    assert imported.changes.ids(Topic.PROJECTS) == {Project.get(Project.code == "XM-1").id}
    assert Topic.ROLL not in imported.changes.topics
    assert [i.id for i in ProjectItem.select().order_by(ProjectItem.id)] == item_ids  # replaced in place
    assert ProjectItem.get_by_id(item_ids[1]).planned_fen == 110000000
    assert Project.get(Project.code == "XM-2").updated_at == untouched
    # fewer items: the rest go; a project without item rows in the file keeps its items
    apply_plan(plan((changed, AREA), [ITEMS[0]]))
    assert ProjectItem.select().count() == 2
    assert [i.name for i in Project.get(Project.code == "XM-2").items] == ["停车设施"]


def test_projects_absent_from_the_file_are_left_alone(place):
    apply_plan(plan())
    before = dump()
    imported = apply_plan(plan((ONE,), ITEMS[:2], FUNDS[:2]))
    assert (imported.projects, imported.unchanged) == (1, 1) and dump() == before


def test_paid_is_kept_as_one_undated_payment_beside_the_dated_ones(place):
    apply_plan(plan())
    central = ProjectFund.get(ProjectFund.source == "中央财政补助")
    FundPayment.create(fund=central, paid_on="2024-06-01", amount_fen=30000000, voucher="记-12")
    preview = preview_plan(plan())
    assert preview.updated == 1 and preview.changes[0].parts == ("资金",)
    apply_plan(plan())
    assert sorted((p.paid_on or "", p.amount_fen) for p in central.payments) == [
        ("", 20000025), ("2024-06-01", 30000000)]  # paid 500,000.25 = 300,000 dated + 200,000.25 undated
    assert preview_plan(plan()).unchanged == 3
    less = [replace(FUNDS[0], paid_fen=10000000), *FUNDS[1:]]
    preview = preview_plan(plan(funds=less))
    [error] = preview.errors
    assert (error.sheet, error.row, error.column) == ("资金", 2, "已支付(元)（E列）")
    assert "少于已登记的有日期支付记录合计 300,000.00 元" in error.reason
    before = dump()
    with pytest.raises(PlanImportError, match="未写入任何数据"):
        apply_plan(plan(funds=less))
    assert dump() == before
    # paid equal to the dated payments: the undated payment goes
    apply_plan(plan(funds=[replace(FUNDS[0], paid_fen=30000000), *FUNDS[1:]]))
    assert [(p.paid_on, p.amount_fen) for p in central.payments] == [("2024-06-01", 30000000)]


def test_estates_change_by_position_and_counts(place):
    apply_plan(plan())
    swapped = replace(AREA, estates=(AREA.estates[1], replace(AREA.estates[0], buildings=5)))
    apply_plan(plan((ONE, swapped, LOOSE)))
    links = sorted(Project.get(Project.code == "XM-2").estates, key=lambda link: link.position)
    assert [(l.estate.code, l.declared_buildings) for l in links] == [("E9", 3), ("E2", 5)]
    dropped = replace(AREA, estates=(AREA.estates[0],))
    apply_plan(plan((ONE, dropped, LOOSE)))
    assert [l.estate.code for l in Project.get(Project.code == "XM-2").estates] == ["E2"]
    assert ProjectEstate.select().count() == 1 + 1 + 2


def test_an_estate_name_shared_by_two_estates_needs_a_code(place):
    Estate.create(community=place, code="E5", name="和平小区", pinyin="heping")
    by_name = replace(ONE, estates=(PlanEstate("", "和平小区"),))
    [error] = preview_plan(plan((by_name,), [], [])).errors
    assert (error.sheet, error.row, error.column, error.value) == ("项目", 2, "小区名称", "和平小区")
    assert "2 个名为“和平小区”的小区" in error.reason
    with pytest.raises(PlanImportError):
        apply_plan(plan((by_name,), [], []))
    assert Project.select().count() == 0


def test_the_export_records_import_unchanged(place):
    apply_plan(plan())
    central = ProjectFund.get(ProjectFund.source == "中央财政补助")
    FundPayment.create(fund=central, paid_on="2024-06-01", amount_fen=1000, voucher="记-1")
    records = plan_records()
    assert [p.code for p in records.projects] == ["XM-1", "XM-2", "XM-3"]
    assert [f.paid_fen for f in records.funds][:1] == [50001025]  # dated and undated together
    again = PlanInput("导出.xlsx", records.projects, records.items, records.funds)
    assert preview_plan(again).unchanged == 3
    street = find_by_code("S1")
    assert street is not None and street.level is ScopeLevel.STREET
    assert [p.code for p in plan_records(street).projects] == ["XM-1", "XM-2"]


def test_one_new_estate_code_with_two_names_is_an_error(place):
    other = replace(LOOSE, code="XM-4", estates=(PlanEstate("E9", "新华苑"),))
    [error] = preview_plan(plan((ONE, AREA, other))).errors
    assert (error.sheet, error.row, error.column, error.value) == ("项目", 4, "小区名称", "新华苑")
    assert "小区编码 E9 在项目“XM-2”中的小区名称是“新华小区”" in error.reason


def test_blank_progress_and_firms_keep_what_the_records_have(place):
    apply_plan(plan())
    one = Project.get(Project.code == "XM-1")
    one.actual_end, one.accepted_on = "2024-10-20", "2024-11-05"
    one.save()
    before = dump()
    district = replace(ONE, schedule=replace(ONE.schedule, actual_start=None), contractor="", supervisor="")
    preview = preview_plan(plan((district, AREA, LOOSE)))
    assert (preview.unchanged, preview.errors) == (3, [])  # nothing the file says differs from the records
    apply_plan(plan((district, AREA, LOOSE)))
    assert dump() == before
    moved = replace(ONE, schedule=replace(ONE.schedule, actual_start=date(2024, 10, 25)))
    [error] = preview_plan(plan((moved, AREA, LOOSE))).errors
    assert (error.sheet, error.row, error.column, error.value) == ("项目", 2, "实际完工", "XM-1")
    assert "与程序中已登记的日期不一致：实际完工日期早于实际开工日期" in error.reason
