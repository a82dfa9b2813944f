"""Write the district report of a scope, plan years and an as-of date."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop_app.domain.district_report import Report
from desktop_app.domain.errors import Cancelled, UserError
from desktop_app.domain.progress import Progress
from desktop_app.exchange.district_report_writer import write_report
from desktop_app.operations.common import no_progress, write_file
from desktop_app.services.reports import report_data
from desktop_app.services.scope import Scope

Years = tuple[int | None, int | None]


@dataclass(frozen=True)
class ReportWritten:
    path: Path
    report: Report
    summary_rows: int

    @property
    def estates(self) -> int:
        return len(self.report.estates)

    @property
    def projects(self) -> int:
        return len(self.report.projects)


def made_at_text(now: datetime) -> str:
    return now.strftime("%Y-%m-%d %H:%M:%S")


def write_district_report(path: str | Path, scope: Scope, years: Years, as_of: date, *, now: datetime,
                          progress: Progress = no_progress) -> ReportWritten:
    """The report of `scope` written to `path` (made in memory, written safely: a failure leaves no half
    file). UserError for years the wrong way round; OSError when the file cannot be written; `progress`
    False: `Cancelled`, nothing written (the whole city's report takes a few seconds)."""
    if years[0] is not None and years[1] is not None and years[0] > years[1]:
        raise UserError(f"起始年度 {years[0]} 晚于截止年度 {years[1]}")
    if not progress(0, 2):
        raise Cancelled()
    report = report_data(scope, years, as_of, made_at=made_at_text(now))
    if not progress(1, 2):
        raise Cancelled()
    out = io.BytesIO()
    rows = write_report(out, report)
    written = ReportWritten(write_file(path, out.getvalue()), report, rows)
    progress(2, 2)
    return written
