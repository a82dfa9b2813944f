"""The one task runner for long jobs, and a synchronous stand-in for tests.

A job is a function `job(progress) -> result` where `progress(done, total) -> bool` reports progress
and returns False once the user pressed 取消; the job then raises `domain.errors.Cancelled` (after 取消
any ending counts as cancelled). Writes run on a single worker thread (one at a time), reads on the
global pool. After about half a second a progress dialog appears. Only ids and plain
data should cross threads: the job gets nothing from the widgets, and its result goes to `on_done`
in the GUI thread.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.domain.errors import Cancelled
from desktop_app.domain.progress import Progress
if TYPE_CHECKING:
    from desktop_app.services.workspace import Workspace


Job = Callable[[Progress], Any]
DIALOG_DELAY_MS = 500
REPORT_EVERY_S = 0.05
log = logging.getLogger(__name__)


class _Signals(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str, object)


class _Runnable(QRunnable):
    def __init__(self, job: Job, signals: _Signals, cancelled: threading.Event,
                 workspace: "Workspace | None") -> None:
        super().__init__()
        self.job, self.signals, self.cancelled = job, signals, cancelled
        self.workspace = workspace
        self.last_report = 0.0

    def progress(self, done: int, total: int) -> bool:
        now = time.monotonic()
        if now - self.last_report >= REPORT_EVERY_S or done >= total:  # never flood the GUI thread
            self.last_report = now
            self.signals.progressed.emit(int(done), int(total))
        return not self.cancelled.is_set()

    def run(self) -> None:
        try:
            result = self.job(self.progress)
        except BaseException as error:  # reported to the GUI thread, never lost
            self.signals.failed.emit(traceback.format_exc(), error)
        else:
            self.signals.finished.emit(result)
        finally:
            if self.workspace is not None:
                self.workspace.release_thread_connection()  # this thread's connection only


class _RunningTask(QObject):
    """Wires one job's signals to the callbacks and the delayed progress dialog."""

    def __init__(self, runner: "TaskRunner", title: str, parent: QWidget | None,
                 on_done: Callable[[Any], None], on_error: Callable[[BaseException], None] | None,
                 on_cancel: Callable[[], None] | None) -> None:
        super().__init__()
        self.runner, self.title, self.parent_widget = runner, title, parent
        self.on_done, self.on_error, self.on_cancel = on_done, on_error, on_cancel
        self.cancelled = threading.Event()
        self.signals = _Signals()
        self.signals.progressed.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self.signals.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self.dialog: QProgressDialog | None = None
        self.last = (0, 0)
        self.done = False
        QTimer.singleShot(DIALOG_DELAY_MS, self._show_dialog)

    def _show_dialog(self) -> None:
        if self.done:
            return
        dialog = QProgressDialog(self.title, "取消", 0, 0, self.parent_widget)
        dialog.setWindowTitle("请稍候")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        self.dialog = dialog
        self._progress(*self.last)
        dialog.show()

    def cancel(self) -> None:
        self.cancelled.set()
        if self.dialog is not None:
            self.dialog.setLabelText("正在取消，请稍候……")

    def _progress(self, done: int, total: int) -> None:
        self.last = (done, total)
        dialog = self.dialog
        if dialog is not None and not self.cancelled.is_set():
            if total:
                dialog.setLabelText(f"{self.title}（{done:,} / {total:,}）")
            dialog.setMaximum(max(total, 0))
            # On a modal dialog setValue() processes events: the job's end may be handled (and
            # the dialog closed) inside this call, so nothing may touch the dialog after it.
            dialog.setValue(min(done, total) if total else 0)

    def _close(self) -> None:
        # Python owns the task, its signals and its dialog: dropping the references frees them
        # (deleteLater on Python-owned objects risks a double delete).
        self.done = True
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)  # QProgressDialog.close() emits canceled()
            self.dialog.close()
            self.dialog = None
        self.runner.tasks.discard(self)

    def _finished(self, result: Any) -> None:
        self._close()
        if self.cancelled.is_set():
            self._cancelled()
        else:
            self.on_done(result)

    def _failed(self, text: str, error: BaseException) -> None:
        self._close()
        if isinstance(error, Cancelled) or self.cancelled.is_set():
            self._cancelled()
        elif self.on_error is not None:
            self.on_error(error)
        else:
            log.error("后台任务“%s”失败：\n%s", self.title, text)
            raise error

    def _cancelled(self) -> None:
        if self.on_cancel is not None:
            self.on_cancel()


class TaskRunner(QObject):
    """Runs jobs in the background; `write=True` jobs one after another on one worker thread. Given the
    workspace, a worker closes its own database connection when its job ends."""

    def __init__(self, workspace: "Workspace | None" = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.write_pool = QThreadPool(self)
        self.write_pool.setMaxThreadCount(1)
        self.read_pool = QThreadPool.globalInstance()
        self.tasks: set[_RunningTask] = set()

    def run(self, title: str, job: Job, on_done: Callable[[Any], None], *, parent: QWidget | None = None,
            write: bool = True, on_error: Callable[[BaseException], None] | None = None,
            on_cancel: Callable[[], None] | None = None) -> None:
        task = _RunningTask(self, title, parent, on_done, on_error, on_cancel)
        self.tasks.add(task)
        runnable = _Runnable(job, task.signals, task.cancelled, self.workspace)
        (self.write_pool if write else self.read_pool).start(runnable)

    def wait(self, msecs: int = 30000) -> bool:
        return self.write_pool.waitForDone(msecs) and self.read_pool.waitForDone(msecs)


class SyncTaskRunner(QObject):
    """Runs each job at once in the calling thread (tests); `cancel_after` simulates 取消."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel_after: int | None = None  # cancel once this many progress reports were made
        self.reports: list[tuple[int, int]] = []

    def run(self, title: str, job: Job, on_done: Callable[[Any], None], *, parent: QWidget | None = None,
            write: bool = True, on_error: Callable[[BaseException], None] | None = None,
            on_cancel: Callable[[], None] | None = None) -> None:
        cancelled = False

        def progress(done: int, total: int) -> bool:
            nonlocal cancelled
            self.reports.append((done, total))
            if self.cancel_after is not None and len(self.reports) >= self.cancel_after:
                cancelled = True
            return not cancelled

        try:
            result = job(progress)
        except Cancelled:
            cancelled = True
        except BaseException as error:
            if cancelled:  # the job failed otherwise after 取消
                if on_cancel is not None:
                    on_cancel()
                return
            if on_error is None:
                raise
            on_error(error)
            return
        if cancelled:
            if on_cancel is not None:
                on_cancel()
        else:
            on_done(result)

    def wait(self, msecs: int = 0) -> bool:
        return True
