"""The shared roll operations on a real database: a real workbook read (preview), imported, exported and read back."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.services.changes import Topic
from desktop_app.exchange.errors import ReadFailure
from desktop_app.exchange.roll_reader import read_roll
from desktop_app.models import Estate, Room
from desktop_app.operations.roll import exporting, importing
from desktop_app.services import settings
from desktop_app.services.scope import ALL, Scope
from tests.exchange.workbooks import good_rows, write_workbook


def test_the_preview_writes_nothing_and_the_import_applies_it(database, tmp_path):
    path = write_workbook(tmp_path / "名册.xlsx", good_rows())
    result = importing.read_roll_file(path, today=date.today())
    assert (result.rows, len(result.records), result.errors) == (6, 6, [])
    assert Room.select().count() == 0
    done = importing.import_roll(result)
    assert (done.summary.rows, done.summary.created, done.skipped_rows) == (6, 6, 0)
    assert Room.select().count() == 6 and Topic.ROLL in done.changes.topics
    again = importing.import_roll(importing.read_roll_file(path, today=date.today()))
    assert again.summary.unchanged == 6 and not again.changes


def test_rows_with_errors_are_skipped_only_when_asked(database, tmp_path):
    rows = good_rows()
    rows[1] = rows[1][:6] + ("不是面积",) + rows[1][7:]
    result = importing.read_roll_file(write_workbook(tmp_path / "名册.xlsx", rows), today=date.today())
    assert result.errors and not importing.can_import(result, skip_invalid=False)
    assert importing.can_import(result, skip_invalid=True)
    done = importing.import_roll(result)
    assert done.skipped_rows == 1 and Room.select().count() == 5


def test_the_confirmed_mapping_is_remembered(database, tmp_path):
    headers = ["小区", "楼", "房间", "面积", "姓名"]
    rows = [("E001", "3", "101", 60, "张三"), ("E001", "3", "102", 61, "李四")]
    mapping = {"estate_code": "小区", "building": "楼", "room": "房间", "area": "面积", "owner_name": "姓名"}
    path = write_workbook(tmp_path / "自制.xlsx", rows, headers=headers)
    result = importing.read_roll_file(path, mapping=mapping, today=date.today())
    assert not result.errors, result.errors
    importing.import_roll(result, headers=headers, mapping=mapping)
    assert settings.import_mapping(headers) == mapping and Room.select().count() == 2


def test_export_of_an_estate_and_of_everything_reads_back(database, tmp_path):
    path = write_workbook(tmp_path / "名册.xlsx", good_rows())
    importing.import_roll(importing.read_roll_file(path, today=date.today()))
    estate = Estate.get(Estate.code == "E001")
    assert exporting.scope_estate_code(Scope("estate", estate.id)) == "E001"
    assert exporting.scope_estate_code(ALL) is None
    exported = exporting.export_roll(tmp_path / "导出.xlsx", "E001")
    assert exported.rooms == 6 and not exported.changes
    back = read_roll(exported.path, today=date.today())
    assert not back.errors and len(back.records) == 6
    assert exporting.export_roll(tmp_path / "全部.xlsx").rooms == 6
    with pytest.raises(exporting.UnknownEstate, match="E999"):
        exporting.export_roll(tmp_path / "无.xlsx", "E999")
    assert not (tmp_path / "无.xlsx").exists()


def test_the_template_reads_back_as_a_roll_without_rows(database, tmp_path):
    path = exporting.write_template(tmp_path / "模板.xlsx")
    assert tuple(read_roll(path, today=date.today()).records) == ()
    with pytest.raises(ReadFailure):
        importing.read_roll_file(tmp_path / "没有.xlsx", today=date.today())
