"""The 改造计划 workbook in: read and check every row, compare with the database (the preview, nothing
written), then apply in one transaction.

The window's plan import and `desktop-app import-plan` both check through `check_plan_file` and write
through `import_plan`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from desktop_app.domain.located import LocatedNote
from desktop_app.exchange.plan_reader import PlanReadResult, read_plan
from desktop_app.services.projects.plan_import import (
    PlanImported, PlanImportError, PlanInput, PlanPreview, apply_plan, category_catalogue, preview_plan,
)


@dataclass(frozen=True)
class PlanChecked:
    """A file read and compared with the database: every error (the file's, then the database's) and,
    when there is none, what importing would change."""

    read: PlanReadResult
    preview: PlanPreview | None  # None while the file itself has errors

    @property
    def errors(self) -> list[LocatedNote]:
        return [*self.read.errors, *(self.preview.errors if self.preview else [])]

    @property
    def projects(self) -> int:
        """Project rows in the file."""
        return self.read.rows

    @property
    def can_import(self) -> bool:
        return self.preview is not None and not self.errors

    def plan(self) -> PlanInput:
        read = self.read
        return PlanInput(read.file, read.projects, read.items, read.funds, read.project_rows, read.paid_places)


def check_plan_file(path: str | Path, *, cancel: Callable[[], bool] | None = None) -> PlanChecked:
    """Every row of the file checked (categories against the database's catalogue), every error located,
    and what would change; raises ReadFailure (the file cannot be read), Cancelled."""
    read = read_plan(path, catalogue=category_catalogue(), cancel=cancel)
    if read.errors:
        return PlanChecked(read, None)
    checked = PlanChecked(read, None)
    return PlanChecked(read, preview_plan(checked.plan()))


def import_plan(checked: PlanChecked) -> PlanImported:
    """Apply a checked plan without errors in one transaction (the comparison is made again inside it);
    raises PlanImportError, nothing written, when it has errors."""
    if checked.read.errors:  # rows with errors are not in the plan: applying the rest would be a partial import
        raise PlanImportError(f"改造计划有 {len(checked.read.errors)} 处错误，未写入任何数据")
    return apply_plan(checked.plan())
