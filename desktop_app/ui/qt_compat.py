"""Work around a PySide6 reference-count bug: `SignalInstance.emit()` returns `True` without a reference.

Measured with PySide6 6.12 on Python 3.11: every `signal.emit(...)` made from Python lowers the
reference count of `True` by one; after a few hundred emits Python frees `True` and the process
aborts ("bool_dealloc"). `emit(signal, *args)` emits and gives back the reference that was lost,
as measured once at start-up, so a fixed PySide6 (or Python 3.12's immortal bools) needs nothing.
Always emit through this function, never `signal.emit` directly. Where the bug is present, True and
False also get a large reserve of references for emits made elsewhere (CPython's object header).
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    fired = Signal()


def _measure_drift() -> int:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(4):
        probe.fired.emit()
    lost = before - sys.getrefcount(True)
    for _ in range(max(lost, 0)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return max(lost, 0) // 4


_LOST_PER_EMIT = _measure_drift()
_PIN = 1 << 30


def _pin_booleans() -> None:
    """Where the bug is present, give True and False a large reserve of references, so emits made
    elsewhere (library code, slots) can never bring them to zero within a session."""
    for value in (True, False):
        ctypes.c_ssize_t.from_address(id(value)).value += _PIN


if _LOST_PER_EMIT:
    _pin_booleans()


def emit(signal, *args) -> None:
    """`signal.emit(*args)`, keeping the interpreter's reference counts right."""
    signal.emit(*args)
    for _ in range(_LOST_PER_EMIT):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
