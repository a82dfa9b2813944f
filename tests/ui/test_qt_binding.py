"""The Qt binding itself: PySide6 6.12.0 lost a reference to True (and None) on every Signal.emit(),
which aborts the process after a few hundred emits. pyproject.toml keeps us off that release; this
test fails on any release that brings the bug back."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    plain = Signal()
    number = Signal(int)
    anything = Signal(object)


def test_emitting_signals_keeps_reference_counts(qapp):
    emitter = Emitter()
    received = []
    emitter.plain.connect(lambda: received.append(None))
    emitter.number.connect(received.append)
    emitter.anything.connect(received.append)
    before = (sys.getrefcount(True), sys.getrefcount(None))
    for value in range(200):
        emitter.plain.emit()
        emitter.number.emit(value)
        emitter.anything.emit(None)
    received.clear()
    after = (sys.getrefcount(True), sys.getrefcount(None))
    assert abs(after[0] - before[0]) < 50 and abs(after[1] - before[1]) < 50
