"""The report's own counts add up, place by place, to `district_figures` of that place (the demo street: an
event held for the whole street, events per estate, complaints in every estate, opinions)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop_app.domain.district_report import summary
from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.models import Community, Estate, Street
from desktop_app.services.consult import district_figures
from desktop_app.services.demo.street import create_demo
from desktop_app.services.reports import period, report_data
from desktop_app.services.scope import ALL, Scope


@pytest.mark.parametrize("years", [(None, None), (2025, 2026)])
def test_every_row_has_the_figures_of_its_place(workspace, years):
    today = workspace.clock.today()
    create_demo(today=today)
    as_of = today + timedelta(days=3)
    report = report_data(ALL, years, as_of, made_at="2026-01-01 00:00:00")
    start, end = period(years, as_of)
    rows = summary(report)
    places = {("合计", ""): ALL}
    for model, level in ((Street, ScopeLevel.STREET), (Community, ScopeLevel.COMMUNITY), (Estate, ScopeLevel.ESTATE)):
        for record in model.select():
            places[(record.code,)] = Scope(level, record.id)
    assert len(rows) == 1 + 1 + 2 + 6
    for row in rows:
        scope = ALL if row.level == "合计" else places[(row.place.code,)]
        want = district_figures(scope, start, end, today=as_of)
        got = row.counts
        assert got.events == tuple(n for _, n in want.by_kind), row.place
        assert got.complaints == tuple(c.count for c in want.by_category)
        assert (got.overdue_open, got.closed_late, got.closed, got.close_days) == (
            want.overdue_open, want.closed_late, want.closed, want.total_close_days)
        assert (got.rooms, got.reached) == (want.rooms, want.households_reached)
    street = next(row for row in rows if row.level == "街道")
    assert street.counts.consultations > sum(r.counts.consultations for r in rows if r.level == "社区")  # its own event
