"""What the 首页 shows of the district's indicators, as plain values: one card per figure (value, caption,
detail line, meaning from domain.indicator_report.DEFINITIONS, and the records behind it) and the bars
of the three charts. Kept apart from the widgets so that a test reads exactly what is written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.domain.catalogue import CATEGORIES
from desktop_app.domain.indicator_report import DEFINITIONS, NOTE_ROUNDING
from desktop_app.domain.indicators import Money, Ratio
from desktop_app.domain.money import wan_yuan_text
from desktop_app.domain.ratios import NO_VALUE, percent_text

if TYPE_CHECKING:  # the indicator services load when the figures are first computed, not at start-up
    from desktop_app.services.projects import ScopeIndicators

PROJECTS, ESTATES, ITEMS, FUNDS, PAGE = "projects", "estates", "items", "funds", "page"
CONSULT_PAGE = "征求意见"


@dataclass(frozen=True)
class Drill:
    """The records behind a figure: `kind` (projects, estates, items, funds) and their ids, or for
    `page` another page's request (page title, method, argument)."""

    kind: str
    title: str
    ids: tuple[int, ...] = ()
    page: tuple[str, str, str] | None = None


@dataclass(frozen=True)
class Card:
    key: str  # the indicators_json key it shows
    caption: str
    value: str
    detail: str
    meaning: str
    drill: Drill


@dataclass(frozen=True)
class ChartBar:
    label: str
    values: tuple[int, ...]
    text: str
    drill: Drill


def pct(ratio: Ratio) -> str:
    """"78.50%", or "—" over a zero base."""
    value = ratio.pct
    return NO_VALUE if value is None else f"{value}%"


def wan(fen: int) -> str:
    """An amount in 万元 to two decimals (half up), grouped: 15_678_188_800 fen -> "15,678.19"."""
    text = wan_yuan_text(fen)
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, decimals = text.partition(".")
    return f"{sign}{int(whole):,}.{decimals}"


def meaning(key: str) -> str:
    name, text = DEFINITIONS[key]
    return f"{name}：{text}。{NOTE_ROUNDING}。"


def cards(figures: ScopeIndicators) -> list[Card]:
    p = figures.projects
    c = figures.consultation
    estates = Drill(ESTATES, "改造小区", p.estate_ids)
    from_plan = f"其中 {len(p.estates_from_plan)} 个小区按计划申报数" if p.estates_from_plan else "按名册计"
    if p.estates_without_counts:
        from_plan += f"，{len(p.estates_without_counts)} 个小区无数据"
    funds = p.funds
    quality = c.construction_quality_share
    return [
        Card("projects", "改造项目（个）", f"{p.projects:,}", "片区项目计为一个", meaning("projects"),
             Drill(PROJECTS, "改造项目", p.project_ids)),
        Card("estates", "改造小区（个）", f"{p.estates:,}", "涵盖的小区去重计数", meaning("estates"), estates),
        Card("buildings", "改造楼栋（栋）", f"{p.buildings:,}", from_plan, meaning("buildings"), estates),
        Card("households", "改造户数（户）", f"{p.households:,}", from_plan, meaning("households"), estates),
        Card("funds", "资金支付进度", pct(funds.progress),
             f"已支付 {wan(funds.paid)} 万元\n已下达 {wan(funds.allocated)} 万元",
             meaning("funds"), Drill(FUNDS, "资金（全部来源）", funds.fund_ids)),
        Card("late", "未按期完工", pct(p.late.ratio), f"{len(p.late.flagged):,} 个 / 应完工 {len(p.late.due):,} 个",
             meaning("late"), Drill(PROJECTS, "未按期完工的项目", p.late.flagged)),
        Card("not_started", "未开工", pct(p.not_started.ratio),
             f"{len(p.not_started.flagged):,} 个 / 应开工 {len(p.not_started.due):,} 个",
             meaning("not_started"), Drill(PROJECTS, "未开工的项目", p.not_started.flagged)),
        Card("complaints", "投诉·施工质量类占比", percent_text(quality),
             f"投诉 {c.complaints:,} 件，施工质量类 {c.construction_quality:,} 件", meaning("complaints"),
             Drill(PAGE, "投诉台账", page=(CONSULT_PAGE, "tab", "投诉台账"))),
        Card("consultations", "征求意见（次）", f"{c.consultations:,}",
             f"覆盖 {c.households_reached:,} 户 / {c.rooms:,} 户（{percent_text(c.reach_share)}）",
             meaning("consultations"), Drill(PAGE, "征求意见统计", page=(CONSULT_PAGE, "tab", "统计"))),
    ]


def category_bars(figures: ScopeIndicators) -> list[ChartBar]:
    """基础类/完善类/提升类: the count of items with its share."""
    p = figures.projects
    return [ChartBar(category, (p.items[category],), f"{p.items[category]:,} 项 · {pct(p.item_ratio(category))}",
                     Drill(ITEMS, f"改造内容·{category}", p.item_ids[category]))
            for category in CATEGORIES]


def investment_bars(figures: ScopeIndicators) -> list[ChartBar]:
    """The same categories by planned investment (fen), with the share."""
    p = figures.projects
    return [ChartBar(category, (p.investment[category],),
                     f"{wan(p.investment[category])} 万元 · {pct(p.investment_ratio(category))}",
                     Drill(ITEMS, f"改造内容·{category}（按计划投资）", p.item_ids[category]))
            for category in CATEGORIES]


PAYMENT_SERIES = ("计划", "下达", "已支付")


def _payment_bars(source: str, money: Money) -> list[ChartBar]:
    drill = Drill(FUNDS, f"资金·{source}", money.fund_ids)
    return [
        ChartBar(source, (money.planned, 0, 0), f"计划 {wan(money.planned)} 万元", drill),
        ChartBar("", (0, money.allocated, 0), f"下达 {wan(money.allocated)} 万元", drill),
        ChartBar("", (0, 0, money.paid), f"已支付 {wan(money.paid)} 万元 · 进度 {pct(money.progress)}", drill),
    ]


def payment_bars(figures: ScopeIndicators) -> list[ChartBar]:
    """Per source, then all sources: planned, allocated and paid as three bars (one series each)."""
    p = figures.projects
    bars: list[ChartBar] = []
    for source, money in p.funds_by_source.items():
        bars += _payment_bars(source, money)
    if len(p.funds_by_source) > 1:
        bars += _payment_bars("合计", p.funds)
    return bars


LATE_SERIES = ("按期完工", "未按期完工")


def late_bars(figures: ScopeIndicators) -> list[ChartBar]:
    """Per plan year with a project due: on time and late stacked (the bar is the projects due)."""
    p = figures.projects
    bars = []
    for year, due, flagged in p.late_by_year():
        ids = tuple(project for project in p.late.flagged if p.project_years[project] == year)
        bars.append(ChartBar(f"{year}年", (due - flagged, flagged),
                             f"未按期 {flagged:,} / 应完工 {due:,} 个 · {pct(Ratio(flagged, due))}",
                             Drill(PROJECTS, f"{year}年度未按期完工的项目", ids)))
    return bars
