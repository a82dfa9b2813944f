"""Dates as printed documents write them: Arabic numerals without leading zeros (GB/T 9704).

"2024年5月23日", the posting period line "公示期：2024年5月23日至2024年6月5日", and the last day of a
posting period counted in calendar days or in working days (weekends and public holidays off,
make-up workdays on). Plain values in, plain values out.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import AbstractSet

from desktop_app.domain.errors import UserError


def date_text(day: date) -> str:
    """`date(2024, 5, 23)` -> "2024年5月23日"."""
    return f"{day.year}年{day.month}月{day.day}日"


def period_text(start: date, end: date) -> str:
    """The posting period line of a 公示: "公示期：2024年5月23日至2024年6月5日"."""
    if end < start:
        raise UserError(f"公示期结束日期 {date_text(end)} 早于开始日期 {date_text(start)}")
    return f"公示期：{date_text(start)}至{date_text(end)}"


def is_working_day(day: date, *, holidays: AbstractSet[date] = frozenset(),
                   workdays: AbstractSet[date] = frozenset()) -> bool:
    """Monday to Friday, except public holidays; a make-up workday (调休上班) counts even on a weekend."""
    if day in workdays:
        return True
    return day.weekday() < 5 and day not in holidays


def period_end(start: date, length: int, *, working_days: bool = False,
               holidays: AbstractSet[date] = frozenset(),
               workdays: AbstractSet[date] = frozenset()) -> date:
    """The last day of a posting period of `length` days that starts on (and counts) `start`.

    Calendar days: 14 days from 2024-05-23 end on 2024-06-05. Working days: only working days count,
    and a period that starts on a day off starts counting on the next working day.
    """
    if length < 1:
        raise UserError(f"公示期天数应至少为 1 天，实为 {length} 天")
    if not working_days:
        return start + timedelta(days=length - 1)
    day = start
    counted = 0
    while True:
        if is_working_day(day, holidays=holidays, workdays=workdays):
            counted += 1
            if counted == length:
                return day
        day += timedelta(days=1)


def parse_date(text: str) -> date:
    """"2024-05-23" (also "2024-5-23", "2024/5/23", "2024年5月23日") -> date; UserError with a Chinese reason."""
    cleaned = text.strip().replace("/", "-").replace("年", "-").replace("月", "-").rstrip("日")
    parts = cleaned.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise UserError(f"日期“{text}”格式不对，应为 年-月-日，例如 2024-05-23")
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError as error:
        raise UserError(f"日期“{text}”不存在") from error
