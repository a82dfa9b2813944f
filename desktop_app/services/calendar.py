"""The holiday table every deadline is counted on, and the legal clocks (domain.md §8).

The effective table is the State Council arrangements shipped in the `chinese-calendar` package (the
years up to its release) plus the rows staff entered in the `holiday` table for a year the package does
not know yet (or to correct a date): a row wins for its date, and a year counts as known when the
package knows it or the table has a row in it. Other years are counted Monday to Friday, and the
deadline's note says so.

Which way a clock (domain.clocks) is counted, 日 or 工作日, is the setting `clock.<name>.working`.
Writes are audited and return Changes(Topic.SETTINGS).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from chinese_calendar import constants as shipped

from desktop_app.domain.clocks import BY_NAME
from desktop_app.domain.dates_text import date_text
from desktop_app.domain.day_count import OFF, WORKED, Deadline, HolidayTable, deadline
from desktop_app.domain.errors import UserError
from desktop_app.domain.setting_definitions import CLOCK_WORKING, DUE_WORKING_DAYS
from desktop_app.models import Holiday, db
from desktop_app.services import audit, settings
from desktop_app.services.changes import NONE, Changes, Topic

KINDS = (OFF, WORKED)
NOTE_LIMIT = 60
WEEKDAYS = "一二三四五六日"


class HolidayError(UserError):
    """A holiday row that cannot be added or removed as asked; the message (Chinese) says why."""


@dataclass(frozen=True)
class HolidayRow:
    """One date of the effective table. `staff`: entered by staff (removable), else shipped."""

    day: date
    kind: str  # 放假 / 调休上班
    note: str
    staff: bool


@lru_cache(maxsize=1)
def _shipped() -> tuple[HolidayRow, ...]:
    names = {holiday.value: holiday.chinese for holiday in shipped.Holiday}
    rows = [HolidayRow(day, OFF, names.get(name, name), False) for day, name in shipped.holidays.items()]
    rows += [HolidayRow(day, WORKED, f"{names.get(name, name)}调休上班", False)
             for day, name in shipped.workdays.items()]
    return tuple(sorted(rows, key=lambda row: row.day))


def shipped_years() -> frozenset[int]:
    """The years whose arrangement came with the program (read-only in the window)."""
    return frozenset(row.day.year for row in _shipped())


def _staff_rows() -> list[HolidayRow]:
    return [HolidayRow(date.fromisoformat(row.date), row.kind, row.note, True)
            for row in Holiday.select().order_by(Holiday.date)]


def holiday_rows(year: int | None = None) -> list[HolidayRow]:
    """The effective table's dates in date order (of one year when given): staff rows win for their dates."""
    by_day = {row.day: row for row in _shipped() if year is None or row.day.year == year}
    by_day.update((row.day, row) for row in _staff_rows() if year is None or row.day.year == year)
    return [by_day[day] for day in sorted(by_day)]


def known_years() -> list[int]:
    """The years with an arrangement: shipped, or with at least one staff row."""
    return sorted(shipped_years() | {row.day.year for row in _staff_rows()})


def holiday_table() -> HolidayTable:
    """The table every deadline is counted on (see the module docstring)."""
    rows = holiday_rows()
    return HolidayTable(off=frozenset(row.day for row in rows if row.kind == OFF),
                        worked=frozenset(row.day for row in rows if row.kind == WORKED),
                        years=frozenset(known_years()))


def add_holiday(day: date, kind: str, note: str = "", *, actor: str | None = None) -> Changes:
    """Enter one date of a year's arrangement; HolidayError (Chinese, with the field) when it cannot be."""
    note = note.strip()
    if kind not in KINDS:
        raise HolidayError(f"类型应为“{OFF}”或“{WORKED}”，实为“{kind}”", field="kind")
    if len(note) > NOTE_LIMIT:
        raise HolidayError(f"说明不能超过 {NOTE_LIMIT} 个字", field="note")
    if kind == WORKED and day.weekday() < 5:
        raise HolidayError(f"{date_text(day)}是星期{WEEKDAYS[day.weekday()]}，本来就上班，无需设为调休上班",
                           field="day")
    with db.atomic():
        if Holiday.get_or_none(Holiday.date == day.isoformat()) is not None:
            raise HolidayError(f"{date_text(day)}已录入，如需更改请先删除", field="day")
        same = next((row for row in _shipped() if row.day == day and row.kind == kind), None)
        if same is not None:
            raise HolidayError(f"{date_text(day)}在随程序提供的安排中已是{kind}（{same.note}），无需录入",
                               field="day")
        Holiday.create(date=day.isoformat(), kind=kind, note=note)
        audit.record("create", "holiday", day.isoformat(), actor=actor or settings.operator_name(),
                     summary=f"录入{date_text(day)}{kind}", changes={"kind": (None, kind), "note": (None, note)})
    return Changes.of(Topic.SETTINGS, ids=(day.isoformat(),))


def remove_holiday(day: date, *, actor: str | None = None) -> Changes:
    """Remove a date staff entered (shipped dates cannot be removed); NONE when there was none."""
    with db.atomic():
        row = Holiday.get_or_none(Holiday.date == day.isoformat())
        if row is None:
            if any(shipped_row.day == day for shipped_row in _shipped()):
                raise HolidayError(f"{date_text(day)}是随程序提供的安排，不能删除", field="day")
            return NONE
        audit.record("delete", "holiday", day.isoformat(), actor=actor or settings.operator_name(),
                     summary=f"删除{date_text(day)}{row.kind}", changes={"kind": (row.kind, None)})
        row.delete_instance()
    return Changes.of(Topic.SETTINGS, ids=(day.isoformat(),))


def clock_kind(name: str) -> bool:
    """True when the clock `name` (domain.clocks) is counted in working days, False in calendar days."""
    if name not in CLOCK_WORKING:
        raise KeyError(f"unknown clock {name!r}")
    return settings.value(CLOCK_WORKING[name])


def set_clock_kind(name: str, working: bool, *, actor: str | None = None) -> Changes:
    """Count the clock `name` in working days (True) or calendar days (False); audited."""
    before = clock_kind(name)
    if before == working:
        return NONE
    definition = CLOCK_WORKING[name]
    with db.atomic():
        settings.set_value(definition, working)
        kinds = {True: "工作日", False: "日"}
        audit.record("update", "setting", definition.key, actor=actor or settings.operator_name(),
                     summary=f"{BY_NAME[name].label}期限改为按{kinds[working]}计算",
                     changes={"working": (before, working)})
    return Changes.of(Topic.SETTINGS, ids=(definition.key,))


def clock_days(name: str) -> int:
    """The length of the clock `name` in days (the complaint's from its setting)."""
    if name == "complaint":
        return settings.value(DUE_WORKING_DAYS)
    return BY_NAME[name].days


def count(start: date, days: int, *, working: bool) -> Deadline:
    """`days` days (working or calendar) after the event on `start`, on the effective holiday table."""
    return deadline(start, days, working=working, table=holiday_table())


def clock_deadline(name: str, start: date, days: int | None = None) -> Deadline:
    """The deadline of the clock `name` from the event on `start`, counted the way its setting says
    (`days`: another length than the clock's own, e.g. a posting period longer than the minimum)."""
    return count(start, clock_days(name) if days is None else days, working=clock_kind(name))
