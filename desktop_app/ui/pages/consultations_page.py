"""征求意见: consultation events, door-to-door entry, the demand summary, households not reached, the
complaints board and the district figures, one tab each, all following the window's scope and the page's
date range. A tab re-reads when it is shown after the scope, the dates or the data changed. 打印与导出 offers
the documents and registers of the scope and dates (consult-exchange's `ui.consultation_files`)."""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QTabWidget, QVBoxLayout, QWidget

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


def build_tab(module: str, class_name: str, context: PageContext, dates: DateRange) -> ConsultTab:
    """The tab, its module imported when the tab is first shown."""
    return getattr(importlib.import_module(f"desktop_app.ui.{module}"), class_name)(context, dates)


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
        self.files_button = QPushButton("打印与导出")
        self.files_button.setObjectName("files_button")
        self.files_button.setMenu(self._files_menu())
        head = QHBoxLayout()
        head.addWidget(self.scope_text, 1)
        head.addWidget(self.dates)
        head.addWidget(self.files_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        events = self.tab_pages["活动"]
        if hasattr(events, "enter_opinions"):
            events.enter_opinions.connect(self.enter_opinions)
        self.tabs.currentChanged.connect(lambda _index: self._refresh_current())
        self.dates.changed.connect(self.refresh)
        self.refresh()

    def _files_menu(self) -> QMenu:
        """The documents and registers of consult-exchange (`ui.consultation_files`) for the scope and dates."""
        menu = QMenu(self)
        files = importlib.import_module("desktop_app.ui.consultation_files")

        def category() -> str | None:
            board = self.tab_pages.get("投诉台账")
            return getattr(getattr(board, "category_filter", None), "currentData", lambda: None)()

        for text, name, action in (
                ("征求意见表（本范围每户一页）…", "print_opinion_forms", lambda: files.print_opinion_forms(self)),
                ("意见汇总…", "print_opinion_summary", lambda: files.print_opinion_summary(self, *self.dates.range())),
                ("投诉台账…", "print_complaint_ledger",
                 lambda: files.print_complaint_ledger(self, *self.dates.range(), category=category())),
                (None, None, None),
                ("导出意见登记簿（Excel）…", "export_opinion_register",
                 lambda: files.export_opinion_register(self, *self.dates.range())),
                ("导出投诉登记簿（Excel）…", "export_complaint_register",
                 lambda: files.export_complaint_register(self, *self.dates.range()))):
            if text is None:
                menu.addSeparator()
                continue
            entry = menu.addAction(text)
            entry.setObjectName(name)
            entry.triggered.connect(action)
        return menu

    def tab(self, title: str) -> ConsultTab:
        """The tab titled `title`, shown (and re-read if it was stale)."""
        self.tabs.setCurrentWidget(self.tab_pages[title])
        self._refresh_current()
        return self.tab_pages[title]

    def enter_opinions(self, event_id: int) -> None:
        """入户登记 for one 入户走访 event (from the 活动 tab)."""
        entry = self.tab("入户登记")
        if hasattr(entry, "choose_event"):
            entry.choose_event(event_id)

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
