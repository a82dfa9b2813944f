"""`desktop-app tally`: recount from a roll and a 表决票汇总 workbook written in tmp_path, no database;
exit codes 0/1/2, the exact --json shape, located errors, the head rules through the files."""

from __future__ import annotations

import json

import pytest

from desktop_app.main import main
from tests.exchange.workbooks import HEADERS, resident_id, write_workbook

BALLOT_HEADERS = ("楼栋", "单元", "房号", "加装电梯", "表决方式", "代理人")


def person(number: int) -> str:
    return resident_id(f"35040219800101{number:03d}")


def roll_row(room: str, area: str, owner: int, *, building: str = "3", kind: str = "个人") -> tuple:
    values = dict(zip(HEADERS, [""] * len(HEADERS)))
    values.update({"小区编码": "E001", "小区名称": "幸福里", "楼栋": building, "单元": "1", "房号": room,
                   "专有面积(㎡)": area, "业主类型": kind})
    if kind != "建设单位未售":
        values.update({"业主姓名": f"业主{owner}", "证件号码": person(owner)})
    return tuple(values[header] for header in HEADERS)


def write_roll(tmp_path, rooms) -> str:
    """rooms: (room, area, owner number) one-person rooms of building 3 unit 1."""
    return str(write_workbook(tmp_path / "roll.xlsx", [roll_row(*room) for room in rooms]))


def write_ballots(tmp_path, rows, headers=BALLOT_HEADERS) -> str:
    return str(write_workbook(tmp_path / "ballots.xlsx", rows, headers=headers, sheet="表决票汇总"))


def run(capsys, roll, ballots, rule="special", *extra) -> tuple[int, dict]:
    code = main(["tally", "--roll", roll, "--ballots", ballots, "--rule", rule, "--json", *extra])
    return code, json.loads(capsys.readouterr().out)


def votes(area: str, heads: int) -> dict:
    return {"area": area, "heads": heads}


def test_a_passing_special_vote_exact_json(tmp_path, capsys):
    roll = write_roll(tmp_path, [("101", "85.30", 1), ("102", "90", 2), ("201", "60.5", 3), ("202", "70", 4)])
    ballots = write_ballots(tmp_path, [("3", "1", "101", "同意", "纸质", ""), ("3", "1", "102", "同意", "", ""),
                                       ("3号楼", "1单元", "201室", "同意", "委托", "李四")])
    code, document = run(capsys, roll, ballots)
    assert code == 0
    assert document == {
        "rule": "special", "total": votes("305.80", 4), "errors": [],
        "items": [{"item": "加装电梯", "participating": votes("235.80", 3), "agree": votes("235.80", 3),
                   "oppose": votes("0.00", 0), "abstain": votes("0.00", 0), "blank": votes("0.00", 0),
                   "quorate": True, "passed": True,
                   "shortfall": {"participation_area": "0.00", "participation_heads": 0, "agree_area": "0.00",
                                 "agree_heads": 0}}],
    }


@pytest.mark.parametrize("third_area,quorate", [("100.00", True), ("100.01", False)])
def test_participation_boundary_and_one_hundredth_below(tmp_path, capsys, third_area, quorate):
    roll = write_roll(tmp_path, [("101", "100", 1), ("102", "100.00", 2), ("201", third_area, 3)])
    ballots = write_ballots(tmp_path, [("3", "1", "101", "同意", "", ""), ("3", "1", "102", "同意", "", "")])
    code, document = run(capsys, roll, ballots)
    item = document["items"][0]
    assert code == 0 and item["quorate"] is quorate and item["passed"] is quorate
    assert item["shortfall"]["participation_area"] == ("0.00" if quorate else "0.01")
    assert item["shortfall"]["participation_heads"] == 0


def test_owner_of_several_rooms_and_developer_through_the_files(tmp_path, capsys):
    rows = [roll_row("101", "100", 1), roll_row("102", "50", 1), roll_row("201", "80", 2),
            roll_row("202", "70", 0, kind="建设单位未售"), roll_row("301", "70", 0, kind="建设单位未售"),
            roll_row("302", "60", 3)]
    roll = str(write_workbook(tmp_path / "roll.xlsx", rows))
    ballots = write_ballots(tmp_path, [("3", "1", "101", "同意", "", ""), ("3", "1", "102", "同意", "", ""),
                                       ("3", "1", "202", "反对", "", ""), ("3", "1", "301", "反对", "", ""),
                                       ("3", "1", "302", "同意", "", "")])
    code, document = run(capsys, roll, ballots, "ordinary")
    item = document["items"][0]
    assert code == 0 and document["total"] == votes("430.00", 4)  # 业主1, 业主2, 建设单位, 业主3
    assert item["agree"] == votes("210.00", 2) and item["oppose"] == votes("140.00", 1)
    assert item["participating"] == votes("350.00", 3) and item["passed"] is True


