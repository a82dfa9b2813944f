"""征求意见: consultation events, door-to-door entry, the demand summary, households not reached, the
complaints board and the district figures, one tab each, all following the window's scope and the page's
date range. A tab re-reads when it is shown after the scope, the dates or the data changed."""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop_app.services.scope import Scope, scope_label
from desktop_app.ui.consult_tab import ConsultTab
from desktop_app.ui.date_range import DateRange
from desktop_app.ui.pages.base import Page, PageContext

# (tab title, module under desktop_app.ui, class): each tab is one module with one purpose.
TABS = (
    ("活动", "consult_events", "EventsTab"),
    ("入户登记", "consult_entry", "EntryTab"),
    ("需求汇总", "consult_summary", "SummaryTab"),
    ("未走访户", "consult_unreached", "UnreachedTab"),
    ("投诉台账", "complaints_board", "ComplaintsTab"),
    ("统计", "consult_figures", "FiguresTab"),
)


class MissingTab(ConsultTab):
    """Shown instead of a tab whose module cannot be loaded, so the rest of the page still works."""

    def __init__(self, context: PageContext, dates: DateRange, reason: str) -> None:
        super().__init__(context, dates)
        label = QLabel(f"此功能暂不可用：{reason}")
        label.setWordWrap(True)
        QVBoxLayout(self).addWidget(label)


def build_tab(module: str, class_name: str, context: PageContext, dates: DateRange) -> ConsultTab:
    try:
        tab_class = getattr(importlib.import_module(f"desktop_app.ui.{module}"), class_name)
    except ImportError as error:
        return MissingTab(context, dates, str(error))
    return tab_class(context, dates)


class ConsultationsPage(Page):
    title = "征求意见"

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.scope_text = QLabel()
        self.scope_text.setObjectName("scope_text")
        self.scope_text.setStyleSheet("font-weight: bold;")
        self.dates = DateRange()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("consultation_tabs")
        self.tab_pages: dict[str, ConsultTab] = {}
        self.stale: set[str] = set()
        for title, module, class_name in TABS:
            tab = build_tab(module, class_name, context, self.dates)
            tab.setObjectName(f"tab_{module}")
            self.tab_pages[title] = tab
            self.tabs.addTab(tab, title)
        head = QHBoxLayout()
        head.addWidget(self.scope_text, 1)
        head.addWidget(self.dates)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda _index: self._refresh_current())
        self.dates.changed.connect(self.refresh)
        self.refresh()

    def tab(self, title: str) -> ConsultTab:
        """The tab titled `title`, shown (and re-read if it was stale)."""
        self.tabs.setCurrentWidget(self.tab_pages[title])
        self._refresh_current()
        return self.tab_pages[title]

    def scope_changed(self, scope: Scope) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.scope_text.setText(f"范围：{scope_label(self.context.scope.scope)}")
        self.stale = set(self.tab_pages)
        self._refresh_current()

    def _refresh_current(self) -> None:
        title = self.tabs.tabText(self.tabs.currentIndex())
        if title in self.stale:
            self.stale.discard(title)
            self.tab_pages[title].refresh()
