"""Printing a committee case's document to a PDF file and recording it in the print history.

The four notices go through the 打印中心's notice path (operations.printing: rendered on the notice layout,
written through a `.part` file, recorded as 通知/公告/公示 with their 公示期); the 备案申请表 is its own form,
written the same safe way and recorded as `committee_filing`. The case's estate is the record's scope.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.documents.committee_filing import TITLE as FILING_TITLE, render_filing_form
from desktop_app.domain.committee_print_data import (
    candidate_list_notice, election_result_notice, group_members_notice, meeting_notice,
)
from desktop_app.domain.print_data import Notice
from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.operations.common import write_file
from desktop_app.operations.printing import PrintRequest, Produced, Saved, notice_request, print_to_file
from desktop_app.services.committee import case_summary
from desktop_app.services.committee.print_data import (
    candidate_list_data, election_result_data, filing_data, group_members_data, meeting_notice_data,
)
from desktop_app.services.printing import record_print_job
from desktop_app.services.scope import Scope

GROUP_MEMBERS, MEETING_NOTICE, CANDIDATE_LIST, ELECTION_RESULT, FILING = (
    "筹备组成员公告", "首次业主大会会议通知", "候选人名单公示", "选举结果公告", "备案申请表")
KINDS = (GROUP_MEMBERS, MEETING_NOTICE, CANDIDATE_LIST, ELECTION_RESULT, FILING)
FILING_TEMPLATE = "committee_filing"

_NOTICES: dict[str, Callable[..., Notice]] = {
    GROUP_MEMBERS: lambda case_id, **fields: group_members_notice(group_members_data(case_id, **fields)),
    MEETING_NOTICE: lambda case_id, **fields: meeting_notice(meeting_notice_data(case_id, **fields)),
    CANDIDATE_LIST: lambda case_id, **fields: candidate_list_notice(candidate_list_data(case_id, **fields)),
    ELECTION_RESULT: lambda case_id, **fields: election_result_notice(election_result_data(case_id, **fields)),
}


def print_committee_document(kind: str, case_id: int, path: str | Path, *, make_folders: bool = False,
                             **fields: Any) -> Saved:
    """Build `kind` (one of KINDS) from the case and `fields` (the keyword arguments of its
    services.committee.print_data builder), write the PDF to `path` and record it. Raises UserError
    (missing facts, a meeting too early, a name no font has) before anything is written; OSError."""
    if kind == FILING:
        return _print_filing(case_id, path, make_folders=make_folders, **fields)
    if kind not in _NOTICES:
        raise ValueError(f"unknown committee document {kind!r}")
    return print_to_file(notice_request(_NOTICES[kind](case_id, **fields)), path, make_folders=make_folders)


def _print_filing(case_id: int, path: str | Path, *, make_folders: bool, **fields: Any) -> Saved:
    data = filing_data(case_id, **fields)
    out = io.BytesIO()
    pages = render_filing_form(data, out)
    scope = Scope(ScopeLevel.ESTATE, case_summary(case_id).estate_id)
    title = f"{data.estate_name}{FILING_TITLE}"
    produced = Produced(PrintRequest(FILING_TEMPLATE, scope, title=title), title, out.getvalue(), pages)
    written = write_file(path, produced.pdf, make_folders=make_folders)
    record = record_print_job(FILING_TEMPLATE, title, scope, output="pdf", file_path=str(written), page_count=pages)
    return Saved(produced, written, record)
