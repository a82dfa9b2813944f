"""The 设置 page driven like a user: the holiday table by year (shipped years read-only, staff dates
entered and deleted with confirmation), the calculator live as you type, the clocks' kinds."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.services import calendar
from desktop_app.ui.pages.base import ChangeBus, PageContext, ScopeState
from desktop_app.ui.settings import SettingsPage
from desktop_app.ui.settings.holiday_dialog import HolidayDialog
from desktop_app.ui.widgets.tasks import SyncTaskRunner
from tests.ui.conftest import type_text


@pytest.fixture
def page(qtbot, workspace, clock):
    clock.set(datetime(2026, 3, 2, 9, 0))
    bus = ChangeBus()
    sent: list = []
    bus.changed.connect(sent.append)
    page = SettingsPage(PageContext(SyncTaskRunner(), ScopeState(), bus, workspace))
    page.sent = sent
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def choose_year(page, year: int) -> None:
    page.holidays.year.setCurrentIndex(page.holidays.year.findData(year))


def select(page, day: date) -> None:
    rows = page.holidays.model.rows
    page.holidays.table.selectRow(next(i for i, row in enumerate(rows) if row.day == day))


def fill(qtbot, dialog: HolidayDialog, day: str, kind: str, note: str = "") -> None:
    qtbot.keyClicks(dialog.inputs["day"], day)
    dialog.inputs["kind"].setCurrentIndex(dialog.inputs["kind"].findData(kind))
    type_text(qtbot, dialog.inputs["note"], note)


def test_this_year_is_shown_read_only_from_the_package(page, qtmodeltester):
    panel = page.holidays
    assert panel.current_year() == 2026
    assert {2024, 2025, 2026, 2027} <= {panel.year.itemData(i) for i in range(panel.year.count())}
    assert "随程序提供" in panel.status.text() and "只读" in panel.status.text()
    model = panel.model
    qtmodeltester.check(model, force_py=True)
    cells = [[model.index(r, c).data() for c in range(5)] for r in range(model.rowCount())]
    assert ["2026-10-01", "星期四", "放假", "国庆节", "随程序提供"] in cells
    assert ["2026-02-14", "星期六", "调休上班", "春节调休上班", "随程序提供"] in cells
    select(page, date(2026, 10, 1))
    assert not panel.delete.isEnabled()


def test_staff_enter_a_year_then_delete_a_date_after_confirming(page, qtbot, qtmodeltester):
    panel = page.holidays
    choose_year(page, 2027)
    assert "尚未录入" in panel.status.text() and panel.model.rowCount() == 0

    def enter(dialog: HolidayDialog) -> int:
        fill(qtbot, dialog, "2027-10-01", "放假", "国庆节")
        dialog.try_accept()
        return dialog.result()

    panel.open_dialog = enter
    panel.add.click()
    assert [(row.day, row.kind, row.note, row.staff) for row in panel.model.rows] == \
        [(date(2027, 10, 1), "放假", "国庆节", True)]
    assert panel.current_year() == 2027 and "本机录入（1 天）" in panel.status.text()
    assert page.sent and 2027 in calendar.holiday_table().years
    qtmodeltester.check(panel.model, force_py=True)

    select(page, date(2027, 10, 1))
    assert panel.delete.isEnabled()
    asked: list[str] = []
    panel.confirm = lambda _parent, text: asked.append(text) or False
    panel.delete.click()
    assert panel.model.rowCount() == 1 and asked == ["删除 2027-10-01（放假）？删除后按随程序提供的安排或周一至周五计算。"]
    panel.confirm = lambda _parent, _text: True
    panel.delete.click()
    assert panel.model.rowCount() == 0 and "尚未录入" in panel.status.text()


def test_the_dialog_says_what_is_wrong_as_you_type(page, qtbot):
    dialog = HolidayDialog(2027, page)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and not dialog.messages["day"].isVisibleTo(dialog)
    fill(qtbot, dialog, "2027-02-30", "放假")
    assert dialog.messages["day"].text() == "日期“2027-02-30”不存在" and not ok.isEnabled()
    dialog.inputs["day"].clear()
    fill(qtbot, dialog, "2027-10-08", "调休上班")
    dialog.changed("kind")
    assert dialog.messages["day"].text() == "2027年10月8日是星期五，本来就上班，无需设为调休上班"
    dialog.inputs["day"].clear()
    fill(qtbot, dialog, "2026-10-01", "放假")
    assert ok.isEnabled()
    dialog.try_accept()  # the service refuses: already a holiday in the shipped arrangement
    assert "已是放假（国庆节），无需录入" in dialog.messages["day"].text() and dialog.result() == 0


def test_the_calculator_counts_as_you_type(page, qtbot):
    calc = page.calculator
    calc.start.clear()
    qtbot.keyClicks(calc.start, "2024-09-27")
    calc.days.setValue(7)
    qtbot.mouseClick(calc.working_days, Qt.MouseButton.LeftButton)
    assert calc.end.text() == "2024年10月12日（星期六）　7个工作日"
    assert calc.note.text() == "期间法定节假日5天不计入；调休上班日2024年9月29日、2024年10月12日计入"
    qtbot.mouseClick(calc.calendar_days, Qt.MouseButton.LeftButton)
    calc.days.setValue(10)
    assert calc.end.text() == "2024年10月8日（星期二）　10日"
    assert "顺延至2024年10月8日" in calc.note.text()
    qtbot.keyClicks(calc.start, "x")
    assert calc.end.text() == "—" and "格式不对" in calc.note.text()


def test_a_date_entered_elsewhere_reaches_the_calculator(page, qtbot):
    calc = page.calculator
    calc.start.setText("2040-09-28")
    calc.days.setValue(1)
    qtbot.mouseClick(calc.working_days, Qt.MouseButton.LeftButton)
    assert calc.end.text().startswith("2040年10月1日") and "2040年的节假日安排尚未录入" in calc.note.text()
    page.context.changes.emit(calendar.add_holiday(date(2040, 10, 1), "放假", "国庆节"))
    assert calc.end.text().startswith("2040年10月2日") and calc.note.text() == "期间法定节假日1天不计入"


def test_each_clock_is_counted_the_way_its_box_says(page):
    boxes = page.clocks.boxes
    assert [name for name, box in boxes.items() if box.isChecked()] == ["complaint"]
    boxes["chair"].click()
    assert calendar.clock_kind("chair") and page.sent
    boxes["complaint"].click()
    assert not calendar.clock_kind("complaint")


def test_screenshot_at_1366_by_768(page, qtbot):
    page.resize(1366, 768)
    choose_year(page, 2024)
    qtbot.wait(50)
    shots = Path("/tmp/shots")
    shots.mkdir(exist_ok=True)
    assert page.grab().save(str(shots / "settings_page.png"))
    assert page.holidays.table.horizontalScrollBar().maximum() == 0  # the columns fit


def test_the_page_in_the_window_at_1366_by_768(qtbot, window):
    from desktop_app.ui.pages import PAGES

    window.resize(1366, 768)
    window.show_page([title for title, _factory in PAGES].index("设置"))
    qtbot.wait(50)
    page = window.findChild(SettingsPage)
    assert page is not None and page.isVisible()
    assert page.holidays.table.horizontalScrollBar().maximum() == 0
    assert page.clocks.boxes["complaint"].isVisible()
    assert window.grab().save("/tmp/shots/settings_window.png")
