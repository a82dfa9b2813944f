"""The application object: one open database file, the clock, and the caches that belong to them.

The window and the command line each make exactly one `Workspace` and pass it down (the window puts
it in every page's `PageContext`); nothing else opens the database. What a workspace owns:

* the database: opened (created, migrated) by `models.open_database`, closed by `close()`;
* `clock`: where "today" comes from. The edges (pages, subcommands) read `workspace.clock.today()`
  and pass the date to the services, which never ask the computer for the date themselves; tests
  give the workspace a `FixedClock`;
* `located_rooms`: the rooms table's cache of the location order, valid for this workspace's
  database only (read again after any write, forgotten on close).

Limitation: peewee binds the model classes to one `DatabaseProxy` (`models.db`), so there is one
open workspace per process. Opening a second workspace closes the first one's connections and
binds the models to the new file; the first workspace must not be used afterwards (`is_open` turns
False and its `database` raises).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.models import DatabaseOpenError, db, open_database
from desktop_app.models.clock import Clock, SystemClock
from desktop_app.services.queries import LocatedRooms

if TYPE_CHECKING:
    from peewee import SqliteDatabase

__all__ = ["DatabaseOpenError", "Workspace"]


class Workspace:
    """One open database file with its clock and caches; `close()` releases all of them."""

    def __init__(self, database: "SqliteDatabase", path: Path, clock: Clock) -> None:
        self._database: "SqliteDatabase | None" = database
        self.path = path
        self.clock: Clock = clock
        self.located_rooms = LocatedRooms()

    @classmethod
    def open(cls, path: str | Path, clock: Clock | None = None) -> "Workspace":
        """Open (creating and migrating if needed) the database at `path`. Raises `DatabaseOpenError`
        (a message for the user) for a file that must not be used."""
        path = Path(path)
        return cls(open_database(path), path, clock if clock is not None else SystemClock())

    @property
    def is_open(self) -> bool:
        """Whether this workspace still owns the models' database (a newer workspace takes it over)."""
        return self._database is not None and db.obj is self._database

    @property
    def database(self) -> "SqliteDatabase":
        if not self.is_open:
            raise RuntimeError(f"工作区“{self.path}”已关闭。")
        assert self._database is not None
        return self._database

    def release_thread_connection(self) -> None:
        """Close the calling thread's connection (peewee keeps one per thread): worker threads call
        this when their job ends. The workspace stays open."""
        if self.is_open and not self.database.is_closed():
            self.database.close()

    def close(self) -> None:
        """Close the database connection of this thread and forget the caches. Idempotent."""
        self.located_rooms.clear()
        database, self._database = self._database, None
        if database is not None and not database.is_closed():
            database.close()

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Workspace({str(self.path)!r}, clock={self.clock!r}, open={self.is_open})"
