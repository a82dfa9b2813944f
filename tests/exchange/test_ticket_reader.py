"""Reading 12345 hotline ticket exports: the hotline's words mapped, every bad file and cell located."""

from __future__ import annotations

import struct
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook

from desktop_app.domain.errors import Cancelled
from desktop_app.domain.room_entry import RoomRef
from desktop_app.domain.ticket_record import category_of_text, satisfaction_of_text, status_of_text
from desktop_app.exchange import xlsx_safety
from desktop_app.exchange.errors import ReadFailure
from desktop_app.exchange.ticket_reader import read_tickets
from tests.exchange.ticket_workbooks import HOTLINE_HEADERS, changed, sample_tickets, write_tickets
from tests.exchange.workbooks import add_cached_value, append_empty_styled_rows, insert_doctype


def only(errors):
    assert len(errors) == 1, [e.describe() for e in errors]
    return errors[0]


def test_a_hotline_export_is_read_with_its_own_words(tmp_path):
    result = read_tickets(write_tickets(tmp_path / "工单.xlsx", sample_tickets()))
    assert result.errors == [] and result.header_row == 2 and result.sheet == "工单列表"
    assert result.rows == 5 and [t.row for t in result.tickets] == [3, 4, 5, 6, 7]
    noise, quality, pipe, lamp, progress = result.tickets
    assert (noise.ticket_no, noise.received_at, noise.category, noise.status) == \
        ("GD2024050600001", "2024-05-06T09:30", "扬尘噪音", "办理")
    assert (noise.room, noise.phone, noise.due_on) == (RoomRef("3", "1", "502"), "13800138000", date(2024, 5, 27))
    assert (quality.received_at, quality.category, quality.status, quality.satisfaction, quality.reply) == \
        ("2024-05-07T14:05", "质量安全", "办结", "满意", "已督促施工单位返工")
    assert quality.room == RoomRef("3", "1", "101")
    assert (pipe.received_at, pipe.category, pipe.status, pipe.room, pipe.phone) == \
        ("2024-05-08", "管线破坏", "转办", None, "0591-87654321")
    assert (lamp.received_at, lamp.category, lamp.status, lamp.due_on) == ("2024-05-09", "其他", "受理", None)
    assert progress.status == "受理"  # an empty status
    assert result.mapping["ticket_no"] == "工单号" and result.mapping["estate"] == "小区"
    # 路灯 is no known category: kept as 其他 with a warning on its cell, never dropped
    warning = next(w for w in result.warnings if w.row == 6 and w.column.startswith("问题分类"))
    assert (warning.column, warning.value) == ("问题分类（C列）", "路灯") and "其他" in warning.reason
    # a closed ticket and no 办结日期 column: one warning on the header row
    assert any(w.row == 2 and "办结日期" in w.reason for w in result.warnings)


@pytest.mark.parametrize("text,category", [
    ("施工扰民", "扬尘噪音"), ("夜间施工噪音", "扬尘噪音"), ("工程质量", "质量安全"), ("管道破损", "管线破坏"),
    ("挖断光缆", "管线破坏"), ("施工现场管理", "施工管理"), ("工期延误", "进度"), ("补贴发放", "资金"),
    ("物业服务", "物业"), ("施工管理", "施工管理"), ("其他", "其他"), (" 质量安全 ", "质量安全"),
])
def test_category_texts(text, category):
    assert category_of_text(text) == (category, True)


def test_unknown_category_is_other_unless_overridden():
    assert category_of_text("路灯") == ("其他", False)
    assert category_of_text("路灯", {"路灯": "施工管理"}) == ("施工管理", True)


@pytest.mark.parametrize("text,status", [
    ("", "受理"), ("已受理", "受理"), ("已派单", "转办"), ("处理中", "办理"), ("已回复", "答复"), ("已办结", "办结"),
    ("结案", "办结"), ("外星人", None),
])
def test_status_texts(text, status):
    assert status_of_text(text) == status


def test_satisfaction_texts():
    assert [satisfaction_of_text(t) for t in ("", "非常满意", "基本满意", "不满意", "未评价", "还行")] == \
        ["", "满意", "基本满意", "不满意", "", None]


def test_not_an_xlsx(tmp_path):
    path = tmp_path / "工单.xlsx"
    path.write_text("工单号,来电时间\n1,2024-05-06\n", encoding="utf-8")
    with pytest.raises(ReadFailure, match="“工单.xlsx”不是 Excel 工作簿"):
        read_tickets(path)


