"""The pages of the main window, in navigation order. A new page plugs in with one line here:
(title, factory) where factory(context) returns a `Page`; None shows the placeholder.

Each factory imports its page's module when the page is first built, so start-up pays only for the
first page (the print centre alone would add reportlab and PDFium to every start). The imports are
plain `import` statements, so the layer test and mypy see them."""

from __future__ import annotations

from typing import Callable

from desktop_app.ui.pages.base import Page, PageContext

PageFactory = Callable[[PageContext], Page]


def home_page(context: PageContext) -> Page:
    from desktop_app.ui.pages.home import HomePage

    return HomePage(context)


def rooms_page(context: PageContext) -> Page:
    from desktop_app.ui.roll import RoomsPage

    return RoomsPage(context)


def consultations_page(context: PageContext) -> Page:
    from desktop_app.ui.consult import ConsultationsPage

    return ConsultationsPage(context)


def votes_page(context: PageContext) -> Page:
    from desktop_app.ui.votes import VotesPage

    return VotesPage(context)


def committee_page(context: PageContext) -> Page:
    from desktop_app.ui.committee import CommitteePage

    return CommitteePage(context)


def projects_page(context: PageContext) -> Page:
    from desktop_app.ui.projects import ProjectsPage

    return ProjectsPage(context)


def print_center_page(context: PageContext) -> Page:
    from desktop_app.ui.printing import PrintCenterPage

    return PrintCenterPage(context)


def data_exchange_page(context: PageContext) -> Page:
    from desktop_app.ui.data_exchange import DataExchangePage

    return DataExchangePage(context)


def settings_page(context: PageContext) -> Page:
    from desktop_app.ui.settings import SettingsPage

    return SettingsPage(context)


PAGES: list[tuple[str, PageFactory | None]] = [
    ("首页", home_page),
    ("房屋与业主", rooms_page),
    ("征求意见", consultations_page),
    ("改造表决", votes_page),
    ("业委会", committee_page),
    ("加装电梯", None),
    ("项目与资金", projects_page),
    ("打印中心", print_center_page),
    ("数据交换", data_exchange_page),
    ("设置", settings_page),
]
