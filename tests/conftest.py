"""Shared fixtures: every test that needs a database gets a real SQLite file in a temp folder, opened
as the application opens it, through a `Workspace` whose clock is fixed."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime

import pytest

from desktop_app.models.clock import FixedClock
from desktop_app.services.workspace import Workspace


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.sqlite3"


@pytest.fixture
def clock():
    """A clock stopped at the moment the test starts (the real date, so tests written against the
    calendar keep their meaning); a test may `clock.set(...)` another day."""
    return FixedClock(datetime.now().replace(microsecond=0))


@pytest.fixture
def workspace(db_path, clock):
    workspace = Workspace.open(db_path, clock)
    yield workspace
    workspace.close()


@pytest.fixture
def database(workspace):
    return workspace.database
