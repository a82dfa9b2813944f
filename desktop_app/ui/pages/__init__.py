"""The pages of the main window, in navigation order. A new page plugs in with one line here:
(title, factory) where factory(context) returns a `Page`; None shows the placeholder."""

from __future__ import annotations

from typing import Callable

from desktop_app.ui.pages.base import Page, PageContext
from desktop_app.ui.pages.home import HomePage
from desktop_app.ui.pages.print_center import PrintCenterPage
from desktop_app.ui.pages.rooms_page import RoomsPage

PageFactory = Callable[[PageContext], Page]

PAGES: list[tuple[str, PageFactory | None]] = [
    ("首页", HomePage),
    ("房屋与业主", RoomsPage),
    ("征求意见", None),
    ("改造表决", None),
    ("业委会", None),
    ("加装电梯", None),
    ("项目与资金", None),
    ("打印中心", PrintCenterPage),
    ("数据交换", None),
    ("设置", None),
]
