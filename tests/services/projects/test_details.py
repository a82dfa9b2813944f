"""A project's detail as plain data: head, estates, items, funds with payments and progress as of a day,
inspections, the schedule against plan."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.projects import LATE_COMPLETION, LATE_START, ProjectError
from desktop_app.models.project_tables import FundPayment, ProjectFund
from desktop_app.services.projects import records
from desktop_app.services.projects.details import payments_of, project_detail
from desktop_app.services.projects.records import InspectionDraft, ItemDraft, PaymentDraft
from tests.services.projects.projects_data import new_project, small_roll


@pytest.fixture
def estates(database):
    return small_roll()


def test_the_detail_holds_everything_of_the_project_and_pays_as_of_the_day(estates):
    project_id = new_project([estates["梅岭小区"], estates["杜鹃新村"]], planned_start="2025-03-01",
                             planned_end="2025-09-30", actual_start="2025-03-10")
    records.add_item(project_id, ItemDraft("雨污分流", "基础类", "1200", "米", "300000"))
    records.add_item(project_id, ItemDraft("加装电梯", "完善类", "2", "部", "700000.50"))
    records.set_fund(project_id, "中央财政补助", "600000", "400000")
    records.set_fund(project_id, "居民出资", "100000", "0")
    central = ProjectFund.get(ProjectFund.source == "中央财政补助")
    records.add_payment(central.id, PaymentDraft("2025-04-01", "100000", "记-1"))
    records.add_payment(central.id, PaymentDraft("2025-08-01", "50000", "记-2"))
    FundPayment.create(fund=central.id, paid_on=None, amount_fen=1_000_000)  # the undated 已支付 of a plan file
    records.add_inspection(project_id, InspectionDraft("2025-06-01", "王工", "限期整改", "井盖松动", "2025-06-10"))

    detail = project_detail(project_id, date(2025, 7, 1))
    assert (detail.code, detail.name, detail.draft.plan_year) == ("XM-2025-001", "杜鹃新村老旧小区改造", 2025)
    assert [(e.name, e.community) for e in detail.estates] == [("梅岭小区", "杜鹃社区"), ("杜鹃新村", "杜鹃社区")]
    assert detail.draft.estate_ids == (estates["梅岭小区"], estates["杜鹃新村"])
    assert [(i.name, i.category, i.quantity, i.unit, i.planned_fen) for i in detail.items] == [
        ("雨污分流", "基础类", "1200", "米", 30_000_000), ("加装电梯", "完善类", "2", "部", 70_000_050)]
    assert detail.planned_investment_fen == 100_000_050
    central_line, residents = detail.funds
    assert (central_line.source, central_line.allocated_fen, central_line.paid_fen) == ("中央财政补助", 40_000_000, 11_000_000)
    assert central_line.progress.pct == "27.50" and residents.progress.pct is None  # nothing allocated: no figure
    assert central_line.available_fen == 40_000_000 - 16_000_000  # a payment dated after the day still counts
    assert [p.paid_on for p in central_line.payments] == [None, date(2025, 4, 1), date(2025, 8, 1)]
    assert (detail.allocated_fen, detail.paid_fen, detail.progress.pct) == (40_000_000, 11_000_000, "27.50")
    assert [p.voucher for p in payments_of(detail)] == ["", "记-1", "记-2"]
    assert project_detail(project_id, date(2025, 8, 1)).paid_fen == 16_000_000
    (inspection,) = detail.inspections
    assert (inspection.result, inspection.rectified_on) == ("限期整改", date(2025, 6, 10))
    assert inspection.draft().problems == "井盖松动"
    assert (detail.state, detail.marks, detail.completion_days_late) == ("在建", (), None)


@pytest.mark.parametrize("dates, day, state, marks, start_late, end_late", [
    (dict(planned_start="2025-03-01", planned_end="2025-09-30"), date(2025, 3, 11), "未开工", (LATE_START,), 10, None),
    (dict(planned_start="2025-03-01", planned_end="2025-09-30"), date(2025, 10, 5), "未开工",
     (LATE_START, LATE_COMPLETION), 218, 5),
    (dict(planned_start="2025-03-01", planned_end="2025-09-30", actual_start="2025-03-01", actual_end="2025-10-03"),
     date(2025, 12, 1), "已完工", (LATE_COMPLETION,), None, 3),
    (dict(planned_start="2025-03-01", planned_end="2025-09-30", actual_start="2025-03-01", actual_end="2025-09-03"),
     date(2025, 12, 1), "已完工", (), None, None),
    (dict(planned_end="2025-09-30"), date(2025, 9, 30), "未开工", (LATE_COMPLETION,), None, 0),
])
def test_the_schedule_against_plan_on_a_day(estates, dates, day, state, marks, start_late, end_late):
    detail = project_detail(new_project([estates["荷花苑"]], **dates), day)
    assert (detail.state, detail.marks, detail.start_days_late, detail.completion_days_late) == \
           (state, marks, start_late, end_late)


def test_a_deleted_project_has_no_detail(estates):
    project_id = new_project([estates["荷花苑"]])
    records.delete_project(project_id)
    with pytest.raises(ProjectError, match="该项目已被删除"):
        project_detail(project_id, date(2025, 1, 1))
