"""The shell: navigation and shortcuts, placeholders, 首页 counts, remembered window state, first start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop_app.models import Estate, Room
from desktop_app.services.scope import Scope
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages import PAGES
from tests.ui.conftest import answer_next_box


def test_navigation_shortcuts_and_placeholders(qtbot, window):
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "首页", "房屋与业主", "征求意见", "改造表决", "业委会", "加装电梯", "项目与资金", "打印中心", "数据交换", "设置"]
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.page(1) and window.nav.currentRow() == 1
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    if PAGES[2][1] is None:
        labels = [label.text() for label in window.stack.currentWidget().findChildren(QLabel)]
        assert any("该功能将在后续版本提供" in text for text in labels)
    window.nav.setCurrentRow(0)
    assert window.stack.currentWidget() is window.page(0)


def test_home_counts_follow_the_scope(qtbot, window):
    home = window.page(0)
    value = lambda key: home.values[key].text()  # noqa: E731
    assert (value("estates"), value("rooms"), value("owner_heads")) == ("2", "15", "14")  # 张三 twice = 1
    total = sum(room.area_centi for room in Room.select())
    assert value("area_centi") == f"{total // 100:,}.{total % 100:02d}" and total > 100000
    window.scope_state.set(Scope("estate", Estate.get(name="梅岭小区").id))
    assert (value("estates"), value("buildings"), value("units"), value("rooms")) == ("1", "1", "0", "3")
    assert "梅岭小区" in home.heading.text()


def test_window_state_is_restored(qtbot, roll, runner, ui_settings, workspace):
    first = MainWindow(runner, ui_settings, workspace=workspace)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 560)  # within the offscreen screen (800x600)
    first.show_page(1)
    scope = Scope("estate", Estate.get(name="梅岭小区").id)
    first.scope_state.set(scope)
    first.splitter.setSizes([150, 610])
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow(runner, ui_settings, workspace=workspace)
    qtbot.addWidget(second)
    second.show()
    assert second.nav.currentRow() == 1 and second.scope_state.scope == scope
    assert (second.width(), second.height()) == (760, 560)
    assert second.splitter.sizes() == sizes
    assert second.scope_bar.combos[2].currentText() == "梅岭小区"
    assert second.page(1).model.rowCount() == 3


def test_a_deleted_scope_falls_back_to_everything(qtbot, roll, runner, ui_settings, workspace):
    ui_settings.setValue("window/scope", "estate:999")
    window = MainWindow(runner, ui_settings, workspace=workspace)
    qtbot.addWidget(window)
    assert window.scope_state.scope == Scope()


def test_first_start_offers_the_demo(qtbot, database, runner, ui_settings, workspace):
    window = MainWindow(runner, ui_settings, workspace=workspace)
    qtbot.addWidget(window)
    window.show()
    seen: list[str] = []
    answer_next_box("稍后", seen)
    window.offer_demo_if_empty()
    assert "还没有任何小区" in seen[0] and Room.select().count() == 0
    answer_next_box("生成演示数据")
    window.offer_demo_if_empty()
    assert Room.select().count() > 1000 and runner.reports  # the demo reported progress
    assert window.page(0).values["rooms"].text() == f"{Room.select().count():,}"
    assert "演示数据已生成" in window.statusBar().currentMessage()


def test_every_declared_setting_names_a_page_of_the_window():
    from desktop_app.domain.setting_definitions import INTERNAL, SETTINGS

    pages = {name for name, _factory in PAGES}
    assert {definition.page for definition in SETTINGS} - {INTERNAL} <= pages
