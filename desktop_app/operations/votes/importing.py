"""A 表决票汇总 workbook in: read and check it against the vote (the preview), then apply what the user confirms.

Nothing is written by the preview; `import_ballots` records the previewed rows in one transaction and
can be cancelled (rolled back).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.exchange.ballot_import import BallotImportPreview, preview_ballots
from desktop_app.domain.progress import Progress
from desktop_app.services.changes import NONE, Changes, Topic
from desktop_app.services.votes.exchange import BallotImportSummary, apply_ballot_import, import_context


@dataclass(frozen=True)
class BallotsImported:
    vote_id: int
    summary: BallotImportSummary
    skipped_rows: int  # rows with errors left out (只导入无误的行)

    @property
    def changes(self) -> Changes:
        return Changes.of(Topic.BALLOTS, ids=(self.vote_id,)) if self.summary.imported else NONE


def preview_ballot_import(vote_id: int, path: str | Path) -> BallotImportPreview:
    """Every located error and every row that would change; raises ReadFailure, VoteError, OSError."""
    return preview_ballots(path, import_context(vote_id))


def import_ballots(vote_id: int, preview: BallotImportPreview, *, only_valid: bool = False,
                   progress: Progress | None = None) -> BallotsImported:
    """Apply the preview (its valid rows only with `only_valid`). Raises VoteError for a closed vote and
    Cancelled (nothing changed) when `progress` returned False."""
    summary = apply_ballot_import(vote_id, preview.to_apply(only_valid), progress=progress)
    return BallotsImported(vote_id, summary, preview.skipped_rows if only_valid and preview.errors else 0)
