"""`desktop-app district-report` and `merge-reports`: written files, exit codes, refusals with nothing written."""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import pytest
from python_calamine import CalamineWorkbook

from desktop_app.main import main
from desktop_app.models.clock import FixedClock
from desktop_app.services.workspace import Workspace
from tests.exchange.workbooks import good_rows, write_workbook
from tests.services.projects.dataset import build_dataset


@pytest.fixture
def db_file(tmp_path):
    path = tmp_path / "city.sqlite3"
    workspace = Workspace.open(path, FixedClock(datetime(2025, 1, 5, 9, 0)))
    build_dataset()
    workspace.close()
    return path


def run(capsys, path, *args) -> tuple[int, str, str]:
    code = main(["--db", str(path), *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def summary(path) -> dict[tuple[str, str], list[object]]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("汇总").to_python()[1:]
    return {(row[0], row[1]): row for row in rows}


def test_a_report_of_a_street_then_a_merge_of_its_communities(db_file, tmp_path, capsys):
    common = ["--from-year", "2023", "--to-year", "2025", "--as-of", "2024-12-31"]
    code, out, err = run(capsys, db_file, "district-report", tmp_path / "street.xlsx", "--scope", "350102", *common)
    assert code == 0 and err == ""
    assert "已写入区级报表" in out and "鼓楼街道" in out and "3 个小区" in out
    for name, code_ in (("east", "350102001"), ("south", "350102002")):
        assert run(capsys, db_file, "district-report", tmp_path / f"{name}.xlsx", "--scope", code_, *common)[0] == 0
    code, out, err = run(capsys, db_file, "merge-reports", tmp_path / "merged.xlsx", tmp_path / "east.xlsx",
                         tmp_path / "south.xlsx", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["written"] and data["communities"] == ["东街社区", "南街社区"]
    assert data["duplicates"] == [] and data["refused"] == []
    street, merged = summary(tmp_path / "street.xlsx"), summary(tmp_path / "merged.xlsx")
    assert {k: v for k, v in street.items() if k[0] != "合计"} == {k: v for k, v in merged.items() if k[0] != "合计"}


def test_a_duplicate_community_is_listed_on_stderr(db_file, tmp_path, capsys):
    run(capsys, db_file, "district-report", tmp_path / "a.xlsx", "--scope", "350102001", "--as-of", "2024-12-31")
    run(capsys, db_file, "district-report", tmp_path / "b.xlsx", "--scope", "350102", "--as-of", "2024-12-31")
    code, out, err = run(capsys, db_file, "merge-reports", tmp_path / "m.xlsx", tmp_path / "a.xlsx",
                         tmp_path / "b.xlsx")
    assert code == 0
    assert "重复：东街社区" in err and "已合并 2 份报表" in out


def test_a_roll_workbook_or_another_as_of_date_is_refused_and_nothing_written(db_file, tmp_path, capsys):
    run(capsys, db_file, "district-report", tmp_path / "a.xlsx", "--scope", "350102001", "--as-of", "2024-12-31")
    run(capsys, db_file, "district-report", tmp_path / "b.xlsx", "--scope", "350102002", "--as-of", "2024-12-31")
    run(capsys, db_file, "district-report", tmp_path / "c.xlsx", "--scope", "350103", "--as-of", "2024-06-30")
    roll = write_workbook(tmp_path / "roll.xlsx", good_rows())
    code, out, err = run(capsys, db_file, "merge-reports", tmp_path / "m.xlsx", tmp_path / "a.xlsx", roll,
                         tmp_path / "b.xlsx", tmp_path / "c.xlsx")
    assert code == 2
    assert "“roll.xlsx”不是区级报表" in err
    assert "“c.xlsx”的统计日期（2024-06-30）与其他报表（2024-12-31）不同" in err
    assert "未写入任何文件" in err and not (tmp_path / "m.xlsx").exists()


def test_an_unreadable_input_exits_1_and_writes_nothing(db_file, tmp_path, capsys):
    run(capsys, db_file, "district-report", tmp_path / "a.xlsx", "--as-of", "2024-12-31")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really")
    code, _, err = run(capsys, db_file, "merge-reports", tmp_path / "m.xlsx", tmp_path / "a.xlsx",
                       tmp_path / "broken.xlsx", tmp_path / "missing.xlsx")
    assert code == 1 and "broken.xlsx" in err and "missing.xlsx" in err
    assert not (tmp_path / "m.xlsx").exists()


def test_an_unwritable_output_exits_1(db_file, tmp_path, capsys):
    code, _, err = run(capsys, db_file, "district-report", tmp_path / "no" / "such" / "r.xlsx")
    assert code == 1 and "无法写入" in err


@pytest.mark.parametrize("args,message", [
    (["--scope", "nosuch"], "没有编码为“nosuch”的小区、社区或街道"),
    (["--as-of", "2024-02-30"], "统计日期"),
    (["--from-year", "2025", "--to-year", "2024"], "起始年度 2025 晚于截止年度 2024"),
])
def test_bad_arguments_exit_2(db_file, tmp_path, capsys, args, message):
    code, out, err = run(capsys, db_file, "district-report", tmp_path / "r.xlsx", *args)
    assert code == 2 and message in err and out == ""
    assert not (tmp_path / "r.xlsx").exists()


def test_the_report_says_who_made_it_and_when(db_file, tmp_path, capsys):
    run(capsys, db_file, "district-report", tmp_path / "r.xlsx", "--scope", "E1", "--as-of", "2024-12-31")
    rows = CalamineWorkbook.from_path(str(tmp_path / "r.xlsx")).get_sheet_by_name("说明").to_python()
    meta = {row[0]: row[1] for row in rows[1:11]}
    assert meta["报表类型"] == "区级报表" and meta["格式版本"] == 1
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", meta["制表时间"]) and meta["制表人"]
    assert meta["安装标识"] and meta["安装名称"] == "city.sqlite3"
    assert meta["统计范围"] == "鼓楼街道 › 东街社区 › E1" and meta["统计日期"] == date(2024, 12, 31)
