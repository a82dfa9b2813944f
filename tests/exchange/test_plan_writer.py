"""Writing the 改造计划: read back with python-calamine (text stays text, money and counts are numbers, dates
are dates), the workbook's look (frozen header, widths, formats, drop-downs, 说明), never a formula, and
what is written reads back into the same records."""

from __future__ import annotations

from datetime import date

import python_calamine
from openpyxl import load_workbook

from desktop_app.domain.plan_record import PlanEstate, PlanFund, PlanItem, PlanProject
from desktop_app.domain.projects import Schedule
from desktop_app.exchange.plan_reader import read_plan
from desktop_app.exchange.plan_writer import write_plan
from desktop_app.services.catalogue import shipped_entries

PROJECTS = [
    PlanProject("007", "=1+1 改造", 2024, (PlanEstate("0350402001", "幸福里小区", 6, 240, "东街街道", "幸福里社区"),),
                Schedule(date(2024, 3, 1), date(2024, 10, 31), date(2024, 3, 15)), "某建设公司", ""),
    PlanProject("XM-2", "片区改造", 2025, (PlanEstate("A1", "甲小区", 4, None, "东街街道", "甲社区"),
                                          PlanEstate("", "乙小区", None, None, "东街街道", "乙社区")),
                Schedule(date(2025, 4, 1), date(2025, 12, 31)), declared_households=310),
]
ITEMS = [PlanItem("007", "雨污分流", "基础类", "1200", "米", 135000050),
         PlanItem("007", "外墙保温", "基础类", "35.5", "平方米", 8800000),
         PlanItem("XM-2", "停车设施", "完善类", "", "", 0)]
FUNDS = [PlanFund("007", "中央财政补助", 100000000, 80000000, 50000025),
         PlanFund("XM-2", "居民出资", 1, 1, 1)]


def written(tmp_path):
    path = tmp_path / "计划.xlsx"
    assert write_plan(path, PROJECTS, ITEMS, FUNDS) == 2
    return path


def test_cells_read_back_with_calamine_as_text_numbers_and_dates(tmp_path):
    book = python_calamine.CalamineWorkbook.from_path(str(written(tmp_path)))
    assert book.sheet_names == ["项目", "改造内容", "资金", "说明"]
    projects = book.get_sheet_by_name("项目").to_python()
    assert projects[1][:11] == ["007", "=1+1 改造", 2024.0, "0350402001", "幸福里小区", 6.0, 240.0,
                                date(2024, 3, 1), date(2024, 10, 31), date(2024, 3, 15), ""]
    assert projects[2][3:7] == ["A1、", "甲小区、乙小区", "4、", 310.0]  # codes and per-estate counts as text lists
    assert projects[2][13:] == ["东街街道", "甲社区、乙社区"]
    items = book.get_sheet_by_name("改造内容").to_python()
    assert items[1] == ["007", "雨污分流", "基础类", 1200.0, "米", 1350000.5]
    assert items[2][3] == 35.5 and items[3][3:] == ["", "", 0.0]
    funds = book.get_sheet_by_name("资金").to_python()
    assert funds[1] == ["007", "中央财政补助", 1000000.0, 800000.0, 500000.25]
    assert funds[2][2:] == [0.01, 0.01, 0.01]


def test_the_workbook_looks_as_formats_md_says(tmp_path):
    book = load_workbook(written(tmp_path))
    projects, items, funds = book["项目"], book["改造内容"], book["资金"]
    for sheet in (projects, items, funds):
        assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
        assert sheet.column_dimensions["B"].width >= 16
    assert projects["B2"].data_type == "s" and projects["B2"].value == "=1+1 改造"  # text, not a formula
    assert projects["A2"].number_format == "@" and projects["D2"].number_format == "@"
    assert projects["H2"].number_format == "yyyy-mm-dd" and projects["C2"].number_format == "0"
    assert items["F2"].number_format == "#,##0.00" and funds["E2"].number_format == "#,##0.00"
    assert [v.formula1 for v in items.data_validations.dataValidation] == ['"基础类,完善类,提升类"']
    assert [str(v.sqref) for v in funds.data_validations.dataValidation] == ["B2:B1048576"]
    notes = [row[0] for row in book["说明"].iter_rows(values_only=True)]
    assert "工作表“资金”" in notes and "资金来源" in notes
    for sheet in book.worksheets:
        assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_what_is_written_reads_back_the_same(tmp_path):
    result = read_plan(written(tmp_path), catalogue=shipped_entries())
    assert result.errors == []
    assert result.projects == PROJECTS and result.items == ITEMS and result.funds == FUNDS
