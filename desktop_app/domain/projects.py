"""Renovation projects (domain.md sections 5 and 6): funding sources, a project's state on a day, and the
checks every project record passes whoever enters it (the window, the plan import, a sync file).

A project's state is read from its dates, never typed, so the list, the indicators and the printed
schedule cannot disagree:
- 未开工 (not started): no actual start on or before the day;
- 在建 (under construction): started, no actual completion on or before the day;
- 已完工 (completed): actual completion on or before the day;
- 已验收 (accepted): the completion acceptance (竣工验收) on or before the day.
Two marks are added against the plan (the definitions of section 6): 逾期未开工 when the planned start
has passed (planned start on or before the day) without an actual start, and 未按期完工 when the
planned completion date has passed without a completion, or the completion came later than planned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.errors import UserError
from desktop_app.domain.money import yuan_grouped

FUND_SOURCES = (
    "中央财政补助", "中央预算内投资", "省级财政资金", "地方政府专项债券", "市县财政资金",
    "专业经营单位出资", "社会资本", "居民出资",
)
_SOURCE_SYNONYMS = {
    "中央补助": "中央财政补助", "中央财政补助资金": "中央财政补助", "中央财政": "中央财政补助",
    "中央预算内": "中央预算内投资", "中央预算内资金": "中央预算内投资",
    "省级资金": "省级财政资金", "省级财政": "省级财政资金", "省级补助": "省级财政资金", "省财政资金": "省级财政资金",
    "专项债": "地方政府专项债券", "专项债券": "地方政府专项债券", "地方专项债": "地方政府专项债券",
    "地方政府专项债": "地方政府专项债券",
    "市县资金": "市县财政资金", "市县财政": "市县财政资金", "市级财政资金": "市县财政资金", "县级财政资金": "市县财政资金",
    "市县级财政资金": "市县财政资金", "地方财政资金": "市县财政资金",
    "专营单位出资": "专业经营单位出资", "管线单位出资": "专业经营单位出资", "专业经营单位": "专业经营单位出资",
    "社会资本投入": "社会资本", "社会资金": "社会资本",
    "居民自筹": "居民出资", "居民出资（直接出资）": "居民出资", "维修资金": "居民出资", "住宅专项维修资金": "居民出资",
    "公积金": "居民出资", "住房公积金": "居民出资", "业主出资": "居民出资",
}

NOT_STARTED, UNDER_WAY, COMPLETED, ACCEPTED = STATES = ("未开工", "在建", "已完工", "已验收")
LATE_START, LATE_COMPLETION = "逾期未开工", "未按期完工"
INSPECTION_RESULTS = ("合格", "限期整改", "不合格")
MIN_YEAR, MAX_YEAR = 2000, 2100


class ProjectError(UserError):
    """A project record that cannot be kept as entered; the message is Chinese."""


def fund_source(text: str) -> str | None:
    """The canonical source for a source written in a plan ("专项债" -> "地方政府专项债券"); None if unknown."""
    key = "".join(text.split())
    if key in FUND_SOURCES:
        return key
    return _SOURCE_SYNONYMS.get(key)


def fund_source_error(text: str) -> str | None:
    if fund_source(text) is not None:
        return None
    return f"资金来源“{text.strip()}”无效，应为{'、'.join(FUND_SOURCES)}之一"


@dataclass(frozen=True, slots=True)
class Schedule:
    """The dates of a project; any may be missing except as the checks below require."""

    planned_start: date | None = None
    planned_end: date | None = None
    actual_start: date | None = None
    actual_end: date | None = None
    accepted_on: date | None = None


def schedule_error(schedule: Schedule) -> tuple[str, str] | None:
    """(field, Chinese reason) for dates that contradict each other; None when they are consistent."""
    if schedule.planned_start and schedule.planned_end and schedule.planned_end < schedule.planned_start:
        return "planned_end", "计划完工日期早于计划开工日期"
    if schedule.actual_end and not schedule.actual_start:
        return "actual_start", "已填实际完工日期，请同时填写实际开工日期"
    if schedule.actual_start and schedule.actual_end and schedule.actual_end < schedule.actual_start:
        return "actual_end", "实际完工日期早于实际开工日期"
    if schedule.accepted_on and not schedule.actual_end:
        return "actual_end", "已填竣工验收日期，请同时填写实际完工日期"
    if schedule.accepted_on and schedule.actual_end and schedule.accepted_on < schedule.actual_end:
        return "accepted_on", "竣工验收日期早于实际完工日期"
    return None


def plan_year_error(year: int | None) -> str | None:
    if year is None:
        return "请填写年度"
    if not MIN_YEAR <= year <= MAX_YEAR:
        return f"年度 {year} 不在 {MIN_YEAR}–{MAX_YEAR} 之间"
    return None


def state_on(schedule: Schedule, day: date) -> str:
    """The project's state as it stood on `day` (one of STATES)."""
    if schedule.accepted_on and schedule.accepted_on <= day:
        return ACCEPTED
    if schedule.actual_end and schedule.actual_end <= day:
        return COMPLETED
    if schedule.actual_start and schedule.actual_start <= day:
        return UNDER_WAY
    return NOT_STARTED


def start_due(schedule: Schedule, day: date) -> bool:
    """Whether the planned start had come by `day` (the base of 未开工, domain.md section 6)."""
    return schedule.planned_start is not None and schedule.planned_start <= day


def not_started(schedule: Schedule, day: date) -> bool:
    """Due to have started by `day` and not started on or before it."""
    return start_due(schedule, day) and not (schedule.actual_start and schedule.actual_start <= day)


def completion_due(schedule: Schedule, day: date) -> bool:
    """Whether the planned completion had come by `day` (the base of 未按期完工)."""
    return schedule.planned_end is not None and schedule.planned_end <= day


def late(schedule: Schedule, day: date) -> bool:
    """Due by `day` and not completed by its planned date: no actual completion (as it stood on `day`),
    or one later than planned."""
    if not completion_due(schedule, day):
        return False
    assert schedule.planned_end is not None
    finished = schedule.actual_end if schedule.actual_end and schedule.actual_end <= day else None
    return finished is None or finished > schedule.planned_end


def marks_on(schedule: Schedule, day: date) -> tuple[str, ...]:
    """The marks against the plan on `day`: 逾期未开工 and/or 未按期完工."""
    marks = []
    if not_started(schedule, day):
        marks.append(LATE_START)
    if late(schedule, day):
        marks.append(LATE_COMPLETION)
    return tuple(marks)


def paid_error(allocated_fen: int, paid_fen: int) -> str | None:
    """A fund may not have paid out more than was allocated to it (改造计划: 已支付 ≤ 下达)."""
    if paid_fen > allocated_fen:
        return f"已支付 {yuan_grouped(paid_fen)} 元超过已下达 {yuan_grouped(allocated_fen)} 元"
    return None
