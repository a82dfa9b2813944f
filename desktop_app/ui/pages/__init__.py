"""The pages of the main window, in navigation order. A new page plugs in with one line here:
(title, factory) where factory(context) returns a `Page`; None shows the placeholder.

A page's module is imported the first time the page is shown, so start-up pays only for the first
page (the print centre alone would add reportlab and PDFium to every start)."""

from __future__ import annotations

import importlib
from typing import Callable

from desktop_app.ui.pages.base import Page, PageContext

PageFactory = Callable[[PageContext], Page]


def lazy(module: str, class_name: str) -> PageFactory:
    """A factory that imports `desktop_app.ui.pages.<module>` when the page is first built."""

    def build(context: PageContext) -> Page:
        page_class = getattr(importlib.import_module(f"desktop_app.ui.pages.{module}"), class_name)
        return page_class(context)

    return build


PAGES: list[tuple[str, PageFactory | None]] = [
    ("首页", lazy("home", "HomePage")),
    ("房屋与业主", lazy("rooms_page", "RoomsPage")),
    ("征求意见", lazy("consultations_page", "ConsultationsPage")),
    ("改造表决", lazy("votes_page", "VotesPage")),
    ("业委会", None),
    ("加装电梯", None),
    ("项目与资金", None),
    ("打印中心", lazy("print_center", "PrintCenterPage")),
    ("数据交换", None),
    ("设置", None),
]
