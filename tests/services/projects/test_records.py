"""Editing project records on a real SQLite workspace: every validation message, the audit rows, paid ≤
allocated, and the Changes each write returns."""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop_app.domain.projects import ProjectError
from desktop_app.models import AuditLog
from desktop_app.models.project_tables import FundPayment, Project, ProjectEstate, ProjectFund, ProjectInspection, \
    ProjectItem
from desktop_app.services.changes import Changes, Topic
from desktop_app.services.projects import records
from desktop_app.services.projects.records import InspectionDraft, ItemDraft, PaymentDraft, ProjectDraft
from tests.services.projects.projects_data import new_project, small_roll


@pytest.fixture
def estates(database):
    return small_roll()


def audit_rows(table: str) -> list[AuditLog]:
    return list(AuditLog.select().where(AuditLog.table_name == table).order_by(AuditLog.id))


def draft(estates, **changes) -> ProjectDraft:
    values = dict(code="XM-1", name="杜鹃新村改造", plan_year="2025", estate_ids=(estates["杜鹃新村"],))
    values.update(changes)
    return ProjectDraft(**values)


def test_create_project_writes_the_head_the_estates_an_audit_row_and_returns_its_changes(estates):
    changes = records.create_project(draft(
        estates, estate_ids=(estates["梅岭小区"], estates["杜鹃新村"]), planned_start="2025-03-01",
        planned_end="2025-10-31", contractor=" 建工集团 ", declared_buildings="12", declared_households="360"))
    project = Project.get(Project.code == "XM-1")
    assert changes == Changes.of(Topic.PROJECTS, ids=[project.id])
    assert (project.plan_year, project.planned_start, project.planned_end, project.actual_start) == \
           (2025, "2025-03-01", "2025-10-31", None)
    assert (project.contractor, project.declared_buildings, project.declared_households) == ("建工集团", 12, 360)
    links = ProjectEstate.select().where(ProjectEstate.project == project.id).order_by(ProjectEstate.position)
    assert [link.estate_id for link in links] == [estates["梅岭小区"], estates["杜鹃新村"]]
    (row,) = audit_rows("project")
    assert (row.action, row.record_uid, row.summary) == ("create", project.uid, "新建项目 XM-1 杜鹃新村改造")
    assert json.loads(row.changes)["estates"] == [None, [estates["梅岭小区"], estates["杜鹃新村"]]]


@pytest.mark.parametrize("changes, field, message", [
    (dict(code=" "), "code", "请填写项目编号"),
    (dict(code="X" * 41), "code", "项目编号不能超过40个字符"),
    (dict(name=""), "name", "请填写项目名称"),
    (dict(name="名" * 101), "name", "项目名称不能超过100个字"),
    (dict(plan_year=""), "plan_year", "请填写年度"),
    (dict(plan_year=None), "plan_year", "请填写年度"),
    (dict(plan_year="二〇二五"), "plan_year", "年度“二〇二五”应为四位数字，如 2025"),
    (dict(plan_year="1999"), "plan_year", "年度 1999 不在 2000–2100 之间"),
    (dict(estate_ids=()), "estates", "请至少选择一个小区"),
    (dict(estate_ids=(999,)), "estates", "所选小区已不存在，请重新选择"),
    (dict(planned_start="2025-02-30"), "planned_start", "计划开工日期“2025-02-30”不是有效日期（应为 年-月-日，如 2025-03-01）"),
    (dict(actual_end="明天"), "actual_end", "实际完工日期“明天”不是有效日期（应为 年-月-日，如 2025-03-01）"),
    (dict(planned_start="2025-05-01", planned_end="2025-04-30"), "planned_end", "计划完工日期早于计划开工日期"),
    (dict(actual_end="2025-09-01"), "actual_start", "已填实际完工日期，请同时填写实际开工日期"),
    (dict(actual_start="2025-09-02", actual_end="2025-09-01"), "actual_end", "实际完工日期早于实际开工日期"),
    (dict(actual_start="2025-03-02", accepted_on="2025-09-01"), "actual_end", "已填竣工验收日期，请同时填写实际完工日期"),
    (dict(actual_start="2025-03-02", actual_end="2025-09-01", accepted_on="2025-08-01"), "accepted_on",
     "竣工验收日期早于实际完工日期"),
    (dict(declared_buildings="十二"), "declared_buildings", "申报楼栋数应为不小于 0 的整数"),
    (dict(declared_households=-3), "declared_households", "申报户数应为不小于 0 的整数"),
    (dict(contractor="公" * 101), "contractor", "施工单位不能超过100个字"),
])
def test_a_bad_project_is_refused_with_the_field_and_its_chinese_reason(estates, changes, field, message):
    bad = draft(estates, **changes)
    assert records.project_errors(bad) == {field: message}
    with pytest.raises(ProjectError) as raised:
        records.create_project(bad)
    assert (raised.value.field, raised.value.message) == (field, message)
    assert Project.select().count() == 0 and AuditLog.select().count() == 0


