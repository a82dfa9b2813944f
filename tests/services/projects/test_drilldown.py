"""The records behind the 首页's figures, read by id: items, fund rows (paid as of a day) and estates."""

from __future__ import annotations

from datetime import date

from desktop_app.services.projects import estate_rows, fund_rows, item_rows, project_fund_rows, scope_indicators
from desktop_app.services.scope import ALL
from tests.home_dataset import AS_OF, build, small_roll


def test_rows_behind_the_figures(database):
    data = build(small_roll())
    figures = scope_indicators(ALL, as_of=AS_OF).projects
    items = item_rows(figures.item_ids["基础类"] + (999_999,))  # a missing id is left out
    assert [(row.project_code, row.name, row.planned_fen) for row in items] == [
        ("2024-001", "雨污分流", 100_000_000), ("2024-001", "屋面防水", 50_000_000)]
    funds = fund_rows(figures.funds.fund_ids, AS_OF)
    assert sum(row.paid_fen for row in funds) == figures.funds.paid
    assert sum(row.allocated_fen for row in funds) == figures.funds.allocated
    assert [row.estates for row in funds if row.project_code == "2026-001"] == ["杜鹃新村、梅岭小区"]
    later = project_fund_rows([data.projects["2026-001"].id], date(2026, 7, 15))
    assert [(row.source, row.paid_fen) for row in later] == [("省级财政资金", 10_000_000)]
    estates = estate_rows(figures.estate_ids)
    assert [(row.street, row.community, row.name, row.buildings, row.rooms, row.projects) for row in estates] == [
        ("东湖街道", "杜鹃社区", "杜鹃新村", 2, 12, 2), ("东湖街道", "杜鹃社区", "梅岭小区", 1, 3, 2)]
    assert item_rows([]) == [] and fund_rows([], AS_OF) == [] and estate_rows([]) == []