def test_a_dtd_is_refused(tmp_path):
    path = write_tickets(tmp_path / "t.xlsx", sample_tickets(), title_rows=())
    insert_doctype(path)
    with pytest.raises(ReadFailure, match="DTD"):
        read_tickets(path)


def test_a_zip_bomb_declaring_a_huge_member_is_refused_before_expanding(tmp_path):
    path = write_tickets(tmp_path / "t.xlsx", sample_tickets())
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/bomb.xml", b"<a>" + b" " * 1_000_000 + b"</a>")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/bomb.xml")
    huge = 400 * 1024 * 1024
    struct.pack_into("<I", data, info.header_offset + 22, huge)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + length] == b"xl/bomb.xml":
            struct.pack_into("<I", data, central + 24, huge)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    with pytest.raises(ReadFailure, match="超过上限"):
        read_tickets(path)


def test_a_file_expanding_beyond_the_limit_is_refused(tmp_path, monkeypatch):
    path = write_tickets(tmp_path / "t.xlsx", sample_tickets(), title_rows=())
    append_empty_styled_rows(path, 20_000, columns=12)
    monkeypatch.setattr(xlsx_safety, "MAX_UNCOMPRESSED", 2 * 1024 * 1024)
    with pytest.raises(ReadFailure, match="超过上限"):
        read_tickets(path)


def test_missing_required_column_is_located_on_the_header_row(tmp_path):
    headers = tuple(h for h in HOTLINE_HEADERS if h != "来电时间")
    rows = [tuple(v for h, v in zip(HOTLINE_HEADERS, row) if h != "来电时间") for row in sample_tickets()]
    result = read_tickets(write_tickets(tmp_path / "t.xlsx", rows, headers=headers))
    error = only(result.errors)
    assert (error.row, error.column) == (2, "受理时间") and "缺少必需的列“受理时间”" in error.reason
    assert "来电时间" in error.reason and result.tickets == []


def test_bad_dates_are_located(tmp_path):
    rows = changed(sample_tickets(), "GD2024050600001", 来电时间="下周一")
    rows = changed(rows, "GD2024050700002", 办理时限="2024-02-30")
    rows = changed(rows, "GD2024050800003", 办理时限="2024-05-01")  # before receipt
    result = read_tickets(write_tickets(tmp_path / "t.xlsx", rows))
    assert [(e.row, e.column, e.value) for e in result.errors] == [
        (3, "来电时间（B列）", "下周一"), (4, "办理时限（G列）", "2024-02-30"), (5, "办理时限（G列）", "2024-05-01")]
    assert "不是日期" in result.errors[0].reason and "早于受理时间" in result.errors[2].reason
    assert result.invalid_rows == {3, 4, 5} and len(result.tickets) == 2
    assert result.errors[0].describe() == \
        "“工单列表”第3行 来电时间（B列）：“下周一” — 不是日期或日期时间，应如 2024-05-06 或 2024-05-06 09:30"


def test_duplicate_ticket_numbers_name_the_first_row(tmp_path):
    rows = sample_tickets() + [sample_tickets()[1]]
    result = read_tickets(write_tickets(tmp_path / "t.xlsx", rows))
    error = only(result.errors)
    assert (error.row, error.column, error.value) == (8, "工单号（A列）", "GD2024050700002")
    assert "与第4行的工单编号重复" in error.reason and len(result.tickets) == 5


def test_ticket_number_turned_into_scientific_notation_is_an_error(tmp_path):
    rows = changed(sample_tickets(), "GD2024050600001", 工单号=2.02405060000123e17)
    result = read_tickets(write_tickets(tmp_path / "t.xlsx", rows, text_columns=()))
    error = only(result.errors)
    assert (error.row, error.value) == (3, "2.02405E+17") and "科学计数法" in error.reason


def test_unknown_status_and_satisfaction_are_errors_and_bad_phone_a_warning(tmp_path):
    rows = changed(sample_tickets(), "GD2024050600001", 状态="外星人", 满意度="还行", 来电号码="12345")
    result = read_tickets(write_tickets(tmp_path / "t.xlsx", rows))
    assert [(e.row, e.column) for e in result.errors] == [(3, "状态（H列）"), (3, "满意度（J列）")]
    assert any(w.row == 3 and w.column == "来电号码（L列）" for w in result.warnings)


def test_category_override_settles_an_unknown_text(tmp_path):
    path = write_tickets(tmp_path / "t.xlsx", sample_tickets())
    result = read_tickets(path, categories={"路灯": "施工管理"})
    assert result.tickets[3].category == "施工管理"
    assert not any(w.column.startswith("问题分类") for w in result.warnings)
    with pytest.raises(ValueError):
        read_tickets(path, categories={"路灯": "外星"})


