"""The parts of 征求意见: the demand checklist's number typing, the bar chart, the date range presets."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate

from desktop_app.domain.catalogue import CatalogueEntry
from desktop_app.ui.widgets.bar_chart import BarChart
from desktop_app.ui.widgets.date_range import NO_BOUND, DateRange, from_qdate, preset_range
from desktop_app.ui.consult.demand_checklist import DemandChecklist


def entries(count: int) -> list[CatalogueEntry]:
    categories = ("基础类", "完善类", "提升类")
    return [CatalogueEntry(categories[i * 3 // count], f"项{i + 1:02d}", i) for i in range(count)]


@pytest.mark.parametrize("count,typed,toggled,pending", [
    (42, "03", ["项03"], ""),
    (42, "31", ["项31"], ""),
    (42, "7", ["项07"], ""),          # no item 70-79: at once
    (42, "5", ["项05"], ""),
    (42, "4", [], "4"),               # 40-42 exist: waits
    (42, "42", ["项42"], ""),
    (42, "43", [], ""),               # no such item: dropped
    (42, "1 ", ["项01"], ""),         # Space settles a single digit
    (42, "0", [], "0"),
    (42, "00", [], ""),
    (42, "0303", [], ""),             # twice toggles back
    (9, "3", ["项03"], ""),           # one digit codes
    (10, "1", [], "1"),
    (10, "10", ["项10"], ""),
    (10, "2", ["项02"], ""),
])
def test_typed_numbers_toggle_items(qtbot, count, typed, toggled, pending):
    checklist = DemandChecklist(entries(count))
    qtbot.addWidget(checklist)
    for char in typed:
        if char == " ":
            checklist.settle()
        else:
            checklist.type_digit(char)
    assert checklist.checked() == toggled and checklist.pending == pending


def test_checklist_numbers_are_the_catalogue_positions(qtbot):
    """The number of an item is its catalogue position + 1: a hidden item leaves a gap and a new one takes
    the next number, so a form printed before the catalogue changed is still keyed onto the right items."""
    checklist = DemandChecklist([CatalogueEntry("完善类", "加装电梯", 30), CatalogueEntry("基础类", "雨污分流", 2),
                                 CatalogueEntry("提升类", "楼道扶手", 42)])
    qtbot.addWidget(checklist)
    assert [box.text() for box in checklist.boxes] == ["03 雨污分流", "31 加装电梯", "43 楼道扶手"]
    assert checklist.type_digit("3") is None and checklist.type_digit("1") == "加装电梯"
    assert checklist.toggle_number(2) is None and checklist.toggle_number(3) == "雨污分流"
    checklist.set_checked(["加装电梯", "不在目录"])
    assert checklist.checked() == ["加装电梯"]
    assert checklist.toggle_number(44) is None and checklist.toggle_number(0) is None
    hand_made = DemandChecklist([CatalogueEntry("完善类", "加装电梯"), CatalogueEntry("基础类", "雨污分流")])
    qtbot.addWidget(hand_made)
    assert [box.text() for box in hand_made.boxes] == ["1 雨污分流", "2 加装电梯"]  # no positions: in order


def test_bar_chart_paints_empty_and_scaled(qtbot):
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(500, 200)
    assert not chart.grab().isNull()  # "没有数据"
    chart.set_data([("甲", [3, 1]), ("乙", [0, 2]), ("丙", [0, 0])], ["1号楼", "2号楼"])
    chart.resize(600, chart.sizeHint().height())
    assert not chart.grab().isNull()
    rects = chart.bar_rects()
    assert [round(sum(r.width() for r in bar) / rects[0][0].width() * 3) for bar in rects] == [4, 2, 0]
    assert rects[0][1].left() == rects[0][0].right()  # stacked
    assert chart.sizeHint().height() > BarChart().sizeHint().height()


def test_date_range_presets_and_open_ends(qtbot):
    today = date(2026, 5, 20)
    assert preset_range("本月", today) == (date(2026, 5, 1), today)
    assert preset_range("本季度", today) == (date(2026, 4, 1), today)
    assert preset_range("本季度", date(2026, 3, 31)) == (date(2026, 1, 1), date(2026, 3, 31))
    assert preset_range("本年", today) == (date(2026, 1, 1), today)
    assert preset_range("近30天", today) == (date(2026, 4, 21), today)
    assert preset_range("不限", today) == (None, None)
    dates = DateRange(today=today)
    qtbot.addWidget(dates)
    assert dates.range() == (None, None)
    with qtbot.waitSignal(dates.changed):
        dates.preset.setCurrentText("本月")
    assert dates.range() == (date(2026, 5, 1), today)
    dates.start.setDate(QDate(2026, 5, 3))
    assert dates.preset.currentText() == "自定义" and dates.range() == (date(2026, 5, 3), today)
    assert from_qdate(NO_BOUND) is None
