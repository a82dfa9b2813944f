"""Started by bench_startup.py: runs a window and prints the monotonic time of its first paint.

    python bench/startup_probe.py bare          a bare PySide6 QMainWindow
    python bench/startup_probe.py app DB_PATH   the application's main window on DB_PATH

Both are measured the same way: an application-wide event filter, installed as the QApplication is
constructed, sees the first Paint event of a widget inside a QMainWindow, prints
`first-paint <time.monotonic()>` and ends the process at once.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QObject


class FirstPaint(QObject):
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if (event.type() == QEvent.Type.Paint and isinstance(watched, QtWidgets.QWidget)
                and isinstance(watched.window(), QtWidgets.QMainWindow)):
            print(f"first-paint {time.monotonic():.6f}", flush=True)
            os._exit(0)
        return False


class ProbedApplication(QtWidgets.QApplication):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._first_paint = FirstPaint()
        self.installEventFilter(self._first_paint)


QtWidgets.QApplication = ProbedApplication  # the app's `from PySide6.QtWidgets import QApplication`


def bare() -> int:
    app = QtWidgets.QApplication(sys.argv)
    window = QtWidgets.QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1200, 800)
    window.show()
    return app.exec()


def application(database: str) -> int:
    from desktop_app.main import main

    return main(["--db", database])


if __name__ == "__main__":
    sys.exit(bare() if sys.argv[1] == "bare" else application(sys.argv[2]))
