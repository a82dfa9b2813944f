"""The projects of a scope out as a 改造计划 workbook, so a plan can go back to the district.

The window's 导出改造计划 and `desktop-app export-plan` write through `export_plan`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from desktop_app.exchange.plan_writer import write_plan
from desktop_app.operations.common import write_file
from desktop_app.services.projects.plan_export import plan_records
from desktop_app.services.scope import ALL, Scope


@dataclass(frozen=True)
class PlanExported:
    path: Path
    projects: int


def export_plan(path: str | Path, scope: Scope = ALL) -> PlanExported:
    """The projects covering an estate of `scope` as a plan workbook; raises OSError. The workbook is made
    in memory (a plan is small) and written safely, so a failure never leaves half a file."""
    records = plan_records(scope)
    out = io.BytesIO()
    count = write_plan(out, records.projects, records.items, records.funds)
    return PlanExported(write_file(path, out.getvalue()), count)
