"""Errors of a merge: a reference to a record that is neither here nor in the file; nothing written."""

from __future__ import annotations

import pytest

from desktop_app.exchange.sync_reader import read_sync_file
from desktop_app.models import Owner, Room
from desktop_app.services.sync import SyncRefused, merge

from tests.operations.sync.installations import Installations, small_roll


def test_a_missing_parent_is_an_error_and_nothing_is_written(tmp_path):
    sites = Installations(tmp_path)
    with sites.at("A"):
        small_roll()
    data, errors = read_sync_file(sites.export("A"))
    assert errors == []
    data.records["owner"] = data.records["owner"][1:]  # the file lost one owner
    with sites.at("B"):
        result = merge(data)
        assert result.applied is False and Room.select().count() == 0 and Owner.select().count() == 0
    assert [(error.sheet, error.row, error.column, error.reason) for error in result.errors] == [
        ("产权", 2, "owner（F列）", "所引用的业主不在本机，也不在文件中")]


def test_a_file_of_this_installation_is_refused(tmp_path):
    sites = Installations(tmp_path)
    with sites.at("A"):
        small_roll()
    data, _ = read_sync_file(sites.export("A"))
    with sites.at("A"):
        with pytest.raises(SyncRefused, match="本机导出"):
            merge(data)