def test_formula_with_a_cached_value_is_read_and_without_one_is_an_error(tmp_path):
    rows = changed(sample_tickets(), "GD2024050600001", 办理时限='=DATE(2024,5,27)')
    rows = changed(rows, "GD2024050700002", 办理时限='=DATE(2024,5,28)')
    path = write_tickets(tmp_path / "t.xlsx", rows, title_rows=())
    add_cached_value(path, "G2", "45439")  # 2024-05-27 as Excel's serial day
    result = read_tickets(path)
    assert result.tickets[0].due_on == date(2024, 5, 27)
    error = only(result.errors)
    assert (error.row, error.column) == (3, "办理时限（G列）") and "公式" in error.reason


def test_empty_sheet(tmp_path):
    workbook = Workbook()
    workbook.active.title = "工单"
    workbook.save(tmp_path / "t.xlsx")
    error = only(read_tickets(tmp_path / "t.xlsx").errors)
    assert (error.sheet, error.row) == ("工单", 1) and "工作表是空的" in error.reason


def test_no_header_anywhere(tmp_path):
    path = write_tickets(tmp_path / "t.xlsx", [("a", "b", "c")], headers=("甲", "乙", "丙"))
    error = only(read_tickets(path).errors)
    assert "找不到工单的表头行" in error.reason


def test_mapping_overrides_the_synonyms(tmp_path):
    headers = ("工单编号", "受理时间", "诉求类别", "小区", "事发地址")
    rows = [("A1", "2024-05-06", "进度", "幸福里小区", "幸福里小区3号楼")]
    path = write_tickets(tmp_path / "t.xlsx", rows, headers=headers, title_rows=())
    assert read_tickets(path).tickets[0].estate_text == "幸福里小区"
    assert read_tickets(path, mapping={"estate": "事发地址"}).tickets[0].estate_text == "幸福里小区3号楼"
    missing = read_tickets(path, mapping={"estate": "地点"})
    assert missing.tickets == [] and "“地点”" in only(missing.errors).reason
    with pytest.raises(ValueError):
        read_tickets(path, mapping={"nonsense": "x"})


def test_blank_rows_totals_and_instruction_sheet(tmp_path):
    rows = sample_tickets()[:2] + [(None,) * 12] + sample_tickets()[2:3] + [("合计", None, None)]
    path = write_tickets(tmp_path / "t.xlsx", rows)
    result = read_tickets(path)
    assert result.errors == [] and result.rows == 3 and len(result.tickets) == 3


def test_empty_ticket_number_on_a_row_with_data(tmp_path):
    rows = changed(sample_tickets(), "GD2024050600001", 工单号=None)
    error = only(read_tickets(write_tickets(tmp_path / "t.xlsx", rows)).errors)
    assert (error.row, error.column) == (3, "工单号（A列）") and "不能为空" in error.reason


def test_cancel_and_unknown_sheet(tmp_path):
    path = write_tickets(tmp_path / "t.xlsx", sample_tickets())
    with pytest.raises(Cancelled):
        read_tickets(path, cancel=lambda: True)
    with pytest.raises(ReadFailure, match="没有名为“别的”的工作表"):
        read_tickets(path, sheet="别的")


def test_no_estate_and_no_address_column_is_one_located_error(tmp_path):
    headers = tuple(h for h in HOTLINE_HEADERS if h != "小区")
    rows = [tuple(v for h, v in zip(HOTLINE_HEADERS, row) if h != "小区") for row in sample_tickets()]
    error = only(read_tickets(write_tickets(tmp_path / "t.xlsx", rows, headers=headers)).errors)
    assert (error.row, error.column) == (2, "所属小区") and "缺少“所属小区”或“地址”列" in error.reason


def test_an_address_column_alone_places_the_tickets(tmp_path):
    headers = tuple("事发地址" if h == "小区" else h for h in HOTLINE_HEADERS)
    result = read_tickets(write_tickets(tmp_path / "t.xlsx", sample_tickets(), headers=headers))
    assert result.errors == [] and result.tickets[3].estate_text == result.tickets[3].address == "东街88号幸福里小区3号楼"
    rows = changed(sample_tickets(), "GD2024050600001", 小区="")
    error = only(read_tickets(write_tickets(tmp_path / "u.xlsx", rows, headers=headers)).errors)
    assert (error.row, error.column) == (3, "事发地址（D列）") and "不能都为空" in error.reason