def test_the_same_estate_twice_is_refused(estates):
    assert records.project_errors(draft(estates, estate_ids=(estates["荷花苑"], estates["荷花苑"]))) == \
           {"estates": "同一小区选择了两次"}


def test_the_project_code_is_unique_but_a_project_keeps_its_own(estates):
    first = new_project([estates["杜鹃新村"]], code="XM-1", name="杜鹃新村改造")
    assert records.project_errors(draft(estates, code=" XM-1 ", name="另一个")) == \
           {"code": "项目编号“XM-1”已被“杜鹃新村改造”使用"}
    assert records.project_errors(draft(estates, code="XM-1"), project_id=first) == {}


def test_update_changes_the_head_and_the_estates_and_audits_only_what_changed(estates):
    project_id = new_project([estates["杜鹃新村"], estates["梅岭小区"]], code="XM-1")
    ProjectEstate.update(declared_households=80).where(ProjectEstate.estate == estates["梅岭小区"]).execute()
    changes = records.update_project(project_id, draft(
        estates, code="XM-1", name="杜鹃片区改造", estate_ids=(estates["梅岭小区"], estates["荷花苑"]),
        actual_start=date(2025, 4, 1)))
    assert changes == Changes.of(Topic.PROJECTS, ids=[project_id])
    project = Project.get_by_id(project_id)
    assert (project.name, project.actual_start) == ("杜鹃片区改造", "2025-04-01")
    links = list(ProjectEstate.select().where(ProjectEstate.project == project_id).order_by(ProjectEstate.position))
    assert [(link.estate_id, link.declared_households) for link in links] == \
           [(estates["梅岭小区"], 80), (estates["荷花苑"], None)]  # a kept estate keeps its declared counts
    row = audit_rows("project")[-1]
    assert row.action == "update" and set(json.loads(row.changes)) == {"name", "actual_start", "estates"}
    records.update_project(project_id, draft(estates, code="XM-1", name="杜鹃片区改造",
                                             estate_ids=(estates["梅岭小区"], estates["荷花苑"]), actual_start="2025-04-01"))
    assert len(audit_rows("project")) == 2  # nothing changed, nothing audited


def test_delete_project_takes_its_items_funds_payments_and_inspections(estates):
    project_id = new_project([estates["杜鹃新村"]], code="XM-1")
    records.add_item(project_id, ItemDraft("雨污分流", "基础类", "1200", "米", "350000"))
    records.set_fund(project_id, "中央财政补助", "200000", "100000")
    fund = ProjectFund.get()
    records.add_payment(fund.id, PaymentDraft("2025-05-01", "50000", "记-001"))
    records.add_inspection(project_id, InspectionDraft("2025-06-01", "王工", "合格"))
    assert records.deletion_counts(project_id) == {"items": 1, "funds": 1, "payments": 1, "inspections": 1}
    assert records.delete_project(project_id) == Changes.of(Topic.PROJECTS, ids=[project_id])
    assert [model.select().count() for model in (Project, ProjectEstate, ProjectItem, ProjectFund, FundPayment,
                                                 ProjectInspection)] == [0] * 6
    assert audit_rows("project")[-1].summary == \
           "删除项目 XM-1 杜鹃新村老旧小区改造（改造内容 1 项、资金来源 1 个、付款 1 笔、质量检查 1 次）"
    with pytest.raises(ProjectError, match="该项目已被删除"):
        records.delete_project(project_id)


