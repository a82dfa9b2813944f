"""The 改造表决 page's print buttons: 表决票 (one per room), 表决结果公告 and the internal 未表决户清单.

Each action gathers the vote's data (services.vote_printing, from the frozen roll), asks where to save
the PDF, renders it on the task runner with progress and 取消 (ballots for a whole estate are thousands
of pages, rendered by the batch renderer: a cancel leaves no file), records the print job and tells the
user where the file went. Errors the user can fix (a character no font has, ballots that cannot be
counted, a file that cannot be written) are message boxes; nothing is written before the path is chosen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop_app.documents.ballot import BallotTooLong, ballot_title, render_ballots
from desktop_app.documents.fonts import MissingGlyphs
from desktop_app.documents.not_voted import list_title, render_not_voted
from desktop_app.documents.vote_result import render_vote_result
from desktop_app.domain.dates_text import date_text
from desktop_app.services.votes.printing import (
    DRAFT_NOTE, ballot_sheets, not_voted_data, record_vote_print, result_notice_data,
)
from desktop_app.services.votes.lifecycle import VoteError
from desktop_app.ui.widgets.saved_files import (
    Produced, Progress, render_batch, run_saving, safe_file_name, show_error, tell_saved, write_when_done,
)

PDF_FILTER = "PDF 文件 (*.pdf)"
USER_ERRORS = (MissingGlyphs, VoteError, BallotTooLong, OSError)


def ask_save_path(page: QWidget, caption: str, title: str) -> str:
    """The path chosen ("" when cancelled), always ending in .pdf."""
    path, _filter = QFileDialog.getSaveFileName(page, caption, str(Path.home() / safe_file_name(title)), PDF_FILTER)
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path


def run_render(page, vote_id: int, *, template: str, title: str, caption: str,
               job: Callable[[str, Progress], Produced], extra: str = "") -> None:
    """Ask for the path, render on the runner, record the job and tell the user."""
    path = ask_save_path(page, caption, title)
    if not path:
        return

    def done(produced: Produced) -> None:
        record_vote_print(vote_id, template, title, file_path=produced.path, page_count=produced.pages)
        tell_saved(page, caption, produced, extra)

    run_saving(page, caption, lambda progress: job(path, progress), done, USER_ERRORS)


def print_ballots(page, vote_id: int) -> None:
    """表决票 of every room of the vote's frozen roll, one page each, in one PDF."""
    try:
        sheets = ballot_sheets(vote_id)
    except VoteError as error:
        show_error(page, "表决票未生成", error, USER_ERRORS)
        return
    if not sheets:
        QMessageBox.information(page, "表决票未生成", "该表决的范围内没有房屋。")
        return

    def job(path: str, progress: Progress) -> Produced:
        return render_batch(lambda target, report: render_ballots(sheets, target, progress=report), path, progress)

    run_render(page, vote_id, template="ballot", title=ballot_title(sheets[0]), caption="表决票", job=job)


def print_result(page, vote_id: int) -> None:
    """表决结果公告: the stored result of a closed vote, else a draft from the live tally."""
    try:
        notice = result_notice_data(vote_id, page.context.workspace.clock.today())
    except VoteError as error:
        show_error(page, "表决结果公告未生成", error, USER_ERRORS)
        return
    extra = ("\n表决尚未结束，本公告按目前已录入的表决票统计，标题注明“初稿”，请勿张贴。"
             if notice.title.endswith(DRAFT_NOTE) else "")
    run_render(page, vote_id, template="vote_result", title=notice.title, caption="表决结果公告",
               job=lambda path, progress: write_when_done(lambda out, _progress: render_vote_result(notice, out), path,
                                                          progress),
               extra=extra)


def print_not_voted(page, vote_id: int) -> None:
    """未表决户清单 as of today (internal: names in full, phones masked)."""
    try:
        data = not_voted_data(vote_id, page.context.workspace.clock.today())
    except VoteError as error:
        show_error(page, "未表决户清单未生成", error, USER_ERRORS)
        return
    extra = "\n本清单载有业主姓名，仅供入户走访内部使用，请勿张贴或外传。"
    run_render(page, vote_id, template="not_voted", title=f"{list_title(data)}（{date_text(data.as_of)}）",
               caption="未表决户清单",
               job=lambda path, progress: write_when_done(
                   lambda out, report: render_not_voted(data, out, progress=report), path, progress),
               extra=extra)
