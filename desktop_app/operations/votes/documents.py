"""A vote's printed documents: 表决票 (one per room), 表决结果公告, and the internal 未表决户清单.

Two steps, so the window can name the file before rendering: `ballots` / `result_notice` /
`not_voted_list` gather the vote's data (services.votes.printing, from the frozen roll) into a
`VoteDocument`; `save(document, path, progress)` renders it (documents), writes the PDF only when
finished and not cancelled, and records it in the print history.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, IO

from desktop_app.documents.ballot import ballot_title, render_ballots
from desktop_app.documents.not_voted import list_title, render_not_voted
from desktop_app.documents.vote_result import render_vote_result
from desktop_app.domain.dates_text import date_text
from desktop_app.domain.errors import Cancelled, UserError
from desktop_app.domain.progress import Progress
from desktop_app.operations.common import no_progress, write_file
from desktop_app.services.changes import Changes
from desktop_app.services.printing import PrintRecord
from desktop_app.services.votes.printing import (
    DRAFT_NOTE, ballot_sheets, not_voted_data, record_vote_print, result_notice_data,
)

Render = Callable[[IO[bytes], Progress], int]


class NoRooms(UserError):
    """The vote's frozen roll has no rooms: there is nothing to print ballots for."""


@dataclass(frozen=True)
class VoteDocument:
    """A vote's document gathered and titled, not yet rendered. `draft`: a result notice from the live
    tally of a vote still open (its title says 初稿)."""
    vote_id: int
    template: str  # ballot / vote_result / not_voted
    title: str
    render: Render
    batch: bool = False  # a batch renderer reports its own last page
    draft: bool = False


@dataclass(frozen=True)
class SavedDocument:
    document: VoteDocument
    path: Path
    pages: int
    record: PrintRecord

    @property
    def changes(self) -> Changes:
        return self.record.changes


def ballots(vote_id: int) -> VoteDocument:
    """表决票 of every room of the vote's frozen roll, one page each. Raises VoteError, NoRooms."""
    sheets = ballot_sheets(vote_id)
    if not sheets:
        raise NoRooms("该表决的范围内没有房屋。")
    return VoteDocument(vote_id, "ballot", ballot_title(sheets[0]),
                        lambda out, progress: render_ballots(sheets, out, progress=progress), batch=True)


def result_notice(vote_id: int, today: date) -> VoteDocument:
    """表决结果公告: the stored result of a closed vote, else a draft from the live tally. Raises VoteError."""
    notice = result_notice_data(vote_id, today)
    return VoteDocument(vote_id, "vote_result", notice.title, lambda out, _progress: render_vote_result(notice, out),
                        draft=notice.title.endswith(DRAFT_NOTE))


def not_voted_list(vote_id: int, today: date) -> VoteDocument:
    """未表决户清单 as of today (internal: names in full, phones masked). Raises VoteError."""
    data = not_voted_data(vote_id, today)
    return VoteDocument(vote_id, "not_voted", f"{list_title(data)}（{date_text(data.as_of)}）",
                        lambda out, progress: render_not_voted(data, out, progress=progress))


def save(document: VoteDocument, path: str | Path, progress: Progress | None = None) -> SavedDocument:
    """Render, write (only a finished file) and record. Raises MissingGlyphs, BallotTooLong, OSError, and
    Cancelled (no file written) when `progress` returned False."""
    report = progress or no_progress
    out = io.BytesIO()
    pages = document.render(out, report)
    if not document.batch and not report(1, 1):
        raise Cancelled("已取消，未生成文件。")
    written = write_file(path, out.getvalue())
    record = record_vote_print(document.vote_id, document.template, document.title, file_path=str(written),
                               page_count=pages)
    return SavedDocument(document, written, pages, record)
