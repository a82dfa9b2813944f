"""The table models of 项目与资金 pass qtmodeltester and say the marks in words, not colour alone."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.models.project_tables import ProjectFund
from desktop_app.services.projects import ProjectFilter, list_projects, records
from desktop_app.services.projects.details import payments_of, project_detail
from desktop_app.services.projects.records import InspectionDraft, ItemDraft, PaymentDraft
from desktop_app.ui.projects.models import (
    LATE_COLOUR, NOT_STARTED_COLOUR, FundsModel, InspectionsModel, ItemsModel, PaymentsModel, ProjectListModel,
)
from tests.ui.projects.projects_ui_fixtures import TODAY, context, projects  # noqa: F401 (fixtures)


def test_the_projects_list_model(qtmodeltester, projects):
    records.set_fund(projects["late"], "中央财政补助", "1000000", "123456.78")
    fund = ProjectFund.get()
    records.add_payment(fund.id, PaymentDraft("2025-06-01", "61728.39"))
    model = ProjectListModel()
    model.set_records(list_projects(ProjectFilter(), TODAY))
    qtmodeltester.check(model)
    cells = [[model.index(row, column).data() for column in range(model.columnCount())] for row in range(3)]
    assert cells[0] == ["XM-2024-01", "杜鹃新村综合改造", "2024", "杜鹃新村", "在建 · 未按期完工", "2024-03-01",
                        "2024-10-31", "2024-03-05", "", "35.00", "12.35", "6.17", "50.00%"]
    assert cells[1][3:5] == ["梅岭小区、杜鹃新村", "未开工 · 逾期未开工"] and cells[1][12] == "—"
    assert cells[2][4] == "未开工"
    background = [model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) for row in range(3)]
    assert background[0].color() == LATE_COLOUR and background[1].color() == NOT_STARTED_COLOUR
    assert background[2] is None
    assert model.index(0, 10).data(Qt.ItemDataRole.ToolTipRole) == \
           "已下达 123,456.78 元，已支付 61,728.39 元（计划 1,000,000.00 元）"
    assert model.row_of(projects["later"]) == 2 and model.row_of(999) == -1


def test_the_detail_models(qtmodeltester, projects):
    project_id = projects["late"]
    records.add_item(project_id, ItemDraft("加装电梯", "完善类", "2", "部", "1234567.8"))
    records.set_fund(project_id, "省级资金", "500000", "300000")
    records.set_fund(project_id, "居民出资", "10000", "0")
    fund = ProjectFund.get(ProjectFund.source == "省级财政资金")
    records.add_payment(fund.id, PaymentDraft("2025-05-01", "100000", "记-7", "首笔"))
    records.add_inspection(project_id, InspectionDraft("2025-06-01", "王工", "不合格", "路面开裂"))
    detail = project_detail(project_id, TODAY)
    items, funds, payments, inspections = ItemsModel(), FundsModel(), PaymentsModel(), InspectionsModel()
    items.set_records(detail.items)
    funds.set_records(detail.funds)
    payments.set_records(payments_of(detail))
    inspections.set_records(detail.inspections)
    for model in (items, funds, payments, inspections):
        qtmodeltester.check(model)

    def row(model, number):
        return [model.index(number, column).data() for column in range(model.columnCount())]

    assert row(items, 1) == ["2", "加装电梯", "完善类", "2", "部", "1,234,567.80"]
    assert row(funds, 0) == ["省级财政资金", "500,000.00", "300,000.00", "100,000.00", "33.33%", "200,000.00"]
    assert row(funds, 1)[4] == "—"
    assert row(payments, 0) == ["2025-05-01", "省级财政资金", "100,000.00", "记-7", "首笔"]
    assert row(inspections, 0) == ["2025-06-01", "王工", "不合格", "路面开裂", "未整改"]
