"""What every page gets (the task runner, the window's scope, the change bus,
the workspace) and the placeholder for pages to come.

After every write the writer sends what changed (`services.changes.Changes`) on `context.changes`, the one
`ChangeBus` of the window. Each page names the topics it shows in `depends_on`; a change touching them makes
the page re-read (`refresh()`), at once when the page is on screen, or when it is shown next if it is hidden
in a shown window. A change touching none of them leaves the page alone.

A page asks the window to open another page with a request through `context.navigator`:
`navigator.open("项目与资金", "show_projects", ids, title)` shows that page and calls its
`show_projects(ids, title)`. It answers False, and nothing changes on screen, when there is no such page,
the page is still a placeholder, or it has no such method, so the asking page can fall back (a dialog).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.services.changes import Changes, Topic
from desktop_app.services.scope import ALL, Scope


class ScopeState(QObject):
    """The scope the whole window follows; pages listen to `changed` and may `set` it."""

    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scope: Scope = ALL

    def set(self, scope: Scope) -> None:
        if scope != self.scope:
            self.scope = scope
            self.changed.emit(scope)


class ChangeBus(QObject):
    """The one change signal of a window: `emit(changes)` after a write; readers connect to `changed`."""

    changed = Signal(object)  # services.changes.Changes

    def emit(self, changes: Changes) -> None:  # type: ignore[override]  # shadows QObject's old-style emit(SIGNAL)
        """Send `changes` to every reader; an empty change is not sent."""
        if changes:
            self.changed.emit(changes)


OpenPage = Callable[[str, str, tuple[Any, ...]], bool]


class Navigator(QObject):
    """How a page asks the window to open another page with a request (see the module docstring).
    The window `attach`es the function that does it; without a window (a page alone) nothing opens."""

    opened = Signal(str, str)  # page title, request (method name): after the request was handed over

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open: OpenPage | None = None

    def attach(self, open_page: OpenPage) -> None:
        self._open = open_page

    def open(self, title: str, request: str, *args: Any) -> bool:
        """Show the page titled `title` and call its method `request(*args)`; False if it cannot."""
        if self._open is None or not self._open(title, request, args):
            return False
        self.opened.emit(title, request)
        return True


@dataclass
class PageContext:
    runner: Any  # ui.widgets.tasks.TaskRunner or SyncTaskRunner
    scope: ScopeState
    changes: ChangeBus  # emit what a write changed; pages re-read what depends on it
    workspace: Any  # services.workspace.Workspace: the clock ("today") and the caches of the open database
    navigator: Navigator = field(default_factory=Navigator)  # open another page with a request


def hidden_in_shown_window(widget: QWidget) -> bool:
    """True for a widget that is not on screen while its window is (another page or tab is in front)."""
    return not widget.isVisible() and widget.window() is not widget and widget.window().isVisible()


class Page(QWidget):
    """A page of the main window. It follows `context.scope`; `refresh()` re-reads after a change that
    touches `depends_on` (see the module docstring)."""

    title = ""
    depends_on: frozenset[Topic] = frozenset()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.out_of_date = False  # a change arrived while the page was hidden
        context.scope.changed.connect(self.scope_changed)
        context.changes.changed.connect(self.data_changed)

    def scope_changed(self, scope: Scope) -> None:
        self.refresh()

    def data_changed(self, changes: Changes) -> None:
        """A write happened: re-read if it touches this page (later, if the page is hidden)."""
        if not changes.touches(self.depends_on):
            return
        if hidden_in_shown_window(self):
            self.out_of_date = True
            return
        self.out_of_date = False
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self.out_of_date:
            self.out_of_date = False
            self.refresh()

    def refresh(self) -> None:
        pass


class PlaceholderPage(Page):
    def __init__(self, context: PageContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        label = QLabel(f"{title}\n\n该功能将在后续版本提供")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("font-size: 18px; color: #666;")
        layout.addWidget(label)
