"""Write the district report workbook (`domain.district_report.Report`) the way `district_report_reader` reads it.

Counts are whole numbers; money is the exact amount in 元 (fen / 100) formatted `#,##0.00`; areas `0.00`;
dates `yyyy-mm-dd`; a ratio is a number, the exact share rounded half up to two decimals of a per cent
(`domain.ratios.percent_number`) and formatted `0.00%`, so Excel shows exactly what the 首页 shows and
the numbers next to it recompute it; a ratio over a zero base is the text "—". Every text cell is text
(format `@`), never a formula, whatever it begins with. Frozen header rows, widths for Chinese text.
No owner name, ID number or phone is in any sheet: the report's facts hold none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from desktop_app.domain.catalogue import CATEGORIES
from desktop_app.domain.complaints import CATEGORIES as COMPLAINT_CATEGORIES, CONSTRUCTION_AND_QUALITY
from desktop_app.domain.district_report import ESTATE, REPORT_KIND, OwnCounts, Report, SummaryRow, summary
from desktop_app.domain.indicator_report import DEFINITIONS, NOTE_ROUNDING
from desktop_app.domain.indicators import Ratio
from desktop_app.domain.opinions import KINDS
from desktop_app.domain.projects import FUND_SOURCES, marks_on, state_on
from desktop_app.domain.ratios import NO_VALUE, percent_number, rounded, share
from desktop_app.domain.report_merge import years_text
from desktop_app.domain.tally import FAILED, NOT_QUORATE, PASSED
from desktop_app.domain.vote_rules import Rule
from desktop_app.exchange.district_report_columns import (
    COMPLAINT_COLUMNS, COMPLAINTS, CONSULT, CONSULT_COLUMNS, COVER_COLUMNS, COVERS, ESTATE_COLUMNS, ESTATES,
    FUND_COLUMNS, FUNDS, ITEM_COLUMNS, ITEMS, META_AS_OF, META_FIRST_YEAR, META_INPUT, META_INSTALLATION_ID,
    META_INSTALLATION_NAME, META_KIND, META_LAST_YEAR, META_MADE_AT, META_OPERATOR, META_SCOPE, META_VERSION, NO,
    NOTES, PATH_SEPARATOR, PROJECT_COLUMNS, PROJECTS, SUMMARY, VOTE_COLUMNS, VOTES, YES,
)
from desktop_app.exchange.errors import column_letter
from desktop_app.exchange.sheet_style import header_cell

MONEY_FORMAT, AREA_FORMAT, DATE_FORMAT, WHOLE_FORMAT = "#,##0.00", "0.00", "yyyy-mm-dd", "0"
PERCENT_FORMAT, DAYS_FORMAT, TEXT_FORMAT = "0.00%", "0.0", "@"


class Money(int):
    """An amount in fen, written in 元."""


class Area(int):
    """An area in hundredths of a m², written in m²."""


class Percent:
    """A share written as a number formatted 0.00% (rounded half up to 0.01 %), "—" without a base."""

    __slots__ = ("value",)

    def __init__(self, value: Fraction | None) -> None:
        self.value = value


class Days:
    """A Fraction of days written to one decimal."""

    __slots__ = ("value",)

    def __init__(self, value: Fraction | None) -> None:
        self.value = value


def _cell(sheet, value: object) -> object:
    if value is None or value == "":
        return None
    if isinstance(value, Money):
        cell = WriteOnlyCell(sheet, value=int(value) / 100)
        cell.number_format = MONEY_FORMAT
    elif isinstance(value, Area):
        cell = WriteOnlyCell(sheet, value=int(value) / 100)
        cell.number_format = AREA_FORMAT
    elif isinstance(value, (Percent, Days)):
        if value.value is None:
            return _cell(sheet, NO_VALUE)
        if isinstance(value, Percent):
            number = float(Decimal(percent_number(value.value) or "0") / 100)
            fmt = PERCENT_FORMAT
        else:
            number, fmt = float(rounded(value.value, 1)), DAYS_FORMAT
        cell = WriteOnlyCell(sheet, value=number)
        cell.number_format = fmt
    elif isinstance(value, bool):
        return _cell(sheet, YES if value else NO)
    elif isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = WHOLE_FORMAT
    else:
        cell = WriteOnlyCell(sheet, value=str(value))
        cell.data_type = "s"  # never a formula, whatever the text begins with
        cell.number_format = TEXT_FORMAT
    return cell


def _width(header: str) -> float:
    return max(8.0, min(30.0, 2.2 * len(header) + 2))


def _sheet(workbook: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence[object]],
           widths: dict[str, float] | None = None) -> int:
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers):
        sheet.column_dimensions[column_letter(index)].width = (widths or {}).get(header, _width(header))
    sheet.append([header_cell(sheet, header) for header in headers])
    count = 0
    for values in rows:
        sheet.append([_cell(sheet, value) for value in values])
        count += 1
    return count


SUMMARY_COLUMNS = [
    "层级", "编码", "名称", "所属街道", "所属社区", "改造项目数", "改造小区数", "改造楼栋数", "改造户数",
    "按申报数计的小区数", "无楼栋户数的小区数",
    *(f"{c}项数" for c in CATEGORIES), "改造内容总数", *(f"{c}占比" for c in CATEGORIES),
    *(f"{c}计划投资(元)" for c in CATEGORIES), "计划投资合计(元)", *(f"{c}投资占比" for c in CATEGORIES),
    "资金计划(元)", "资金下达(元)", "资金已支付(元)", "资金支付进度",
    *(f"{s}{what}" for s in FUND_SOURCES for what in ("下达(元)", "已支付(元)", "支付进度")),
    "应完工项目数", "未按期完工项目数", "未按期完工比例", "应开工项目数", "未开工项目数", "未开工比例",
    "征求意见活动次数", *(f"{k}次数" for k in KINDS), "房屋数", "提出意见户数", "征求意见覆盖率",
    "投诉件数", *(f"投诉·{c}" for c in COMPLAINT_CATEGORIES), "施工质量类投诉", "施工质量类占比",
    "逾期未办结", "超期办结", "已办结", "办结天数合计", "平均办结天数",
]


def _pct(ratio: Ratio) -> Percent:
    return Percent(ratio.share)


def summary_cells(row: SummaryRow) -> list[object]:
    p, c = row.projects, row.counts
    parents = {parent.level: parent.name for parent in row.parents}
    cells: list[object] = [row.level, row.place.code, row.place.name, parents.get("街道", ""), parents.get("社区", ""),
                           p.projects, p.estates, p.buildings, p.households, len(p.estates_from_plan),
                           len(p.estates_without_counts)]
    cells += [p.items[category] for category in CATEGORIES] + [p.item_total]
    cells += [_pct(p.item_ratio(category)) for category in CATEGORIES]
    cells += [Money(p.investment[category]) for category in CATEGORIES] + [Money(p.investment_total)]
    cells += [_pct(p.investment_ratio(category)) for category in CATEGORIES]
    cells += [Money(p.funds.planned), Money(p.funds.allocated), Money(p.funds.paid), _pct(p.funds.progress)]
    for source in FUND_SOURCES:
        money = p.funds_by_source.get(source)
        cells += [None, None, Percent(None)] if money is None else \
            [Money(money.allocated), Money(money.paid), _pct(money.progress)]
    cells += [len(p.late.due), len(p.late.flagged), _pct(p.late.ratio),
              len(p.not_started.due), len(p.not_started.flagged), _pct(p.not_started.ratio)]
    cells += [c.consultations, *c.events, c.rooms, c.reached, Percent(c.reach_share)]
    cells += [c.complaint_total, *c.complaints, c.construction_quality, Percent(c.construction_quality_share),
              c.overdue_open, c.closed_late, c.closed, c.close_days, Days(c.average_close_days)]
    return cells


def _estate_rows(report: Report) -> Iterable[list[object]]:
    for e in report.estates:
        yield [e.street.key, e.street.code, e.street.name, e.community.key, e.community.code, e.community.name,
               e.estate.key, e.estate.code, e.estate.name, e.buildings, e.rooms, e.stamp.made_at, e.stamp.installation]


def _project_rows(report: Report) -> Iterable[list[object]]:
    as_of = report.meta.as_of
    for p in report.projects:
        s = p.schedule
        planned = sum(f.planned_fen for f in p.funds)
        allocated = sum(f.allocated_fen for f in p.funds)
        paid = sum(f.paid_fen for f in p.funds)
        yield [p.code, p.name, p.plan_year, "、".join(c.estate.name for c in p.covers), s.planned_start, s.planned_end,
               s.actual_start, s.actual_end, s.accepted_on, state_on(s, as_of), "、".join(marks_on(s, as_of)),
               p.declared_buildings, p.declared_households, len(p.items), Money(sum(i.planned_fen for i in p.items)),
               Money(planned), Money(allocated), Money(paid), Percent(share(paid, allocated)),
               p.stamp.made_at, p.stamp.installation]


def _cover_rows(report: Report) -> Iterable[list[object]]:
    for p in report.projects:
        for c in p.covers:
            yield [p.code, c.estate.key, c.estate.code, c.estate.name, c.declared_buildings, c.declared_households]


def _item_rows(report: Report) -> Iterable[list[object]]:
    for p in report.projects:
        for item in p.items:
            yield [p.code, item.name, item.category, Money(item.planned_fen)]


def _fund_rows(report: Report) -> Iterable[list[object]]:
    for p in report.projects:
        for f in p.funds:
            yield [p.code, f.source, Money(f.planned_fen), Money(f.allocated_fen), Money(f.paid_fen),
                   Percent(share(f.paid_fen, f.allocated_fen))]


def rule_label(rule: str) -> str:
    try:
        return Rule(rule).label
    except ValueError:
        return rule


def _vote_rows(report: Report) -> Iterable[list[object]]:
    for e in report.estates:
        for number, v in enumerate(e.votes, start=1):
            for i in v.items:
                verdict = PASSED if i.passed else (FAILED if i.quorate else NOT_QUORATE)
                yield [e.estate.key, e.estate.name, number, v.title, v.matter, rule_label(v.rule), v.closes_on,
                       Area(v.total_area), v.total_heads, i.name, Area(i.participating_area), i.participating_heads,
                       Area(i.agree_area), i.agree_heads, Area(i.oppose_area), i.oppose_heads, Area(i.abstain_area),
                       i.abstain_heads, i.quorate, verdict, Percent(share(i.participating_area, v.total_area)),
                       Percent(share(i.participating_heads, v.total_heads)),
                       Percent(share(i.agree_area, i.participating_area)),
                       Percent(share(i.agree_heads, i.participating_heads))]


def _place(row: OwnCounts) -> list[object]:
    return [row.place.level, row.place.key, row.place.code, row.place.name, PATH_SEPARATOR.join(row.path[:-1])
            if row.path else ""]


def _consult_rows(report: Report) -> Iterable[list[object]]:
    for row in report.counts:
        estate = row.place.level == ESTATE
        yield [*_place(row), *row.events, sum(row.events), row.rooms if estate else None,
               row.reached if estate else None, Percent(share(row.reached, row.rooms)) if estate else None,
               row.stamp.made_at, row.stamp.installation]


def _complaint_rows(report: Report) -> Iterable[list[object]]:
    for row in report.counts:
        quality = sum(n for c, n in zip(COMPLAINT_CATEGORIES, row.complaints) if c in CONSTRUCTION_AND_QUALITY)
        yield [*_place(row), *row.complaints, sum(row.complaints), quality, row.overdue_open, row.closed_late,
               row.closed, row.close_days, Days(share(row.close_days, row.closed)), row.stamp.made_at,
               row.stamp.installation]


SHEET_NOTES = [
    ("汇总", "每个街道、社区、小区一行（第一行为本报表合计），各项指标均由本报表的明细表计算；比例旁边给出其分子、分母。"
             "街道、社区行只含本报表所含的小区。"),
    ("小区", "本报表所含的小区及其名册楼栋数、户数（名册中没有房屋的小区为0）。"),
    ("项目", "年度在范围内、涵盖本报表至少一个小区的项目，按项目编号；状态与标记按统计日期。片区项目在所涵盖的每个社区的报表中都有，合并时按项目编号只计一次。"),
    ("项目小区", "每个项目涵盖的小区及改造计划中申报的楼栋数、户数。"),
    ("改造内容", "每个项目的改造内容、类别及计划投资。"),
    ("资金", "每个项目每个资金来源的计划、下达、截至统计日期的已支付金额。"),
    ("表决", "统计日期前已结束、截止日期在所选年度内的业主表决，每个表决事项一行：参与、同意、反对、弃权的专有面积与人数，是否通过。"),
    ("征求意见", "每个小区的征求意见活动次数与提出意见户数；社区、街道一级组织的活动记在该社区、街道行。"),
    ("投诉", "每个小区受理的投诉按类别计数，及逾期未办结、超期办结、已办结件数与办结天数；没有所属小区的投诉记在“未归属小区”行（只在全部范围的报表中）。"),
]
MERGE_NOTE = ("合并多份报表时：各明细行按小区、项目编号去重后相加，比例一律由相加后的计数和金额重新计算，从不平均；"
              "同一小区（或社区、街道一级的记录）出现在多份报表中时，采用制表时间较新的报表；只能合并格式版本、年度范围与统计日期都相同的报表。")


def _notes(workbook: Workbook, report: Report) -> None:
    sheet = workbook.create_sheet(NOTES)
    for letter, width in zip("AB", (18, 100)):
        sheet.column_dimensions[letter].width = width
    m = report.meta
    sheet.append([header_cell(sheet, "项目"), header_cell(sheet, "内容")])
    meta: list[tuple[str, object]] = [
        (META_KIND, REPORT_KIND), (META_VERSION, m.version), (META_MADE_AT, m.made_at), (META_OPERATOR, m.operator),
        (META_INSTALLATION_ID, m.installation_id), (META_INSTALLATION_NAME, m.installation_name),
        (META_SCOPE, m.scope), (META_FIRST_YEAR, m.years[0]), (META_LAST_YEAR, m.years[1]), (META_AS_OF, m.as_of),
        *((META_INPUT, line) for line in m.inputs)]
    for label, value in meta:
        sheet.append([_cell(sheet, label), _cell(sheet, value)])
    sheet.append([])
    sheet.append([_cell(sheet, "年度"), _cell(sheet, years_text(m.years))])
    sheet.append([])
    sheet.append([header_cell(sheet, "指标"), header_cell(sheet, "含义")])
    for name, meaning in DEFINITIONS.values():
        sheet.append([_cell(sheet, name), _cell(sheet, meaning)])
    sheet.append([_cell(sheet, "比例"), _cell(sheet, NOTE_ROUNDING)])
    sheet.append([])
    sheet.append([header_cell(sheet, "工作表"), header_cell(sheet, "内容")])
    for title, text in SHEET_NOTES:
        sheet.append([_cell(sheet, title), _cell(sheet, text)])
    sheet.append([_cell(sheet, "合并"), _cell(sheet, MERGE_NOTE)])
    sheet.append([_cell(sheet, "个人信息"), _cell(sheet, "本报表不含业主姓名、证件号码和联系电话。")])


def write_report(path: str | Path | BinaryIO, report: Report) -> int:
    """Write `report`; returns the number of summary rows."""
    workbook = Workbook(write_only=True)
    rows = summary(report)
    count = _sheet(workbook, SUMMARY, SUMMARY_COLUMNS, (summary_cells(row) for row in rows),
                   widths={"名称": 24.0, "所属街道": 14.0, "所属社区": 14.0})
    _sheet(workbook, ESTATES, ESTATE_COLUMNS, _estate_rows(report))
    _sheet(workbook, PROJECTS, PROJECT_COLUMNS, _project_rows(report), widths={"项目名称": 30.0, "涵盖小区": 30.0})
    _sheet(workbook, COVERS, COVER_COLUMNS, _cover_rows(report))
    _sheet(workbook, ITEMS, ITEM_COLUMNS, _item_rows(report), widths={"改造内容": 24.0})
    _sheet(workbook, FUNDS, FUND_COLUMNS, _fund_rows(report))
    _sheet(workbook, VOTES, VOTE_COLUMNS, _vote_rows(report), widths={"表决名称": 30.0, "事项": 24.0})
    _sheet(workbook, CONSULT, CONSULT_COLUMNS, _consult_rows(report))
    _sheet(workbook, COMPLAINTS, COMPLAINT_COLUMNS, _complaint_rows(report))
    _notes(workbook, report)
    workbook.save(path if not isinstance(path, Path) else str(path))
    return count
