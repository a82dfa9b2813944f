"""`desktop-app export-sync | import-sync`: exit codes, the JSON, refusals and hostile workbooks."""

from __future__ import annotations

import dataclasses
import json
import re
import struct
import zipfile

import pytest

from desktop_app.main import main
from desktop_app.exchange.sync_writer import write_sync_file
from desktop_app.models import Owner, open_database
from desktop_app.services.sync import export_info, table_rows, tombstone_rows

from tests.exchange.workbooks import insert_doctype, rewrite_member, write_workbook, good_rows
from tests.operations.sync.installations import small_roll


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def two(tmp_path):
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    open_database(a)
    small_roll()
    open_database(b).close()
    return a, b


def owners(path) -> int:
    database = open_database(path)
    try:
        return Owner.select().count()
    finally:
        database.close()


def test_export_then_import_json_then_again_unchanged(two, tmp_path, capsys):
    a, b = two
    out_file = tmp_path / "同步.xlsx"
    code, out, _ = run(capsys, "--db", a, "export-sync", out_file)
    assert code == 0 and "14 条记录" in out and "个人信息" in out
    code, out, _ = run(capsys, "--db", b, "import-sync", out_file, "--dry-run", "--json")
    assert code == 0 and json.loads(out) == {"added": 14, "updated": 0, "deleted": 0, "unchanged": 0,
                                             "conflicts": [], "errors": []}
    assert owners(b) == 0
    code, out, _ = run(capsys, "--db", b, "import-sync", out_file)
    assert code == 0 and "新增 14 条" in out and owners(b) == 2
    code, out, _ = run(capsys, "--db", b, "import-sync", out_file, "--json")
    assert code == 0 and json.loads(out)["unchanged"] == 14 and json.loads(out)["added"] == 0
    code, _, err = run(capsys, "--db", a, "import-sync", out_file)
    assert code == 2 and "本机导出的同步文件" in err
    code, _, err = run(capsys, "--db", a, "export-sync", tmp_path / "x.xlsx", "--scope", "没有")
    assert code == 2 and "找不到编码为“没有”" in err and not (tmp_path / "x.xlsx").exists()


def test_a_conflict_is_listed_in_the_json(two, tmp_path, capsys):
    a, b = two
    first = tmp_path / "1.xlsx"
    run(capsys, "--db", a, "export-sync", first)
    run(capsys, "--db", b, "import-sync", first)
    for path, phone in ((a, "111"), (b, "222")):
        database = open_database(path)
        owner = Owner.get(name="张三")
        owner.phone = phone
        owner.save()
        uid = owner.uid
        database.close()
    second = tmp_path / "2.xlsx"
    run(capsys, "--db", a, "export-sync", second)
    code, out, _ = run(capsys, "--db", b, "import-sync", second, "--json", "--dry-run")
    assert code == 0
    assert json.loads(out)["conflicts"] == [{"table": "owner", "uid": uid, "label": "业主 张三", "field": "phone",
                                             "ours": "222", "theirs": "111"}]
    code, out, _ = run(capsys, "--db", b, "import-sync", second)
    assert "冲突：业主 张三 phone：本机“222”，对方“111”（已保留本机）" in out


def test_a_file_of_a_newer_format_is_refused_untouched(two, tmp_path, capsys):
    a, b = two
    database = open_database(a)
    path = tmp_path / "新版本.xlsx"
    info = dataclasses.replace(export_info(), version=99)
    write_sync_file(path, info, table_rows(), tombstone_rows())
    database.close()
    code, out, err = run(capsys, "--db", b, "import-sync", path, "--json")
    assert code == 2 and "格式版本 99" in err and "升级" in err
    assert json.loads(out)["added"] == 0 and owners(b) == 0


def test_a_workbook_that_is_not_a_sync_file_is_refused(two, tmp_path, capsys):
    _, b = two
    roll = write_workbook(tmp_path / "名册.xlsx", good_rows())
    code, _, err = run(capsys, "--db", b, "import-sync", roll)
    assert code == 2 and "不是同步文件" in err and owners(b) == 0


