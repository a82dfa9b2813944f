"""The 首页's indicators: what it shows equals `indicators --json`, a zero base shows —, every figure opens
its records, and the figures follow the data, the scope and the period without a restart."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.domain.indicator_report import indicators_json
from desktop_app.models.project_tables import Project, ProjectEstate, ProjectItem
from desktop_app.services.changes import Changes, Topic
from desktop_app.services.projects import ScopeIndicators, scope_indicators
from desktop_app.services.scope import ALL, Scope
from desktop_app.ui.pages.base import ChangeBus, PageContext, ScopeState
from desktop_app.ui.pages.home import HomePage
from tests.home_dataset import AS_OF, build


@pytest.fixture
def data(roll, clock):
    clock.set(datetime(AS_OF.year, AS_OF.month, AS_OF.day, 9, 0))
    return build(roll)


@pytest.fixture
def page(qtbot, data, runner, workspace):
    page = HomePage(PageContext(runner, ScopeState(), ChangeBus(), workspace))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def card(page: HomePage, key: str) -> tuple[str, str]:
    widget = page.indicators.cards[key]
    return widget.value.text(), widget.detail.text()


def pct(value: str | None) -> str:
    return "—" if value is None else f"{value}%"


def expected(scope=ALL, years=(None, None), as_of=AS_OF) -> dict:
    figures = scope_indicators(scope, years, as_of=as_of)
    return indicators_json(figures.projects, figures.consultation)


def test_the_cards_and_charts_show_the_figures_of_indicators_json(page):
    json = expected()
    assert (json["projects"], json["estates"], json["buildings"], json["households"]) == (3, 2, 3, 15)
    assert [card(page, key)[0] for key in ("projects", "estates", "buildings", "households")] == ["3", "2", "3", "15"]
    assert card(page, "funds")[0] == pct(json["funds"]["progress_pct"]) == "37.50%"  # (50万+10万) / 160万
    assert card(page, "late") == (pct(json["late"]["pct"]), "2 个 / 应完工 2 个") == ("100.00%", "2 个 / 应完工 2 个")
    assert card(page, "not_started") == (pct(json["not_started"]["pct"]), "1 个 / 应开工 2 个")
    assert card(page, "complaints")[0] == pct(json["complaints"]["construction_quality_pct"]) == "50.00%"
    assert card(page, "consultations")[0] == str(json["consultations"]["held"])
    category = [bar.text for bar in page.indicators.category_chart.bars]
    assert category == [f"{json['items'][c]} 项 · {pct(json['items_pct'][c])}" for c in ("基础类", "完善类", "提升类")]
    investment = [bar.text for bar in page.indicators.investment_chart.bars]
    assert [text.split(" · ")[1] for text in investment] == [pct(json["investment_pct"][c])
                                                             for c in ("基础类", "完善类", "提升类")]
    paid_texts = [bar.text for bar in page.indicators.payment_chart.bars if bar.text.startswith("已支付")]
    progress = [pct(money["progress_pct"]) for money in json["funds_by_source"].values()] + [pct(json["funds"]["progress_pct"])]
    assert [text.rsplit("进度 ", 1)[1] for text in paid_texts] == progress
    assert [bar.label for bar in page.indicators.payment_chart.bars if bar.label] == \
        ["中央财政补助", "省级财政资金", "居民出资", "合计"]
    assert [(bar.label, bar.values) for bar in page.indicators.late_chart.bars] == [("2024年", (0, 1)), ("2025年", (0, 1))]
    assert "计划完工日期在统计日及以前" in page.indicators.cards["late"].toolTip()  # the definition, as tooltip


def test_a_zero_base_shows_a_dash_not_zero(page):
    assert "居民出资" in [bar.label for bar in page.indicators.payment_chart.bars]
    nothing_allocated = [bar.text for bar in page.indicators.payment_chart.bars if bar.text.startswith("已支付")][2]
    assert nothing_allocated.endswith("进度 —")
    page.indicators.set_as_of(date(2024, 1, 1))  # nothing due to start or finish yet
    assert card(page, "late") == ("—", "0 个 / 应完工 0 个")
    assert card(page, "not_started")[0] == "—"
    assert expected(as_of=date(2024, 1, 1))["late"]["pct"] is None
    assert page.indicators.late_chart.bars == []
    page.indicators.set_years(2027, 2027)
    assert card(page, "projects")[0] == "0"
    assert card(page, "funds")[0] == "—" and card(page, "complaints")[0] == "—"
    assert [bar.text for bar in page.indicators.category_chart.bars] == ["0 项 · —"] * 3


def test_the_period_and_the_scope_choose_the_projects(page, data):
    page.indicators.set_years(2024, 2025)
    assert card(page, "projects")[0] == "2"
    assert card(page, "funds")[0] == pct(expected(years=(2024, 2025))["funds"]["progress_pct"])
    page.indicators.set_years(2025, 2024)  # the wrong way round is read as the same range
    assert page.indicators.years() == (2024, 2025) and card(page, "projects")[0] == "2"
    page.indicators.set_years(None, None)
    page.context.scope.set(Scope("estate", data.estates[1].id))  # 梅岭小区: 2025-001 and the 片区 project
    assert card(page, "projects")[0] == "2" and card(page, "households")[0] == "3"
    assert card(page, "late")[0] == pct(expected(Scope("estate", data.estates[1].id))["late"]["pct"]) == "100.00%"


def test_a_change_on_the_bus_updates_the_figures(page, data):
    project = Project.create(code="2023-009", name="补录项目", plan_year=2023, planned_start="2023-03-01",
                             planned_end="2023-12-31", actual_start="2023-03-01", actual_end="2023-12-01")
    ProjectEstate.create(project=project, estate=data.estates[0])
    ProjectItem.create(project=project, name="路面", category="提升类", planned_fen=1_000)
    assert card(page, "projects")[0] == "3"  # not re-read yet
    page.context.changes.emit(Changes.of(Topic.VOTES))
    assert card(page, "projects")[0] == "3"  # a change the page does not show
    page.context.changes.emit(Changes.of(Topic.PROJECTS, ids=[project.id]))
    assert card(page, "projects")[0] == "4"
    assert card(page, "late") == ("66.67%", "2 个 / 应完工 3 个")
    assert [bar.text for bar in page.indicators.category_chart.bars][2].startswith("2 项")


def test_the_as_of_date_follows_the_clock_until_chosen(page, clock):
    clock.set(datetime(2026, 7, 1, 9, 0))
    page.refresh()
    assert page.indicators.as_of_date() == date(2026, 7, 1)
    page.indicators.set_as_of(date(2025, 1, 1))
    clock.set(datetime(2026, 7, 2, 9, 0))
    page.refresh()
    assert page.indicators.as_of_date() == date(2025, 1, 1)


def click(qtbot, widget, pos=None):
    from PySide6.QtCore import Qt

    if pos is None:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def dialog_rows(page: HomePage) -> list[tuple[str, ...]]:
    assert page.records_dialog is not None and page.records_dialog.isVisible()
    return page.records_dialog.model.rows


def test_clicking_a_project_figure_lists_its_projects_without_a_projects_page(qtbot, page):
    click(qtbot, page.indicators.cards["late"])
    assert page.records_dialog.windowTitle() == "未按期完工的项目"
    rows = dialog_rows(page)
    assert [row[0] for row in rows] == ["2024-001", "2025-001"]
    assert rows[1][4:6] == ("未开工", "逾期未开工、未按期完工")  # state and marks on the as-of day
    click(qtbot, page.indicators.cards["not_started"])
    assert [row[0] for row in dialog_rows(page)] == ["2025-001"]


def test_clicking_items_funds_and_estates_lists_them(qtbot, page):
    chart = page.indicators.category_chart.chart
    first_bar = chart.bar_rects()[0][0]
    click(qtbot, chart, first_bar.center().toPoint())
    assert page.records_dialog.windowTitle() == "改造内容·基础类"
    assert [(row[0], row[3], row[7]) for row in dialog_rows(page)] == [
        ("2024-001", "雨污分流", "1,000,000.00"), ("2024-001", "屋面防水", "500,000.00")]
    click(qtbot, page.indicators.cards["funds"])
    funds = dialog_rows(page)
    assert [(row[0], row[4], row[7], row[8]) for row in funds] == [
        ("2024-001", "中央财政补助", "500,000.00", "62.50%"), ("2024-001", "居民出资", "0.00", "—"),
        ("2025-001", "省级财政资金", "100,000.01", "33.33%"), ("2026-001", "省级财政资金", "0.00", "0.00%")]
    click(qtbot, page.indicators.cards["households"])
    assert [(row[2], row[4]) for row in dialog_rows(page)] == [("杜鹃新村", "12"), ("梅岭小区", "3")]


def test_clicking_a_year_of_the_late_chart_lists_that_years_late_projects(qtbot, page):
    chart = page.indicators.late_chart.chart
    click(qtbot, chart, chart.bar_rects()[1][1].center().toPoint())
    assert page.records_dialog.windowTitle() == "2025年度未按期完工的项目"
    assert [row[0] for row in dialog_rows(page)] == ["2025-001"]


def test_the_records_dialog_model_passes_the_model_tester(qtbot, qtmodeltester, page):
    click(qtbot, page.indicators.cards["projects"])
    qtmodeltester.check(page.records_dialog.model)
    assert len(dialog_rows(page)) == 3


class DeferredRunner:
    """Holds each job's answer until the test hands it over, in any order (a background runner)."""

    def __init__(self) -> None:
        self.pending: list = []

    def run(self, title, job, on_done, **_options) -> None:
        self.pending.append((job(lambda done, total: True), on_done))