# --- items

@pytest.mark.parametrize("item, field, message", [
    (ItemDraft("", "基础类"), "name", "改造内容名称不能为空"),
    (ItemDraft("雨污\n分流", "基础类"), "name", "改造内容名称不能包含换行或制表符"),
    (ItemDraft("雨污分流", "其他类"), "category", "改造类别“其他类”无效，应为基础类、完善类或提升类"),
    (ItemDraft("雨污分流", "基础类", "约100"), "quantity", "工程量“约100”应为不小于 0 的数字，如 120 或 35.5"),
    (ItemDraft("雨污分流", "基础类", "-5"), "quantity", "工程量“-5”应为不小于 0 的数字，如 120 或 35.5"),
    (ItemDraft("雨污分流", "基础类", unit="立方米每小时以上的流量单位"), "unit", "单位不能超过10个字"),
    (ItemDraft("雨污分流", "基础类", planned="12.345"), "planned", "计划投资：金额 12.345 元超过两位小数（精确到分）"),
    (ItemDraft("雨污分流", "基础类", planned="-1"), "planned", "计划投资：金额不能为负数（实为 -1 元）"),
    (ItemDraft("雨污分流", "基础类", planned="很多"), "planned", "计划投资：金额“很多”不是数字（应为元，最多两位小数）"),
])
def test_a_bad_item_is_refused_with_its_field(estates, item, field, message):
    project_id = new_project([estates["杜鹃新村"]])
    assert records.item_errors(item) == {field: message}
    with pytest.raises(ProjectError) as raised:
        records.add_item(project_id, item)
    assert (raised.value.field, raised.value.message) == (field, message)
    assert ProjectItem.select().count() == 0


def test_items_are_added_in_order_updated_moved_and_deleted_with_audit_rows(estates):
    project_id = new_project([estates["杜鹃新村"]])
    for name, category in (("雨污分流", "基础类"), ("加装电梯", "完善类"), ("智能快递柜", "提升类")):
        assert records.add_item(project_id, ItemDraft(name, category, "1,200.5", "米", "1,234.56")) == \
               Changes.of(Topic.PROJECTS, ids=[project_id])
    items = list(ProjectItem.select().order_by(ProjectItem.position))
    assert [(i.name, i.position, i.quantity, i.planned_fen) for i in items][0] == ("雨污分流", 0, "1200.5", 123456)
    assert [i.position for i in items] == [0, 1, 2]
    records.update_item(items[1].id, ItemDraft("加装电梯（2部）", "完善类", "2", "部", "800000"))
    assert ProjectItem.get_by_id(items[1].id).planned_fen == 80_000_000
    records.move_item(items[2].id, -1)
    order = [i.name for i in ProjectItem.select().order_by(ProjectItem.position)]
    assert order == ["雨污分流", "智能快递柜", "加装电梯（2部）"]
    records.move_item(items[0].id, -1)  # already first: stays, nothing audited
    with pytest.raises(ProjectError, match="改造内容已被他人修改"):
        records.reorder_items(project_id, [items[0].id])
    records.delete_item(items[0].id)
    assert [row.action for row in audit_rows("project_item")] == ["create"] * 3 + ["update", "delete"]
    assert [row.summary for row in audit_rows("project")][-1] == "项目 XM-2025-001 调整改造内容顺序"
    assert len([row for row in audit_rows("project") if row.action == "update"]) == 1


# --- funds and payments

