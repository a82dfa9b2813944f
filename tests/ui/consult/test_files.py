"""The consultation file actions on a known dataset: save dialogs answered, files written through the runner,
print history, messages; cancelling a batch of forms leaves no file."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pypdf import PdfReader

from tests.ui.modal import when_modal
from desktop_app.services.printing.gather import print_history
from desktop_app.services.scope import Scope
from desktop_app.ui.consult import files
from desktop_app.ui.pages.base import ChangeBus, Page, PageContext, ScopeState
from tests.services.consult.consultation_data import build


def flat(path) -> str:
    return "".join("".join(page.extract_text().split()) for page in PdfReader(str(path)).pages)


@pytest.fixture
def page(qtbot, database, runner, tmp_path, workspace):
    data = build(tmp_path)
    state = ScopeState()
    state.set(Scope("estate", data["happy"].id))
    page = Page(PageContext(runner, state, ChangeBus(), workspace))
    qtbot.addWidget(page)
    page.show()
    return page


@pytest.fixture
def save_as(monkeypatch, tmp_path):
    proposed: list[str] = []

    def fake(parent, caption, suggested, filter_):
        proposed.append(suggested)
        return str(tmp_path / "out" / "文件"), filter_

    (tmp_path / "out").mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return proposed


def close_boxes(seen: list[str]) -> None:
    def take(box) -> bool:
        if not isinstance(box, QMessageBox):
            return False
        seen.append(box.text())
        box.buttons()[-1].click()
        return True

    when_modal(take)


def test_print_the_three_documents(page, save_as, tmp_path):
    seen: list[str] = []
    close_boxes(seen)
    files.print_opinion_forms(page, return_by=date(2024, 5, 31))
    pdf = tmp_path / "out" / "文件.pdf"
    assert len(PdfReader(str(pdf)).pages) == 3 and "请于2024年5月31日前交回" in flat(pdf)
    assert save_as[0].endswith("幸福里小区征求意见表.pdf") and "共 3 页" in seen[0]
    close_boxes(seen)
    files.print_opinion_summary(page, date(2024, 5, 1), date(2024, 5, 31))
    assert "幸福里小区改造意见汇总" in flat(pdf) and "已征求意见2户" in flat(pdf)
    close_boxes(seen)
    files.print_complaint_ledger(page, date(2024, 5, 1), date(2024, 5, 31))
    assert "幸福里小区投诉台账" in flat(pdf) and "13800138000" not in flat(pdf)
    history = print_history()
    assert [record.template for record in history] == ["complaint_ledger", "opinion_summary", "opinion_form"]
    assert history[0].period_start == "2024-05-01"


def test_cancelled_forms_leave_no_file(page, save_as, runner, tmp_path):
    runner.cancel_after = 2
    files.print_opinion_forms(page)
    assert not list((tmp_path / "out").iterdir()) and print_history() == []


def test_export_both_registers(page, save_as, tmp_path):
    seen: list[str] = []
    close_boxes(seen)
    files.export_opinion_register(page)
    book = load_workbook(tmp_path / "out" / "文件.xlsx")
    assert book.sheetnames == ["意见登记簿", "说明"] and book.active.max_row == 4
    assert "已导出 3 行" in seen[0] and save_as[0].endswith("幸福里小区意见登记簿.xlsx")
    close_boxes(seen)
    files.export_complaint_register(page, date(2024, 5, 1), date(2024, 5, 31))
    book = load_workbook(tmp_path / "out" / "文件.xlsx")
    assert book.sheetnames == ["投诉登记簿", "说明"] and book.active.max_row == 4
    assert save_as[1].endswith("幸福里小区投诉登记簿2024年5月1日至2024年5月31日.xlsx")
