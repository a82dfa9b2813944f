"""投诉台账: every complaint of a scope and period with its handling, on the notice layout.

One row per complaint, oldest first: ticket number, date received, estate, category, status, due date,
the overdue mark (逾期未办结 / 超期办结, judged on the ledger's day; the row is shaded) and the days it
took to close. Above the table the totals the district reads: how many, closed, overdue, the share
about construction and quality, the average days to close. The caller is shown masked (`张*`,
`138****8000`); no ID number is printed.
"""

from __future__ import annotations

from fractions import Fraction
from typing import IO, Iterator

from reportlab.lib.enums import TA_CENTER
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, TableStyle

from desktop_app.documents.fonts import FontSet, load_fonts
from desktop_app.documents.layout import SMALL_SIZE, build, para, style, title_paragraph
from desktop_app.documents.notice import table_flowable
from desktop_app.domain.complaints import CLOSED, CONSTRUCTION_AND_QUALITY, OVERDUE_OPEN
from desktop_app.domain.consultation_figures import decimal_text, percent_text, share
from desktop_app.domain.consultation_print_data import ComplaintLedgerData, ComplaintLine, period_label
from desktop_app.domain.dates_text import date_text
from desktop_app.domain.masking import mask_name, mask_phone
from desktop_app.domain.print_data import TableData

HEADER = ("工单编号", "受理日期", "小区", "类别", "来电人", "状态", "办理时限", "逾期", "办理天数")
SIZE = 8.5
PADDING = 8.0
MIN_WIDTH = 22.0
WRAPPED = {"小区": 5, "类别": 4}  # at most this many characters a line; longer values wrap
OVERDUE_SHADE = "#f4d6d6"


def caller(line: ComplaintLine) -> str:
    parts = [mask_name(line.complainant), mask_phone(line.phone)]
    return "\n".join(part for part in parts if part)


def ledger_cells(line: ComplaintLine) -> tuple[str, ...]:
    return (line.ticket_no or "（无）", line.received_on.isoformat(), line.estate or line.address,
            line.category, caller(line), line.status, line.due_on.isoformat() if line.due_on else "",
            line.overdue_state, "" if line.days_to_close is None else str(line.days_to_close))


def totals(ledger: ComplaintLedgerData) -> str:
    rows = ledger.rows
    closed = [line for line in rows if line.status == CLOSED]
    open_late = sum(1 for line in rows if line.overdue_state == OVERDUE_OPEN)
    closed_late = sum(1 for line in rows if line.overdue_state and line.overdue_state != OVERDUE_OPEN)
    building = sum(1 for line in rows if line.category in CONSTRUCTION_AND_QUALITY)
    days = [line.days_to_close for line in closed if line.days_to_close is not None]
    average = decimal_text(Fraction(sum(days), len(days)) if days else None)
    period = period_label(ledger.start, ledger.end)
    return (f"统计范围：{ledger.scope_label or '全部'}。" + (f"受理期间：{period}。" if period else "")
            + f"共 {len(rows)} 件，已办结 {len(closed)} 件，未办结 {len(rows) - len(closed)} 件；"
            f"逾期 {open_late + closed_late} 件（逾期未办结 {open_late} 件，超期办结 {closed_late} 件）；"
            f"施工管理和质量安全类 {building} 件，占 {percent_text(share(building, len(rows)), 1)}；"
            f"已办结的平均办理 {average} 天。逾期按{date_text(ledger.today)}判断。")


def column_widths(rows: list[tuple[str, ...]], font: str) -> tuple[float, ...]:
    widths = []
    for column, title in enumerate(HEADER):
        longest = max((max(stringWidth(part, font, SIZE) for part in row[column].split("\n")) for row in rows),
                      default=0.0)
        if title in WRAPPED:
            longest = min(longest, WRAPPED[title] * SIZE)
        widths.append(max(MIN_WIDTH, longest + PADDING, stringWidth(title, font, SIZE) / 2 + SIZE + PADDING))
    return tuple(widths)  # relative: the table is scaled to the text block


def ledger_table(ledger: ComplaintLedgerData, fonts: FontSet) -> TableData:
    rows = [ledger_cells(line) for line in ledger.rows]
    return TableData(HEADER, tuple(rows), column_widths(rows, fonts.role_font["body"]))


def ledger_texts(ledger: ComplaintLedgerData) -> Iterator[tuple[str, str]]:
    yield "标题", ledger.title
    yield "统计范围", ledger.scope_label
    for line in ledger.rows:
        yield f"工单 {line.ticket_no}", line.ticket_no + line.estate + line.address + line.category + caller(line)


def ledger_story(ledger: ComplaintLedgerData, fonts: FontSet) -> list[Flowable]:
    small = style("ledger-small", fonts, "body", SMALL_SIZE + 1.0)
    story: list[Flowable] = [title_paragraph(ledger.title, fonts), para(totals(ledger), small, fonts), Spacer(1, 6)]
    if ledger.rows:
        table = table_flowable(ledger_table(ledger, fonts), fonts, size=SIZE)
        shaded = [("BACKGROUND", (0, number), (-1, number), OVERDUE_SHADE)
                  for number, line in enumerate(ledger.rows, 1) if line.overdue_state]
        if shaded:
            table.setStyle(TableStyle(shaded))
        story.append(table)
    else:
        story.append(para("统计期间内没有投诉。", style("ledger-none", fonts, "body", SMALL_SIZE, align=TA_CENTER), fonts))
    story += [Spacer(1, 6), para("说明：逾期未办结指过了办理时限仍未办结，超期办结指办结晚于办理时限（底色标出）；"
                                 "办理天数为受理到办结的自然日数。来电人姓名和电话已按规定隐去部分内容，不含证件号码。",
                                 style("ledger-foot", fonts, "body", SMALL_SIZE), fonts)]
    return story


def render_complaint_ledger(ledger: ComplaintLedgerData, target: str | IO[bytes], fonts: FontSet | None = None) -> int:
    """Write the ledger as a PDF; returns its page count. Raises MissingGlyphs before writing."""
    fonts = fonts or load_fonts()
    fonts.check(ledger_texts(ledger))
    return build(target, ledger_story(ledger, fonts), fonts, title=ledger.title, author=ledger.issuer)
