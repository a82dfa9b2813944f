"""The project documents through the shared print operation on a real database: the same projects and
paid amounts as the indicators, totals exact, recorded in the print history, nothing personal printed."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from desktop_app.domain.indicator_report import indicators_json
from desktop_app.domain.money import yuan_grouped
from desktop_app.models.tables import PrintJob
from desktop_app.operations.printing import NothingToPrint, print_to_file, produce, project_request
from desktop_app.services.projects import fund_progress_data, project_progress_data, scope_indicators
from desktop_app.services.scope import ALL, Scope, find_by_code
from tests.home_dataset import AS_OF, build, small_roll


def flat(pdf: bytes) -> str:
    return "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def data(database):
    return build(small_roll())


def test_the_fund_table_totals_equal_the_indicators(data, tmp_path):
    figures = indicators_json(scope_indicators(ALL, as_of=AS_OF).projects)
    funds = fund_progress_data(ALL, (None, None), AS_OF)
    total = funds.total()
    assert (yuan_grouped(total.planned_fen).replace(",", ""), yuan_grouped(total.allocated_fen).replace(",", ""),
            yuan_grouped(total.paid_fen).replace(",", "")) == \
        (figures["funds"]["planned"], figures["funds"]["allocated"], figures["funds"]["paid"]) == \
        ("2000000.00", "1600000.01", "600000.01")  # the 2026-07-15 payment is after the day
    by_source = {t.source: t for t in funds.source_totals()}
    assert {source: (by_source[source].paid_fen, by_source[source].allocated_fen) for source in by_source} == \
        {"中央财政补助": (50_000_000, 80_000_000), "省级财政资金": (10_000_001, 80_000_001), "居民出资": (0, 0)}
    saved = print_to_file(project_request("fund_progress", ALL, (None, None), AS_OF), tmp_path / "funds.pdf")
    text = flat(saved.path.read_bytes())
    assert "合计全部来源2,000,000.001,600,000.01600,000.0137.50%" in text
    assert "小计居民出资100,000.000.000.00—" in text
    assert saved.record.template == "fund_progress" and PrintJob.get_by_id(saved.record.id).page_count == 1


def test_the_progress_table_of_a_scope_and_years(data, tmp_path):
    meiling = find_by_code("B")
    assert meiling is not None
    progress = project_progress_data(meiling, (2025, 2026), AS_OF)
    assert [(line.code, line.state, line.marks) for line in progress.rows] == [
        ("2025-001", "未开工", ("逾期未开工", "未按期完工")), ("2026-001", "未开工", ())]
    assert progress.heading.title == "梅岭小区老旧小区改造项目进度表"
    produced = produce(project_request("project_progress", meiling, (2025, 2026), AS_OF))
    text = flat(produced.pdf)
    assert produced.rooms == 2 and produced.pages == 1
    for part in ("梅岭小区老旧小区改造项目进度表", "统计范围：东湖街道›杜鹃社区›梅岭小区", "计划年度：2025—2026年度",
                 "统计日期：2026年6月30日", "2025-001", "2026-001", "杜鹃新村、梅岭小区", "梅岭小区改造施工单位"):
        assert part in text, part
    assert "2024-001" not in text
    assert re.search(r"1380000\d{4}", text) is None and re.search(r"\d{17}[\dX]", text) is None


def test_the_whole_database_has_no_place_name_and_a_later_day_counts_later_payments(data):
    later = fund_progress_data(ALL, (None, None), date(2026, 7, 15))
    assert later.heading.title == "老旧小区资金支付进度表" and later.total().paid_fen == 70_000_001


def test_nothing_to_print_outside_the_years(data):
    with pytest.raises(NothingToPrint, match="没有改造项目"):
        produce(project_request("project_progress", ALL, (2030, 2031), AS_OF))
    with pytest.raises(NothingToPrint, match="没有资金记录"):
        produce(project_request("fund_progress", Scope("estate", data.estates[0].id), (2030, None), AS_OF))
