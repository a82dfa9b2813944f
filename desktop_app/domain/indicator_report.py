"""The indicators written out: the command line's JSON (a contract district staff script against), the
readable Chinese table, and the one text per figure that says what it means (README, 首页, reports).

JSON keys (percentages are strings with two decimals, or null over a zero base; money is yuan as a
string with two decimals, "1234.56"):
`projects, estates, buildings, households`; `items {基础类, 完善类, 提升类}` (counts); `items_pct {…}`;
`investment_pct {…}`; `funds {planned, allocated, paid, progress_pct}`; `funds_by_source {source: {…}}`;
`late {due, late, pct}`; `not_started {due, count, pct}`; and, for the capabilities that exist,
`complaints {total, by_category, construction_quality_pct}` and
`consultations {held, by_kind, households, households_reached, reach_pct}`; and, only when committee
records exist, `committees {estates, owners_committee, owners_committee_pct, self_management,
self_management_pct, property_service, property_service_pct, none, overdue_cases}`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop_app.domain.catalogue import CATEGORIES
from desktop_app.domain.committee_figures import CommitteeFigures
from desktop_app.domain.consultation_figures import ConsultationFigures
from desktop_app.domain.indicators import Indicators, Money, Ratio
from desktop_app.domain.money import yuan_grouped, yuan_text
from desktop_app.domain.ratios import NO_VALUE, percent_number, percent_text

# key -> (name, what it means); the README's table of definitions is this table.
DEFINITIONS: Mapping[str, tuple[str, str]] = {
    "projects": ("改造项目数", "年度在所选范围内、且涵盖所选范围内至少一个小区的项目；片区项目计为一个项目"),
    "estates": ("改造小区数", "上述项目涵盖的所选范围内的小区，去重计数"),
    "buildings": ("改造楼栋数", "上述小区的楼栋数：名册中有房屋的小区按名册计，否则按改造计划申报数"),
    "households": ("改造户数", "上述小区的户数：名册中有房屋的小区按名册房屋数计，否则按改造计划申报数"),
    "items": ("改造内容类别占比", "上述项目的改造内容按类别（基础类、完善类、提升类）计数，各类数量除以改造内容总数"),
    "investment_pct": ("按计划投资的类别占比", "各类改造内容的计划投资之和除以全部改造内容的计划投资之和"),
    "funds": ("资金支付进度", "各资金来源已支付之和除以已下达之和（截至统计日，已支付按付款日期计）"),
    "late": ("未按期完工", "计划完工日期在统计日及以前的项目中，统计日尚未完工或实际完工晚于计划完工日期的项目"),
    "not_started": ("未开工", "计划开工日期在统计日及以前的项目中，统计日及以前尚未实际开工的项目"),
    "complaints": ("投诉", "所选范围内受理日期在所选年度内（截至统计日）的投诉，按类别计数；施工质量类为施工管理与质量安全两类"),
    "consultations": ("征求意见", "所选年度内（截至统计日）召开的征求意见活动，及提出过意见的户数占房屋总数的比例"),
    "committees": ("业委会与物业管理", "所选范围内的小区中，统计日已选举产生且任期未满的业主委员会、自管会（含物业管理委员会）"
                                "所在小区，统计日由物业公司管理的小区，既无上述委员会、管理方式又为“无”或未记录的小区，"
                                "各除以小区总数；逾期案件为统计日有期限已过仍未完成的筹备案件"),
}
NOTE_ROUNDING = "比例由整数计数与以分为单位的金额精确计算，四舍五入保留两位小数；分母为零时不给出比例（显示“—”），不计为0%"


def _pct(ratio: Ratio) -> str | None:
    return ratio.pct


def _money_json(money: Money) -> dict[str, Any]:
    return {"planned": yuan_text(money.planned), "allocated": yuan_text(money.allocated),
            "paid": yuan_text(money.paid), "progress_pct": money.progress.pct}


def committees_json(committees: CommitteeFigures) -> dict[str, Any]:
    """The `committees` object: counts, and shares of the scope's estates."""
    data: dict[str, Any] = {"estates": committees.estates}
    for key in ("owners_committee", "self_management", "property_service"):
        data[key] = getattr(committees, key)
        data[f"{key}_pct"] = percent_number(committees.pct(getattr(committees, key)))
    data["none"] = committees.none
    data["overdue_cases"] = committees.overdue_cases
    return data


