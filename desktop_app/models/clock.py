"""Timestamps and identifiers for records that travel between installations, and the clock.

The clock is what "today" means for the rules (a vote that closed, a resident's age, a date in the
future): `SystemClock` in the program, `FixedClock` in tests. The application's `Workspace`
(services/workspace.py) owns one and the window and the CLI read "today" from it, then pass the
date down to the services.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timezone
from typing import Protocol


class Clock(Protocol):
    """Where "today" and "now" (local time) come from."""

    def today(self) -> date: ...

    def now(self) -> datetime: ...


class SystemClock:
    """The computer's clock."""

    def today(self) -> date:
        return date.today()

    def now(self) -> datetime:
        return datetime.now()


class FixedClock:
    """A clock that always shows the same moment (tests); `set` moves it."""

    def __init__(self, moment: date | datetime) -> None:
        self.moment = self._as_datetime(moment)

    @staticmethod
    def _as_datetime(moment: date | datetime) -> datetime:
        return moment if isinstance(moment, datetime) else datetime.combine(moment, time(9, 0))

    def set(self, moment: date | datetime) -> None:
        self.moment = self._as_datetime(moment)

    def today(self) -> date:
        return self.moment.date()

    def now(self) -> datetime:
        return self.moment

    def __repr__(self) -> str:
        return f"FixedClock({self.moment.isoformat()})"


def now_iso() -> str:
    """UTC time with milliseconds, sortable as text: 2024-05-23T08:00:00.000+00:00."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def new_uid() -> str:
    return str(uuid.uuid4())


_origin = {"value": "unknown"}


def set_origin(value: str) -> None:
    """The installation id written into `origin` of every new record (set when the database opens)."""
    _origin["value"] = value


def current_origin() -> str:
    return _origin["value"]
