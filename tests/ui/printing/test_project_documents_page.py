"""The 打印中心 produces the 项目进度表 and 资金支付进度表 of the window's scope for the chosen plan years and
统计日期: preview, save (recorded), print on landscape paper; a change of projects makes a produced one stale."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrinter
from pypdf import PdfReader

from desktop_app.models.project_tables import Project, ProjectEstate, ProjectFund
from desktop_app.models.tables import PrintJob
from desktop_app.services.changes import Changes, Topic
from desktop_app.services.scope import Scope
from desktop_app.ui.pages.base import ChangeBus, PageContext, ScopeState
from desktop_app.ui.printing.page import PrintCenterPage
from desktop_app.ui.printing.render import a4_printer
from tests.home_dataset import AS_OF, build

PROGRESS, FUNDS = 5, 6


def flat_text(pdf: bytes) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def page(qtbot, roll, runner, workspace, clock):
    clock.set(datetime(AS_OF.year, AS_OF.month, AS_OF.day, 9))
    build(roll)
    page = PrintCenterPage(PageContext(runner, ScopeState(), ChangeBus(), workspace))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def test_the_progress_table_for_chosen_years_is_previewed_and_saved(qtbot, page, tmp_path):
    assert [page.template.itemText(i) for i in (PROGRESS, FUNDS)] == ["项目进度表", "资金支付进度表"]
    page.template.setCurrentIndex(PROGRESS)
    fields = page.current_fields()
    assert fields.as_of.date() == QDate(2026, 6, 30)  # today on the workspace clock
    fields.first_year.setCurrentIndex(fields.first_year.findData(2026))
    fields.last_year.setCurrentIndex(fields.last_year.findData(2024))
    assert "起始年份晚于" in page.problem.text() and not page.preview_button.isEnabled()
    fields.first_year.setCurrentIndex(fields.first_year.findData(2024))
    fields.last_year.setCurrentIndex(fields.last_year.findData(2025))
    page.preview_button.click()
    assert page.produced is not None and page.produced.pages == 1
    text = flat_text(page.produced.pdf)
    assert "计划年度：2024—2025年度" in text and "2025-001" in text and "2026-001" not in text
    target = tmp_path / "progress.pdf"
    page.ask_save_path = lambda suggested: str(target) if suggested == "老旧小区改造项目进度表.pdf" else ""
    page.save_button.click()
    assert target.read_bytes() == page.produced.pdf
    assert PrintJob.get().template == "project_progress"
    assert "项目进度表" in page.history_model.data(page.history_model.index(0, 1))


def test_the_fund_table_follows_the_scope_and_goes_stale_when_projects_change(qtbot, page, roll):
    page.template.setCurrentIndex(FUNDS)
    page.context.scope.set(Scope("estate", roll[1].id))  # 梅岭小区
    page.preview_button.click()
    first = page.produced
    assert "梅岭小区老旧小区资金支付进度表" in flat_text(first.pdf)
    assert "合计全部来源900,000.00800,000.01100,000.0112.50%" in flat_text(first.pdf)
    project = Project.create(code="2026-009", name="新增项目", plan_year=2026)
    ProjectEstate.create(project=project, estate=roll[1])
    ProjectFund.create(project=project, source="社会资本", planned_fen=100, allocated_fen=100)
    page.context.changes.emit(Changes.of(Topic.PROJECTS, ids=[project.id]))
    page.preview_button.click()
    assert page.produced is not first
    assert "合计全部来源900,001.00800,001.01100,000.0112.50%" in flat_text(page.produced.pdf)  # 100 fen more


def test_a_project_table_prints_on_landscape_paper(qtbot, page, tmp_path):
    page.template.setCurrentIndex(FUNDS)
    printed = tmp_path / "printer.pdf"

    def pdf_printer() -> QPrinter:
        printer = a4_printer(QPrinter(QPrinter.PrinterMode.ScreenResolution))
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    page.ask_printer = pdf_printer
    page.print_button.click()
    sheet = PdfReader(str(printed)).pages[0]
    assert (round(float(sheet.mediabox.width)), round(float(sheet.mediabox.height))) == (842, 595)
    assert PrintJob.get().template == "fund_progress"
