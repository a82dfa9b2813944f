"""`desktop-app --db PATH demo` writes the demo street once and prints a Chinese summary."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from desktop_app.main import main
from desktop_app.models import Community, Estate, Resident, Room, open_database


def numbers_in(text: str) -> dict[str, int]:
    """{'个社区': 2, '个小区': 6, '户': 1516, ...} from the printed summary."""
    return {unit: int(number) for number, unit in re.findall(r"(\d+) ?(个社区|个小区|栋楼|个单元|户，)", text)}


def test_demo_command_writes_the_street_and_prints_its_counts(tmp_path, capsys):
    path = tmp_path / "demo.sqlite3"
    assert main(["--db", str(path), "demo"]) == 0
    output = capsys.readouterr().out
    assert "已写入示例数据" in output
    assert "东湖街道" in output
    database = open_database(path)
    try:
        printed = numbers_in(output)
        assert printed["个社区"] == Community.select().count() == 2
        assert printed["个小区"] == Estate.select().count() == 6
        assert printed["户，"] == Room.select().count()
        assert f"居民 {Resident.select().count()} 人" in output
    finally:
        database.close()


def test_demo_command_twice_reports_that_nothing_was_added(tmp_path, capsys):
    path = tmp_path / "demo.sqlite3"
    assert main(["--db", str(path), "demo"]) == 0
    first = capsys.readouterr().out
    assert main(["--db", str(path), "demo"]) == 0
    second = capsys.readouterr().out
    assert "没有重复写入" in second
    assert numbers_in(first) == numbers_in(second)


def test_demo_command_runs_as_a_process(tmp_path):
    path = tmp_path / "demo.sqlite3"
    completed = subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(path), "demo"],
                               capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert completed.returncode == 0, completed.stderr
    assert "东湖街道" in completed.stdout


def test_demo_command_refuses_a_file_that_is_not_a_database(tmp_path, capsys):
    path = tmp_path / "not-a-database.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(path), "demo"])
    assert exit_.value.code == 1
    assert "错误" in capsys.readouterr().err
    assert path.read_bytes() == b"this is not sqlite" * 100