def _sync_file(a, tmp_path, capsys, name="同步.xlsx"):
    path = tmp_path / name
    run(capsys, "--db", a, "export-sync", path)
    return path


def test_hostile_workbooks_exit_1_without_harm(two, tmp_path, capsys):
    a, b = two
    text = tmp_path / "文本.xlsx"
    text.write_text("不是表格", encoding="utf-8")
    code, _, err = run(capsys, "--db", b, "import-sync", text)
    assert code == 1 and "不是 Excel 工作簿" in err
    entities = _sync_file(a, tmp_path, capsys, "实体.xlsx")
    insert_doctype(entities)
    code, _, err = run(capsys, "--db", b, "import-sync", entities)
    assert code == 1 and owners(b) == 0
    bomb = _sync_file(a, tmp_path, capsys, "炸弹.xlsx")
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/bomb.xml", b"<a>" + b" " * 1_000_000 + b"</a>")
    data = bytearray(bomb.read_bytes())
    with zipfile.ZipFile(bomb) as archive:
        info = archive.getinfo("xl/bomb.xml")
    huge = 2000 * 1024 * 1024  # beyond even a sync file's budget
    struct.pack_into("<I", data, info.header_offset + 22, huge)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + length] == b"xl/bomb.xml":
            struct.pack_into("<I", data, central + 24, huge)
        central = data.find(b"PK\x01\x02", central + 4)
    bomb.write_bytes(bytes(data))
    code, _, err = run(capsys, "--db", b, "import-sync", bomb)
    assert code == 1 and "超过上限" in err and owners(b) == 0


def test_a_far_row_is_harmless_and_a_missing_sheet_is_an_error(two, tmp_path, capsys):
    a, b = two
    far = _sync_file(a, tmp_path, capsys, "远行.xlsx")
    sheet = _member_of(far, "业主")
    rewrite_member(far, sheet, lambda data: data.replace(
        b"</sheetData>", b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))
    code, out, _ = run(capsys, "--db", b, "import-sync", far, "--json", "--dry-run")
    # the sheet is streamed, not allocated, and the stray cell after a long empty run is not read
    assert code == 0 and json.loads(out)["added"] == 14 and owners(b) == 0
    wrong = _sync_file(a, tmp_path, capsys, "缺表.xlsx")
    rewrite_member(wrong, "xl/workbook.xml", lambda data: data.replace("name=\"产权\"".encode(), "name=\"别的\"".encode()))
    code, out, _ = run(capsys, "--db", b, "import-sync", wrong, "--json")
    assert code == 2 and owners(b) == 0
    assert {"sheet": "产权", "row": 1, "column": "", "value": "", "reason": "缺少工作表“产权”"} in json.loads(out)["errors"]


def _member_of(path, sheet: str) -> str:
    with zipfile.ZipFile(path) as archive:
        names = re.findall(rb'<sheet name="([^"]+)" sheetId="(\d+)"', archive.read("xl/workbook.xml"))
    index = next(number for name, number in names if name.decode() == sheet)
    return f"xl/worksheets/sheet{int(index)}.xml"


def test_a_formula_put_into_a_sync_file_is_an_error(two, tmp_path, capsys):
    a, b = two
    path = _sync_file(a, tmp_path, capsys, "公式.xlsx")
    rewrite_member(path, _member_of(path, "业主"), lambda data: re.sub(
        rb'<c r="F2"([^>]*?)( t="\w+")?>.*?</c>', rb'<c r="F2"\1><f>1+1</f><v>2</v></c>', data, count=1))
    code, out, _ = run(capsys, "--db", b, "import-sync", path, "--json")
    assert code == 2 and owners(b) == 0
    assert [(e["sheet"], e["row"], e["column"]) for e in json.loads(out)["errors"]] == [("业主", 2, "F列")]