def indicators_json(figures: Indicators, consultation: ConsultationFigures | None = None,
                    committees: CommitteeFigures | None = None) -> dict[str, Any]:
    """The JSON object of `desktop-app indicators --json` (see the module docstring)."""
    data: dict[str, Any] = {
        "projects": figures.projects,
        "estates": figures.estates,
        "buildings": figures.buildings,
        "households": figures.households,
        "items": {category: figures.items[category] for category in CATEGORIES},
        "items_pct": {category: _pct(figures.item_ratio(category)) for category in CATEGORIES},
        "investment_pct": {category: _pct(figures.investment_ratio(category)) for category in CATEGORIES},
        "funds": _money_json(figures.funds),
        "funds_by_source": {source: _money_json(money) for source, money in figures.funds_by_source.items()},
        "late": {"due": len(figures.late.due), "late": len(figures.late.flagged), "pct": figures.late.ratio.pct},
        "not_started": {"due": len(figures.not_started.due), "count": len(figures.not_started.flagged),
                        "pct": figures.not_started.ratio.pct},
    }
    if consultation is not None:
        data["complaints"] = {
            "total": consultation.complaints,
            "by_category": {count.category: count.count for count in consultation.by_category},
            "construction_quality_pct": percent_number(consultation.construction_quality_share),
        }
        data["consultations"] = {
            "held": consultation.consultations,
            "by_kind": dict(consultation.by_kind),
            "households": consultation.rooms,
            "households_reached": consultation.households_reached,
            "reach_pct": percent_number(consultation.reach_share),
        }
    if committees is not None:
        data["committees"] = committees_json(committees)
    return data


def _pct_text(ratio: Ratio) -> str:
    pct = ratio.pct
    return NO_VALUE if pct is None else f"{pct}%"


def indicator_lines(figures: Indicators, consultation: ConsultationFigures | None = None,
                    committees: CommitteeFigures | None = None) -> list[tuple[str, str]]:
    """(name, value) lines of the readable table, in the order the district reads them."""
    lines = [
        ("改造项目数", f"{figures.projects:,} 个"),
        ("改造小区数", f"{figures.estates:,} 个"),
        ("改造楼栋数", f"{figures.buildings:,} 栋"),
        ("改造户数", f"{figures.households:,} 户"),
    ]
    for category in CATEGORIES:
        lines.append((f"改造内容·{category}", f"{figures.items[category]:,} 项，占 {_pct_text(figures.item_ratio(category))}"
                      f"（按计划投资占 {_pct_text(figures.investment_ratio(category))}）"))
    funds = figures.funds
    lines.append(("资金支付进度", f"{_pct_text(funds.progress)}（已支付 {yuan_grouped(funds.paid)} 元 / "
                                f"已下达 {yuan_grouped(funds.allocated)} 元；计划 {yuan_grouped(funds.planned)} 元）"))
    for source, money in figures.funds_by_source.items():
        lines.append((f"　{source}", f"{_pct_text(money.progress)}（已支付 {yuan_grouped(money.paid)} 元 / "
                                     f"已下达 {yuan_grouped(money.allocated)} 元）"))
    lines.append(("未按期完工", f"{len(figures.late.flagged)} 个 / 应完工 {len(figures.late.due)} 个，"
                              f"占 {_pct_text(figures.late.ratio)}"))
    lines.append(("未开工", f"{len(figures.not_started.flagged)} 个 / 应开工 {len(figures.not_started.due)} 个，"
                          f"占 {_pct_text(figures.not_started.ratio)}"))
    if consultation is not None:
        lines.append(("投诉", f"{consultation.complaints} 件，其中施工质量类 {consultation.construction_quality} 件，"
                             f"占 {consultation.construction_quality_text}"))
        lines.append(("征求意见", f"{consultation.consultations} 次，覆盖 {consultation.households_reached:,} 户 / "
                               f"{consultation.rooms:,} 户"))
    if committees is not None:
        for name, count in (("有业主委员会的小区", committees.owners_committee),
                            ("有自管会的小区", committees.self_management),
                            ("有物业服务的小区", committees.property_service), ("无管理主体的小区", committees.none)):
            lines.append((name, f"{count} 个 / {committees.estates} 个，占 {percent_text(committees.pct(count))}"))
        lines.append(("逾期筹备案件", f"{committees.overdue_cases} 件"))
    return lines
