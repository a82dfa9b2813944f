"""A page asks the window to open another page with a request (`context.navigator`); the 首页's project
figures open on the 项目与资金 page when it takes `show_projects`, else in a dialog."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages import PAGES
from desktop_app.ui.pages.base import Navigator, Page, PlaceholderPage
from tests.home_dataset import AS_OF, build

PROJECTS = "项目与资金"


class ProjectsStandIn(Page):
    """What the 项目与资金 page offers the 首页: `show_projects(ids, title)`."""

    title = PROJECTS

    def __init__(self, context) -> None:
        super().__init__(context)
        self.shown: list[tuple[list[int], str]] = []

    def show_projects(self, ids, title) -> None:
        self.shown.append((list(ids), title))


def position(title: str) -> int:
    return [t for t, _f in PAGES].index(title)


@pytest.fixture
def projects_page():
    where = position(PROJECTS)
    before = PAGES[where]
    PAGES[where] = (PROJECTS, ProjectsStandIn)
    yield
    PAGES[where] = before


def open_window(qtbot, runner, ui_settings, workspace) -> MainWindow:
    window = MainWindow(runner, ui_settings, workspace=workspace)
    qtbot.addWidget(window)
    window.show()
    window.show_page(0)
    return window


def test_a_navigator_without_a_window_opens_nothing():
    navigator = Navigator()
    assert navigator.open(PROJECTS, "show_projects", [1], "x") is False


def test_the_window_shows_the_page_and_hands_it_the_request(qtbot, roll, runner, ui_settings, workspace,
                                                            projects_page):
    window = open_window(qtbot, runner, ui_settings, workspace)
    with qtbot.waitSignal(window.navigator.opened) as opened:
        assert window.context.navigator.open(PROJECTS, "show_projects", [3, 1], "未开工的项目") is True
    assert opened.args == [PROJECTS, "show_projects"]
    page = window.page(position(PROJECTS))
    assert window.stack.currentWidget() is page and window.nav.currentRow() == position(PROJECTS)
    assert page.shown == [([3, 1], "未开工的项目")]


def test_a_request_no_page_can_take_changes_nothing(qtbot, roll, runner, ui_settings, workspace):
    window = open_window(qtbot, runner, ui_settings, workspace)
    navigator = window.context.navigator
    assert navigator.open("没有这一页", "show_projects", [1], "x") is False
    assert navigator.open("业委会", "show_projects", [1], "x") is False  # a placeholder
    assert navigator.open("打印中心", "show_projects", [1], "x") is False  # no such method
    assert window.nav.currentRow() == 0
    assert not isinstance(window.stack.currentWidget(), PlaceholderPage)


def test_the_home_pages_late_figure_opens_the_projects_page(qtbot, roll, runner, ui_settings, workspace, clock,
                                                           projects_page):
    clock.set(datetime(AS_OF.year, AS_OF.month, AS_OF.day, 9))
    data = build(roll)
    window = open_window(qtbot, runner, ui_settings, workspace)
    home = window.page(0)
    qtbot.mouseClick(home.indicators.cards["late"], Qt.MouseButton.LeftButton)
    page = window.page(position(PROJECTS))
    assert window.stack.currentWidget() is page
    late = [data.projects["2024-001"].id, data.projects["2025-001"].id]
    assert page.shown == [(late, "首页：未按期完工的项目")]
    assert home.records_dialog is None  # no dialog when the page took the request


def test_the_consultation_figures_open_the_tab_behind_them(qtbot, roll, runner, ui_settings, workspace):
    window = open_window(qtbot, runner, ui_settings, workspace)
    home = window.page(0)
    qtbot.mouseClick(home.indicators.cards["complaints"], Qt.MouseButton.LeftButton)
    consult = window.page(position("征求意见"))
    assert window.stack.currentWidget() is consult
    assert consult.tabs.tabText(consult.tabs.currentIndex()) == "投诉台账"
