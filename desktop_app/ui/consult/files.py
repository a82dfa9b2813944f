"""The 征求意见 page's file actions: print 征求意见表 / 意见汇总 / 投诉台账, export the two registers.

Each action works on the page's scope (and the period the caller passes), asks where to save, gathers
the data and writes the file on the task runner with progress and 取消 (a cancelled batch of forms
leaves no file), records printed documents in the print history and tells the user where the file
went. Errors the user can fix (a character no font has, a catalogue too long for one page, a file that
cannot be written) are message boxes.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop_app.documents.complaint_ledger import render_complaint_ledger
from desktop_app.documents.opinion_form import render_opinion_forms
from desktop_app.documents.opinion_summary import render_opinion_summary
from desktop_app.domain.consultation_print_data import period_label
from desktop_app.domain.errors import Cancelled, UserError
from desktop_app.domain.progress import Progress
from desktop_app.exchange.register_writer import write_complaint_register, write_opinion_register
from desktop_app.services.consult import printing
from desktop_app.services.printing import rooms_count
from desktop_app.services.consult.registers import complaint_lines, opinion_lines
from desktop_app.services.scope import Scope
from desktop_app.ui.widgets.saved_files import (
    Produced, render_batch, run_saving, safe_file_name, status_message, tell_saved, write_when_done,
)

PDF_FILTER = "PDF 文件 (*.pdf)"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
USER_ERRORS = (UserError, OSError)


def ask_path(page: QWidget, caption: str, name: str, suffix: str) -> str:
    """The path chosen ("" when cancelled), always ending in `suffix`."""
    stem = safe_file_name(name)[:-4]
    path, _ = QFileDialog.getSaveFileName(page, caption, str(Path.home() / f"{stem}{suffix}"),
                                          PDF_FILTER if suffix == ".pdf" else XLSX_FILTER)
    if path and not path.lower().endswith(suffix):
        path += suffix
    return path


def _run(page, caption: str, job: Callable[[Progress], Produced], done: Callable[[Produced], None]) -> None:
    run_saving(page, caption, job, done, USER_ERRORS)


def _scope(page) -> Scope:
    return page.context.scope.scope


def _today(page) -> date:
    return page.context.workspace.clock.today()


def print_opinion_forms(page, *, return_by: date | None = None) -> None:
    """征求意见表 for every room of the scope, one page each, in one PDF."""
    scope = _scope(page)
    if rooms_count(scope) == 0:
        QMessageBox.information(page, "征求意见表未生成", "所选范围内没有房屋，请先在范围中选择小区、楼栋或单元。")
        return
    title = f"{printing.scope_text(scope)}征求意见表"
    path = ask_path(page, "保存征求意见表", title, ".pdf")
    if not path:
        return

    def job(progress: Progress) -> Produced:
        forms = printing.opinion_forms_data(scope, return_by=return_by)
        return render_batch(lambda target, report: render_opinion_forms(forms, target, progress=report), path,
                            progress)

    def done(produced: Produced) -> None:
        page.context.changes.emit(printing.record_consultation_print(
            "opinion_form", title, scope, file_path=produced.path, page_count=produced.pages).changes)
        tell_saved(page, "征求意见表", produced, "\n表上业主姓名已隐去部分内容，不含证件号码和电话。")

    _run(page, "征求意见表", job, done)


def print_opinion_summary(page, start: date | None = None, end: date | None = None) -> None:
    """意见汇总 of the scope and period (counts only)."""
    scope = _scope(page)
    data = printing.opinion_summary_data(scope, start, end, issued_on=_today(page))
    _print_period(page, scope, "opinion_summary", "意见汇总", data, render_opinion_summary, start, end)


def print_complaint_ledger(page, start: date | None = None, end: date | None = None, *,
                           category: str | None = None) -> None:
    """投诉台账 of the scope and period, overdue judged today."""
    scope = _scope(page)
    data = printing.complaint_ledger_data(scope, start, end, category=category, today=_today(page))
    _print_period(page, scope, "complaint_ledger", "投诉台账", data, render_complaint_ledger, start, end)


def _print_period(page, scope: Scope, template: str, caption: str, data, render: Callable[[object, io.BytesIO], int],
                  start: date | None, end: date | None) -> None:
    """Ask for the path of a one-piece document of a period (`data.title`), render it and record the print."""
    path = ask_path(page, f"保存{caption}", data.title + period_label(start, end), ".pdf")
    if not path:
        return

    def done(produced: Produced) -> None:
        page.context.changes.emit(printing.record_consultation_print(
            template, data.title, scope, file_path=produced.path, page_count=produced.pages, period_start=start,
            period_end=end).changes)
        tell_saved(page, caption, produced)

    _run(page, caption, lambda progress: write_when_done(lambda out, _report: render(data, out), path, progress),
         done)


def _export(page, caption: str, name: str, write: Callable[[str], int]) -> None:
    path = ask_path(page, f"导出{caption}", name, ".xlsx")
    if not path:
        return

    def job(progress: Progress) -> Produced:
        rows = write(path)
        if not progress(1, 1):
            Path(path).unlink(missing_ok=True)
            raise Cancelled("已取消，未导出。")
        return Produced(str(Path(path).resolve()), rows)

    def done(produced: Produced) -> None:
        status_message(page, f"{caption}已导出到 {produced.path}（{produced.pages} 行）")
        QMessageBox.information(page, f"导出{caption}", f"已导出 {produced.pages} 行到：\n{produced.path}\n"
                                "姓名和电话已隐去部分内容，不含证件号码。")

    _run(page, caption, job, done)


def export_opinion_register(page, start: date | None = None, end: date | None = None) -> None:
    """The opinion register of the scope and period as a workbook."""
    scope = _scope(page)
    _export(page, "意见登记簿", f"{printing.scope_text(scope)}意见登记簿{period_label(start, end)}",
            lambda path: write_opinion_register(path, opinion_lines(scope, start, end)))


def export_complaint_register(page, start: date | None = None, end: date | None = None) -> None:
    """The complaint register of the scope and period as a workbook (it re-imports as a ticket export)."""
    scope = _scope(page)
    today = _today(page)
    _export(page, "投诉登记簿", f"{printing.scope_text(scope)}投诉登记簿{period_label(start, end)}",
            lambda path: write_complaint_register(path, complaint_lines(scope, start, end, today=today)))
