"""The application object: one database, its clock and its caches, passed in."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.models import Estate, db
from desktop_app.models.clock import FixedClock, SystemClock
from desktop_app.services import queries
from desktop_app.services.scope import ALL
from desktop_app.services.workspace import DatabaseOpenError, Workspace
from desktop_app.services.roll import rooms


def _one_room(number: str) -> None:
    from desktop_app.models import Community, Street

    street = Street.create(name="东湖街道")
    community = Community.create(street=street, name="杜鹃社区")
    estate = Estate.create(community=community, name="杜鹃新村", code="A", pinyin="dujuanxincun")
    rooms.save_room(rooms.RoomForm(estate_id=estate.id, building="1", unit="1", number=number, area="60"), today=date.today())


def test_the_fixture_gives_a_fixed_clock(workspace, clock):
    assert workspace.clock is clock
    clock.set(date(2024, 5, 23))
    assert workspace.clock.today() == date(2024, 5, 23)
    assert workspace.clock.now() == datetime(2024, 5, 23, 9, 0)


def test_the_system_clock_is_the_default(tmp_path):
    with Workspace.open(tmp_path / "a.sqlite3") as workspace:
        assert isinstance(workspace.clock, SystemClock)
        assert workspace.clock.today() == date.today()


def test_the_cache_does_not_leak_between_two_workspaces(tmp_path):
    first = Workspace.open(tmp_path / "first.sqlite3", FixedClock(date(2024, 1, 1)))
    _one_room("101")
    first_ids = queries.room_ids(ALL, cache=first.located_rooms)
    assert len(first_ids) == 1
    second = Workspace.open(tmp_path / "second.sqlite3", FixedClock(date(2024, 1, 1)))
    try:
        assert not first.is_open and second.is_open
        with pytest.raises(RuntimeError):
            first.database
        # the same data version and change count on a fresh file must not reuse the first file's list
        assert queries.room_ids(ALL, cache=second.located_rooms) == []
        assert queries.room_ids(ALL, cache=first.located_rooms) == []  # a stale cache answers for db, not for itself
        _one_room("201")
        assert len(queries.room_ids(ALL, cache=second.located_rooms)) == 1
    finally:
        first.close()
        second.close()


def test_the_cache_follows_writes(workspace):
    cache = workspace.located_rooms
    _one_room("101")
    assert len(queries.room_ids(ALL, cache=cache)) == 1
    rooms.save_room(rooms.RoomForm(estate_id=Estate.get().id, building="1", unit="1", number="102", area="60"), today=date.today())
    assert len(queries.room_ids(ALL, cache=cache)) == 2


def test_close_forgets_the_cache_and_is_idempotent(tmp_path):
    workspace = Workspace.open(tmp_path / "a.sqlite3")
    _one_room("101")
    queries.room_ids(ALL, cache=workspace.located_rooms)
    workspace.close()
    workspace.close()
    assert workspace.located_rooms._entry is None
    assert not workspace.is_open
    assert db.obj.is_closed()


def test_a_file_that_must_not_be_used_is_a_user_message(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DatabaseOpenError):
        Workspace.open(bad)


def test_a_fixed_clock_drives_today_in_a_service(workspace, clock):
    from desktop_app.models import Resident, Room

    _one_room("101")
    Resident.create(room=Room.get(), name="老李", birth_date="1964-06-01")
    clock.set(date(2024, 5, 31))
    assert queries.scope_counts(ALL, today=workspace.clock.today()).elderly == 0
    clock.set(date(2024, 6, 1))
    assert queries.scope_counts(ALL, today=workspace.clock.today()).elderly == 1
