"""Schema V8: the holiday table, and the old holiday settings moved into it."""

from __future__ import annotations

import sqlite3

import pytest

from desktop_app.models import Holiday, open_database
from desktop_app.models import migrations


def _version_7_file(path, settings):
    connection = sqlite3.connect(path)
    connection.execute("BEGIN")
    for migration in migrations.MIGRATIONS[:7]:
        migration(connection)
    connection.execute("PRAGMA user_version = 7")
    connection.executemany("INSERT INTO setting (key, value) VALUES (?, ?)", settings)
    connection.execute("COMMIT")
    connection.close()


def test_the_old_settings_move_into_the_table_and_go(db_path):
    _version_7_file(db_path, [
        ("calendar.holidays", '["2024-05-07", "not a date", "2024-02-30", 20240101, "2024-10-01"]'),
        ("calendar.workdays", '["2024-05-11", "2024-10-01"]'),  # both lists: the make-up workday wins
        ("operator_name", "王"),
    ])
    database = open_database(db_path)
    rows = [(h.date, h.kind) for h in Holiday.select().order_by(Holiday.date)]
    assert rows == [("2024-05-07", "放假"), ("2024-05-11", "调休上班"), ("2024-10-01", "调休上班")]
    assert Holiday.get_by_id("2024-05-07").note == "由旧设置“法定节假日”迁入"
    keys = {row[0] for row in database.execute_sql("SELECT key FROM setting")}
    assert "calendar.holidays" not in keys and "calendar.workdays" not in keys and "operator_name" in keys
    database.close()


def test_broken_settings_move_nothing(db_path):
    _version_7_file(db_path, [("calendar.holidays", "{broken"), ("calendar.workdays", '{"a": 1}')])
    database = open_database(db_path)
    assert Holiday.select().count() == 0
    database.close()


@pytest.mark.parametrize("day,kind", [("2024-5-7", "放假"), ("2024-02-30", "放假"), ("2024-05-07", "上班")])
def test_the_table_refuses_what_is_not_a_date_or_a_kind(database, day, kind):
    with pytest.raises(Exception, match="CHECK"):
        database.execute_sql("INSERT INTO holiday (date, kind) VALUES (?, ?)", (day, kind))
