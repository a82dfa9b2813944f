"""The table models of the 项目与资金 page: the projects list, and a project's items, funds, payments and
inspections. Each holds plain rows handed over by services.projects; nothing here reads the database.

Late and not-started projects are marked by colour and by the words 未按期完工 / 逾期未开工 in the 状态
column, never by colour alone. Money is shown in grouped yuan ("1,234.56"), or in 万元 where the column is
narrow (the projects list)."""

from __future__ import annotations

from datetime import date
from typing import Any, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain.money import wan_yuan_text, yuan_grouped
from desktop_app.domain.projects import LATE_COMPLETION, LATE_START
from desktop_app.domain.ratios import percent_text, share
from desktop_app.ui.widgets.list_table import ListTableModel

LATE_COLOUR = QColor("#fde2e1")  # 未按期完工
NOT_STARTED_COLOUR = QColor("#fff1d6")  # 逾期未开工
LATE_TEXT_COLOUR = QColor("#a61b1b")


def day_text(day: date | None) -> str:
    return day.isoformat() if day else ""


def progress_text(paid: int, allocated: int) -> str:
    """支付进度: paid over allocated, "—" when nothing was allocated."""
    return percent_text(share(paid, allocated))


RowsModel = ListTableModel  # the projects' tables are plain record lists


def state_text(state: str, marks: Sequence[str]) -> str:
    """在建 · 未按期完工 — the state and its marks in words."""
    return " · ".join([state, *marks])


class ProjectListModel(RowsModel):
    """The rows of services.projects.list_projects."""

    headers = ("项目编号", "项目名称", "年度", "小区", "状态", "计划开工", "计划完工", "实际开工", "实际完工",
               "计划投资(万元)", "已下达(万元)", "已支付(万元)", "支付进度")
    right_aligned = frozenset({2, 9, 10, 11, 12})
    STATE_COLUMN = 4

    def cell(self, row: Any, column: int) -> str:
        schedule = row.schedule
        values = (
            row.code, row.name, str(row.plan_year), row.estates, state_text(row.state, row.marks),
            day_text(schedule.planned_start), day_text(schedule.planned_end), day_text(schedule.actual_start),
            day_text(schedule.actual_end), wan_yuan_text(row.planned_investment_fen), wan_yuan_text(row.allocated_fen),
            wan_yuan_text(row.paid_fen), progress_text(row.paid_fen, row.allocated_fen),
        )
        return values[column]

    def tooltip(self, row: Any, column: int) -> str:
        if column in (10, 11):
            return (f"已下达 {yuan_grouped(row.allocated_fen)} 元，已支付 {yuan_grouped(row.paid_fen)} 元"
                    f"（计划 {yuan_grouped(row.fund_planned_fen)} 元）")
        if column == 9:
            return f"计划投资 {yuan_grouped(row.planned_investment_fen)} 元（{row.items} 项改造内容）"
        return self.cell(row, column)

    def extra(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            if LATE_COMPLETION in row.marks:
                return QBrush(LATE_COLOUR)
            if LATE_START in row.marks:
                return QBrush(NOT_STARTED_COLOUR)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE_COLUMN and row.marks:
            return QBrush(LATE_TEXT_COLOUR)
        return None


class ItemsModel(RowsModel):
    headers = ("序号", "改造内容", "类别", "工程量", "单位", "计划投资(元)")
    right_aligned = frozenset({0, 3, 5})

    def cell(self, item: Any, column: int) -> str:
        if column == 0:
            return str(self.records.index(item) + 1)
        return (item.name, item.category, item.quantity, item.unit, yuan_grouped(item.planned_fen))[column - 1]


class FundsModel(RowsModel):
    headers = ("资金来源", "计划(元)", "已下达(元)", "已支付(元)", "支付进度", "可再支付(元)")
    right_aligned = frozenset({1, 2, 3, 4, 5})

    def cell(self, fund: Any, column: int) -> str:
        return (fund.source, yuan_grouped(fund.planned_fen), yuan_grouped(fund.allocated_fen), yuan_grouped(fund.paid_fen),
                progress_text(fund.paid_fen, fund.allocated_fen), yuan_grouped(fund.available_fen))[column]


class PaymentsModel(RowsModel):
    headers = ("付款日期", "资金来源", "金额(元)", "凭证号", "备注")
    right_aligned = frozenset({2})

    def cell(self, payment: Any, column: int) -> str:
        when = day_text(payment.paid_on) or "（计划导入，未注明日期）"
        return (when, payment.source, yuan_grouped(payment.amount_fen), payment.voucher, payment.note)[column]


class InspectionsModel(RowsModel):
    headers = ("检查日期", "检查人", "结果", "发现的问题", "整改完成")

    def cell(self, inspection: Any, column: int) -> str:
        rectified = day_text(inspection.rectified_on) or ("未整改" if inspection.result != "合格" else "")
        return (day_text(inspection.inspected_on), inspection.inspector, inspection.result, inspection.problems,
                rectified)[column]

    def extra(self, inspection: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column in (2, 4) and inspection.result != "合格" \
                and inspection.rectified_on is None:
            return QBrush(LATE_TEXT_COLOUR)
        return None
