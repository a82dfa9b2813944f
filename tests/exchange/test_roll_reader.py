"""Reading hand-made roll workbooks: every good shape accepted, every bad cell located and explained."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook

from desktop_app.domain.roll_record import RollRecord
from desktop_app.exchange.roll_reader import read_roll
from tests.exchange.workbooks import (
    COMPANY, HEADERS, LI, WANG, ZHANG, add_cached_value, good_rows, write_workbook,
)


def one_error(result):
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


def row(**changes):
    """A valid row of the standard layout with some cells changed (by header)."""
    values = dict(zip(HEADERS, good_rows()[0]))
    for name, value in changes.items():
        values[next(header for header in HEADERS if header.startswith(name))] = value
    return tuple(values[header] for header in HEADERS)


def test_a_good_file_gives_normalised_records(tmp_path):
    result = read_roll(write_workbook(tmp_path / "roll.xlsx", good_rows()), today=date.today())
    assert result.errors == [] and result.invalid_rows == set()
    assert result.rows == 6 and result.header_row == 1 and result.sheet == "名册"
    assert result.record_rows == [2, 3, 4, 5, 6, 7]
    first, second, third, work_unit, unsold, _ = result.records
    assert first == RollRecord(building="3", unit="1", room="502", area_centi=8530, estate_code="E001",
                               estate_name="幸福里", floor=5, owner_kind="person", owner_name="张三",
                               id_number=ZHANG, phone="13800138000", co_owners=("李四", "王五"))
    assert (second.building, second.unit, second.floor, second.area_centi, second.area_source, second.note) == \
        ("3", "1", 6, 9012, "实测", "顶楼")
    assert (third.building, third.unit, third.room, third.floor, third.area_centi) == ("3", "2", "101", 1, 6000)
    assert (third.area_source, third.owner_kind, third.phone) == ("不动产登记", "person", "0591-87654321")
    assert (work_unit.unit, work_unit.owner_kind, work_unit.id_number) == ("", "organisation", COMPANY)
    assert (unsold.owner_kind, unsold.owner_name, unsold.id_number) == ("developer", "", "")
    assert result.mapping["area"] == "专有面积(㎡)"


def test_synonyms_any_order_extra_columns_and_street_community(tmp_path):
    headers = ("序号", "街道", "社区", "小区", "门牌号", "楼号", "单元号", "建筑面积（平方米）", "产权人",
               "身份证号码", "手机号码", "共有权人", "层", "随便一列")
    rows = [(1, "东湖街道", "幸福社区", "幸福里", "0502室", "第3栋", "一单元", "85.30㎡", "张三", ZHANG.lower()[:-1] +
             ZHANG[-1].lower(), "138 0013 8000", "李四;王五", "5层", "x")]
    result = read_roll(write_workbook(tmp_path / "roll.xlsx", rows, headers=headers), today=date.today())
    assert result.errors == []
    record = result.records[0]
    assert (record.estate_name, record.street, record.community) == ("幸福里", "东湖街道", "幸福社区")
    assert (record.building, record.unit, record.room, record.floor, record.area_centi) == ("3", "1", "0502", 5, 8530)
    assert (record.id_number, record.phone, record.co_owners) == (ZHANG, "13800138000", ("李四", "王五"))
    assert "序号" not in result.mapping.values() and "随便一列" not in result.mapping.values()


def test_mapping_overrides_detection(tmp_path):
    headers = ("小区名称", "楼栋", "房号", "专有面积", "建筑面积", "业主姓名")
    rows = [("幸福里", 3, 502, 85.3, 99.99, "张三")]
    path = write_workbook(tmp_path / "roll.xlsx", rows, headers=headers)
    assert read_roll(path, today=date.today()).records[0].area_centi == 8530  # the more specific synonym wins
    assert read_roll(path, mapping={"area": "建筑面积"}, today=date.today()).records[0].area_centi == 9999
    missing = read_roll(path, mapping={"area": "套内面积"}, today=date.today())
    assert missing.records == [] and "“套内面积”" in one_error(missing).reason


def test_title_rows_and_merged_title_cells_are_skipped(tmp_path):
    titles = [("幸福里小区房屋业主名册",), ("填表单位：幸福社区", None, None, None, "2024年5月")]
    path = write_workbook(tmp_path / "roll.xlsx", good_rows(), title_rows=titles, merges=("A1:N1", "A2:D2"))
    result = read_roll(path, today=date.today())
    assert result.header_row == 3 and result.errors == [] and len(result.records) == 6
    assert result.record_rows[0] == 4


def test_two_level_header_with_vertically_merged_cells(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["幸福里业主名册"])
    sheet.append(["小区名称", "楼栋", "房号", "专有面积(㎡)", "业主信息", None])
    sheet.append([None, None, None, None, "业主姓名", "证件号码"])
    sheet.append(["幸福里", "3", "502", 85.3, "张三", ZHANG])
    for cell_range in ("A1:F1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:F2"):
        sheet.merge_cells(cell_range)
    workbook.save(tmp_path / "roll.xlsx")
    result = read_roll(tmp_path / "roll.xlsx", today=date.today())
    assert result.errors == [] and result.header_row == 3
    assert result.records[0].owner_name == "张三" and result.records[0].area_centi == 8530
    assert result.record_rows == [4]


def test_blank_rows_inside_and_after_the_data_are_ignored(tmp_path):
    rows = good_rows()
    rows = rows[:2] + [(None,) * 14, ("",) * 14] + rows[2:] + [(None,) * 14] * 5 + [(" ",) * 14]
    result = read_roll(write_workbook(tmp_path / "roll.xlsx", rows), today=date.today())
    assert result.errors == [] and result.rows == 6
    assert result.record_rows == [2, 3, 6, 7, 8, 9]


def test_missing_required_column_is_one_error_naming_it(tmp_path):
    headers = tuple(header for header in HEADERS if header != "房号")
    rows = [tuple(value for header, value in zip(HEADERS, good_rows()[0]) if header != "房号")]
    result = read_roll(write_workbook(tmp_path / "roll.xlsx", rows, headers=headers), today=date.today())
    error = one_error(result)
    assert result.records == [] and error.row == 1 and error.column == "房号"
    assert "缺少必需的列“房号”" in error.reason


def test_estate_columns_may_be_missing_when_the_estate_is_given(tmp_path):
    headers = HEADERS[2:]
    rows = [r[2:] for r in good_rows()]
    path = write_workbook(tmp_path / "roll.xlsx", rows, headers=headers)
    assert "小区编码" in one_error(read_roll(path, today=date.today())).reason
    result = read_roll(path, estate_code="E009", today=date.today())
    assert result.errors == [] and {r.estate_code for r in result.records} == {"E009"}


def test_estate_code_given_for_a_file_with_two_estates_is_an_error(tmp_path):
    headers = HEADERS[1:]
    rows = [r[1:] for r in good_rows()[:2]]
    rows[1] = ("安康苑",) + rows[1][1:]
    error = one_error(read_roll(write_workbook(tmp_path / "roll.xlsx", rows, headers=headers), estate_code="E1", today=date.today()))
    assert (error.row, error.column, error.value) == (3, "小区名称（A列）", "安康苑")
    assert "第2行是“幸福里”" in error.reason


def test_duplicate_room_names_the_first_row(tmp_path):
    rows = good_rows() + [row(楼栋="3幢", 单元="一单元", 房号="502室", 证件号码=LI, 业主姓名="李四")]
    result = read_roll(write_workbook(tmp_path / "roll.xlsx", rows), today=date.today())
    error = one_error(result)
    assert (error.row, error.column, error.value) == (8, "房号（F列）", "502")
    assert "与第2行重复" in error.reason
    assert result.invalid_rows == {8} and len(result.records) == 6


def test_bad_areas(tmp_path):
    rows = [row(房号="501", 专有面积="0"), row(房号="502", 专有面积=-3),
            row(房号="503", 专有面积="85.305"), row(房号="504", 专有面积="八十五"), row(房号="505", 专有面积=None)]
    result = read_roll(write_workbook(tmp_path / "roll.xlsx", rows), today=date.today())
    assert result.records == [] and result.invalid_rows == {2, 3, 4, 5, 6}
    reasons = {error.row: (error.column, error.value, error.reason) for error in result.errors}
    assert reasons[2] == ("专有面积(㎡)（G列）", "0", "面积必须大于0")
    assert reasons[3][2] == "面积必须大于0"
    assert reasons[4][1:] == ("85.305", "面积最多两位小数（85.305）")
    assert "不是数字" in reasons[5][2]
    assert reasons[6][2] == "专有面积不能为空"


def test_wrong_id_check_digit(tmp_path):
    wrong = ZHANG[:-1] + ("0" if ZHANG[-1] != "0" else "1")
    error = one_error(read_roll(write_workbook(tmp_path / "roll.xlsx", [row(证件号码=wrong)]), today=date.today()))
    assert (error.row, error.column, error.value) == (2, "证件号码（K列）", wrong)
    assert error.reason == f"身份证号码校验位错误（应为{ZHANG[-1]}）"


def test_id_number_turned_into_a_number_by_excel_is_an_error_not_a_guess(tmp_path):
    rows = [row(房号="501", 证件号码=float(ZHANG[:-1] + "0")), row(房号="502", 证件号码="3.50402E+17")]
    result = read_roll(write_workbook(tmp_path / "roll.xlsx", rows), today=date.today())
    assert result.records == []
    as_number, as_text = result.errors
    assert (as_number.row, as_number.column, as_number.value) == (2, "证件号码（K列）", "3.50402E+17")
    assert "存成了数字" in as_number.reason
    assert as_text.row == 3 and "科学计数法" in as_text.reason


def test_one_id_number_with_two_names_is_an_error(tmp_path):
    rows = [row(房号="501"), row(房号="502", 业主姓名="张叁")]
    error = one_error(read_roll(write_workbook(tmp_path / "roll.xlsx", rows), today=date.today()))
    assert (error.row, error.column) == (3, "业主姓名（J列）") and "第2行为“张三”" in error.reason


def test_other_cell_errors_are_each_located(tmp_path):
    rows = [row(房号="501", 面积来源="估算"), row(房号="502", 业主类型="公司"), row(房号="503", 业主姓名=None),
            row(房号="504", 联系电话="1380013800"), row(房号="505", 楼层="五楼"), row(房号=None), row(楼栋=None)]
    result = read_roll(write_workbook(tmp_path / "roll.xlsx", rows), today=date.today())
    columns = [(error.row, error.column) for error in result.errors]
    assert columns == [(2, "面积来源（H列）"), (3, "业主类型（I列）"), (4, "业主姓名（J列）"), (5, "联系电话（L列）"),
                       (6, "楼层（E列）"), (7, "房号（F列）"), (8, "楼栋（C列）")]
    assert all(error.file == "roll.xlsx" and error.sheet == "名册" and error.reason for error in result.errors)


def test_numbers_stored_as_text_and_text_stored_as_numbers(tmp_path):
    rows = [("E001", "幸福里", 3.0, 1.0, "5", 502.0, "85.30", None, None, "张三", ZHANG, 13800138000, None, None)]
    record = read_roll(write_workbook(tmp_path / "roll.xlsx", rows), today=date.today()).records[0]
    assert (record.building, record.unit, record.floor, record.room, record.area_centi, record.phone) == \
        ("3", "1", 5, "502", 8530, "13800138000")


def test_formula_with_a_cached_value_is_read_and_without_one_is_an_error(tmp_path):
    rows = [row(房号="501", 专有面积="=40+45.3"), row(房号="502", 专有面积="=40+45.3")]
    path = write_workbook(tmp_path / "roll.xlsx", rows)
    add_cached_value(path, "G2", "85.3")
    result = read_roll(path, today=date.today())
    assert [record.area_centi for record in result.records] == [8530]
    error = one_error(result)
    assert (error.row, error.column) == (3, "专有面积(㎡)（G列）") and "公式" in error.reason


def test_sheet_is_chosen_by_its_header_and_can_be_named(tmp_path):
    workbook = Workbook()
    workbook.active.title = "封面"
    workbook.active.append(["幸福里业主名册"])
    roll = workbook.create_sheet("名册")
    roll.append(list(HEADERS))
    roll.append(list(good_rows()[0]))
    workbook.save(tmp_path / "roll.xlsx")
    result = read_roll(tmp_path / "roll.xlsx", today=date.today())
    assert result.sheet == "名册" and result.sheets == ["封面", "名册"] and len(result.records) == 1
    cover = read_roll(tmp_path / "roll.xlsx", sheet="封面", today=date.today())
    assert cover.records == [] and "找不到表头行" in one_error(cover).reason


def test_no_header_anywhere(tmp_path):
    path = write_workbook(tmp_path / "roll.xlsx", [("a", "b")], headers=("甲", "乙"))
    result = read_roll(path, today=date.today())
    assert result.header_row == 0 and "找不到表头行" in one_error(result).reason


def test_cancel_stops_reading(tmp_path):
    from desktop_app.domain.errors import Cancelled
    import pytest

    with pytest.raises(Cancelled):
        read_roll(write_workbook(tmp_path / "roll.xlsx", good_rows()), cancel=lambda: True, today=date.today())


def test_unknown_sheet_name_is_a_read_failure(tmp_path):
    from desktop_app.exchange.errors import ReadFailure
    import pytest

    with pytest.raises(ReadFailure, match="没有名为“总表”的工作表"):
        read_roll(write_workbook(tmp_path / "roll.xlsx", good_rows()), sheet="总表", today=date.today())


def test_every_owner_kind_and_name_rule(tmp_path):
    rows = [row(房号="501", 业主类型="建设单位未售", 业主姓名="某某置业有限公司", 证件号码=COMPANY),
            row(房号="502", 业主类型="单位", 业主姓名="某某厂", 证件号码=None, 联系电话=None, 共有人=None),
            row(房号="503", 证件号码=WANG, 业主姓名="王芳", 共有人=None)]
    records = read_roll(write_workbook(tmp_path / "roll.xlsx", rows), today=date.today()).records
    assert [(r.owner_kind, r.owner_name, r.id_number) for r in records] == [
        ("developer", "某某置业有限公司", COMPANY), ("organisation", "某某厂", ""), ("person", "王芳", WANG)]


def test_a_totals_row_at_the_bottom_is_not_a_room(tmp_path):
    totals = ("合计", None, None, None, None, None, 432.47) + (None,) * 7
    result = read_roll(write_workbook(tmp_path / "roll.xlsx", good_rows() + [totals]), today=date.today())
    assert result.errors == [] and result.rows == 6


def test_a_mapping_with_an_unknown_field_is_a_programming_error(tmp_path):
    import pytest

    with pytest.raises(ValueError, match="areas"):
        read_roll(write_workbook(tmp_path / "roll.xlsx", good_rows()), mapping={"areas": "面积"}, today=date.today())
