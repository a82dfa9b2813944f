"""roll_records gives the database back as roll rows; importing them into an empty database gives
the same rows again."""

from __future__ import annotations

from dataclasses import replace

from desktop_app.models import open_database
from desktop_app.services.roll.exporting import estate_exists, roll_records
from desktop_app.services.roll.importing import apply_roll
from tests.services.roll.test_importing import roll

GROUPED = {"street": "未分组街道", "community": "未分组社区"}


def test_export_gives_the_imported_rows_in_roll_order(database):
    apply_roll(roll())
    exported = roll_records()
    expected = [replace(record, **GROUPED, owner_name=record.owner_name or "建设单位（未售）") for record in roll()]
    key = lambda record: (record.building, record.unit, int(record.room))  # noqa: E731
    assert exported == sorted(expected, key=key)


def test_export_of_one_estate(database):
    apply_roll(roll() + [replace(record, estate_code="E002", estate_name="安康苑") for record in roll()])
    assert {record.estate_code for record in roll_records("E002")} == {"E002"}
    assert len(roll_records("E002")) == 7 and len(roll_records()) == 14
    assert estate_exists("E002") and not estate_exists("E404")


def test_round_trip_into_a_fresh_database(tmp_path):
    first = open_database(tmp_path / "first.sqlite3")
    apply_roll(roll())
    exported = roll_records()
    first.close()
    second = open_database(tmp_path / "second.sqlite3")
    try:
        summary = apply_roll(exported)
        assert summary.created == 7
        assert roll_records() == exported
        assert apply_roll(exported).imported == 0
    finally:
        second.close()
