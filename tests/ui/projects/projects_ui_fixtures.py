"""Fixtures of the 项目与资金 page tests: a page context on the small roll of tests/ui/conftest (杜鹃新村,
梅岭小区), the clock on 2025-07-01, a few projects built through services.projects.records."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.services.changes import Changes, Topic
from desktop_app.services.projects import records
from desktop_app.services.projects.records import ItemDraft, ProjectDraft
from desktop_app.ui.pages.base import ChangeBus, PageContext, ScopeState
from desktop_app.ui.widgets.tasks import SyncTaskRunner

TODAY = date(2025, 7, 1)


class Context:
    """A page context with its own change bus; `sent` keeps every change sent on it."""

    def __init__(self, workspace) -> None:
        self.sent: list[Changes] = []
        self.bus = ChangeBus()
        self.bus.changed.connect(self.sent.append)
        self.context = PageContext(SyncTaskRunner(), ScopeState(), self.bus, workspace)


@pytest.fixture
def context(qapp, roll, workspace, clock):
    clock.set(TODAY)
    return Context(workspace)


def make_project(estate_ids, code: str, name: str, year: int = 2025, **dates) -> int:
    changes = records.create_project(ProjectDraft(code=code, name=name, plan_year=year, estate_ids=tuple(estate_ids),
                                                  **dates))
    (project_id,) = changes.ids(Topic.PROJECTS)
    return int(project_id)


@pytest.fixture
def projects(roll):
    """A late project (杜鹃新村), a not-started 片区 project (both estates), one not due yet (梅岭小区)."""
    dujuan, meiling = roll[0].id, roll[1].id
    late = make_project([dujuan], "XM-2024-01", "杜鹃新村综合改造", 2024, planned_start="2024-03-01",
                        planned_end="2024-10-31", actual_start="2024-03-05")
    idle = make_project([meiling, dujuan], "XM-2025-01", "杜鹃梅岭片区改造", 2025, planned_start="2025-05-01",
                        planned_end="2025-12-31")
    later = make_project([meiling], "XM-2026-01", "梅岭小区二期", 2026, planned_start="2026-03-01",
                         planned_end="2026-10-31")
    records.add_item(late, ItemDraft("雨污分流", "基础类", "1200", "米", "350000"))
    return {"late": late, "idle": idle, "later": later}
