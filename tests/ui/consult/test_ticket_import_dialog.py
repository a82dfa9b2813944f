"""The 12345 ticket import dialog driven like a user: the file is answered, the mapping changed, the buttons
clicked, the database read back; a second import of the same file writes nothing."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop_app.models import Building, Community, Complaint, ComplaintStep, Estate, Room, Street, Unit
from desktop_app.ui.pages.base import ChangeBus, Page, PageContext, ScopeState
from desktop_app.ui.consult.ticket_import_dialog import TicketImportDialog, import_tickets
from tests.exchange.ticket_workbooks import changed, sample_tickets, write_tickets

SCREENSHOT_ENV = "SAVE_SCREENSHOTS"  # set it to refresh docs/screenshots/ticket_import_dialog.png
SCREENSHOT = Path(__file__).resolve().parents[3] / "docs" / "screenshots" / "ticket_import_dialog.png"


@pytest.fixture
def estates(database):
    community = Community.create(street=Street.create(name="东街街道"), name="幸福里社区")
    happy = Estate.create(community=community, code="350402001", name="幸福里小区")
    Estate.create(community=community, code="350402002", name="和平小区")
    unit = Unit.create(building=Building.create(estate=happy, name="3"), name="1")
    for number in ("502", "101"):
        Room.create(unit=unit, number=number, area_centi=8000)
    return happy


@pytest.fixture
def page(qtbot, runner, workspace):
    page = Page(PageContext(runner, ScopeState(), ChangeBus(), workspace))
    qtbot.addWidget(page)
    return page


def dialog_for(qtbot, runner, path) -> TicketImportDialog:
    dialog = TicketImportDialog(runner, str(path), today=date.today())
    qtbot.addWidget(dialog)
    return dialog


def test_preview_then_import_then_nothing_to_do(qtbot, qtmodeltester, runner, estates, tmp_path):
    path = write_tickets(tmp_path / "工单.xlsx", sample_tickets())
    dialog = dialog_for(qtbot, runner, path)
    for model in (dialog.errors, dialog.warnings, dialog.changes):
        qtmodeltester.check(model, force_py=True)
    assert "新增 5 件，更新 0 件，未变 0 件" in dialog.counts.text()
    assert dialog.tabs.tabText(0) == "错误（0）" and dialog.tabs.tabText(2) == "将新增或更新的工单（5）"
    assert dialog.combos["ticket_no"].currentData() == "工单号" and dialog.combos["estate"].currentData() == "小区"
    warned = {(row[1], row[2]) for row in dialog.warnings.rows}
    assert ("6", "问题分类（C列）") in warned and ("7", "小区（D列）") in warned
    assert dialog.categories.isVisibleTo(dialog) and "路灯" in dialog.category_combos
    assert dialog.import_all.isEnabled() and not dialog.import_valid.isEnabled()
    assert Complaint.select().count() == 0
    dialog.import_all.click()
    assert dialog.imported and Complaint.select().count() == 5
    assert "导入完成：新增 5 件" in dialog.counts.text() and dialog.close_button.text() == "关闭"
    assert not dialog.import_all.isEnabled()
    again = dialog_for(qtbot, runner, path)
    assert "新增 0 件，更新 0 件，未变 5 件" in again.counts.text() and "没有需要写入的变化" in again.counts.text()
    assert not again.import_all.isEnabled() and not again.import_valid.isEnabled()


def test_category_chosen_for_an_unknown_text_and_a_remapped_column(qtbot, runner, estates, tmp_path):
    dialog = dialog_for(qtbot, runner, write_tickets(tmp_path / "工单.xlsx", sample_tickets()))
    combo = dialog.category_combos["路灯"]
    combo.setCurrentIndex(combo.findData("施工管理"))
    reply = dialog.combos["reply"]
    reply.setCurrentIndex(reply.findData("来电内容"))  # the user decides the 来电内容 column is the reply
    text = dialog.combos["text"]
    text.setCurrentIndex(0)
    dialog.check_again.click()
    lamp = next(plan for plan in dialog.preview.plans if plan.ticket.ticket_no == "GD2024050900004")
    assert lamp.ticket.category == "施工管理" and lamp.ticket.reply == "楼道灯不亮" and lamp.ticket.text == ""
    assert not any(row[2].startswith("问题分类") for row in dialog.warnings.rows)
    assert dialog.category_combos["路灯"].currentData() == "施工管理"  # kept after reading again
    dialog.combos["ticket_no"].setCurrentIndex(0)
    dialog.check_again.click()
    assert "请为“工单编号”选择对应的列" in dialog.message.text()


def test_errors_allow_only_the_valid_rows(qtbot, runner, estates, tmp_path):
    rows = changed(sample_tickets(), "GD2024050600001", 来电时间="下周一")
    dialog = dialog_for(qtbot, runner, write_tickets(tmp_path / "工单.xlsx", rows))
    assert dialog.tabs.tabText(0) == "错误（1）" and dialog.tabs.currentIndex() == 0
    assert dialog.errors.rows[0][:4] == ("工单列表", "3", "来电时间（B列）", "下周一")
    assert not dialog.import_all.isEnabled() and dialog.import_valid.isEnabled()
    dialog.resize(980, 680)
    shot = SCREENSHOT if os.environ.get(SCREENSHOT_ENV) else tmp_path / "dialog.png"
    assert dialog.grab().save(str(shot))
    dialog.import_valid.click()
    assert Complaint.select().count() == 4 and ComplaintStep.select().count() > 4


def test_a_file_that_is_not_a_workbook_is_named(qtbot, runner, estates, tmp_path):
    path = tmp_path / "工单.xlsx"
    path.write_text("不是表格", encoding="utf-8")
    dialog = dialog_for(qtbot, runner, path)
    assert "不是 Excel 工作簿" in dialog.counts.text() and not dialog.import_all.isEnabled()


def test_import_tickets_asks_for_the_file_and_reports_what_was_written(qtbot, page, estates, tmp_path, monkeypatch):
    path = write_tickets(tmp_path / "工单.xlsx", sample_tickets())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, TicketImportDialog):
            QTimer.singleShot(20, act)
            return
        dialog.import_all.click()
        dialog.close_button.click()

    QTimer.singleShot(0, act)
    assert import_tickets(page) is True and Complaint.select().count() == 5
    QTimer.singleShot(0, act)
    assert import_tickets(page) is False  # nothing new the second time
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    assert import_tickets(page) is False
