"""Producing a 打印中心 document and recording it in the print history, for the window and the command line.

`produce(request)` gathers the scope's data (services.printing) and renders the PDF in memory
(documents); nothing is recorded yet, so the window can preview it first. `save(produced, path)` writes
the file and records it; `record_printed` records pages sent to a printer. `print_to_file` is all of it
at once (the command line).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

from desktop_app.documents.fund_progress import render_fund_progress
from desktop_app.documents.notice import render_notice
from desktop_app.documents.owner_roll import render_owner_roll, roll_title
from desktop_app.documents.project_progress import render_project_progress
from desktop_app.documents.visit_form import TITLE as VISIT_TITLE, render_visit_forms
from desktop_app.domain.errors import UserError
from desktop_app.domain.print_data import Notice
from desktop_app.domain.progress import Progress
from desktop_app.operations.common import write_file
from desktop_app.services.changes import Changes
from desktop_app.services.printing.gather import PrintRecord, owner_roll_data, record_print_job, visit_forms_data
from desktop_app.services.projects import fund_progress_data, project_progress_data
from desktop_app.services.scope import ALL, Scope

TEMPLATES = ("notice", "roll", "visit_form", "project_progress", "fund_progress")
RoomKey = tuple[str, str, str, str]  # estate name, building, unit, room number, as the forms show them


class NothingToPrint(UserError):
    """The scope has no rooms, so the roll or the visit forms would be empty."""


@dataclass(frozen=True)
class PrintRequest:
    template: str  # one of TEMPLATES
    scope: Scope
    notice: Notice | None = None
    signature_column: bool = False
    issuer: str = ""
    issued_on: date | None = None
    rooms: frozenset[RoomKey] | None = None  # visit forms for these rooms of the scope only
    title: str = ""  # instead of the template's own title
    today: date | None = None  # the day ages are counted on (visit forms): the caller's clock
    years: tuple[int | None, int | None] = (None, None)  # plan years (project documents); None: open
    as_of: date | None = None  # the 统计日期 of the project documents

    @property
    def period(self) -> tuple[date | None, date | None]:
        if self.notice is None:
            return None, None
        return self.notice.period_start, self.notice.period_end


@dataclass(frozen=True)
class Produced:
    """A rendered document, not yet saved nor recorded; `rooms` is 0 for a notice, the projects for a
    project document."""
    request: PrintRequest
    title: str
    pdf: bytes
    pages: int
    rooms: int = 0


@dataclass(frozen=True)
class Saved:
    produced: Produced
    path: Path
    record: PrintRecord

    @property
    def changes(self) -> Changes:
        return self.record.changes


def notice_request(notice: Notice) -> PrintRequest:
    """A notice is not about rooms: its scope is everything."""
    return PrintRequest("notice", ALL, notice=notice)


def visit_forms_request(scope: Scope, rooms: Iterable[RoomKey], title: str, today: date) -> PrintRequest:
    """Visit forms for some rooms of the scope only (the households not yet reached), under `title`."""
    return PrintRequest("visit_form", scope, rooms=frozenset(rooms), title=title, today=today)


def project_request(template: str, scope: Scope, years: tuple[int | None, int | None], as_of: date) -> PrintRequest:
    """The 项目进度表 (`project_progress`) or 资金支付进度表 (`fund_progress`) of a scope and plan years as
    they stood on `as_of`."""
    if template not in ("project_progress", "fund_progress"):
        raise ValueError(f"not a project document: {template!r}")
    return PrintRequest(template, scope, years=years, as_of=as_of)


def produce(request: PrintRequest, progress: Progress | None = None) -> Produced:
    """Gather and render. Raises NothingToPrint, services.printing.PrintScopeError, MissingGlyphs, and
    Cancelled when `progress` returned False during a batch."""
    out = io.BytesIO()
    rooms = 0
    if request.template == "notice":
        if request.notice is None:
            raise ValueError("a notice request needs its notice")
        pages = render_notice(request.notice, out)
        title = request.notice.title
    elif request.template == "roll":
        roll = owner_roll_data(request.scope, signature_column=request.signature_column, issuer=request.issuer,
                               issued_on=request.issued_on)
        if not roll.rows:
            raise NothingToPrint("所选范围内没有房屋，无法生成业主名册。")
        pages = render_owner_roll(roll, out)
        title, rooms = roll_title(roll), len(roll.rows)
    elif request.template == "visit_form":
        if request.today is None:
            raise ValueError("a visit-form request needs the day ages are counted on (today)")
        forms = visit_forms_data(request.scope, request.today)
        if request.rooms is not None:
            forms = [form for form in forms
                     if (form.estate_name, form.home.building, form.home.unit, form.home.room) in request.rooms]
        if not forms:
            raise NothingToPrint("所选范围内没有房屋，无法生成入户走访登记表。")
        pages = render_visit_forms(forms, out, progress=progress)
        estates = {form.estate_name for form in forms}
        title = f"{forms[0].estate_name}{VISIT_TITLE}" if len(estates) == 1 else VISIT_TITLE
        rooms = len(forms)
    elif request.template in ("project_progress", "fund_progress"):
        if request.as_of is None:
            raise ValueError("a project document needs its as-of date")
        if request.template == "project_progress":
            projects = project_progress_data(request.scope, request.years, request.as_of)
            if not projects.rows:
                raise NothingToPrint("所选范围和年度内没有改造项目，无法生成项目进度表。")
            pages, title, rooms = render_project_progress(projects, out), projects.heading.title, len(projects.rows)
        else:
            funds = fund_progress_data(request.scope, request.years, request.as_of)
            if not funds.rows:
                raise NothingToPrint("所选范围和年度内没有资金记录，无法生成资金支付进度表。")
            pages, title, rooms = render_fund_progress(funds, out), funds.heading.title, funds.projects
    else:
        raise ValueError(f"unknown template {request.template!r}")
    return Produced(request, request.title or title, out.getvalue(), pages, rooms)


def _record(produced: Produced, output: str, where: str, pages: int) -> PrintRecord:
    start, end = produced.request.period
    return record_print_job(produced.request.template, produced.title, produced.request.scope, output=output,
                            file_path=where, page_count=pages, period_start=start, period_end=end)


def save(produced: Produced, path: str | Path, *, make_folders: bool = False) -> Saved:
    """Write the PDF (never half a file) and record it in the print history. Raises OSError."""
    written = write_file(path, produced.pdf, make_folders=make_folders)
    return Saved(produced, written, _record(produced, "pdf", str(written), produced.pages))


def record_printed(produced: Produced, printer: str, pages: int) -> PrintRecord:
    """Record `pages` of the document sent to `printer` (the window draws them; Qt stays out of here)."""
    return _record(produced, "printer", printer, pages)


def print_to_file(request: PrintRequest, path: str | Path, progress: Progress | None = None, *,
                  make_folders: bool = False) -> Saved:
    """Produce, write and record in one go."""
    return save(produce(request, progress), path, make_folders=make_folders)
