"""The 表决票汇总 workbook: read back by our reader (and calamine) as the same ballots, the layout
formats.md asks for (frozen header, widths, drop-downs, 说明 sheet, no personal data), and LibreOffice
opens it."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from desktop_app.domain.errors import UserError
from desktop_app.domain.roll_record import RollRecord
from desktop_app.domain.tally import ABSTAIN, AGREE, BLANK, OPPOSE
from desktop_app.exchange.ballot_reader import read_ballots
from desktop_app.exchange.ballot_writer import BALLOT_SHEET, BallotExportRow, write_ballots

ROLL = [RollRecord("3", "1", "502", 8530, estate_code="E001", estate_name="幸福里"),
        RollRecord("3", "1", "601", 9000, estate_code="E001", estate_name="幸福里"),
        RollRecord("A", "", "101", 6000, estate_code="E001", estate_name="幸福里"),
        RollRecord("12", "2", "1203", 7000, estate_code="E001", estate_name="幸福里"),
        RollRecord("3", "1", "502", 7000, estate_name="和平新村")]  # an estate without a code
ITEMS = ["加装电梯", "外墙保温及防水（含屋面）", "1"]
ROWS = [BallotExportRow("E001", "3", "1", "502", (AGREE, OPPOSE, ABSTAIN), "纸质"),
        BallotExportRow("E001", "A", "", "101", (BLANK, BLANK, AGREE), "委托", "王小明"),
        BallotExportRow("E001", "12", "2", "1203", (ABSTAIN, AGREE, BLANK), "入户")]


def test_written_ballots_read_back_the_same(tmp_path):
    path = tmp_path / "ballots.xlsx"
    assert write_ballots(path, ITEMS, ROWS) == 3
    result = read_ballots(path, ROLL)
    assert result.errors == [] and result.sheet == BALLOT_SHEET and result.items == ITEMS
    assert [(b.room_key, b.choices, b.method, b.proxy) for b in result.ballots] == [
        ("E001 3号楼1单元502室", (AGREE, OPPOSE, ABSTAIN), "纸质", ""),
        ("E001 A101室", (BLANK, BLANK, AGREE), "委托", "王小明"),
        ("E001 12号楼2单元1203室", (ABSTAIN, AGREE, BLANK), "入户", "")]


def test_an_estate_without_a_code_gets_a_name_column(tmp_path):
    path = tmp_path / "ballots.xlsx"
    rows = [*ROWS, BallotExportRow("", "3", "1", "502", (AGREE, AGREE, AGREE), "现场", estate_name="和平新村")]
    write_ballots(path, ITEMS, rows)
    header = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(BALLOT_SHEET).to_python()[0]
    assert header[:5] == ["小区编码", "小区名称", "楼栋", "单元", "房号"]
    result = read_ballots(path, ROLL)
    assert result.errors == [] and result.ballots[-1].room_key == "和平新村 3号楼1单元502室"
    assert result.ballots[0].room_key == "E001 3号楼1单元502室"


def test_calamine_sees_the_layout_with_rooms_as_text_and_no_personal_columns(tmp_path):
    write_ballots(tmp_path / "ballots.xlsx", ITEMS, ROWS)
    workbook = CalamineWorkbook.from_path(str(tmp_path / "ballots.xlsx"))
    assert workbook.sheet_names == [BALLOT_SHEET, "说明"]
    rows = workbook.get_sheet_by_name(BALLOT_SHEET).to_python()
    assert rows[0] == ["小区编码", "楼栋", "单元", "房号", *ITEMS, "表决方式", "代理人"]
    assert rows[1] == ["E001", "3", "1", "502", "同意", "反对", "弃权", "纸质", ""]
    assert rows[2] == ["E001", "A", "", "101", "", "", "同意", "委托", "王小明"]
    assert rows[3][3] == "1203"
    instructions = [row[0] for row in workbook.get_sheet_by_name("说明").to_python()]
    assert set(ITEMS) <= set(instructions) and {"表决方式", "代理人", "房号"} <= set(instructions)


def test_layout_frozen_header_widths_and_drop_downs(tmp_path):
    write_ballots(tmp_path / "ballots.xlsx", ITEMS, ROWS)
    sheet = load_workbook(tmp_path / "ballots.xlsx")[BALLOT_SHEET]
    assert sheet.freeze_panes == "A2"
    assert sheet["D2"].number_format == "@" and sheet["B3"].number_format == "@"
    assert sheet.column_dimensions["F"].width >= 2 * len(ITEMS[1])  # a long item name fits
    assert 10 <= sheet.column_dimensions["G"].width < 20
    lists = {validation.formula1: str(validation.sqref) for validation in sheet.data_validations.dataValidation}
    assert lists == {'"同意,反对,弃权"': "E2:G1048576", '"纸质,现场,委托,入户"': "H2:H1048576"}


def test_no_ballots_gives_a_header_the_reader_accepts(tmp_path):
    assert write_ballots(tmp_path / "empty.xlsx", ITEMS, []) == 0
    result = read_ballots(tmp_path / "empty.xlsx", ROLL)
    assert result.errors == [] and result.items == ITEMS and result.ballots == [] and result.header_row == 1


@pytest.mark.parametrize("items, reason", [
    (["加装电梯", "备注"], "列名相同"),
    (["加装电梯", "房号"], "列名相同"),
    (["代理人"], "列名相同"),
    (["加装电梯", "加装电梯"], "重复"),
    ([" 加装电梯"], "首尾有空格"),
])
def test_item_names_that_would_not_read_back_are_refused(tmp_path, items, reason):
    with pytest.raises(UserError, match=reason):
        write_ballots(tmp_path / "bad.xlsx", items, [])
    assert not (tmp_path / "bad.xlsx").exists()


def test_a_row_with_wrong_answers_is_refused_and_nothing_written(tmp_path):
    with pytest.raises(UserError, match="应有 3 个"):
        write_ballots(tmp_path / "bad.xlsx", ITEMS, [BallotExportRow("E001", "3", "1", "502", (AGREE,))])
    with pytest.raises(UserError, match="赞成"):
        write_ballots(tmp_path / "bad.xlsx", ITEMS, [BallotExportRow("E001", "3", "1", "502", (AGREE, "赞成", ""))])
    assert not (tmp_path / "bad.xlsx").exists()


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed")
def test_libreoffice_opens_the_file_and_sees_the_chinese_text(tmp_path):
    write_ballots(tmp_path / "ballots.xlsx", ITEMS, ROWS)
    office = shutil.which("soffice") or shutil.which("libreoffice")
    done = subprocess.run(
        [office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
         "--outdir", str(tmp_path / "csv"), str(tmp_path / "ballots.xlsx")],
        capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "csv" / f"ballots-{BALLOT_SHEET}.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "小区编码,楼栋,单元,房号,加装电梯,外墙保温及防水（含屋面）,1,表决方式,代理人"
    assert lines[1] == "E001,3,1,502,同意,反对,弃权,纸质,"
    assert lines[2] == "E001,A,,101,,,同意,委托,王小明"
    instructions = (tmp_path / "csv" / "ballots-说明.csv").read_text(encoding="utf-8")
    assert "填写说明" in instructions and "空白票" in instructions


def test_a_place_that_cannot_be_written_fails_before_anything_is_built(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_ballots(tmp_path / "missing" / "ballots.xlsx", ITEMS, ROWS)
    (tmp_path / "ballots.xlsx").write_bytes(b"old")
    with pytest.raises(UserError):  # a bad row: the old file is left as it was
        write_ballots(tmp_path / "ballots.xlsx", ITEMS, [BallotExportRow("E001", "3", "1", "502", (AGREE,))])
    assert (tmp_path / "ballots.xlsx").read_bytes() == b"old"
