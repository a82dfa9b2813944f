"""The task runner: results come back to the GUI thread, the progress dialog appears late and cancels."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QPushButton

from desktop_app.domain.errors import Cancelled
from desktop_app.ui.widgets.tasks import SyncTaskRunner, TaskRunner


def test_job_runs_in_the_background_and_reports_in_the_gui_thread(qtbot):
    runner = TaskRunner()
    threads, results = [], []

    def job(progress):
        threads.append(QThread.currentThread())
        progress(1, 1)
        return 42

    runner.run("测试", job, lambda result: results.append((result, QThread.currentThread())))
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results[0] == (42, QApplication.instance().thread()) and threads[0] is not results[0][1]


def test_progress_dialog_appears_after_half_a_second_and_cancel_works(qtbot):
    runner = TaskRunner()
    started, outcome = threading.Event(), []

    def job(progress):
        started.set()
        done = 0
        while progress(done, 1000):
            done = min(done + 1, 999)
            QThread.msleep(5)
        raise Cancelled()

    runner.run("长任务", job, lambda result: outcome.append("done"), on_cancel=lambda: outcome.append("cancelled"))
    assert started.wait(5)
    task = next(iter(runner.tasks))
    assert task.dialog is None  # not before ~0.5 s
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible() or False, timeout=3000)
    assert "长任务" in task.dialog.labelText()
    button = task.dialog.findChild(QPushButton)
    assert button.text() == "取消"
    button.click()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert runner.wait(5000)
    assert outcome == ["cancelled"] and not runner.tasks


def test_errors_reach_on_error(qtbot):
    runner = TaskRunner()
    errors = []
    runner.run("失败", lambda progress: 1 / 0, lambda result: None, on_error=errors.append, write=False)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ZeroDivisionError)


def test_sync_runner_runs_at_once_and_can_simulate_cancel():
    runner = SyncTaskRunner()
    results = []
    runner.run("同步", lambda progress: progress(1, 2) and "ok", results.append)
    assert results == ["ok"]
    runner.cancel_after = 1
    runner.run("同步", lambda progress: progress(1, 2) or "stopped", results.append,
               on_cancel=lambda: results.append("cancelled"))
    assert results == ["ok", "cancelled"]


def test_a_job_long_enough_to_show_the_dialog_still_delivers_its_result(qtbot):
    runner = TaskRunner()
    outcome = []

    def job(progress):
        for done in range(60):
            progress(done, 60)
            QThread.msleep(15)  # about 0.9 s: the dialog is shown before the job ends
        return "结果"

    runner.run("较长任务", job, outcome.append, on_cancel=lambda: outcome.append("cancelled"))
    task = next(iter(runner.tasks))
    qtbot.waitUntil(lambda: task.dialog is not None, timeout=3000)
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome == ["结果"]


def test_cancelled_raised_by_a_job_is_a_cancel_not_an_error(qtbot):
    """Every long job stops with domain.errors.Cancelled; both runners call on_cancel, never on_error."""
    def job(progress):
        raise Cancelled("已取消导入，数据库没有任何改变。")

    outcome = []
    SyncTaskRunner().run("同步", job, outcome.append, on_error=outcome.append,
                         on_cancel=lambda: outcome.append("cancelled"))
    assert outcome == ["cancelled"]
    runner = TaskRunner()
    runner.run("后台", job, outcome.append, on_error=outcome.append, on_cancel=lambda: outcome.append("cancelled"),
               write=False)
    qtbot.waitUntil(lambda: len(outcome) == 2, timeout=5000)
    assert runner.wait(5000)
    assert outcome == ["cancelled", "cancelled"]
