"""Shared fixtures: every test that needs a database gets a real SQLite file in a temp folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from desktop_app.models import open_database


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.sqlite3"


@pytest.fixture
def database(db_path):
    database = open_database(db_path)
    yield database
    database.close()
