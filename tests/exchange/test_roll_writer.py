"""The roll and template workbooks: read back with calamine and by our reader, the layout formats.md
asks for (frozen header, widths, 0.00 areas, drop-downs, 说明 sheet), and LibreOffice opens them."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from desktop_app.domain.roll_record import RollRecord
from desktop_app.exchange.roll_columns import ROLL_COLUMNS
from desktop_app.exchange.roll_reader import read_roll
from desktop_app.exchange.roll_writer import ROLL_SHEET, write_roll, write_roll_template
from tests.exchange.workbooks import COMPANY, ZHANG, good_rows, write_workbook

HEADERS = [column.header for column in ROLL_COLUMNS]


def records(tmp_path) -> list[RollRecord]:
    result = read_roll(write_workbook(tmp_path / "source.xlsx", good_rows()), today=date.today())
    assert result.errors == []
    return result.records


def test_written_roll_reads_back_the_same_records(tmp_path):
    original = records(tmp_path)
    assert write_roll(tmp_path / "roll.xlsx", original) == 6
    again = read_roll(tmp_path / "roll.xlsx", today=date.today())
    assert again.errors == [] and again.sheet == ROLL_SHEET and again.records == original


def test_calamine_sees_text_ids_and_numeric_areas(tmp_path):
    write_roll(tmp_path / "roll.xlsx", records(tmp_path))
    workbook = CalamineWorkbook.from_path(str(tmp_path / "roll.xlsx"))
    assert workbook.sheet_names == [ROLL_SHEET, "说明"]
    rows = workbook.get_sheet_by_name(ROLL_SHEET).to_python()
    assert rows[0] == HEADERS
    first = dict(zip(HEADERS, rows[1]))
    assert first["证件号码"] == ZHANG and first["房号"] == "502" and first["楼栋"] == "3"
    assert first["专有面积(㎡)"] == 85.3 and first["业主类型"] == "个人" and first["共有人"] == "李四、王五"
    assert dict(zip(HEADERS, rows[4]))["证件号码"] == COMPANY


def test_layout_frozen_header_widths_formats_and_drop_downs(tmp_path):
    write_roll(tmp_path / "roll.xlsx", records(tmp_path))
    workbook = load_workbook(tmp_path / "roll.xlsx")
    sheet = workbook[ROLL_SHEET]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["K"].width >= 20  # 18-character ID numbers fit
    assert sheet.column_dimensions["G"].width >= 12
    assert sheet["G2"].number_format == "0.00" and sheet["K2"].number_format == "@"
    lists = {validation.formula1: str(validation.sqref) for validation in sheet.data_validations.dataValidation}
    assert lists == {'"不动产登记,实测,合同"': "H2:H1048576", '"个人,单位,建设单位未售"': "I2:I1048576"}
    explained = [row[0] for row in workbook["说明"].iter_rows(min_row=5, max_row=4 + len(HEADERS), values_only=True)]
    assert explained == HEADERS


def test_template_is_empty_with_two_examples_on_the_instruction_sheet(tmp_path):
    write_roll_template(tmp_path / "template.xlsx")
    result = read_roll(tmp_path / "template.xlsx", today=date.today())
    assert result.sheet == ROLL_SHEET and result.rows == 0 and result.errors == []
    examples = read_roll(tmp_path / "template.xlsx", sheet="说明", today=date.today())
    assert examples.errors == [] and len(examples.records) == 2
    assert {record.owner_kind for record in examples.records} == {"person", "organisation"}


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed")
def test_libreoffice_opens_the_files_and_sees_the_chinese_text(tmp_path):
    write_roll(tmp_path / "roll.xlsx", records(tmp_path))
    write_roll_template(tmp_path / "template.xlsx")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    for name in ("roll", "template"):
        done = subprocess.run(
            [office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
             "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
             "--outdir", str(tmp_path / "csv"), str(tmp_path / f"{name}.xlsx")],
            capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
    text = (tmp_path / "csv" / f"roll-{ROLL_SHEET}.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("小区编码,小区名称,楼栋")
    assert lines[1].startswith(f"E001,幸福里,3,1,5,502,85.30,不动产登记,个人,张三,{ZHANG},13800138000,李四、王五")
    assert "60.00" in lines[3]  # the 0.00 format as shown
    instructions = (tmp_path / "csv" / "template-说明.csv").read_text(encoding="utf-8")
    assert "示例小区" in instructions and "填写说明" in instructions
