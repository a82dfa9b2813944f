"""What the 打印中心 asks for (a plain request) and producing its PDF in the background.

`produce(request, progress)` runs on the task runner: it gathers the scope's data through
services.printing, renders it with documents, and returns the PDF bytes. Only plain data crosses
threads.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Callable

from desktop_app.documents.notice import render_notice
from desktop_app.documents.owner_roll import render_owner_roll, roll_title
from desktop_app.documents.batch import RenderCancelled
from desktop_app.documents.visit_form import TITLE as VISIT_TITLE, render_visit_forms
from desktop_app.domain.print_data import Notice
from desktop_app.services.printing.gather import owner_roll_data, visit_forms_data
from desktop_app.services.scope import Scope
from desktop_app.ui.widgets.tasks import TaskCancelled

Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class PrintRequest:
    template: str  # notice / roll / visit_form
    scope: Scope
    notice: Notice | None = None
    signature_column: bool = False
    issuer: str = ""
    issued_on: date | None = None
    today: date | None = None  # the day ages are counted on (visit forms); set by the page from the workspace clock

    @property
    def period(self) -> tuple[date | None, date | None]:
        if self.notice is None:
            return None, None
        return self.notice.period_start, self.notice.period_end


@dataclass(frozen=True)
class Produced:
    request: PrintRequest
    title: str
    pdf: bytes
    pages: int


def produce(request: PrintRequest, progress: Progress | None = None) -> Produced:
    """Gather and render; raises TaskCancelled when the user cancelled a batch."""
    out = io.BytesIO()
    if request.template == "notice":
        assert request.notice is not None
        pages = render_notice(request.notice, out)
        title = request.notice.title
    elif request.template == "roll":
        roll = owner_roll_data(request.scope, signature_column=request.signature_column, issuer=request.issuer,
                               issued_on=request.issued_on)
        if not roll.rows:
            raise ValueError("所选范围内没有房屋，无法生成业主名册。")
        pages = render_owner_roll(roll, out)
        title = roll_title(roll)
    elif request.template == "visit_form":
        assert request.today is not None, "the page sets the date of a visit-form request"
        forms = visit_forms_data(request.scope, request.today)
        if not forms:
            raise ValueError("所选范围内没有房屋，无法生成入户走访登记表。")
        try:
            pages = render_visit_forms(forms, out, progress=progress)
        except RenderCancelled as error:
            raise TaskCancelled(str(error)) from error
        title = f"{forms[0].estate_name}{VISIT_TITLE}" if len({f.estate_name for f in forms}) == 1 else VISIT_TITLE
    else:
        raise ValueError(f"unknown template {request.template!r}")
    return Produced(request, title, out.getvalue(), pages)
