"""The 改造表决 page's print buttons: 表决票 (one per room), 表决结果公告 and the internal 未表决户清单.

Each action gathers the vote's data (services.vote_printing, from the frozen roll), asks where to save
the PDF, renders it on the task runner with progress and 取消 (ballots for a whole estate are thousands
of pages, rendered by the batch renderer: a cancel leaves no file), records the print job and tells the
user where the file went. Errors the user can fix (a character no font has, ballots that cannot be
counted, a file that cannot be written) are message boxes; nothing is written before the path is chosen.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from desktop_app.documents.ballot import BallotTooLong, ballot_title, render_ballots
from desktop_app.documents.batch import RenderCancelled
from desktop_app.documents.fonts import MissingGlyphs
from desktop_app.documents.not_voted import list_title, render_not_voted
from desktop_app.documents.vote_result import render_vote_result
from desktop_app.domain.dates_text import date_text
from desktop_app.services.vote_printing import (
    DRAFT_NOTE, ballot_sheets, not_voted_data, record_vote_print, result_notice_data,
)
from desktop_app.services.votes import VoteError
from desktop_app.ui.tasks import TaskCancelled

PDF_FILTER = "PDF 文件 (*.pdf)"
USER_ERRORS = (MissingGlyphs, VoteError, BallotTooLong, OSError)
SHORT_MESSAGE = 300  # longer messages (every conflicting room of a tally) go to the details
Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class Produced:
    path: str
    pages: int


def safe_file_name(title: str) -> str:
    cleaned = "".join("_" if char in '\\/:*?"<>|' else char for char in title).strip()
    return (cleaned or "表决文书")[:80] + ".pdf"


def ask_save_path(page: QWidget, caption: str, title: str) -> str:
    """The path chosen ("" when cancelled), always ending in .pdf."""
    path, _filter = QFileDialog.getSaveFileName(page, caption, str(Path.home() / safe_file_name(title)), PDF_FILTER)
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path


def show_error(page: QWidget, title: str, error: BaseException) -> None:
    """A message box for errors the user can act on; anything else is a bug and is raised."""
    if not isinstance(error, USER_ERRORS):
        raise error
    if isinstance(error, OSError):
        where = f"“{error.filename}”" if error.filename else ""
        text = f"无法写入文件{where}：{error.strerror or error}"
    else:
        text = str(error)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text if len(text) <= SHORT_MESSAGE
                      else text[:SHORT_MESSAGE] + "……（详见“显示详细信息”）", QMessageBox.StandardButton.Ok, page)
    if len(text) > SHORT_MESSAGE:
        box.setDetailedText(text)
    box.exec()


def status_message(page: QWidget, text: str) -> None:
    window = page.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 15000)


def tell_saved(page: QWidget, title: str, produced: Produced, extra: str = "") -> None:
    """Where the file went, with a button to open it."""
    text = f"已保存到：\n{produced.path}\n共 {produced.pages} 页。{extra}"
    status_message(page, f"{title}已保存到 {produced.path}（{produced.pages} 页）")
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=page)
    opener = box.addButton("打开文件", QMessageBox.ButtonRole.ActionRole)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    if box.clickedButton() is opener:
        QDesktopServices.openUrl(QUrl.fromLocalFile(produced.path))


def write_when_done(render: Callable[[io.BytesIO, Progress], int], path: str, progress: Progress) -> Produced:
    """Render in memory (`render(out, progress)`) and write the file only when done and not cancelled."""
    out = io.BytesIO()
    try:
        pages = render(out, progress)
    except RenderCancelled as cancelled:
        raise TaskCancelled(str(cancelled)) from cancelled
    if not progress(1, 1):
        raise TaskCancelled("已取消，未生成文件。")
    Path(path).write_bytes(out.getvalue())
    return Produced(str(Path(path).resolve()), pages)


def run_render(page, vote_id: int, *, template: str, title: str, caption: str,
               job: Callable[[str, Progress], Produced], extra: str = "") -> None:
    """Ask for the path, render on the runner, record the job and tell the user."""
    path = ask_save_path(page, caption, title)
    if not path:
        return

    def done(produced: Produced) -> None:
        record_vote_print(vote_id, template, title, file_path=produced.path, page_count=produced.pages)
        tell_saved(page, caption, produced, extra)

    page.context.runner.run(f"正在生成{caption}", lambda progress: job(path, progress), done, parent=page,
                            write=False, on_error=lambda error: show_error(page, f"{caption}未生成", error),
                            on_cancel=lambda: status_message(page, f"已取消，未生成{caption}。"))


def print_ballots(page, vote_id: int) -> None:
    """表决票 of every room of the vote's frozen roll, one page each, in one PDF."""
    try:
        sheets = ballot_sheets(vote_id)
    except VoteError as error:
        show_error(page, "表决票未生成", error)
        return
    if not sheets:
        QMessageBox.information(page, "表决票未生成", "该表决的范围内没有房屋。")
        return

    def job(path: str, progress: Progress) -> Produced:
        try:
            pages = render_ballots(sheets, path, progress=progress)
        except RenderCancelled as cancelled:
            raise TaskCancelled(str(cancelled)) from cancelled
        return Produced(str(Path(path).resolve()), pages)

    run_render(page, vote_id, template="ballot", title=ballot_title(sheets[0]), caption="表决票", job=job)


def print_result(page, vote_id: int) -> None:
    """表决结果公告: the stored result of a closed vote, else a draft from the live tally."""
    try:
        notice = result_notice_data(vote_id)
    except VoteError as error:
        show_error(page, "表决结果公告未生成", error)
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
        data = not_voted_data(vote_id)
    except VoteError as error:
        show_error(page, "未表决户清单未生成", error)
        return
    extra = "\n本清单载有业主姓名，仅供入户走访内部使用，请勿张贴或外传。"
    run_render(page, vote_id, template="not_voted", title=f"{list_title(data)}（{date_text(data.as_of)}）",
               caption="未表决户清单",
               job=lambda path, progress: write_when_done(
                   lambda out, report: render_not_voted(data, out, progress=report), path, progress),
               extra=extra)
