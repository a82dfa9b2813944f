"""Merge district reports: read every file (safety scan first), refuse what cannot be merged, show what the
merge will do, then write the merged report in the same format (so merged reports merge again).

Refused, with nothing written: a file that cannot be read safely (`unreadable`: missing, damaged, a zip
bomb — exit 1 on the command line), a workbook that is not a district report or is of another format
version, and a report whose plan years or as-of date differ from the others' (the reference is the
years and date most of the reports share, the first file's on a tie) — exit 2.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.domain.district_report import COMMUNITY, Meta, Place, Report
from desktop_app.domain.errors import Cancelled
from desktop_app.domain.progress import Progress
from desktop_app.domain.report_merge import Duplicate, merge, mismatch, years_text
from desktop_app.exchange.district_report_reader import NotAReport, read_report
from desktop_app.exchange.district_report_writer import write_report
from desktop_app.exchange.errors import ReadFailure
from desktop_app.operations.common import no_progress, write_file
from desktop_app.operations.reports.writing import made_at_text
from desktop_app.services.reports import installation
from desktop_app.services.settings import operator_name


@dataclass(frozen=True)
class InputReport:
    path: Path
    meta: Meta
    communities: tuple[Place, ...]
    estates: int
    projects: int


@dataclass(frozen=True)
class Refused:
    path: Path
    reason: str
    unreadable: bool = False


@dataclass(frozen=True)
class DuplicateNote:
    community: Place
    places: tuple[Place, ...]
    kept: Path
    kept_made_at: str
    dropped: tuple[Path, ...]

    @property
    def text(self) -> str:
        names = "、".join(p.name for p in self.places if p != self.community)
        what = f"{self.community.name}（{names}）" if names else self.community.name
        files = "、".join(f"“{p.name}”" for p in (self.kept, *self.dropped))
        return f"{what}同时出现在 {files} 中，采用制表时间较新的“{self.kept.name}”（{self.kept_made_at}）"


@dataclass(frozen=True)
class MergePreview:
    inputs: tuple[InputReport, ...]  # the reports that can be merged, in the order given
    refused: tuple[Refused, ...]
    duplicates: tuple[DuplicateNote, ...]
    merged: Report | None  # None when nothing can be merged

    @property
    def can_write(self) -> bool:
        return not self.refused and self.merged is not None

    @property
    def communities(self) -> tuple[Place, ...]:
        seen: dict[str, Place] = {}
        for report in self.inputs:
            for place in report.communities:
                seen.setdefault(place.key, place)
        return tuple(seen.values())

    @property
    def exit_code(self) -> int:
        """0 can be written; 1 a file could not be read; 2 a file was refused."""
        if any(r.unreadable for r in self.refused):
            return 1
        return 2 if self.refused or self.merged is None else 0


@dataclass(frozen=True)
class MergeWritten:
    path: Path
    report: Report
    summary_rows: int


def _communities(report: Report) -> tuple[Place, ...]:
    seen: dict[str, Place] = {}
    for estate in report.estates:
        seen.setdefault(estate.community.key, estate.community)
    for row in report.counts:
        if row.place.level == COMMUNITY:
            seen.setdefault(row.place.key, row.place)
    return tuple(seen.values())


def preview_merge(paths: Sequence[str | Path], *, now: datetime, progress: Progress = no_progress) -> MergePreview:
    """Read and check every file; the merged report when every file can be merged. Writes nothing.
    `progress` False: `Cancelled`."""
    read: list[tuple[Path, Report]] = []
    refused: list[Refused] = []
    for done, given in enumerate(paths):
        if not progress(done, len(paths)):
            raise Cancelled()
        path = Path(given)
        try:
            read.append((path, read_report(path)))
        except NotAReport as error:
            refused.append(Refused(path, error.message))
        except ReadFailure as error:
            refused.append(Refused(path, error.message, unreadable=True))
    usable: list[tuple[Path, Report]] = []
    if read:
        shared = Counter((report.meta.years, report.meta.as_of) for _, report in read)
        best = max(shared.values())
        reference = next(r.meta for _, r in read if shared[(r.meta.years, r.meta.as_of)] == best)
        for path, report in read:
            problem = mismatch(reference, report.meta)
            if problem:
                refused.append(Refused(path, f"“{path.name}”的{problem}，不能合并"))
            else:
                usable.append((path, report))
    inputs = tuple(InputReport(path, r.meta, _communities(r), len(r.estates), len(r.projects)) for path, r in usable)
    if not usable:
        return MergePreview(inputs, tuple(refused), (), None)
    reference = usable[0][1].meta
    installation_id, installation_name = installation()
    meta = Meta(made_at=made_at_text(now), operator=operator_name(), installation_id=installation_id,
                installation_name=installation_name, scope="合并：" + "、".join(r.meta.scope for _, r in usable),
                years=reference.years, as_of=reference.as_of,
                inputs=tuple(_input_line(path, r.meta) for path, r in usable))
    merged = merge([r for _, r in usable], meta)
    notes = tuple(_note(d, usable) for d in merged.duplicates)
    progress(len(paths), len(paths))
    return MergePreview(inputs, tuple(refused), notes, merged.report)


def _input_line(path: Path, meta: Meta) -> str:
    return (f"{path.name}｜统计范围：{meta.scope}｜{years_text(meta.years)}｜统计日期：{meta.as_of.isoformat()}｜"
            f"制表时间：{meta.made_at}｜制表人：{meta.operator}｜安装：{meta.installation_name}（{meta.installation_id}）")


def _note(duplicate: Duplicate, usable: list[tuple[Path, Report]]) -> DuplicateNote:
    kept_path, kept = usable[duplicate.kept]
    return DuplicateNote(duplicate.community, duplicate.places, kept_path, kept.meta.made_at,
                         tuple(usable[n][0] for n in duplicate.dropped))


def write_merged(preview: MergePreview, path: str | Path) -> MergeWritten:
    """Write the merged report of a preview that `can_write`; ValueError otherwise; OSError when the file
    cannot be written (nothing is left half-written)."""
    if not preview.can_write or preview.merged is None:
        raise ValueError("the preview has refused files")
    out = io.BytesIO()
    rows = write_report(out, preview.merged)
    return MergeWritten(write_file(path, out.getvalue()), preview.merged, rows)
