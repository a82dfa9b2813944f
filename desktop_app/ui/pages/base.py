"""What every page gets (the task runner, the window's scope, the workspace) and the placeholder for pages to come."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

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


@dataclass
class PageContext:
    runner: Any  # ui.tasks.TaskRunner or SyncTaskRunner
    scope: ScopeState
    data_changed: Callable[[], None]  # call after writing, so every page refreshes
    workspace: Any  # services.workspace.Workspace: the clock ("today") and the caches of the open database


class Page(QWidget):
    """A page of the main window. It follows `context.scope`; `refresh()` re-reads after data changed."""

    title = ""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        context.scope.changed.connect(self.scope_changed)

    def scope_changed(self, scope: Scope) -> None:
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
