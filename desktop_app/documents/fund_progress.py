"""资金支付进度表: per project and funding source the planned, allocated (下达) and paid amounts as of the
统计日期 and the payment progress (paid ÷ allocated, "—" with nothing allocated); then the total of each
source and of all sources, exact sums in fen printed in yuan. Landscape A4."""

from __future__ import annotations

from typing import IO, Iterator

from reportlab.platypus import Flowable, TableStyle

from desktop_app.documents.fonts import FontSet, load_fonts
from desktop_app.documents.landscape import (
    BLOCK_WIDTH, TABLE_SIZE, TOTAL_SHADE, build_landscape, heading_story, natural_widths,
)
from desktop_app.documents.layout import SMALL_SIZE, para, style
from desktop_app.documents.notice import table_flowable
from desktop_app.domain.money import yuan_grouped
from desktop_app.domain.print_data import TableData
from desktop_app.domain.project_print_data import FundLine, FundProgressData, FundTotal
from desktop_app.domain.ratios import percent_text

HEADER = ("序号", "项目编号", "项目名称", "年度", "资金来源", "计划（元）", "下达（元）", "已支付（元）", "支付进度")
MONEY_COLUMNS = (5, 8)  # 计划 … 支付进度, right-aligned
WRAPPED = {"项目名称": 16}
ALL_SOURCES = "全部来源"
NOTE = ("说明：已支付为统计日期及以前的付款（含改造计划中未注明日期的已支付金额）；支付进度 = 已支付 ÷ 已下达，"
        "未下达资金的显示“—”。金额以分为单位精确合计。")


def _money(line: FundLine | FundTotal) -> tuple[str, str, str, str]:
    return (yuan_grouped(line.planned_fen), yuan_grouped(line.allocated_fen), yuan_grouped(line.paid_fen),
            percent_text(line.progress))


def fund_cells(number: int, line: FundLine) -> tuple[str, ...]:
    return (str(number), line.code, line.name, str(line.plan_year), line.source) + _money(line)


def total_cells(total: FundTotal, label: str) -> tuple[str, ...]:
    return ("", label, "", "", total.source or ALL_SOURCES) + _money(total)


def summary(data: FundProgressData) -> str:
    total = data.total()
    return (f"共 {data.projects} 个项目、{len(data.rows)} 条资金来源记录：计划 {yuan_grouped(total.planned_fen)} 元，"
            f"已下达 {yuan_grouped(total.allocated_fen)} 元，已支付 {yuan_grouped(total.paid_fen)} 元，"
            f"支付进度 {percent_text(total.progress)}。")


def fund_rows(data: FundProgressData) -> list[tuple[str, ...]]:
    """The project rows, then one 小计 per source and the 合计 of all sources."""
    rows = [fund_cells(number, line) for number, line in enumerate(data.rows, 1)]
    rows += [total_cells(total, "小计") for total in data.source_totals()]
    rows.append(total_cells(data.total(), "合计"))
    return rows


def fund_table(data: FundProgressData, fonts: FontSet) -> TableData:
    rows = fund_rows(data)
    return TableData(HEADER, tuple(rows), natural_widths(HEADER, rows, fonts.role_font["body"], TABLE_SIZE, WRAPPED))


def fund_texts(data: FundProgressData) -> Iterator[tuple[str, str]]:
    yield "标题", data.heading.title
    yield "统计范围", data.heading.line
    for line in data.rows:
        yield f"项目 {line.code}", line.code + line.name + line.source


def fund_story(data: FundProgressData, fonts: FontSet) -> list[Flowable]:
    story = heading_story(data.heading, summary(data), NOTE, fonts)
    if data.rows:
        table = table_flowable(fund_table(data, fonts), fonts, size=TABLE_SIZE, padding=2.0, width=BLOCK_WIDTH)
        first_total = len(data.rows) + 1
        table.setStyle(TableStyle([
            ("ALIGN", (MONEY_COLUMNS[0], 1), (MONEY_COLUMNS[1], -1), "RIGHT"),
            ("BACKGROUND", (0, first_total), (-1, -1), TOTAL_SHADE),
            ("FONTNAME", (0, first_total), (-1, -1), fonts.role_font["heading"]),
        ]))
        story.append(table)
    else:
        story.append(para("所选范围和年度内没有资金记录。", style("funds-none", fonts, "body", SMALL_SIZE), fonts))
    return story


def render_fund_progress(data: FundProgressData, target: str | IO[bytes], fonts: FontSet | None = None) -> int:
    """Write the table as a PDF; returns its page count. Raises MissingGlyphs before writing."""
    fonts = fonts or load_fonts()
    fonts.check(fund_texts(data))
    return build_landscape(target, fund_story(data, fonts), fonts, title=data.heading.title)