def test_one_owner_answering_differently_is_located(tmp_path, capsys):
    roll = str(write_workbook(tmp_path / "roll.xlsx", [roll_row("101", "100", 1), roll_row("102", "50", 1),
                                                       roll_row("201", "80", 2)]))
    ballots = write_ballots(tmp_path, [("3", "1", "101", "同意", "", ""), ("3", "1", "102", "反对", "", "")])
    code, document = run(capsys, roll, ballots)
    assert code == 2 and document["items"] == [] and document["total"] is None
    assert [(e["row"], e["column"], e["value"]) for e in document["errors"]] == \
        [(2, "加装电梯（D列）", "同意"), (3, "加装电梯（D列）", "反对")]
    assert "E001 3号楼1单元102室为“反对”" in document["errors"][0]["reason"]


def test_bad_ballot_value_located_by_row_and_column(tmp_path, capsys):
    roll = write_roll(tmp_path, [("101", "100", 1), ("102", "100", 2)])
    ballots = write_ballots(tmp_path, [("3", "1", "101", "同意", "", ""), ("3", "1", "102", "√", "", "")])
    code, document = run(capsys, roll, ballots)
    assert code == 2
    (error,) = document["errors"]
    assert (error["file"], error["sheet"], error["row"], error["column"], error["value"]) == \
        ("ballots.xlsx", "表决票汇总", 3, "加装电梯（D列）", "√")
    assert "只能填 同意、反对 或 弃权" in error["reason"]


def test_unknown_room_repeated_room_and_proxy_without_name(tmp_path, capsys):
    roll = write_roll(tmp_path, [("101", "100", 1), ("102", "100", 2)])
    ballots = write_ballots(tmp_path, [("3", "1", "101", "同意", "", ""), ("3", "1", "909", "同意", "", ""),
                                       ("3", "1", "101", "反对", "", ""), ("3", "1", "102", "同意", "委托", "")])
    code = main(["tally", "--roll", roll, "--ballots", ballots, "--rule", "special"])
    err = capsys.readouterr().err
    assert code == 2
    assert "ballots.xlsx “表决票汇总”第3行 房号（C列）：“909” — 名册中没有这间房屋（3-1-909）" in err
    assert "第4行 房号（C列）：“101” — 与第2行是同一间房屋" in err
    assert "第5行 代理人（F列） — 表决方式为委托时必须填写代理人姓名" in err
    assert "发现 3 处错误，未计票" in err


def test_blank_participates_no_changes_the_verdict(tmp_path, capsys):
    roll = write_roll(tmp_path, [(f"10{n}", "100", n) for n in range(1, 6)])
    ballots = write_ballots(tmp_path, [("3", "1", "101", "同意", "", ""), ("3", "1", "102", "同意", "", ""),
                                       ("3", "1", "103", "同意", "", ""), ("3", "1", "104", "反对", "", ""),
                                       ("3", "1", "105", "", "", "")])
    code, counted = run(capsys, roll, ballots)
    assert code == 0 and counted["items"][0]["passed"] is False
    assert counted["items"][0]["shortfall"]["agree_area"] == "75.00"
    code, left_out = run(capsys, roll, ballots, "special", "--blank-participates", "no")
    assert code == 0 and left_out["items"][0]["passed"] is True
    assert left_out["items"][0]["blank"] == votes("100.00", 1)
    assert left_out["items"][0]["participating"] == votes("400.00", 4)


def test_readable_table_without_json(tmp_path, capsys):
    roll = write_roll(tmp_path, [("101", "85.30", 1), ("102", "100", 2), ("103", "100", 3)])
    ballots = write_ballots(tmp_path, [("3", "1", "102", "同意", "", "")])
    assert main(["tally", "--roll", roll, "--ballots", ballots, "--rule", "ordinary"]) == 0
    out = capsys.readouterr().out
    assert "【加装电梯】未达参与门槛" in out
    assert "参与面积还差 90.20㎡，参与人数还差 1 人" in out
    assert "共 1 个事项，通过 0 个。" in out


def test_a_file_that_is_not_a_workbook_is_invalid_input_exit_2(tmp_path, capsys):
    roll = write_roll(tmp_path, [("101", "100", 1)])
    fake = tmp_path / "ballots.xlsx"
    fake.write_text("楼栋,房号,加装电梯\n3,101,同意\n", encoding="utf-8")
    assert main(["tally", "--roll", roll, "--ballots", str(fake), "--rule", "special", "--json"]) == 2
    output = json.loads(capsys.readouterr().out)
    assert output["total"] is None and output["items"] == []
    [error] = output["errors"]
    assert error["file"] == "ballots.xlsx" and error["row"] == 0 and "ballots.xlsx" in error["reason"]
    assert main(["tally", "--roll", str(fake), "--ballots", str(fake), "--rule", "special"]) == 2
    assert "ballots.xlsx" in capsys.readouterr().err
    assert main(["tally", "--roll", str(tmp_path / "absent.xlsx"), "--ballots", str(fake), "--rule", "special"]) == 2
    assert "absent.xlsx：找不到文件" in capsys.readouterr().err


def test_never_opens_a_database(tmp_path, capsys):
    roll = write_roll(tmp_path, [("101", "100", 1)])
    ballots = write_ballots(tmp_path, [("3", "1", "101", "同意", "", "")])
    database = tmp_path / "absent" / "app.sqlite3"
    assert main(["--db", str(database), "tally", "--roll", roll, "--ballots", ballots, "--rule", "special"]) == 0
    assert not database.parent.exists()
    capsys.readouterr()
