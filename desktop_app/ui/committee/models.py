"""The page's tables: estates with their status (those with no managing body highlighted) and the due list."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain.committee import OVERDUE
from desktop_app.services.committee import DueClock, EstateStatus
from desktop_app.ui.widgets.list_table import ListTableModel

WARN_COLOUR = QColor("#fde2e1")
OVERDUE_COLOUR = QColor("#b3261e")


def day_text(day: date | None) -> str:
    return "" if day is None else day.isoformat()


class EstatesModel(ListTableModel):
    """Records are `EstateStatus`es."""

    headers = ("小区", "管理方式", "业委会", "逾期")

    def cell(self, status: EstateStatus, column: int) -> str:
        if column == 0:
            return status.estate_name
        if column == 1:
            mode = status.mode or "未记录"
            return f"{mode}（{status.company}）" if status.company else mode
        if column == 2:
            if status.case_id is None:
                state = "未成立"
            else:
                state = f"{status.path}：{status.stage or '未申请'}"
            return f"{state}；无管理主体" if status.no_managing_body else state
        return f"{status.overdue} 项" if status.overdue else ""

    def extra(self, status: EstateStatus, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and status.no_managing_body:
            return QBrush(WARN_COLOUR)
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and status.overdue:
            return QBrush(OVERDUE_COLOUR)
        return None


class DueModel(ListTableModel):
    """Records are `DueClock`s: overdue first, then the next due."""

    headers = ("小区", "事项", "期限", "状态")

    def cell(self, due: DueClock, column: int) -> str:
        clock = due.clock
        if column == 0:
            return due.case.estate_name
        if column == 1:
            return clock.name
        if column == 2:
            return day_text(clock.due.end)
        return f"已逾期 {clock.days} 天" if clock.state == OVERDUE else f"还有 {clock.days} 天"

    def tooltip(self, due: DueClock, column: int) -> str:
        return due.clock.text

    def extra(self, due: DueClock, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and due.clock.state == OVERDUE:
            return QBrush(OVERDUE_COLOUR)
        return None
