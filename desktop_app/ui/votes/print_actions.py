"""The 改造表决 page's print buttons: 表决票 (one per room), 表决结果公告 and the internal 未表决户清单.

Each action gathers the vote's document through the shared operation (operations.votes.documents),
asks where to save the PDF, and runs the operation's save (render → write → record in the print history)
on the task runner with progress and 取消 (ballots for a whole estate are thousands of pages: a cancel
leaves no file), then tells the user where the file went. Errors the user can fix (a character no font
has, ballots that cannot be counted, a file that cannot be written) are message boxes; nothing is
written before the path is chosen.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop_app.operations.votes import documents as vote_documents
from desktop_app.operations.votes.documents import SavedDocument, VoteDocument
from desktop_app.domain.errors import UserError
from desktop_app.domain.progress import Progress
from desktop_app.services.votes.lifecycle import VoteError
from desktop_app.ui.widgets.saved_files import Produced, run_saving, safe_file_name, show_error, tell_saved

PDF_FILTER = "PDF 文件 (*.pdf)"
USER_ERRORS = (UserError, OSError)


def ask_save_path(page: QWidget, caption: str, title: str) -> str:
    """The path chosen ("" when cancelled), always ending in .pdf."""
    path, _filter = QFileDialog.getSaveFileName(page, caption, str(Path.home() / safe_file_name(title)), PDF_FILTER)
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path


def today_of(page) -> date:
    """The page's day, from its workspace clock."""
    return page.context.workspace.clock.today()


def gathered(page, caption: str, gather: Callable[[int], VoteDocument], vote_id: int) -> VoteDocument | None:
    """The document's data, or None after telling the user why it cannot be made."""
    try:
        return gather(vote_id)
    except vote_documents.NoRooms as error:
        QMessageBox.information(page, f"{caption}未生成", str(error))
    except VoteError as error:
        show_error(page, f"{caption}未生成", error, USER_ERRORS)
    return None


def run_save(page, document: VoteDocument, caption: str, extra: str = "") -> None:
    """Ask for the path, save on the runner through the shared operation, and tell the user."""
    path = ask_save_path(page, caption, document.title)
    if not path:
        return

    def job(progress: Progress) -> SavedDocument:
        return vote_documents.save(document, path, progress)

    def done(saved: SavedDocument) -> None:
        page.context.changes.emit(saved.changes)
        tell_saved(page, caption, Produced(str(saved.path), saved.pages), extra)

    run_saving(page, caption, job, done, USER_ERRORS, write=True)


def print_ballots(page, vote_id: int) -> None:
    """表决票 of every room of the vote's frozen roll, one page each, in one PDF."""
    document = gathered(page, "表决票", vote_documents.ballots, vote_id)
    if document is not None:
        run_save(page, document, "表决票")


def print_result(page, vote_id: int) -> None:
    """表决结果公告: the stored result of a closed vote, else a draft from the live tally."""
    document = gathered(page, "表决结果公告", lambda vote: vote_documents.result_notice(vote, today_of(page)), vote_id)
    if document is not None:
        extra = ("\n表决尚未结束，本公告按目前已录入的表决票统计，标题注明“初稿”，请勿张贴。" if document.draft else "")
        run_save(page, document, "表决结果公告", extra)


def print_not_voted(page, vote_id: int) -> None:
    """未表决户清单 as of today (internal: names in full, phones masked)."""
    document = gathered(page, "未表决户清单", lambda vote: vote_documents.not_voted_list(vote, today_of(page)), vote_id)
    if document is not None:
        run_save(page, document, "未表决户清单", "\n本清单载有业主姓名，仅供入户走访内部使用，请勿张贴或外传。")
