"""The shared plan operations on a real database: a real workbook checked (preview), imported, exported,
and the exported file imported again without a change."""

from __future__ import annotations

import pytest
import python_calamine

from desktop_app.exchange.errors import ReadFailure
from desktop_app.models import Community, Estate, Street, db
from desktop_app.models.project_tables import Project
from desktop_app.operations.projects import (
    check_plan_file, export_plan, import_plan,
)
from desktop_app.services.changes import Topic
from desktop_app.services.catalogue import add_item
from desktop_app.services.projects.plan_import import PlanImportError
from desktop_app.services.scope import ALL, UnknownScope, scope_of_code
from tests.exchange.plan_workbooks import good_plan, with_cell, write_plan_workbook


@pytest.fixture
def estates(database):
    community = Community.create(street=Street.create(name="东街街道", code="350402"), name="幸福里社区",
                                 code="350402100")
    Estate.create(community=community, code="350402001", name="幸福里小区")
    Estate.create(community=community, code="350402002", name="和平小区")


def test_check_then_import_then_the_export_imports_unchanged(estates, tmp_path):
    path = write_plan_workbook(tmp_path / "计划.xlsx", good_plan(), title_rows=("2024年改造计划",))
    checked = check_plan_file(path)
    assert checked.can_import and checked.projects == 3 and checked.errors == []
    assert [e.code for e in checked.preview.new_estates] == ["350402009", "350499001"]
    assert Project.select().count() == 0
    imported = import_plan(checked)
    assert (imported.added, imported.updated, imported.unchanged) == (3, 0, 0)
    assert imported.changes.topics == {Topic.PROJECTS, Topic.ROLL}
    before = list(db.connection().iterdump())
    exported = export_plan(tmp_path / "导出.xlsx", ALL)
    assert exported.projects == 3 and exported.path.exists()
    assert not (tmp_path / "导出.xlsx.part").exists()
    sheet = python_calamine.CalamineWorkbook.from_path(str(exported.path)).get_sheet_by_name("项目").to_python()
    assert sheet[1][:7] == ["XM2024-001", "幸福里小区老旧小区改造", 2024.0, "350402001", "幸福里小区", 6.0, 240.0]
    assert sheet[2][3] == "350402002、350402009" and sheet[2][5:7] == ["4、3", 310.0]
    again = check_plan_file(exported.path)
    assert again.errors == [] and (again.preview.added, again.preview.updated, again.preview.unchanged) == (0, 0, 3)
    done = import_plan(again)
    assert done.unchanged == 3 and not done.changes
    assert list(db.connection().iterdump()) == before


def test_the_catalogue_of_the_database_decides_categories(estates, tmp_path):
    plan = with_cell(good_plan(), "改造内容", 2, "类别", None)  # 外墙保温 is not in the shipped catalogue
    checked = check_plan_file(write_plan_workbook(tmp_path / "计划.xlsx", plan))
    assert not checked.can_import and checked.preview is None
    assert [(e.sheet, e.row) for e in checked.errors] == [("改造内容", 4)]
    with pytest.raises(PlanImportError):
        import_plan(checked)
    add_item("基础类", "外墙保温")
    assert check_plan_file(tmp_path / "计划.xlsx").can_import


def test_a_scope_code_and_an_unknown_one(estates, tmp_path):
    import_plan(check_plan_file(write_plan_workbook(tmp_path / "计划.xlsx", good_plan())))
    assert export_plan(tmp_path / "社区.xlsx", scope_of_code("350402100")).projects == 2
    assert export_plan(tmp_path / "小区.xlsx", scope_of_code("350402001")).projects == 1
    assert scope_of_code("") == ALL
    with pytest.raises(UnknownScope, match="没有编码为“999”的小区、社区或街道"):
        scope_of_code("999")


def test_an_unreadable_file_is_a_read_failure(estates, tmp_path):
    path = tmp_path / "计划.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(ReadFailure, match="旧版 Excel"):
        check_plan_file(path)
