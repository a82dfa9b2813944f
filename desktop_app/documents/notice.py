"""通知 / 公告 / 公示: title, salutation, body paragraphs, optional table, 公示期 line, issuer and date."""

from __future__ import annotations

from typing import IO, Iterator

from reportlab.lib.enums import TA_CENTER
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, LongTable, Paragraph, Spacer, TableStyle

from desktop_app.documents.fonts import FontSet, load_fonts
from desktop_app.documents.layout import (
    BLOCK_WIDTH, LEADING, TABLE_SIZE, SignatureBlock, body_style, build, para, style, title_paragraph,
)
from desktop_app.domain.dates_text import date_text, period_text
from desktop_app.domain.errors import UserError
from desktop_app.domain.print_data import NOTICE_KINDS, Notice, TableData


CELL_SIDE_PADDING = 3.0


def notice_texts(notice: Notice) -> Iterator[tuple[str, str]]:
    """Every text of the notice with where it stands, for the glyph check."""
    yield "标题", notice.title
    yield "称呼", notice.salutation
    for number, paragraph in enumerate(notice.paragraphs, 1):
        yield f"正文第{number}段", paragraph
    if notice.table is not None:
        yield from table_texts(notice.table)
    for number, paragraph in enumerate(notice.closing, 1):
        yield f"表后第{number}段", paragraph
    yield "落款单位", notice.issuer


def table_texts(table: TableData) -> Iterator[tuple[str, str]]:
    for column, text in enumerate(table.header, 1):
        yield f"表头第{column}列", text
    for row_number, row in enumerate(table.rows, 1):
        for column, text in enumerate(row, 1):
            yield f"表格第{row_number}行第{column}列", text


def grid_style(font: str, size: float, header_rows: int = 1, padding: float = 3.0) -> TableStyle:
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), font),  # else the table names Helvetica, which is not embedded
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size * 1.3),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("GRID", (0, 0), (-1, -1), 0.6, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_SIDE_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_SIDE_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding + 1),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), "#eeeeee"))
    return TableStyle(commands)


def table_flowable(table: TableData, fonts: FontSet, *, size: float = TABLE_SIZE,
                   padding: float = 3.0, width: float = BLOCK_WIDTH) -> LongTable:
    """A grid table `width` wide (the portrait text block unless told) whose header repeats on every
    page and whose cells wrap (rows split across pages)."""
    columns = len(table.header)
    weights = table.widths if len(table.widths) == columns else (1.0,) * columns
    widths = [width * w / sum(weights) for w in weights]
    head = style("th", fonts, "heading", size, align=TA_CENTER)
    cell = style("td", fonts, "body", size, align=TA_CENTER)
    cell_left = style("tdl", fonts, "body", size)
    body = fonts.role_font["body"]

    def cell_of(text: str, width: float) -> str | Paragraph:
        # A value that fits on one line in the body font is a plain string (ten times faster to lay
        # out); anything that wraps or needs a fallback font is a Paragraph.
        if fonts.segments(text, "body") == ((body, text),) and \
                stringWidth(text, body, size) <= width - 2 * CELL_SIDE_PADDING - 1:
            return text
        return para(text, cell if len(text) <= 8 else cell_left, fonts)

    data: list[list[str | Paragraph]] = [[para(text, head, fonts, "heading") for text in table.header]]
    for row in table.rows:
        cells = list(row) + [""] * (columns - len(row))
        data.append([cell_of(text, width) for text, width in zip(cells[:columns], widths)])
    return LongTable(data, colWidths=widths, repeatRows=1, splitInRow=1,
                     style=grid_style(body, size, padding=padding))


def notice_story(notice: Notice, fonts: FontSet) -> list[Flowable]:
    body = body_style(fonts)
    story: list[Flowable] = [title_paragraph(notice.title, fonts)]
    if notice.salutation:
        story.append(para(notice.salutation, body_style(fonts, indent=False), fonts))
    story += [para(text, body, fonts) for text in notice.paragraphs]
    if notice.table is not None:
        story += [Spacer(1, LEADING / 2), table_flowable(notice.table, fonts), Spacer(1, LEADING / 2)]
    if notice.kind == "公示" and notice.period_start and notice.period_end:
        story.append(para(period_text(notice.period_start, notice.period_end) + "。", body, fonts))
    story += [para(text, body, fonts) for text in notice.closing]
    signature = SignatureBlock(notice.issuer, date_text(notice.issued_on), fonts)
    # GB/T 9704: never a last page with the signature alone; the last paragraph goes with it.
    last = story.pop() if len(story) > 1 and not isinstance(story[-1], Spacer) else None
    story.append(KeepTogether([last, signature] if last is not None else [signature]))
    return story


def render_notice(notice: Notice, target: str | IO[bytes], fonts: FontSet | None = None) -> int:
    """Write the notice as a PDF; returns its page count. Raises MissingGlyphs before writing."""
    if notice.kind not in NOTICE_KINDS:
        raise UserError(f"文种“{notice.kind}”不支持，应为 通知、公告 或 公示")
    if notice.kind == "公示" and (notice.period_start is None or notice.period_end is None):
        raise UserError("公示须写明公示期的开始和结束日期")
    fonts = fonts or load_fonts()
    fonts.check(notice_texts(notice))
    return build(target, notice_story(notice, fonts), fonts, title=notice.title, author=notice.issuer)
