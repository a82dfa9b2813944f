"""征求意见: consultation events, door-to-door entry, the demand summary, households not reached, the
complaints board and the district figures, one tab each, all following the window's scope and the page's
date range. A tab re-reads when it is shown after the scope, the dates or the data it depends on changed
(`ConsultTab.depends_on`); a change no tab depends on leaves them all alone. 打印与导出 offers
the documents and registers of the scope and dates (`ui.consult.files`)."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desktop_app.services.changes import Changes, Topic
from desktop_app.services.scope import Scope, scope_label
from desktop_app.ui.consult import files
from desktop_app.ui.consult.complaints_board import ComplaintsTab
from desktop_app.ui.consult.entry import EntryTab
from desktop_app.ui.consult.events import EventsTab
from desktop_app.ui.consult.figures import FiguresTab
from desktop_app.ui.consult.summary import SummaryTab
from desktop_app.ui.consult.tab import ConsultTab
from desktop_app.ui.consult.unreached import UnreachedTab
from desktop_app.ui.widgets.date_range import DateRange
from desktop_app.ui.pages.base import Page, PageContext, hidden_in_shown_window

# (tab title, object name, class): each tab is one module with one purpose.
TABS: tuple[tuple[str, str, type[ConsultTab]], ...] = (
    ("活动", "consult_events", EventsTab),
    ("入户登记", "consult_entry", EntryTab),
    ("需求汇总", "consult_summary", SummaryTab),
    ("未走访户", "consult_unreached", UnreachedTab),
    ("投诉台账", "complaints_board", ComplaintsTab),
    ("统计", "consult_figures", FiguresTab),
)


class ConsultationsPage(Page):
    title = "征求意见"
    depends_on: frozenset[Topic] = frozenset().union(*(tab_class.depends_on for _t, _n, tab_class in TABS))

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.scope_text = QLabel()
        self.scope_text.setObjectName("scope_text")
        self.scope_text.setStyleSheet("font-weight: bold;")
        self.dates = DateRange(today=context.workspace.clock.today())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("consultation_tabs")
        self.tab_pages: dict[str, ConsultTab] = {}
        self.stale: set[str] = set()
        # The tabs the page itself talks to, by their own type.
        self.events_tab = EventsTab(context, self.dates)
        self.entry_tab = EntryTab(context, self.dates)
        self.complaints_tab = ComplaintsTab(context, self.dates)
        made: dict[type[ConsultTab], ConsultTab] = {
            EventsTab: self.events_tab, EntryTab: self.entry_tab, ComplaintsTab: self.complaints_tab}
        for title, name, tab_class in TABS:
            tab = made.get(tab_class) or tab_class(context, self.dates)
            tab.setObjectName(f"tab_{name}")
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
        self.events_tab.enter_opinions.connect(self.enter_opinions)
        self.tabs.currentChanged.connect(lambda _index: self._refresh_current())
        self.dates.changed.connect(self.refresh)
        self.refresh()

    def _files_menu(self) -> QMenu:
        """The documents and registers (`ui.consult.files`) for the scope and dates."""
        menu = QMenu(self)

        def category() -> str | None:
            return self.complaints_tab.category_filter.currentData()

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
        self.tab("入户登记")
        self.entry_tab.choose_event(event_id)

    def scope_changed(self, scope: Scope) -> None:
        self.refresh()

    def data_changed(self, changes: Changes) -> None:
        """The tabs that depend on the change are re-read when shown (the current one now, if on screen)."""
        self.stale.update(title for title, tab in self.tab_pages.items() if changes.touches(tab.depends_on))
        if not hidden_in_shown_window(self):
            self._refresh_current()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self._refresh_current()

    def refresh(self) -> None:
        self.scope_text.setText(f"范围：{scope_label(self.context.scope.scope)}")
        self.stale = set(self.tab_pages)
        self._refresh_current()

    def _refresh_current(self) -> None:
        title = self.tabs.tabText(self.tabs.currentIndex())
        if title in self.stale:
            self.stale.discard(title)
            self.tab_pages[title].refresh()
