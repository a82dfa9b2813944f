"""Complaint and hotline-ticket rules (issue 5): categories, handling steps, due dates and being overdue.

A complaint (12345 hotline ticket, a visit or a call) moves through the handling steps
受理 → 转办 → 办理 → 答复 → 办结. A step may be skipped forward (a walk-in answered on the spot goes
受理 → 答复 → 办结), never backwards, and 办结 needs a reply on record.

Overdue (逾期) is judged against the due date, by calendar day:
- an open complaint is overdue when today is after its due date (`OVERDUE_OPEN`, 逾期未办结);
- a closed complaint was overdue when it closed after its due date (`CLOSED_LATE`, 超期办结);
- closing on the due date itself is on time; a complaint without a due date is never overdue.
`overdue_state` tells the two kinds apart; `is_overdue` is true for either.

The due date, when the ticket does not carry one, is a city rule: by default 15 working days
(setting `complaint.due_working_days`), counted from the day after receipt with weekends and public
holidays off and make-up workdays on: `day_count.deadline(received, 15, working=True)` (domain.md §8).
"""

from __future__ import annotations

from datetime import date
from typing import AbstractSet

from desktop_app.domain.day_count import HolidayTable, deadline

CONSTRUCTION, QUALITY = "施工管理", "质量安全"
CATEGORIES = (CONSTRUCTION, QUALITY, "扬尘噪音", "管线破坏", "进度", "资金", "物业", "其他")
CONSTRUCTION_AND_QUALITY = frozenset({CONSTRUCTION, QUALITY})

RECEIVED, TRANSFERRED, HANDLING, REPLIED, CLOSED = STEPS = ("受理", "转办", "办理", "答复", "办结")
SOURCES = ("12345", "来访", "来电", "其他")
SATISFACTION = ("满意", "基本满意", "不满意")  # "" = not asked yet
OVERDUE_OPEN, CLOSED_LATE = "逾期未办结", "超期办结"
DEFAULT_DUE_WORKING_DAYS = 15


def category_error(category: str) -> str | None:
    if category in CATEGORIES:
        return None
    return f"投诉类别“{category}”无效，应为{'、'.join(CATEGORIES)}之一"


def source_error(source: str) -> str | None:
    if source in SOURCES:
        return None
    return f"来源“{source}”无效，应为{'、'.join(SOURCES)}之一"


def satisfaction_error(value: str) -> str | None:
    if value == "" or value in SATISFACTION:
        return None
    return f"满意度“{value}”无效，应为{'、'.join(SATISFACTION)}之一或不填"


def is_construction_or_quality(category: str) -> bool:
    return category in CONSTRUCTION_AND_QUALITY


def next_steps(status: str) -> tuple[str, ...]:
    """The steps a complaint at `status` may move to (forward only; skipping allowed); () once closed."""
    if status not in STEPS:
        raise ValueError(f"办理环节“{status}”无效")
    return STEPS[STEPS.index(status) + 1:]


def step_error(status: str, step: str, *, reply: str = "") -> str | None:
    """Why a complaint at `status` cannot move to `step` (None when it can). `reply` is the reply on record
    after the move (the one given with the step, else the one already stored)."""
    if step not in STEPS:
        return f"办理环节“{step}”无效，应为{'→'.join(STEPS)}之一"
    if status == CLOSED:
        return "该投诉已办结，不能再推进"
    if step not in next_steps(status):
        return f"不能从“{status}”回到“{step}”，办理环节只能向后推进"
    if step == CLOSED and not reply.strip():
        return "办结前须填写答复内容"
    return None


def overdue_state(due_on: date | None, closed_on: date | None, today: date) -> str:
    """"" when not overdue, `OVERDUE_OPEN` when still open after the due date, `CLOSED_LATE` when it
    closed after the due date (see the module docstring)."""
    if due_on is None:
        return ""
    if closed_on is None:
        return OVERDUE_OPEN if today > due_on else ""
    return CLOSED_LATE if closed_on > due_on else ""


def is_overdue(due_on: date | None, closed_on: date | None, today: date) -> bool:
    """Overdue when not closed and today > due_on, or closed after due_on (either kind of `overdue_state`)."""
    return overdue_state(due_on, closed_on, today) != ""


def days_to_close(received: date, closed: date) -> int:
    """Calendar days from receipt to close (0 when closed the day it came in)."""
    if closed < received:
        raise ValueError(f"办结日期 {closed.isoformat()} 早于受理日期 {received.isoformat()}")
    return (closed - received).days


def default_due_on(received: date, working_days: int = DEFAULT_DUE_WORKING_DAYS, *,
                   holidays: AbstractSet[date] = frozenset(), workdays: AbstractSet[date] = frozenset()) -> date:
    """The due date of a complaint received on `received`: the `working_days`-th working day after it
    (the day of receipt does not count). 2024-05-06 (Mon) + 15 working days -> 2024-05-27 (Mon) when no
    holiday is given. `holidays` / `workdays` are the arrangement of the years they fall in; the window
    and the services count on the full holiday table (services.calendar) instead."""
    days = frozenset(holidays) | frozenset(workdays)
    table = HolidayTable(off=frozenset(holidays), worked=frozenset(workdays),
                         years=frozenset(day.year for day in days))
    return deadline(received, working_days, working=True, table=table).end
