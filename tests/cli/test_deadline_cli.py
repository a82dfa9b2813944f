"""`desktop-app deadline`: the end of a period in days as text or JSON, on the workspace's holiday table;
exit 2 with a Chinese message for a bad date or a negative count."""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop_app.main import main
from desktop_app.services import calendar
from desktop_app.services.workspace import Workspace


def run(capsys, path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(path), "deadline", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_working_days_as_json(tmp_path, capsys):
    code, out, err = run(capsys, tmp_path / "a.sqlite3", "--start", "2024-09-27", "--days", "7", "--working", "--json")
    assert code == 0 and err == ""
    assert json.loads(out) == {"start": "2024-09-27", "days": 7, "working": True, "end": "2024-10-12",
                               "note": "期间法定节假日5天不计入；调休上班日2024年9月29日、2024年10月12日计入"}


def test_calendar_days_as_chinese_text(tmp_path, capsys):
    code, out, err = run(capsys, tmp_path / "a.sqlite3", "--start", "2024-09-27", "--days", "10")
    assert code == 0 and err == ""
    assert out.splitlines() == [
        "起算：2024年9月27日（次日为第1日）",
        "期限：10日",
        "届满：2024-10-08（2024年10月8日，星期二）",
        "说明：期限最后一日2024年10月7日为法定节假日，顺延至2024年10月8日",
    ]


def test_the_staff_rows_of_the_workspace_count(tmp_path, capsys):
    path = tmp_path / "a.sqlite3"
    code, out, _ = run(capsys, path, "--start", "2040-09-28", "--days", "1", "--json")
    assert json.loads(out)["end"] == "2040-10-01" and "2040年的节假日安排尚未录入" in json.loads(out)["note"]
    workspace = Workspace.open(path)
    calendar.add_holiday(date(2040, 10, 1), "放假", "国庆节")
    workspace.close()
    code, out, _ = run(capsys, path, "--start", "2040-09-28", "--days", "1", "--json")
    assert json.loads(out) == {"start": "2040-09-28", "days": 1, "working": False, "end": "2040-10-02", "note":
                               "期限最后一日2040年9月29日为休息日，顺延至2040年10月2日"}


@pytest.mark.parametrize("args,message", [
    (["--start", "2024-02-30", "--days", "7"], "错误：起算日期 --start：日期“2024-02-30”不存在"),
    (["--start", "明天", "--days", "7"], "错误：起算日期 --start：日期“明天”格式不对"),
    (["--start", "2024-09-27", "--days", "-1"], "错误：天数 --days 不能为负数，实为 -1"),
])
def test_bad_arguments_exit_2_in_chinese(tmp_path, capsys, args, message):
    path = tmp_path / "a.sqlite3"
    code, out, err = run(capsys, path, *args)
    assert code == 2 and out == "" and err.startswith(message)
    assert not path.exists()  # refused before the database is opened


def test_a_count_that_is_not_a_number_is_refused_by_argparse_in_chinese(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        run(capsys, tmp_path / "a.sqlite3", "--start", "2024-09-27", "--days", "七")
    assert stopped.value.code == 2
    assert "无效的值 '七'" in capsys.readouterr().err
