"""Timestamps and identifiers for records that travel between installations."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone


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
