"""Landscape A4 for wide tables (项目进度表, 资金支付进度表): 20 mm margins, the title and a heading line
on the first page, the table's header repeated on every page, and "— n / m —" page numbers centred
under the text block."""

from __future__ import annotations

from typing import IO, Sequence

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer

from desktop_app import APP_NAME
from desktop_app.documents.fonts import FontSet
from desktop_app.documents.layout import BODY_SIZE, SMALL_SIZE, draw_text, para, style
from desktop_app.domain.project_print_data import Heading

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 18 * mm
BOTTOM = 22 * mm  # room for the page number
BLOCK_WIDTH = PAGE_WIDTH - 2 * MARGIN
BLOCK_HEIGHT = PAGE_HEIGHT - MARGIN - BOTTOM
NUMBER_SIZE = 10.5
NUMBER_Y = 10 * mm
TABLE_SIZE = 9.0
TITLE_SIZE = 18.0  # 小二: the table needs the height more than the title
CELL_PADDING = 8.0
MIN_WIDTH = 22.0
SHORT_TITLE = 4  # characters; a title this short stays on one line
TOTAL_SHADE = "#eeeeee"
MARK_SHADE = "#f4d6d6"


def page_number_text(number: int, pages: int) -> str:
    return f"— {number} / {pages} —"


class _NumberedCanvas(Canvas):
    """Holds every page until the end so that each can say how many pages there are."""

    fonts: FontSet

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab API)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            draw_text(self, PAGE_WIDTH / 2, NUMBER_Y, page_number_text(self._pageNumber, total), self.fonts, "body",
                      NUMBER_SIZE, anchor="centre")
            super().showPage()
        super().save()


def build_landscape(target: str | IO[bytes], story: Sequence[Flowable], fonts: FontSet, *, title: str,
                    author: str = "") -> int:
    """Lay out `story` on landscape A4 pages into `target`; returns the number of pages."""
    doc = BaseDocTemplate(target, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=MARGIN, bottomMargin=BOTTOM, title=title, author=author, creator=APP_NAME,
                          subject=title, initialFontName=fonts.role_font["body"], initialFontSize=BODY_SIZE)
    frame = Frame(MARGIN, BOTTOM, BLOCK_WIDTH, BLOCK_HEIGHT, id="text", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="landscape", frames=[frame])])

    class Numbered(_NumberedCanvas):
        pass

    Numbered.fonts = fonts
    doc.build(list(story), canvasmaker=Numbered)
    return doc.page


def heading_story(heading: Heading, summary: str, note: str, fonts: FontSet) -> list[Flowable]:
    """The title, the line naming the scope, plan years and 统计日期, a summary of the table and the note
    on how to read it (above the table, so that it never ends up alone on a last page)."""
    line = style("landscape-heading", fonts, "body", SMALL_SIZE + 1.5, align=TA_CENTER)
    small = style("landscape-summary", fonts, "body", SMALL_SIZE)
    note_style = style("landscape-note", fonts, "body", SMALL_SIZE - 1.0)
    title = style("landscape-title", fonts, "title", TITLE_SIZE, leading=TITLE_SIZE * 1.4, align=TA_CENTER,
                  space_after=6)
    return [para(heading.title, title, fonts, "title"), para(heading.line, line, fonts), Spacer(1, 4),
            para(summary, small, fonts), Spacer(1, 2), para(note, note_style, fonts), Spacer(1, 6)]


def natural_widths(header: Sequence[str], rows: Sequence[Sequence[str]], font: str, size: float,
                   wrapped: dict[str, int]) -> tuple[float, ...]:
    """Relative column widths: each as wide as its longest value (at most `wrapped[title]` characters
    for the columns that may wrap) or its title (half a title longer than four characters: two lines)."""
    widths = []
    for column, title in enumerate(header):
        longest = max((stringWidth(row[column], font, size) for row in rows), default=0.0)
        if title in wrapped:
            longest = min(longest, wrapped[title] * size)
        title_width = stringWidth(title, font, size)
        needed = title_width if len(title) <= SHORT_TITLE else title_width / 2 + size  # a long one: two lines
        widths.append(max(MIN_WIDTH, longest + CELL_PADDING, needed + CELL_PADDING))
    return tuple(widths)
