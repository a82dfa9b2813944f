"""The item models of the 改造表决 page: the votes of the scope, the rooms not yet voted, the double-entry differences.

Each holds a plain list handed over by `services.votes` (the page re-reads after data changed); nothing
here queries the database.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

from PySide6.QtCore import Qt

from desktop_app.domain.area import format_area
from desktop_app.domain.vocabulary import VoteState
from desktop_app.ui.widgets.list_table import IdRole, ListTableModel

VoteIdRole = IdRole  # a vote's id in the votes list


def status_text(status: str, closes_on: date | None, today: date) -> str:
    """进行中 / 已过截止日 (judged on `today`) / 已结束."""
    if status == VoteState.CLOSED:
        return "已结束"
    if closes_on is not None and today > closes_on:
        return "已过截止日"
    return "进行中"


class VoteListModel(ListTableModel):
    """The votes of the window's scope (`services.votes.lifecycle.list_votes`), newest first."""

    headers = ("表决事项", "小区", "范围", "状态", "起止日期", "已表决户数")
    right_aligned = frozenset({5})

    def __init__(self, parent=None, *, today: Callable[[], date]) -> None:
        super().__init__(parent)
        self.today = today

    def vote_id(self, row: int) -> int | None:
        record = self.record(row)
        return None if record is None else record.id

    def row_of(self, vote_id: int | None) -> int:
        for row, record in enumerate(self.records):
            if record.id == vote_id:
                return row
        return -1

    def cell(self, record: Any, column: int) -> str:
        if column == 0:
            return record.title
        if column == 1:
            return record.estate_name
        if column == 2:
            return record.scope_label or "整个小区"
        if column == 3:
            return status_text(record.status, record.closes_on, self.today())
        if column == 4:
            return f"{record.opens_on:%Y-%m-%d} 至 {record.closes_on:%Y-%m-%d}"
        return f"{record.voted:,} / {record.rooms:,}"

    def extra(self, record: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and record.status == VoteState.CLOSED:
            return Qt.GlobalColor.darkGray
        return None


class NotVotedModel(ListTableModel):
    """Rooms of the frozen roll without a ballot yet (`VoteSession.not_voted()`), for door-to-door follow-up."""

    headers = ("房屋", "楼层", "专有面积(㎡)", "业主")
    right_aligned = frozenset({1, 2})

    def cell(self, record: Any, column: int) -> str:
        if column == 0:
            return record.label
        if column == 1:
            return "" if record.floor is None else str(record.floor)
        if column == 2:
            return format_area(record.area_centi)
        names = record.owner_names
        return "、".join(names) if isinstance(names, (tuple, list)) else str(names or "")
