"""`desktop-app import-plan / export-plan`: exit codes 0/1/2, the exact --json shape, --dry-run writes
nothing, nothing written while errors remain, an export that imports again unchanged, hostile files."""

from __future__ import annotations

import json
import struct
import zipfile

import pytest

from desktop_app.main import main
from desktop_app.models import Community, Estate, Street, open_database
from desktop_app.models.project_tables import Project
from tests.exchange.plan_workbooks import good_plan, with_cell, write_plan_workbook


@pytest.fixture
def app_db(tmp_path):
    """A database file with the two estates the good plan names that already exist."""
    path = tmp_path / "app.sqlite3"
    database = open_database(path)
    try:
        community = Community.create(street=Street.create(name="东街街道", code="350402"), name="幸福里社区",
                                     code="350402100")
        Estate.create(community=community, code="350402001", name="幸福里小区")
        Estate.create(community=community, code="350402002", name="和平小区")
    finally:
        database.close()
    return path


def dump(path) -> list[str]:
    database = open_database(path)
    try:
        return list(database.connection().iterdump())
    finally:
        database.close()


def projects_in(path) -> int:
    database = open_database(path)
    try:
        return Project.select().count()
    finally:
        database.close()


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return code, out, err


def test_dry_run_then_import_then_again(app_db, tmp_path, capsys):
    plan = write_plan_workbook(tmp_path / "计划.xlsx", good_plan())
    before = dump(app_db)
    code, out, _ = run(capsys, "--db", app_db, "import-plan", plan, "--dry-run", "--json")
    assert code == 0
    assert json.loads(out) == {"projects": 3, "added": 3, "updated": 0, "unchanged": 0, "errors": []}
    assert dump(app_db) == before
    code, out, _ = run(capsys, "--db", app_db, "import-plan", plan, "--dry-run")
    assert code == 0 and "将新增 3 个" in out and "将新建小区：350402009 新华小区" in out and "没有写入" in out
    code, out, _ = run(capsys, "--db", app_db, "import-plan", plan)
    assert code == 0 and "已导入“计划.xlsx”：共 3 个项目，新增 3 个，更新 0 个，未变 0 个" in out
    assert "新建小区：350499001 河滨小区（河滨街道 河滨社区；项目 XM2025-001）" in out
    assert projects_in(app_db) == 3
    after = dump(app_db)
    code, out, _ = run(capsys, "--db", app_db, "import-plan", plan, "--json")
    assert code == 0
    assert json.loads(out) == {"projects": 3, "added": 0, "updated": 0, "unchanged": 3, "errors": []}
    assert dump(app_db) == after


def test_errors_exit_2_with_every_error_located_and_nothing_written(app_db, tmp_path, capsys):
    plan = with_cell(good_plan(), "资金", 0, "已支付(元)", 900_000)
    plan = with_cell(plan, "项目", 2, "项目编号", "XM2024-001")
    path = write_plan_workbook(tmp_path / "计划.xlsx", plan)
    before = dump(app_db)
    code, out, _ = run(capsys, "--db", app_db, "import-plan", path, "--json")
    assert code == 2
    report = json.loads(out)
    assert (report["projects"], report["added"], report["updated"], report["unchanged"]) == (3, 0, 0, 0)
    assert [(e["sheet"], e["row"], e["column"], e["value"]) for e in report["errors"]] == [
        ("项目", 4, "项目编号（A列）", "XM2024-001"), ("资金", 2, "已支付(元)（E列）", "900000")]
    assert set(report["errors"][0]) == {"sheet", "row", "column", "value", "reason"}
    assert "超过已下达 800,000.00 元" in report["errors"][1]["reason"]
    code, _, err = run(capsys, "--db", app_db, "import-plan", path, "--dry-run")
    assert code == 2 and "“资金”第2行 已支付(元)（E列）" in err and "未写入任何数据" in err
    assert dump(app_db) == before


def test_unreadable_files_exit_1_in_chinese(app_db, tmp_path, capsys):
    text = tmp_path / "计划.xlsx"
    text.write_text("不是表格", encoding="utf-8")
    code, out, err = run(capsys, "--db", app_db, "import-plan", text, "--json")
    assert code == 1 and out == "" and "“计划.xlsx”不是 Excel 工作簿" in err
    bomb = write_plan_workbook(tmp_path / "炸弹.xlsx", good_plan())
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/bomb.xml", b"<a>" + b" " * 1_000_000 + b"</a>")
    data = bytearray(bomb.read_bytes())
    with zipfile.ZipFile(bomb) as archive:
        info = archive.getinfo("xl/bomb.xml")
    huge = 400 * 1024 * 1024  # what the member claims to expand to
    struct.pack_into("<I", data, info.header_offset + 22, huge)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + length] == b"xl/bomb.xml":
            struct.pack_into("<I", data, central + 24, huge)
        central = data.find(b"PK\x01\x02", central + 4)
    bomb.write_bytes(bytes(data))
    code, _, err = run(capsys, "--db", app_db, "import-plan", bomb)
    assert code == 1 and "错误：“炸弹.xlsx”解压后约" in err and "超过上限" in err
    code, _, err = run(capsys, "--db", app_db, "import-plan", tmp_path / "没有这个文件.xlsx")
    assert code == 1 and "无法打开“没有这个文件.xlsx”" in err
    assert projects_in(app_db) == 0


def test_export_then_import_is_unchanged_and_an_unknown_scope_exits_2(app_db, tmp_path, capsys):
    assert run(capsys, "--db", app_db, "import-plan", write_plan_workbook(tmp_path / "计划.xlsx", good_plan()))[0] == 0
    code, out, _ = run(capsys, "--db", app_db, "export-plan", tmp_path / "全部.xlsx")
    assert code == 0 and "已导出 3 个项目" in out
    code, out, _ = run(capsys, "--db", app_db, "import-plan", tmp_path / "全部.xlsx", "--json")
    assert code == 0 and json.loads(out)["unchanged"] == 3 and json.loads(out)["added"] == 0
    code, out, _ = run(capsys, "--db", app_db, "export-plan", tmp_path / "小区.xlsx", "--scope", "350402001")
    assert code == 0 and "已导出 1 个项目" in out
    code, out, err = run(capsys, "--db", app_db, "export-plan", tmp_path / "无.xlsx", "--scope", "999")
    assert code == 2 and out == "" and "错误：数据库中没有编码为“999”的小区、社区或街道。" in err
    assert not (tmp_path / "无.xlsx").exists()
    code, _, err = run(capsys, "--db", app_db, "export-plan", tmp_path / "没有的文件夹" / "x.xlsx")
    assert code == 1 and "无法写入" in err
