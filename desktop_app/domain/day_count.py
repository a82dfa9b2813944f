"""Counting a legal period in days (民法典 第二百零一条、第二百零三条; domain.md §8).

A period starts on the day after the event (a notice posted on 27 September: day 1 is 28 September)
and ends on the last day of the count. Calendar days (日): an end on a statutory holiday or rest day
moves to the first working day after it. Working days (工作日): only working days count — Monday to
Friday minus the statutory holidays (放假), plus the make-up workdays (调休上班). A year whose
arrangement is not in the table is counted as Monday to Friday, and the deadline's note says so.

A count of 0 days ends on the event day itself, moved to the next working day if that is a rest day
(so no deadline ever ends on a rest day). A negative count is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.domain.dates_text import date_text
from desktop_app.domain.errors import UserError

CALENDAR = "日"
WORKING = "工作日"
OFF, WORKED = "放假", "调休上班"  # the two kinds of date in a year's arrangement
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class HolidayTable:
    """The State Council's arrangements: days off, make-up workdays, and the years they cover."""

    off: frozenset[date] = frozenset()
    worked: frozenset[date] = frozenset()
    years: frozenset[int] = frozenset()

    def is_working_day(self, day: date) -> bool:
        """A make-up workday works, a holiday does not, otherwise Monday to Friday (also for unknown years)."""
        if day.year in self.years:
            if day in self.worked:
                return True
            if day in self.off:
                return False
        return day.weekday() < 5

    def is_holiday(self, day: date) -> bool:
        """A statutory holiday (放假) of a known year."""
        return day.year in self.years and day in self.off and day not in self.worked


@dataclass(frozen=True)
class Deadline:
    """The end of a period of `days` days (working or calendar) after the event on `start`."""

    start: date
    days: int
    working: bool
    end: date
    note: str

    @property
    def kind(self) -> str:
        """"日" or "工作日": every deadline shown or printed says which way it was counted."""
        return WORKING if self.working else CALENDAR

    @property
    def text(self) -> str:
        """"7个工作日，至2024年10月12日" / "10日，至2024年10月8日": the count, its kind and the end."""
        count = f"{self.days}个工作日" if self.working else f"{self.days}日"
        return f"{count}，至{date_text(self.end)}"


def deadline(start: date, days: int, *, working: bool = False, table: HolidayTable) -> Deadline:
    """The deadline `days` days (calendar or working) after the event on `start`, with a Chinese note."""
    if days < 0:
        raise UserError(f"天数不能为负数，实为 {days} 天", field="days")
    notes: list[str] = []
    if working:
        end = _working_end(start, days, table)
        skipped = _holidays_between(start, end, table)
        if skipped:
            notes.append(f"期间法定节假日{skipped}天不计入")
        made_up = [day for day in _days(start, end) if day.weekday() >= 5 and table.is_working_day(day)]
        if made_up:
            notes.append("调休上班日" + "、".join(date_text(day) for day in made_up) + "计入")
    else:
        last = start + timedelta(days=days)
        end = last
        while not table.is_working_day(end):
            end += _ONE_DAY
        if end != last:
            reason = "法定节假日" if table.is_holiday(last) else "休息日"
            notes.append(f"期限最后一日{date_text(last)}为{reason}，顺延至{date_text(end)}")
    unknown = sorted({day.year for day in _days(start, end)} - table.years)
    if unknown:
        years = "、".join(f"{year}年" for year in unknown)
        notes.append(f"{years}的节假日安排尚未录入，按周一至周五计算")
    return Deadline(start=start, days=days, working=working, end=end, note="；".join(notes))


def _working_end(start: date, days: int, table: HolidayTable) -> date:
    day = start
    if days == 0:
        while not table.is_working_day(day):
            day += _ONE_DAY
        return day
    counted = 0
    while counted < days:
        day += _ONE_DAY
        if table.is_working_day(day):
            counted += 1
    return day


def _days(start: date, end: date) -> list[date]:
    """The days of the period: from the day after `start` to `end` (the event day itself for a 0-day count)."""
    first = start + _ONE_DAY if end > start else start
    return [first + timedelta(days=offset) for offset in range((end - first).days + 1)]


def _holidays_between(start: date, end: date, table: HolidayTable) -> int:
    """Statutory holidays on weekdays inside the period (weekend ones would not have counted anyway)."""
    return sum(1 for day in _days(start, end) if day.weekday() < 5 and table.is_holiday(day))