def test_set_fund_creates_then_updates_one_row_per_source(estates):
    project_id = new_project([estates["杜鹃新村"]])
    assert records.set_fund(project_id, "专项债", "1,000,000", "600000.5") == Changes.of(Topic.PROJECTS, ids=[project_id])
    fund = ProjectFund.get()
    assert (fund.source, fund.planned_fen, fund.allocated_fen) == ("地方政府专项债券", 100_000_000, 60_000_050)
    records.set_fund(project_id, "地方政府专项债券", "1000000", "700000")
    assert ProjectFund.select().count() == 1 and ProjectFund.get().allocated_fen == 70_000_000
    assert [(row.action, json.loads(row.changes)) for row in audit_rows("project_fund")] == [
        ("create", {"planned_fen": [None, 100_000_000], "allocated_fen": [None, 60_000_050]}),
        ("update", {"allocated_fen": [60_000_050, 70_000_000]})]


@pytest.mark.parametrize("source, planned, allocated, field, message", [
    ("国外援助", "1", "1", "source", "资金来源“国外援助”无效，应为中央财政补助、中央预算内投资、省级财政资金、地方政府专项债券、"
                               "市县财政资金、专业经营单位出资、社会资本、居民出资之一"),
    ("居民出资", "一万", "0", "planned", "计划金额：金额“一万”不是数字（应为元，最多两位小数）"),
    ("居民出资", "0", "-5", "allocated", "已下达金额：金额不能为负数（实为 -5 元）"),
])
def test_a_bad_fund_is_refused(estates, source, planned, allocated, field, message):
    project_id = new_project([estates["杜鹃新村"]])
    with pytest.raises(ProjectError) as raised:
        records.set_fund(project_id, source, planned, allocated)
    assert (raised.value.field, raised.value.message) == (field, message)


def test_payments_never_exceed_the_allocated_amount(estates):
    project_id = new_project([estates["杜鹃新村"]])
    records.set_fund(project_id, "中央财政补助", "100000", "50000")
    fund = ProjectFund.get()
    assert records.add_payment(fund.id, PaymentDraft(date(2025, 5, 1), "30,000", " 记-001 ")) == \
           Changes.of(Topic.PROJECTS, ids=[project_id])
    with pytest.raises(ProjectError) as raised:
        records.add_payment(fund.id, PaymentDraft("2025-06-01", "20000.01", "记-002"))
    assert raised.value.field == "amount"
    assert raised.value.message == "中央财政补助已支付 50,000.01 元超过已下达 50,000.00 元（还可支付 20,000.00 元）"
    records.add_payment(fund.id, PaymentDraft("2025-06-01", "20000", "记-002"))
    assert sum(p.amount_fen for p in FundPayment.select()) == 5_000_000
    with pytest.raises(ProjectError) as raised:  # the allocation cannot go below what was paid
        records.set_fund(project_id, "中央财政补助", "100000", "49999.99")
    assert (raised.value.field, raised.value.message) == \
           ("allocated", "已下达金额不能少于已支付金额：已支付 50,000.00 元超过已下达 49,999.99 元")
    first = FundPayment.get(FundPayment.voucher == "记-001")
    assert first.paid_on == "2025-05-01"
    records.delete_payment(first.id)
    records.set_fund(project_id, "中央财政补助", "100000", "20000")
    assert [row.action for row in audit_rows("fund_payment")] == ["create", "create", "delete"]
    assert audit_rows("fund_payment")[0].summary == "中央财政补助 付款 30,000.00 元（2025-05-01，凭证 记-001）"


