"""项目进度表 and 资金支付进度表 from plain data: real PDFs read back — landscape A4 with embedded fonts,
the heading (scope, plan years, 统计日期), every row, totals per source and overall exact to the fen,
"—" over nothing allocated, the header repeated and "— n / m —" on every page of a long table."""

from __future__ import annotations

import re
from datetime import date

from desktop_app.documents.fund_progress import fund_rows, render_fund_progress
from desktop_app.documents.landscape import PAGE_HEIGHT, PAGE_WIDTH
from desktop_app.documents.project_progress import render_project_progress
from desktop_app.domain.project_print_data import (
    FundLine, FundProgressData, Heading, ProgressLine, ProjectProgressData, sorted_fund_lines,
)
from tests.documents.conftest import font_is_embedded, rendered

AS_OF = date(2026, 6, 30)
HEADING = Heading("东湖街道老旧小区改造项目进度表", "东湖街道", (2024, 2025), AS_OF)


def progress_line(number: int, **changes) -> ProgressLine:
    values = dict(code=f"2024-{number:03d}", name=f"第{number}号改造项目", plan_year=2024, estates="杜鹃新村、梅岭小区",
                  planned_start=date(2024, 3, 1), actual_start=date(2024, 3, 10), planned_end=date(2024, 10, 31),
                  actual_end=None, state="在建", marks=("未按期完工",), contractor="东湖建设有限公司")
    values.update(changes)
    return ProgressLine(**values)


def assert_landscape_embedded(pdf) -> None:
    for page in pdf.pages:
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == \
            (round(PAGE_WIDTH, 1), round(PAGE_HEIGHT, 1)) == (841.9, 595.3)
    assert all(font_is_embedded(font) for font in pdf.fonts())


def test_the_progress_table_prints_every_project_with_its_schedule_state_and_marks(fonts):
    data = ProjectProgressData(HEADING, (
        progress_line(1),
        progress_line(2, actual_start=None, state="未开工", marks=("逾期未开工", "未按期完工")),
        progress_line(3, actual_end=date(2024, 10, 1), state="已完工", marks=()),
    ))
    pdf, pages = rendered(lambda d, out: render_project_progress(d, out, fonts), data)
    assert pages == len(pdf.pages) == 1
    assert_landscape_embedded(pdf)
    text = pdf.flat()
    for part in ("东湖街道老旧小区改造项目进度表", "统计范围：东湖街道", "计划年度：2024—2025年度", "统计日期：2026年6月30日",
                 "共3个项目：未开工1个，在建1个，已完工1个，已验收0个；逾期未开工1个，未按期完工2个。",
                 "项目编号", "计划开工", "实际开工", "计划完工", "实际完工", "施工单位",
                 "2024-001", "第2号改造项目", "2024-03-01", "2024-03-10", "2024-10-31", "2024-10-01", "东湖建设有限公司",
                 "—1/1—"):
        assert part in text, part


def test_a_long_progress_table_repeats_its_header_and_numbers_every_page(fonts):
    data = ProjectProgressData(HEADING, tuple(progress_line(n) for n in range(1, 121)))
    pdf, pages = rendered(lambda d, out: render_project_progress(d, out, fonts), data)
    assert pages == len(pdf.pages) >= 3
    for page in range(pages):
        text = pdf.flat(page)
        assert "项目编号" in text and "施工单位" in text
        assert f"—{page + 1}/{pages}—" in text
    assert all(f"2024-{n:03d}" in pdf.flat() for n in range(1, 121))


def fund(code: str, source: str, planned: int, allocated: int, paid: int, year: int = 2024) -> FundLine:
    return FundLine(code, f"{code}项目", year, source, planned, allocated, paid)


def test_the_fund_table_totals_each_source_and_all_exactly(fonts):
    lines = sorted_fund_lines([
        fund("2024-002", "省级财政资金", 40_000_000, 30_000_001, 10_000_001),
        fund("2024-001", "居民出资", 10_000_000, 0, 0),
        fund("2024-001", "中央财政补助", 100_000_000, 80_000_000, 50_000_000),
        fund("2024-003", "省级财政资金", 1, 3, 1),
    ])
    assert [(line.code, line.source) for line in lines] == [
        ("2024-001", "中央财政补助"), ("2024-001", "居民出资"), ("2024-002", "省级财政资金"), ("2024-003", "省级财政资金")]
    data = FundProgressData(Heading("老旧小区资金支付进度表", "全部", (None, None), AS_OF), lines)
    pdf, pages = rendered(lambda d, out: render_fund_progress(d, out, fonts), data)
    assert_landscape_embedded(pdf)
    text = pdf.flat()
    for part in ("老旧小区资金支付进度表", "计划年度：全部年度", "统计日期：2026年6月30日",
                 "共3个项目、4条资金来源记录：计划1,500,000.01元，已下达1,100,000.04元，已支付600,000.02元，支付进度54.55%。",
                 "小计省级财政资金400,000.01300,000.04100,000.0233.33%",
                 "小计居民出资100,000.000.000.00—",
                 "合计全部来源1,500,000.011,100,000.04600,000.0254.55%"):
        assert part in text, part
    assert fund_rows(data)[-1][5:] == ("1,500,000.01", "1,100,000.04", "600,000.02", "54.55%")


def test_an_empty_table_says_so(fonts):
    pdf, pages = rendered(lambda d, out: render_fund_progress(d, out, fonts), FundProgressData(HEADING, ()))
    assert pages == 1 and "所选范围和年度内没有资金记录。" in pdf.flat()
    assert re.search(r"\d{11}", pdf.flat()) is None
