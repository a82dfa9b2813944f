"""Reading a 表决票汇总 sheet against a roll: header found like the roll's, items = the other columns,
answers 同意/反对/弃权/blank, every other problem located by row and column."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from desktop_app.domain.roll_record import RollRecord
from desktop_app.domain.tally import ABSTAIN, AGREE, BLANK, OPPOSE
from desktop_app.exchange.ballot_reader import read_ballots
from desktop_app.exchange.errors import ReadFailure
from tests.exchange.workbooks import add_cached_value, write_workbook

ROLL = [RollRecord("3", "1", "502", 8530, estate_code="E001", estate_name="幸福里"),
        RollRecord("3", "1", "601", 9000, estate_code="E001", estate_name="幸福里"),
        RollRecord("A", "", "101", 6000, estate_code="E001", estate_name="幸福里"),
        RollRecord("3", "1", "502", 7000, estate_code="E002", estate_name="和平新村")]


def write(tmp_path, rows, headers=("楼栋", "单元", "房号", "加装电梯", "外墙保温"), **options):
    return write_workbook(tmp_path / "ballots.xlsx", rows, headers=headers, sheet="表决票汇总", **options)


def located(result):
    return [(e.row, e.column, e.value) for e in result.errors]


def test_title_rows_synonyms_full_width_answers_and_blank(tmp_path):
    path = write(tmp_path, [("E001", "3号楼", "1单元", "601室", " 同 意 ", "反对", "纸质"),
                            ("E001", "A座", None, 101, "弃权", None, "")],
                 headers=("小区编码", "楼号", "单元号", "室号", "加装电梯", "外墙保温", "投票方式"),
                 title_rows=[("幸福里改造内容表决票汇总",), ()], merges=["A1:G1"])
    result = read_ballots(path, ROLL)
    assert result.errors == []
    assert (result.header_row, result.items, result.item_columns) == (3, ["加装电梯", "外墙保温"], [4, 5])
    assert [(b.row, b.room_key, b.choices, b.method) for b in result.ballots] == [
        (4, "E001 3号楼1单元601室", (AGREE, OPPOSE), "纸质"), (5, "E001 A101室", (ABSTAIN, BLANK), "")]


def test_estate_decides_between_two_rooms_of_the_same_number(tmp_path):
    ambiguous = read_ballots(write(tmp_path, [("3", "1", "502", "同意", "")]), ROLL)
    assert located(ambiguous) == [(2, "房号（C列）", "502")]
    assert "2 个小区都有这间房屋，请填写小区编码" in ambiguous.errors[0].reason
    by_name = read_ballots(write(tmp_path, [("和平新村", "3", "1", "502", "同意", "")],
                                 headers=("小区名称", "楼栋", "单元", "房号", "加装电梯", "外墙保温")), ROLL)
    assert by_name.errors == [] and by_name.ballots[0].room_key == "E002 3号楼1单元502室"


def test_answers_other_than_the_three_words_are_located(tmp_path):
    path = write(tmp_path, [("3", "1", "601", "√", 1), ("A座", "", "101", "同意x", "赞成")])
    result = read_ballots(path, ROLL)
    assert located(result) == [(2, "加装电梯（D列）", "√"), (2, "外墙保温（E列）", "1"),
                               (3, "加装电梯（D列）", "同意x"), (3, "外墙保温（E列）", "赞成")]
    assert result.ballots == []


def test_roll_columns_and_repeated_items_in_the_header(tmp_path):
    result = read_ballots(write(tmp_path, [("3", "1", "601", "同意", "张三", "同意")],
                                headers=("楼栋", "单元", "房号", "加装电梯", "业主姓名", "加装电梯")), ROLL)
    assert located(result) == [(1, "业主姓名（E列）", "业主姓名"), (1, "加装电梯（F列）", "加装电梯")]
    assert "名册的列" in result.errors[0].reason and "与加装电梯（D列）重名" in result.errors[1].reason
    assert result.ballots == []


def test_no_item_column_and_no_header(tmp_path):
    result = read_ballots(write(tmp_path, [("3", "1", "601")], headers=("楼栋", "单元", "房号")), ROLL)
    assert "没有表决事项列" in result.errors[0].reason
    result = read_ballots(write(tmp_path, [("3", "601", "同意")], headers=("甲", "乙", "丙")), ROLL)
    assert result.header_row == 0 and "找不到表头行" in result.errors[0].reason


def test_unnamed_column_totals_row_and_method(tmp_path):
    path = write(tmp_path, [("3", "1", "601", "同意", "现场", "", "多余"), ("3", "1", "502", "同意", "上门", "", ""),
                            (None, None, None, "合计", None, None, None)],
                 headers=("楼栋", "单元", "房号", "加装电梯", "表决方式", "代理人", None))
    result = read_ballots(path, ROLL[:3])
    assert located(result) == [(2, "G列", "多余"), (3, "表决方式（E列）", "上门")]
    assert result.rows == 2


def test_formula_without_cached_value_and_with_one(tmp_path):
    path = write(tmp_path, [("3", "1", "601", '=IF(1,"同意","反对")', "反对")])
    result = read_ballots(path, ROLL)
    assert located(result) == [(2, "加装电梯（D列）", "")] and "公式" in result.errors[0].reason
    add_cached_value(path, "D2", "同意")
    cached = read_ballots(path, ROLL)
    assert cached.errors == [] and cached.ballots[0].choices == (AGREE, OPPOSE)


def test_proxy_column_missing_is_named_plainly(tmp_path):
    path = write(tmp_path, [("3", "1", "601", "同意", "委托")], headers=("楼栋", "单元", "房号", "加装电梯", "表决方式"))
    assert located(read_ballots(path, ROLL)) == [(2, "代理人", "")]


def test_sheet_choice_and_unreadable_files(tmp_path):
    workbook = Workbook()
    workbook.active.title = "说明"
    workbook.active.append(["楼栋", "单元", "房号", "说明"])
    ballots = workbook.create_sheet("表决票")
    ballots.append(["楼栋", "单元", "房号", "绿化"])
    ballots.append(["3", "1", "502室", "反对"])
    path = tmp_path / "two.xlsx"
    workbook.save(path)
    result = read_ballots(path, ROLL[:3])
    assert result.sheet == "表决票" and result.ballots[0].choices == (OPPOSE,)
    with pytest.raises(ReadFailure, match="没有名为“汇总”的工作表"):
        read_ballots(path, ROLL, sheet="汇总")
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip at all")
    with pytest.raises(ReadFailure, match="bad.xlsx"):
        read_ballots(tmp_path / "bad.xlsx", ROLL)
