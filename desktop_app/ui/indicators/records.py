"""The records behind a figure of the 首页, in a dialog: projects, estates, items or fund rows read by id.

Projects go to the 项目与资金 page when the window has it (`show_projects(ids, title)`); this dialog is
the fallback, and the one place items, fund rows and estates are listed from the 首页."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget,
)

from desktop_app.domain.money import yuan_grouped
from desktop_app.domain.ratios import percent_text, share
from desktop_app.ui.indicators.figures import ESTATES, FUNDS, ITEMS, PROJECTS
from desktop_app.ui.widgets.plain_table import PlainTableModel

Table = tuple[tuple[str, ...], list[tuple[str, ...]]]

PROJECT_HEADER = ("编号", "名称", "年度", "小区", "状态", "标记", "计划开工", "实际开工", "计划完工", "实际完工",
                  "施工单位", "已下达（元）", "已支付（元）")
ITEM_HEADER = ("项目编号", "项目名称", "年度", "改造内容", "类别", "数量", "单位", "计划投资（元）")
FUND_HEADER = ("项目编号", "项目名称", "年度", "小区", "资金来源", "计划（元）", "下达（元）", "已支付（元）", "支付进度")
ESTATE_HEADER = ("街道", "社区", "小区", "楼栋（名册）", "房屋（名册）", "改造项目")


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def record_table(kind: str, ids: Sequence[int], as_of: date) -> Table:
    """(header, rows) of the records of `kind` with these ids, as they stood on `as_of` (run on a worker; the
    project services load here, not at start-up)."""
    from desktop_app.services.projects import estate_rows, fund_rows, item_rows, project_rows

    if kind == PROJECTS:
        return PROJECT_HEADER, [
            (r.code, r.name, str(r.plan_year), r.estates, r.state, "、".join(r.marks), _day(r.schedule.planned_start),
             _day(r.schedule.actual_start), _day(r.schedule.planned_end), _day(r.schedule.actual_end), r.contractor,
             yuan_grouped(r.allocated_fen), yuan_grouped(r.paid_fen))
            for r in project_rows(ids, as_of)]
    if kind == ITEMS:
        return ITEM_HEADER, [(r.project_code, r.project_name, str(r.plan_year), r.name, r.category, r.quantity, r.unit,
                              yuan_grouped(r.planned_fen)) for r in item_rows(ids)]
    if kind == FUNDS:
        return FUND_HEADER, [(r.project_code, r.project_name, str(r.plan_year), r.estates, r.source,
                              yuan_grouped(r.planned_fen), yuan_grouped(r.allocated_fen), yuan_grouped(r.paid_fen),
                              percent_text(share(r.paid_fen, r.allocated_fen)))
                             for r in fund_rows(ids, as_of)]
    if kind == ESTATES:
        return ESTATE_HEADER, [(r.street, r.community, r.name, f"{r.buildings:,}", f"{r.rooms:,}", str(r.projects))
                               for r in estate_rows(ids)]
    raise ValueError(f"unknown records {kind!r}")


class RecordsDialog(QDialog):
    """A read-only list of records with how many there are."""

    def __init__(self, title: str, table: Table, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        header, rows = table
        self.model = PlainTableModel(header, rows, self)
        self.count = QLabel(f"{title}：共 {len(rows)} 条" if rows else f"{title}：没有记录")
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(1000, 520)