def test_an_answer_to_an_older_question_is_dropped(qtbot, data, workspace):
    runner = DeferredRunner()
    page = HomePage(PageContext(runner, ScopeState(), ChangeBus(), workspace))
    qtbot.addWidget(page)
    counts, show_counts = runner.pending[0]
    show_counts(counts)  # the roll's counts arrive first; then the indicators of all years are asked for
    page.indicators.set_years(2024, 2024)
    for result, on_done in runner.pending:
        if isinstance(result, ScopeIndicators) and result.years == (None, None):
            stale = (result, on_done)
    fresh = runner.pending[-1]
    fresh[1](fresh[0])
    assert card(page, "projects")[0] == "1"
    stale[1](stale[0])  # the answer for all years arrives late
    assert card(page, "projects")[0] == "1"


def test_amounts_in_wan_yuan_are_grouped():
    from desktop_app.ui.indicators.figures import wan

    assert [wan(fen) for fen in (0, 4_999, 5_000, 15_678_188_800, 15_678_188_800_000, -1_234_567_800)] == [
        "0.00", "0.00", "0.01", "15,678.19", "15,678,188.80", "-1,234.57"]


def test_clicking_a_source_of_the_payment_chart_lists_its_fund_rows(qtbot, page):
    box = page.indicators.payment_chart
    paid_bar = [index for index, bar in enumerate(box.bars) if bar.label == "省级财政资金"][0] + 2  # its 已支付 bar
    click(qtbot, box.chart, box.chart.bar_rects()[paid_bar][2].center().toPoint())
    assert page.records_dialog.windowTitle() == "资金·省级财政资金"
    assert [(row[0], row[6], row[7]) for row in dialog_rows(page)] == [
        ("2025-001", "300,000.01", "100,000.01"), ("2026-001", "500,000.00", "0.00")]
    investment = page.indicators.investment_chart.chart
    click(qtbot, investment, investment.bar_rects()[2][0].center().toPoint())
    assert [(row[3], row[4]) for row in dialog_rows(page)] == [("加装电梯", "提升类")]


def test_a_card_opens_from_the_keyboard(qtbot, page):
    from PySide6.QtCore import Qt

    card_widget = page.indicators.cards["not_started"]
    card_widget.setFocus()
    qtbot.keyClick(card_widget, Qt.Key.Key_Return)
    assert [row[0] for row in dialog_rows(page)] == ["2025-001"]


def test_the_indicators_panel_is_built_after_the_roll_counts_arrive(qtbot, data, workspace):
    """At start-up the panel (and its imports) wait for the counts, so they never delay the first paint."""
    runner = DeferredRunner()
    page = HomePage(PageContext(runner, ScopeState(), ChangeBus(), workspace))
    qtbot.addWidget(page)
    assert page.panel is None and len(runner.pending) == 1
    counts, show_counts = runner.pending[0]
    show_counts(counts)
    assert page.panel is not None and len(runner.pending) == 2
    result, show = runner.pending[1]
    show(result)
    assert card(page, "projects")[0] == str(result.projects.projects)
