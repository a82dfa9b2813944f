"""`desktop-app import-roll / export-roll / roll-template`: exit codes 0/1/2, the exact --json shape,
nothing written while errors remain, --skip-invalid, --estate."""

from __future__ import annotations

import json
import subprocess
import sys

from desktop_app.main import main
from desktop_app.models import Estate, Room, db
from tests.exchange.workbooks import HEADERS, LI, good_rows, write_workbook


def duplicate_row() -> tuple:
    values = list(good_rows()[0])
    values[HEADERS.index("业主姓名")], values[HEADERS.index("证件号码")] = "李四", LI
    return tuple(values)


def rooms_in(path) -> int:
    from desktop_app.models import open_database

    database = open_database(path)
    try:
        return Room.select().count()
    finally:
        database.close()


def test_import_a_good_file_then_again(tmp_path, capsys):
    roll = write_workbook(tmp_path / "roll.xlsx", good_rows())
    database = tmp_path / "app.sqlite3"
    assert main(["--db", str(database), "import-roll", str(roll)]) == 0
    assert "新增 6 间" in capsys.readouterr().out
    assert main(["--db", str(database), "import-roll", str(roll), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"rows": 6, "imported": 0, "unchanged": 6, "errors": []}
    assert rooms_in(database) == 6


def test_invalid_rows_exit_2_and_write_nothing(tmp_path, capsys):
    roll = write_workbook(tmp_path / "roll.xlsx", good_rows() + [duplicate_row()])
    database = tmp_path / "app.sqlite3"
    assert main(["--db", str(database), "import-roll", str(roll)]) == 2
    captured = capsys.readouterr()
    assert "“名册”第8行 房号（F列）：“502” — 与第2行重复" in captured.err and "未写入任何数据" in captured.err
    assert main(["--db", str(database), "import-roll", str(roll), "--json"]) == 2
    printed = capsys.readouterr().out
    assert json.loads(printed) == {"rows": 7, "imported": 0, "unchanged": 0, "errors": [
        {"sheet": "名册", "row": 8, "column": "房号（F列）", "value": "502",
         "reason": "与第2行重复：同一小区、楼栋、单元内房号只能出现一次"}]}
    assert "与第2行重复" in printed  # ensure_ascii=False: Chinese as is
    assert rooms_in(database) == 0


def test_skip_invalid_imports_the_valid_rows_and_lists_the_rest(tmp_path, capsys):
    bad_area = list(good_rows()[1])
    bad_area[HEADERS.index("房号")], bad_area[HEADERS.index("专有面积(㎡)")] = "701", "12.345"
    roll = write_workbook(tmp_path / "roll.xlsx", good_rows() + [duplicate_row(), tuple(bad_area)])
    database = tmp_path / "app.sqlite3"
    assert main(["--db", str(database), "import-roll", str(roll), "--skip-invalid", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["rows"], result["imported"], result["unchanged"]) == (8, 6, 0)
    assert [(error["row"], error["column"]) for error in result["errors"]] == [(8, "房号（F列）"),
                                                                             (9, "专有面积(㎡)（G列）")]
    assert rooms_in(database) == 6
    assert main(["--db", str(database), "import-roll", str(roll), "--skip-invalid"]) == 0
    captured = capsys.readouterr()
    assert "跳过有错误的行 2 行" in captured.out and "第9行" in captured.err


def test_skip_invalid_with_nothing_valid_still_fails(tmp_path, capsys):
    roll = write_workbook(tmp_path / "roll.xlsx", [r[:5] + r[6:] for r in good_rows()],
                          headers=HEADERS[:5] + HEADERS[6:])
    assert main(["--db", str(tmp_path / "app.sqlite3"), "import-roll", str(roll), "--skip-invalid"]) == 2
    assert "缺少必需的列“房号”" in capsys.readouterr().err


def test_a_file_that_cannot_be_read_exits_1(tmp_path, capsys):
    path = tmp_path / "roll.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    assert main(["--db", str(tmp_path / "app.sqlite3"), "import-roll", str(path), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "“roll.xlsx”不是 Excel 工作簿" in captured.err
    assert main(["--db", str(tmp_path / "app.sqlite3"), "import-roll", str(tmp_path / "missing.xlsx")]) == 1
    assert "无法打开“missing.xlsx”" in capsys.readouterr().err


def test_estate_option_for_a_file_without_estate_columns(tmp_path, capsys):
    roll = write_workbook(tmp_path / "roll.xlsx", [r[2:] for r in good_rows()], headers=HEADERS[2:])
    database = tmp_path / "app.sqlite3"
    assert main(["--db", str(database), "import-roll", str(roll)]) == 2
    capsys.readouterr()
    assert main(["--db", str(database), "import-roll", str(roll), "--estate", "E777"]) == 0
    assert [estate.code for estate in Estate.select()] == ["E777"]
    db.close()


def test_export_roll_and_template(tmp_path, capsys):
    database = tmp_path / "app.sqlite3"
    assert main(["--db", str(database), "import-roll", str(write_workbook(tmp_path / "in.xlsx", good_rows()))]) == 0
    assert main(["--db", str(database), "export-roll", str(tmp_path / "out.xlsx"), "--estate", "E001"]) == 0
    assert "已导出 6 间房屋" in capsys.readouterr().out
    assert main(["--db", str(tmp_path / "other.sqlite3"), "import-roll", str(tmp_path / "out.xlsx"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["imported"] == 6
    assert main(["--db", str(database), "export-roll", str(tmp_path / "none.xlsx"), "--estate", "E404"]) == 1
    assert "E404" in capsys.readouterr().err and not (tmp_path / "none.xlsx").exists()
    assert main(["roll-template", str(tmp_path / "template.xlsx")]) == 0
    assert (tmp_path / "template.xlsx").stat().st_size > 0


def test_the_module_entry_point_in_a_subprocess(tmp_path):
    roll = write_workbook(tmp_path / "roll.xlsx", good_rows() + [duplicate_row()])
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(tmp_path / "app.sqlite3"),
                           "import-roll", str(roll), "--json"], capture_output=True, text=True, encoding="utf-8",
                          timeout=120)
    assert done.returncode == 2, done.stderr
    assert json.loads(done.stdout)["errors"][0]["row"] == 8
