"""What every tab of 征求意见 shares: the page context (scope, runner, change bus) and the page's date range.

A tab names the topics it shows in `depends_on`; the page re-reads a tab when a change touches them (when
the tab is shown). A tab that wrote calls `written(changes)`."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from desktop_app.services.changes import Changes, Topic
from desktop_app.services.scope import Scope
from desktop_app.ui.widgets.date_range import DateRange
from desktop_app.ui.pages.base import PageContext


class ConsultTab(QWidget):
    """A tab re-reads in `refresh()` (scope or dates changed, data it depends on written); `written(changes)`
    after it writes."""

    depends_on: frozenset[Topic] = frozenset()

    def __init__(self, context: PageContext, dates: DateRange, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.dates = dates

    @property
    def scope(self) -> Scope:
        return self.context.scope.scope

    def today(self) -> date:
        """Today on the workspace's clock."""
        return self.context.workspace.clock.today()

    def date_range(self) -> tuple[date | None, date | None]:
        return self.dates.range()

    def refresh(self) -> None:
        pass

    def written(self, changes: Changes) -> None:
        """Send what this tab wrote; every page and tab that depends on it re-reads (this one included)."""
        self.context.changes.emit(changes)
