"""Reading a 改造计划 workbook: the good file, title rows and header synonyms as for the roll, and each bad
case located by sheet, row and column; hostile files refused before any parser sees them."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest

from desktop_app.domain.plan_record import PlanEstate
from desktop_app.exchange.errors import ReadFailure
from desktop_app.exchange.plan_reader import read_plan
from desktop_app.services.catalogue import shipped_entries
from tests.exchange.plan_workbooks import HEADERS, good_plan, row_number, with_cell, write_plan_workbook
from tests.exchange.workbooks import insert_doctype

CATALOGUE = shipped_entries()


def read(path):
    return read_plan(path, catalogue=CATALOGUE)


def located(result) -> set[tuple[str, int, str]]:
    return {(error.sheet, error.row, error.column) for error in result.errors}


def only_error(result):
    assert len(result.errors) == 1, [error.describe() for error in result.errors]
    return result.errors[0]


def test_the_good_plan(tmp_path):
    result = read(write_plan_workbook(tmp_path / "plan.xlsx", good_plan()))
    assert result.errors == [] and result.rows == 3
    first, area, _new = result.projects
    assert (first.code, first.plan_year, first.schedule.planned_start, first.schedule.actual_start) == \
        ("XM2024-001", 2024, date(2024, 3, 1), date(2024, 3, 15))
    assert first.estates == (PlanEstate("350402001", "幸福里小区", 6, 240),)
    assert area.estates == (PlanEstate("350402002", "和平小区", 4, None, "东街街道", "和平社区"),
                            PlanEstate("350402009", "新华小区", 3, None, "东街街道", "和平社区"))
    assert (area.declared_buildings, area.declared_households) == (None, 310)  # one number for two estates: the total
    assert [(i.name, i.category, i.quantity, i.planned_fen) for i in result.items[:3]] == [
        ("雨污分流", "基础类", "1200", 135000050), ("加装电梯", "完善类", "2", 120000000),
        ("外墙保温", "基础类", "35.5", 8800000)]
    assert [(f.source, f.planned_fen, f.allocated_fen, f.paid_fen) for f in result.funds] == [
        ("中央财政补助", 100000000, 80000000, 50000025), ("地方政府专项债券", 150000000, 150000000, 0),
        ("省级财政资金", 46000000, 20000000, 20000000)]
    assert result.project_rows == {"XM2024-001": 2, "XM2024-002": 3, "XM2025-001": 4}
    assert result.paid_places[("XM2024-001", "中央财政补助")] == (2, "已支付(元)（E列）")


def test_title_rows_synonyms_and_column_order(tmp_path):
    plan = good_plan()
    headers = {"项目": ("项目代码", "名称", "计划年度") + HEADERS["项目"][3:],
               "改造内容": HEADERS["改造内容"][:5] + ("计划投资",),
               "资金": ("编号", "来源", "计划", "下达", "已支付")}
    result = read(write_plan_workbook(tmp_path / "plan.xlsx", plan, headers=headers,
                                      title_rows=("XX区2024年老旧小区改造计划", "填报单位：住建局")))
    assert result.errors == [] and len(result.projects) == 3 and len(result.items) == 4 and len(result.funds) == 3
    assert result.project_rows["XM2024-001"] == 4


def test_blank_and_totals_rows_are_skipped(tmp_path):
    plan = good_plan()
    plan["资金"].append([None, None, None, None, None])
    plan["资金"].append(["", "合计", 2_960_000, 2_500_000, 700_000.25])
    result = read(write_plan_workbook(tmp_path / "plan.xlsx", plan))
    assert result.errors == [] and len(result.funds) == 3


@pytest.mark.parametrize("sheet, index, header, value, reason", [
    ("项目", 2, "项目编号", "", "项目编号不能为空"),
    ("项目", 0, "项目名称", None, "项目名称不能为空"),
    ("项目", 0, "年度", "明年", "四位数字"),
    ("项目", 0, "计划开工", "2024-02-30", "不存在"),
    ("项目", 0, "计划完工", date(2024, 2, 1), "计划完工日期早于计划开工日期"),
    ("项目", 0, "实际完工", date(2024, 3, 1), "实际完工日期早于实际开工日期"),
    ("项目", 1, "楼栋数", "4、3、2", "列出了 3 个数，但项目有 2 个小区"),
    ("项目", 0, "户数", -5, "负数"),
    ("改造内容", 0, "类别", "基本类", "改造类别“基本类”无效"),
    ("改造内容", 2, "类别", None, "不在改造内容目录中，请填写类别"),
    ("改造内容", 0, "计划投资(元)", 12.345, "两位小数"),
    ("改造内容", 1, "项目编号", "XM-NONE", "不在“项目”工作表中"),
    ("资金", 0, "资金来源", "彩票资金", "资金来源“彩票资金”无效"),
    ("资金", 0, "已支付(元)", 800_000.01, "超过已下达"),
    ("资金", 2, "下达(元)", "二十万", "不是数字"),
])
def test_each_bad_cell_is_located(tmp_path, sheet, index, header, value, reason):
    plan = with_cell(good_plan(), sheet, index, header, value)
    result = read(write_plan_workbook(tmp_path / "plan.xlsx", plan))
    error = only_error(result)
    letter = "ABCDEFGHIJKLMNO"[HEADERS[sheet].index(header)]
    assert (error.sheet, error.row, error.column) == (sheet, row_number(index), f"{header}（{letter}列）")
    assert reason in error.reason and error.file == "plan.xlsx"


def test_codes_and_names_of_a_pian_qu_must_pair(tmp_path):
    plan = with_cell(good_plan(), "项目", 1, "小区名称", "和平小区")
    error = only_error(read(write_plan_workbook(tmp_path / "plan.xlsx", plan)))
    assert (error.sheet, error.row, error.column) == ("项目", 3, "小区编码（D列）")
    assert "小区编码有 2 个，小区名称有 1 个" in error.reason


def test_a_duplicate_project_code_names_both_rows(tmp_path):
    plan = with_cell(good_plan(), "项目", 2, "项目编号", "XM2024-001")
    result = read(write_plan_workbook(tmp_path / "plan.xlsx", plan))
    error = only_error(result)
    assert (error.sheet, error.row, error.column) == ("项目", 4, "项目编号（A列）")
    assert "与第2行重复" in error.reason and "XM2024-001" in error.reason


def test_a_source_twice_for_one_project_names_both_rows(tmp_path):
    plan = with_cell(good_plan(), "资金", 1, "资金来源", "中央补助")  # a synonym of row 2's source
    error = only_error(read(write_plan_workbook(tmp_path / "plan.xlsx", plan)))
    assert (error.sheet, error.row, error.column) == ("资金", 3, "资金来源（B列）") and "与第2行重复" in error.reason


def test_a_formula_is_an_error_even_with_its_cached_value(tmp_path):
    plan = with_cell(good_plan(), "资金", 0, "已支付(元)", "=C2/2")
    error = only_error(read(write_plan_workbook(tmp_path / "plan.xlsx", plan)))
    assert (error.sheet, error.row, error.column, error.value) == ("资金", 2, "已支付(元)（E列）", "=C2/2")
    assert "公式" in error.reason


def test_a_missing_sheet_and_a_missing_header(tmp_path):
    path = write_plan_workbook(tmp_path / "plan.xlsx", good_plan(), sheets=("项目", "改造内容"))
    error = only_error(read(path))
    assert (error.sheet, error.row) == ("资金", 1) and "缺少工作表“资金”" in error.reason
    headers = {"资金": ("项目", "渠道", "钱")}
    error = only_error(read(write_plan_workbook(tmp_path / "plan2.xlsx", good_plan(), headers=headers)))
    assert error.sheet == "资金" and "找不到表头行" in error.reason and "“资金来源”" in error.reason


def test_errors_on_several_sheets_are_all_listed(tmp_path):
    plan = with_cell(good_plan(), "项目", 0, "年度", 1900)
    plan = with_cell(plan, "改造内容", 3, "改造内容", "")
    plan = with_cell(plan, "资金", 2, "已支付(元)", 300_000)
    assert located(read(write_plan_workbook(tmp_path / "plan.xlsx", plan))) == {
        ("项目", 2, "年度（C列）"), ("改造内容", 5, "改造内容（B列）"), ("资金", 4, "已支付(元)（E列）")}


def test_not_a_workbook_and_a_doctype_are_refused(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_text("项目编号,项目名称\n", encoding="utf-8")
    with pytest.raises(ReadFailure, match="不是 Excel 工作簿"):
        read(path)
    path = write_plan_workbook(tmp_path / "dtd.xlsx", good_plan())
    insert_doctype(path)
    with pytest.raises(ReadFailure, match="DTD"):
        read(path)


def test_a_corrupt_zip_is_refused(tmp_path):
    path = write_plan_workbook(tmp_path / "plan.xlsx", good_plan())
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])
    with pytest.raises(ReadFailure, match="“plan.xlsx”"):
        read(path)
    assert zipfile.is_zipfile(tmp_path / "plan.xlsx") is False
