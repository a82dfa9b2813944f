"""The demo's renovation projects: written once, valid, and showing every kind of figure the 首页 draws."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.indicator_report import indicators_json
from desktop_app.domain.projects import LATE_COMPLETION, LATE_START
from desktop_app.models import FundPayment, Project, ProjectFund, ProjectItem
from desktop_app.services.demo.projects import create_projects_demo
from desktop_app.services.demo.street import create_demo
from desktop_app.services.projects import ProjectFilter, list_projects, project_indicators
from desktop_app.services.scope import ALL

TODAY = date(2026, 11, 25)


def test_nothing_without_the_demo_street(database):
    assert create_projects_demo(TODAY) == 0
    assert Project.select().count() == 0


def test_the_demo_has_every_kind_of_project_and_a_second_run_adds_nothing(database):
    create_demo(today=TODAY, vote=False)
    counts = (Project.select().count(), ProjectItem.select().count(), ProjectFund.select().count(),
              FundPayment.select().count())
    assert counts[0] == 6
    assert create_projects_demo(TODAY) == 0
    assert (Project.select().count(), ProjectItem.select().count(), ProjectFund.select().count(),
            FundPayment.select().count()) == counts
    rows = list_projects(ProjectFilter(), TODAY)
    assert {row.state for row in rows} == {"未开工", "在建", "已完工"}
    assert any(LATE_COMPLETION in row.marks for row in rows) and any(LATE_START in row.marks for row in rows)
    assert any(row.estate_count == 2 for row in rows)  # a 片区 project
    figures = indicators_json(project_indicators(ALL, as_of=TODAY))
    assert figures["projects"] == 6 and figures["estates"] == 6
    assert all(figures["items"][category] > 0 for category in ("基础类", "完善类", "提升类"))
    assert figures["funds"]["progress_pct"] is not None
    assert figures["late"]["late"] >= 1 and figures["not_started"]["count"] >= 1
    assert all(payment.paid_on <= TODAY.isoformat() for payment in FundPayment.select())
