"""Builders of 改造计划 workbooks for the plan import tests: real .xlsx files written with openpyxl.

`good_plan()` is a small valid plan (one single-estate project, one 片区 project over two estates of which
one the database does not know yet, a project placing a new estate in a new street); tests change single
cells of it (`with_cell`) to make each bad case.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Sequence

from openpyxl import Workbook

PROJECT_HEADERS = ("项目编号", "项目名称", "年度", "小区编码", "小区名称", "楼栋数", "户数", "计划开工", "计划完工",
                   "实际开工", "实际完工", "施工单位", "监理单位", "街道", "社区")
ITEM_HEADERS = ("项目编号", "改造内容", "类别", "数量", "单位", "计划投资(元)")
FUND_HEADERS = ("项目编号", "资金来源", "计划(元)", "下达(元)", "已支付(元)")
HEADERS = {"项目": PROJECT_HEADERS, "改造内容": ITEM_HEADERS, "资金": FUND_HEADERS}

Plan = dict[str, list[list[object]]]


def good_plan() -> Plan:
    return {
        "项目": [
            ["XM2024-001", "幸福里小区老旧小区改造", 2024, "350402001", "幸福里小区", 6, 240,
             date(2024, 3, 1), date(2024, 10, 31), date(2024, 3, 15), None, "某建设公司", "某监理公司", "", ""],
            ["XM2024-002", "东街片区改造", "2024", "350402002、350402009", "和平小区、新华小区", "4、3", 310,
             "2024-04-01", "2024/12/31", None, None, "", "", "东街街道", "和平社区"],
            ["XM2025-001", "河滨小区改造", 2025, "350499001", "河滨小区", None, None,
             "2025-05-01", "2025-11-30", None, None, "", "", "河滨街道", "河滨社区"],
        ],
        "改造内容": [
            ["XM2024-001", "雨污分流", None, 1200, "米", 1_350_000.5],
            ["XM2024-001", "加装电梯", "完善类", 2, "部", "1,200,000.00"],
            ["XM2024-001", "外墙保温", "基础类", 35.5, "平方米", 88_000],
            ["XM2024-002", "停车设施", "完善类", None, "", 460_000],
        ],
        "资金": [
            ["XM2024-001", "中央财政补助", 1_000_000, 800_000, 500_000.25],
            ["XM2024-001", "专项债", 1_500_000, 1_500_000, 0],
            ["XM2024-002", "省级资金", 460_000, 200_000, 200_000],
        ],
    }


def with_cell(plan: Plan, sheet: str, index: int, header: str, value: object) -> Plan:
    """A copy of `plan` with one cell changed: row `index` (0-based, data rows) of `sheet`, column `header`."""
    copy = {name: [list(row) for row in rows] for name, rows in plan.items()}
    copy[sheet][index][HEADERS[sheet].index(header)] = value
    return copy


def row_number(index: int, title_rows: int = 0) -> int:
    """The spreadsheet row of data row `index` (header on row 1 + title_rows)."""
    return index + 2 + title_rows


def write_plan_workbook(path: Path, plan: Plan, *, title_rows: Sequence[str] = (),
                        headers: dict[str, Sequence[str]] | None = None, sheets: Sequence[str] | None = None) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in sheets or ("项目", "改造内容", "资金"):
        sheet = workbook.create_sheet(name)
        for title in title_rows:
            sheet.append([title])
        sheet.append(list((headers or {}).get(name, HEADERS[name])))
        for row in plan.get(name, []):
            sheet.append(list(row))
    workbook.save(path)
    return path
