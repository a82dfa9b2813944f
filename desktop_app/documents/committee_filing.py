"""业主委员会备案申请表: a table form on the GB/T 9704 page (estate, address, election and first meeting,
term, the members and their roles, the attachments as a checklist, signature and seal lines).
"""

from __future__ import annotations

from typing import IO, Iterator

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, LongTable, Spacer, TableStyle

from desktop_app.documents.fonts import FontSet, load_fonts
from desktop_app.documents.layout import (
    BLOCK_WIDTH, LEADING, TABLE_SIZE, build, para, style, title_paragraph,
)
from desktop_app.documents.notice import grid_style, table_flowable
from desktop_app.domain.committee_print_data import FilingFormData, check_filing
from desktop_app.domain.dates_text import date_text
from desktop_app.domain.print_data import TableData

TITLE = "业主委员会备案申请表"
LABEL_WEIGHT, VALUE_WEIGHT = 2.2, 5.6
GAP = "\u00a0" * 6  # a Paragraph collapses ordinary (and ideographic) spaces, not these
DATE_BLANKS = f"（盖章）{GAP * 2}年{GAP}月{GAP}日"
SIGN_ROW_HEIGHT = 28 * mm  # room for a signature, the seal and the date


def filing_texts(data: FilingFormData) -> Iterator[tuple[str, str]]:
    yield "小区名称", data.estate_name
    yield "小区地址", data.address
    yield "受理机关", data.authority
    yield "申请单位", data.applicant
    for number, member in enumerate(data.members, 1):
        yield f"委员第{number}行", member.name + member.role + member.room
    for number, item in enumerate(data.attachments, 1):
        yield f"附件第{number}项", item


def field_rows(data: FilingFormData) -> list[tuple[str, str]]:
    return [
        ("小区名称", data.estate_name),
        ("小区地址", data.address),
        ("受理机关", data.authority),
        ("选举日期", date_text(data.election_on)),
        ("首次会议日期", date_text(data.first_meeting_on)),
        ("任期", f"{date_text(data.term_start)}至{date_text(data.term_end)}"),
        ("委员人数", f"{len(data.members)}人"),
    ]


def fields_table(data: FilingFormData, fonts: FontSet) -> LongTable:
    label = style("fl", fonts, "heading", TABLE_SIZE, align=TA_CENTER)
    value = style("fv", fonts, "body", TABLE_SIZE)
    widths = [BLOCK_WIDTH * w / (LABEL_WEIGHT + VALUE_WEIGHT) for w in (LABEL_WEIGHT, VALUE_WEIGHT)]
    rows = [[para(name, label, fonts, "heading"), para(text, value, fonts)] for name, text in field_rows(data)]
    table_style = grid_style(fonts.role_font["body"], TABLE_SIZE, header_rows=0, padding=4.0)
    table_style.add("BACKGROUND", (0, 0), (0, -1), "#eeeeee")
    return LongTable(rows, colWidths=widths, style=table_style)


def members_table(data: FilingFormData, fonts: FontSet) -> LongTable:
    rows = tuple((str(number), m.name, m.role, m.room) for number, m in enumerate(data.members, 1))
    return table_flowable(TableData(("序号", "姓名", "职务", "房号"), rows, widths=(1, 2.2, 1.8, 4.6)), fonts)


def attachments_table(data: FilingFormData, fonts: FontSet) -> LongTable:
    rows = tuple((f"□ {item}",) for item in data.attachments)
    cell = style("att", fonts, "body", TABLE_SIZE)
    head = style("atth", fonts, "heading", TABLE_SIZE, align=TA_CENTER)
    table_rows = [[para("附件清单（已附的请在□内打√）", head, fonts, "heading")]]
    table_rows += [[para(text, cell, fonts)] for (text,) in rows]
    table_style = grid_style(fonts.role_font["body"], TABLE_SIZE, padding=3.0)
    table_style.add("ALIGN", (0, 1), (-1, -1), "LEFT")
    return LongTable(table_rows, colWidths=[BLOCK_WIDTH], repeatRows=1, style=table_style)


def signature_table(data: FilingFormData, fonts: FontSet) -> LongTable:
    cell = style("sig", fonts, "body", TABLE_SIZE)
    applicant = data.applicant or f"{data.estate_name}业主委员会"
    left = [para(f"申请单位：{applicant}", cell, fonts), Spacer(1, 6), para("主任（签字）：", cell, fonts),
            Spacer(1, 14), para(DATE_BLANKS, cell, fonts)]
    right = [para("受理意见：", cell, fonts), Spacer(1, 6), para("经办人（签字）：", cell, fonts),
             Spacer(1, 14), para(DATE_BLANKS, cell, fonts)]
    table_style = TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, "black"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), fonts.role_font["body"]),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
    ])
    return LongTable([[left, right]], colWidths=[BLOCK_WIDTH / 2] * 2, rowHeights=[SIGN_ROW_HEIGHT],
                     style=table_style)


def filing_story(data: FilingFormData, fonts: FontSet) -> list[Flowable]:
    gap = Spacer(1, LEADING / 2)
    return [title_paragraph(TITLE, fonts), fields_table(data, fonts), gap, members_table(data, fonts), gap,
            attachments_table(data, fonts), gap, signature_table(data, fonts)]


def render_filing_form(data: FilingFormData, target: str | IO[bytes], fonts: FontSet | None = None) -> int:
    """Write the form as a PDF; returns its page count. Checks the term and dates, then the glyphs."""
    check_filing(data)
    fonts = fonts or load_fonts()
    fonts.check(filing_texts(data))
    return build(target, filing_story(data, fonts), fonts, title=TITLE, author=data.applicant)
