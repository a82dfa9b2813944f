"""The effective holiday table (shipped arrangements + staff rows), its edits, and the clocks' kinds."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.setting_definitions import CLOCK_WORKING
from desktop_app.models import AuditLog, Holiday
from desktop_app.services import calendar
from desktop_app.services.calendar import HolidayError
from desktop_app.services.changes import NONE, Topic
from desktop_app.services.consult.complaints import default_due_on


def test_the_shipped_years_hold_the_state_council_arrangements(database):
    table = calendar.holiday_table()
    assert {2024, 2025, 2026} <= table.years == calendar.shipped_years()
    assert not table.is_working_day(date(2024, 10, 7)) and table.is_working_day(date(2024, 10, 12))
    # §8's example on the shipped table
    assert calendar.count(date(2024, 9, 27), 7, working=True).end == date(2024, 10, 12)
    assert calendar.count(date(2024, 9, 27), 10, working=False).end == date(2024, 10, 8)
    rows = calendar.holiday_rows(2024)
    national = next(row for row in rows if row.day == date(2024, 10, 1))
    assert (national.kind, national.note, national.staff) == ("放假", "国庆节", False)
    assert next(row for row in rows if row.day == date(2024, 10, 12)).kind == "调休上班"


def test_staff_enter_a_new_year_and_it_counts(database):
    national_day = date(2040, 10, 1)  # a Monday, in a year no package knows
    before = calendar.count(date(2040, 9, 28), 1, working=True)
    assert before.end == national_day and before.note == "2040年的节假日安排尚未录入，按周一至周五计算"
    changes = calendar.add_holiday(national_day, "放假", " 国庆节 ")
    assert changes.touches({Topic.SETTINGS}) and changes.ids(Topic.SETTINGS) == {"2040-10-01"}
    assert 2040 in calendar.known_years() and 2040 in calendar.holiday_table().years
    assert [(row.day, row.kind, row.note, row.staff) for row in calendar.holiday_rows(2040)] == \
        [(national_day, "放假", "国庆节", True)]
    after = calendar.count(date(2040, 9, 28), 1, working=True)
    assert (after.end, after.note) == (date(2040, 10, 2), "期间法定节假日1天不计入")
    audit = AuditLog.get(AuditLog.table_name == "holiday")
    assert (audit.action, audit.record_uid, audit.summary) == ("create", "2040-10-01", "录入2040年10月1日放假")


def test_a_staff_row_wins_over_the_shipped_date(database):
    # Sat 5 Oct 2024 was a holiday; a staff row saying it was worked wins for that date only
    calendar.add_holiday(date(2024, 10, 5), "调休上班", "更正")
    table = calendar.holiday_table()
    assert table.is_working_day(date(2024, 10, 5)) and not table.is_working_day(date(2024, 10, 4))
    row = next(row for row in calendar.holiday_rows(2024) if row.day == date(2024, 10, 5))
    assert (row.kind, row.staff) == ("调休上班", True)


@pytest.mark.parametrize("day,kind,note,message,field", [
    (date(2027, 2, 1), "休息", "", "类型应为“放假”或“调休上班”，实为“休息”", "kind"),
    (date(2027, 2, 1), "调休上班", "", "2027年2月1日是星期一，本来就上班，无需设为调休上班", "day"),
    (date(2024, 10, 1), "放假", "", "2024年10月1日在随程序提供的安排中已是放假（国庆节），无需录入", "day"),
    (date(2027, 2, 6), "调休上班", "长" * 61, "说明不能超过 60 个字", "note"),
])
def test_add_refuses_in_chinese(database, day, kind, note, message, field):
    with pytest.raises(HolidayError) as raised:
        calendar.add_holiday(day, kind, note)
    assert (raised.value.message, raised.value.field) == (message, field)
    assert Holiday.select().count() == 0 and AuditLog.select().where(AuditLog.table_name == "holiday").count() == 0


def test_a_date_entered_twice_is_refused(database):
    calendar.add_holiday(date(2027, 2, 6), "调休上班")
    with pytest.raises(HolidayError, match="2027年2月6日已录入，如需更改请先删除"):
        calendar.add_holiday(date(2027, 2, 6), "放假")


def test_remove_takes_staff_rows_only(database):
    calendar.add_holiday(date(2027, 2, 6), "调休上班")
    changes = calendar.remove_holiday(date(2027, 2, 6))
    assert changes.touches({Topic.SETTINGS}) and Holiday.select().count() == 0
    assert 2027 not in calendar.known_years()
    assert [a.action for a in AuditLog.select().where(AuditLog.table_name == "holiday")] == ["create", "delete"]
    assert calendar.remove_holiday(date(2027, 2, 6)) is NONE
    with pytest.raises(HolidayError, match="随程序提供的安排，不能删除"):
        calendar.remove_holiday(date(2024, 10, 1))


def test_clock_kinds_default_to_calendar_days_and_the_complaint_to_working_days(database):
    assert set(CLOCK_WORKING) == {"group_formation", "posting", "first_meeting", "chair", "filing", "complaint"}
    assert {name: calendar.clock_kind(name) for name in CLOCK_WORKING} == {
        "group_formation": False, "posting": False, "first_meeting": False, "chair": False, "filing": False,
        "complaint": True}
    assert [calendar.clock_days(name) for name in CLOCK_WORKING] == [60, 15, 90, 7, 30, 15]
    with pytest.raises(KeyError):
        calendar.clock_kind("nonsense")


def test_a_clock_counted_the_other_way(database):
    assert calendar.clock_deadline("chair", date(2024, 9, 27)).end == date(2024, 10, 8)  # 4 Oct off: moved
    changes = calendar.set_clock_kind("chair", True)
    assert changes.touches({Topic.SETTINGS}) and calendar.clock_kind("chair")
    result = calendar.clock_deadline("chair", date(2024, 9, 27))
    assert (result.end, result.kind) == (date(2024, 10, 12), "工作日")
    assert calendar.set_clock_kind("chair", True) is NONE
    assert AuditLog.get(AuditLog.table_name == "setting").summary == "推选主任期限改为按工作日计算"


def test_the_complaint_due_date_follows_the_table_and_its_clock(database):
    # Mon 6 May 2024 + 15 working days: Sat 11 May 2024 was a make-up workday
    assert default_due_on(date(2024, 5, 6)) == date(2024, 5, 24)
    calendar.set_clock_kind("complaint", False)
    assert default_due_on(date(2024, 5, 6)) == date(2024, 5, 21)  # 15 calendar days


def test_the_shipped_2024_to_2026_match_the_published_arrangements(database):
    from tests.domain.test_day_count import TABLE

    table = calendar.holiday_table()
    for year in (2024, 2025, 2026):
        assert {d for d in table.off if d.year == year} == {d for d in TABLE.off if d.year == year}, year
        assert {d for d in table.worked if d.year == year} == {d for d in TABLE.worked if d.year == year}, year
