"""`desktop-app indicators`: the same figures as the services, as JSON or a Chinese table, and exit 2 for a
bad argument with nothing but a Chinese message."""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop_app.main import main
from desktop_app.models.clock import FixedClock
from desktop_app.services.workspace import Workspace
from tests.services.projects.dataset import build_dataset


@pytest.fixture
def db_file(tmp_path):
    path = tmp_path / "city.sqlite3"
    workspace = Workspace.open(path, FixedClock(date(2024, 12, 31)))
    build_dataset()
    workspace.close()
    return path


def run(capsys, path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(path), "indicators", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_for_a_street_and_two_plan_years(db_file, capsys):
    code, out, err = run(capsys, db_file, "--scope", "350102", "--from-year", "2023", "--to-year", "2024",
                         "--as-of", "2024-12-31", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert list(data) == ["projects", "estates", "buildings", "households", "items", "items_pct", "investment_pct",
                          "funds", "funds_by_source", "late", "not_started", "complaints", "consultations"]
    assert (data["projects"], data["estates"], data["buildings"], data["households"]) == (2, 3, 6, 69)
    assert data["funds"] == {"planned": "8100.00", "allocated": "7000.00", "paid": "4500.00", "progress_pct": "64.29"}
    assert data["late"] == {"due": 2, "late": 1, "pct": "50.00"}
    assert data["not_started"] == {"due": 2, "count": 0, "pct": "0.00"}
    assert "committees" not in data and "elevators" not in data  # not built yet: absent, not zero


def test_the_readable_table_is_chinese(db_file, capsys):
    code, out, _ = run(capsys, db_file, "--as-of", "2024-12-31")
    assert code == 0
    assert "统计范围：全部" in out and "统计日期：2024-12-31" in out
    assert "未按期完工" in out and "资金支付进度" in out
    assert "分母为零时不给出比例" in out


@pytest.mark.parametrize("args,message", [
    (["--scope", "nosuch"], "找不到编码为“nosuch”的小区、社区或街道"),
    (["--as-of", "2024-02-30"], "统计日期"),
    (["--from-year", "2025", "--to-year", "2024"], "起始年度 2025 晚于截止年度 2024"),
    (["--from-year", "1800"], "起始年度 1800"),
])
def test_bad_arguments_exit_2_with_a_chinese_message(db_file, capsys, args, message):
    code, out, err = run(capsys, db_file, *args)
    assert code == 2 and out == ""
    assert message in err and err.startswith("错误：")


def test_the_default_as_of_is_today(tmp_path, capsys):
    path = tmp_path / "empty.sqlite3"
    code, out, _ = run(capsys, path, "--json")
    assert code == 0
    assert json.loads(out)["projects"] == 0


def test_json_has_committees_only_once_committee_records_exist(db_file, capsys):
    from desktop_app.models import Estate
    from desktop_app.services.committee import add_management

    code, out, _ = run(capsys, db_file, "--as-of", "2024-12-31", "--json")
    assert code == 0 and "committees" not in json.loads(out)
    workspace = Workspace.open(db_file, FixedClock(date(2024, 12, 31)))
    estates = Estate.select().count()
    add_management(Estate.select().first().id, "物业公司", company="安居物业", from_on=date(2024, 1, 1))
    workspace.close()
    code, out, _ = run(capsys, db_file, "--as-of", "2024-12-31", "--json")
    committees = json.loads(out)["committees"]
    assert (committees["estates"], committees["property_service"], committees["none"]) == (estates, 1, estates - 1)
    assert committees["owners_committee"] == 0 and committees["owners_committee_pct"] == "0.00"