@pytest.mark.parametrize("payment, field, message", [
    (PaymentDraft(None, "100"), "paid_on", "请填写付款日期"),
    (PaymentDraft(" ", "100"), "paid_on", "请填写付款日期"),
    (PaymentDraft("2025/5/1", "100"), "paid_on", "付款日期“2025/5/1”不是有效日期（应为 年-月-日，如 2025-03-01）"),
    (PaymentDraft("2025-05-01", ""), "amount", "请填写付款金额"),
    (PaymentDraft("2025-05-01", "0"), "amount", "付款金额应大于 0"),
    (PaymentDraft("2025-05-01", "-3"), "amount", "付款金额：金额不能为负数（实为 -3 元）"),
    (PaymentDraft("2025-05-01", "1.001"), "amount", "付款金额：金额 1.001 元超过两位小数（精确到分）"),
    (PaymentDraft("2025-05-01", "1", "X" * 41), "voucher", "凭证号不能超过40个字符"),
])
def test_a_bad_payment_is_refused_with_its_field(estates, payment, field, message):
    project_id = new_project([estates["杜鹃新村"]])
    records.set_fund(project_id, "居民出资", "1000", "1000")
    fund = ProjectFund.get()
    assert records.payment_errors(fund.id, payment) == {field: message}
    with pytest.raises(ProjectError) as raised:
        records.add_payment(fund.id, payment)
    assert (raised.value.field, raised.value.message) == (field, message)
    assert FundPayment.select().count() == 0


def test_deleting_a_fund_takes_its_payments(estates):
    project_id = new_project([estates["杜鹃新村"]])
    records.set_fund(project_id, "居民出资", "1000", "1000")
    fund = ProjectFund.get()
    records.add_payment(fund.id, PaymentDraft("2025-05-01", "10"))
    assert records.delete_fund(fund.id) == Changes.of(Topic.PROJECTS, ids=[project_id])
    assert FundPayment.select().count() == 0 and ProjectFund.select().count() == 0
    assert audit_rows("project_fund")[-1].summary == "删除资金来源 居民出资（付款 1 笔）"


# --- inspections

@pytest.mark.parametrize("inspection, field, message", [
    (InspectionDraft("", "王工", "合格"), "inspected_on", "请填写检查日期"),
    (InspectionDraft("6月1日", "王工", "合格"), "inspected_on", "检查日期“6月1日”不是有效日期（应为 年-月-日，如 2025-03-01）"),
    (InspectionDraft("2025-06-01", " ", "合格"), "inspector", "请填写检查人"),
    (InspectionDraft("2025-06-01", "王工", "良好"), "result", "检查结果“良好”无效，应为合格、限期整改、不合格之一"),
    (InspectionDraft("2025-06-01", "王工", "限期整改"), "problems", "检查结果为“限期整改”时请填写发现的问题"),
    (InspectionDraft("2025-06-01", "王工", "合格", rectified_on="2025-05-31"), "rectified_on", "整改完成日期早于检查日期"),
    (InspectionDraft("2025-06-01", "王工", "合格", rectified_on="下周"), "rectified_on",
     "整改完成日期“下周”不是有效日期（应为 年-月-日，如 2025-03-01）"),
])
def test_a_bad_inspection_is_refused_with_its_field(estates, inspection, field, message):
    project_id = new_project([estates["杜鹃新村"]])
    assert records.inspection_errors(inspection) == {field: message}
    with pytest.raises(ProjectError) as raised:
        records.add_inspection(project_id, inspection)
    assert (raised.value.field, raised.value.message) == (field, message)


def test_inspections_are_added_updated_and_deleted_with_audit_rows(estates):
    project_id = new_project([estates["杜鹃新村"]])
    assert records.add_inspection(project_id, InspectionDraft("2025-06-01", "王工", "限期整改", "井盖松动")) == \
           Changes.of(Topic.PROJECTS, ids=[project_id])
    inspection = ProjectInspection.get()
    records.update_inspection(inspection.id, InspectionDraft("2025-06-01", "王工", "限期整改", "井盖松动", "2025-06-01"))
    assert ProjectInspection.get().rectified_on == "2025-06-01"  # rectified on the day inspected is fine
    assert records.delete_inspection(inspection.id) == Changes.of(Topic.PROJECTS, ids=[project_id])
    assert [(row.action, row.summary) for row in audit_rows("project_inspection")] == [
        ("create", "项目 XM-2025-001 质量检查 2025-06-01 限期整改"), ("update", "修改质量检查 2025-06-01"),
        ("delete", "删除质量检查 2025-06-01 限期整改")]
