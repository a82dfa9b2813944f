"""意见汇总: what the households of a scope asked for, on the notice layout.

The households reached and their share of the scope, each demanded item with its category, the
households that want it and their share of the households reached (most wanted first), and how the
households see the plan (支持 / 有意见 / 反对 / 未表态, each household's latest opinion). Made only from
counts: no name, room, ID number or phone can appear.
"""

from __future__ import annotations

from typing import IO, Iterator

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Flowable, KeepTogether, Spacer

from desktop_app.documents.fonts import FontSet, load_fonts
from desktop_app.documents.layout import (
    LEADING, SMALL_SIZE, SignatureBlock, build, para, style, title_paragraph,
)
from desktop_app.documents.notice import table_flowable
from desktop_app.domain.consultation_print_data import OpinionSummaryData, period_label
from desktop_app.domain.dates_text import date_text
from desktop_app.domain.print_data import TableData

ITEM_HEADER = ("序号", "改造项目", "类别", "户数", "占已征求户")
ITEM_WIDTHS = (0.8, 4.0, 1.4, 1.2, 1.6)
STANCE_HEADER = ("对改造方案的态度", "户数", "占已征求户")
STANCE_WIDTHS = (3.0, 1.5, 1.5)
FREE_TAG = "自定义"


def facts(summary: OpinionSummaryData) -> str:
    period = period_label(summary.start, summary.end)
    scope = summary.scope_label or "全部"
    text = f"统计范围：{scope}。" + (f"统计期间：{period}。" if period else "")
    return (text + f"范围内共 {summary.rooms} 户，已征求意见 {summary.reached} 户，占 {summary.reached_text}。"
            "同一户多次提出意见的，按最近一次计。")


def item_table(summary: OpinionSummaryData) -> TableData:
    rows = tuple((str(number), line.name, line.category or FREE_TAG, str(line.households),
                  summary.share_text(line.households)) for number, line in enumerate(summary.items, 1))
    return TableData(ITEM_HEADER, rows, ITEM_WIDTHS)


def stance_table(summary: OpinionSummaryData) -> TableData:
    rows = tuple((stance, str(count), summary.share_text(count)) for stance, count in summary.stances)
    return TableData(STANCE_HEADER, rows, STANCE_WIDTHS)


def summary_texts(summary: OpinionSummaryData) -> Iterator[tuple[str, str]]:
    yield "标题", summary.title
    yield "统计范围", summary.scope_label
    yield "落款单位", summary.issuer
    for line in summary.items:
        yield "改造项目", line.name + line.category


def summary_story(summary: OpinionSummaryData, fonts: FontSet) -> list[Flowable]:
    small = style("summary-small", fonts, "body", SMALL_SIZE + 1.5)
    heading = style("summary-heading", fonts, "heading", SMALL_SIZE + 1.5, align=TA_CENTER, space_after=4)
    story: list[Flowable] = [title_paragraph(summary.title, fonts), para(facts(summary), small, fonts), Spacer(1, 8)]
    story.append(para("一、各改造项目的需求户数", heading, fonts, "heading"))
    if summary.items:
        story.append(table_flowable(item_table(summary), fonts, size=SMALL_SIZE))
    else:
        story.append(para("统计期间内没有记录到改造需求。", small, fonts))
    story += [Spacer(1, 10), KeepTogether([para("二、对改造方案的态度", heading, fonts, "heading"),
                                           table_flowable(stance_table(summary), fonts, size=SMALL_SIZE)])]
    story += [Spacer(1, 6), para("说明：本表只有户数统计，不含住户姓名、房号、证件号码和联系电话。",
                                 style("summary-foot", fonts, "body", SMALL_SIZE), fonts)]
    if summary.issued_on is not None:
        story.append(Spacer(1, LEADING / 2))
        story.append(SignatureBlock(summary.issuer or "制表单位", date_text(summary.issued_on), fonts, seal_lines=1))
    return story


def render_opinion_summary(summary: OpinionSummaryData, target: str | IO[bytes], fonts: FontSet | None = None) -> int:
    """Write the summary as a PDF; returns its page count. Raises MissingGlyphs before writing."""
    fonts = fonts or load_fonts()
    fonts.check(summary_texts(summary))
    return build(target, summary_story(summary, fonts), fonts, title=summary.title, author=summary.issuer)
