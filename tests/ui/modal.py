"""The tests' hand on modal dialogs: wait for the next one and answer it.

A modal dialog runs its own event loop, so a test arranges the answer before the click that opens it.
Polling is by wall time (two minutes: a background job may render for a while first, under any load) and
stops when the test that asked ends, so a late poller can never answer another test's dialog.
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

WAIT_SECONDS = 120.0
_generation = [0]


def next_test() -> None:
    """Called after every UI test: pollers started by it stop."""
    _generation[0] += 1


def when_modal(take: Callable[[QWidget], bool]) -> None:
    """Call `take(widget)` with the active modal widget until it returns True (it answered that one)."""
    generation = _generation[0]
    deadline = time.monotonic() + WAIT_SECONDS

    def poll() -> None:
        if _generation[0] != generation or time.monotonic() > deadline:
            return
        widget = QApplication.activeModalWidget()
        if widget is None or not take(widget):
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
