"""The one page layout of printed documents, modelled on GB/T 9704-2012.

A4; top margin 37 mm, binding (left) margin 28 mm, text block 156 x 225 mm. Title 二号 (22 pt),
body 三号 (15.75 pt: 28 characters fill the 156 mm line exactly) on a 22-line grid; page numbers
"— 1 —" centred under the text block. Text is turned into reportlab markup here, each character in
a font that has it.
"""

from __future__ import annotations

from typing import IO, Sequence
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.lib import textsplit as textsplit_module
from reportlab.platypus import paragraph as paragraph_module
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from desktop_app import APP_NAME
from desktop_app.documents.fonts import FontSet

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP_MARGIN = 37 * mm
LEFT_MARGIN = 28 * mm
BLOCK_WIDTH = 156 * mm
BLOCK_HEIGHT = 225 * mm
BOTTOM_MARGIN = PAGE_HEIGHT - TOP_MARGIN - BLOCK_HEIGHT
TITLE_SIZE = 22.0  # 二号
BODY_SIZE = 15.75  # 三号
TABLE_SIZE = 12.0  # 小四
SMALL_SIZE = 10.5  # 五号
PAGE_NUMBER_SIZE = 14.0  # 四号
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LEADING = int(BLOCK_HEIGHT / LINES_PER_PAGE * 100) / 100  # 28.99 pt: 22 lines fill the block
PAGE_NUMBER_GAP = 7 * mm  # from the bottom of the text block to the top of the page number
CLOSING_PUNCTUATION = frozenset("，。、；：？！）》」』】〕”’,.;:?!)]}…—·")

# reportlab's CJK wrapping hangs a character that cannot start a line at the end of the previous one, but
# its list (textsplit.ALL_CANNOT_START, also copied into paragraph.py at import; one is used for a
# one-font paragraph, the other for mixed fonts) lacks the full-width comma, semicolon, colon, marks and
# closing quotes of Chinese text. There is no option for it, so both copies are extended once.
for _module in (textsplit_module, paragraph_module):
    _module.ALL_CANNOT_START += "".join(sorted(CLOSING_PUNCTUATION - set(_module.ALL_CANNOT_START)))


def style(name: str, fonts: FontSet, role: str = "body", size: float = BODY_SIZE, *,
          leading: float | None = None, align: int = TA_JUSTIFY, indent: float = 0.0,
          right_indent: float = 0.0, space_after: float = 0.0) -> ParagraphStyle:
    """A paragraph style that wraps Chinese anywhere except before closing punctuation."""
    return ParagraphStyle(
        name, fontName=fonts.role_font[role], fontSize=size, leading=leading or size * 1.3,
        alignment=align, firstLineIndent=indent, rightIndent=right_indent, spaceAfter=space_after,
        wordWrap="CJK", splitLongWords=True, allowWidows=1, allowOrphans=1,
    )


def body_style(fonts: FontSet, *, indent: bool = True) -> ParagraphStyle:
    return style("body", fonts, leading=LEADING, indent=2 * BODY_SIZE if indent else 0.0)


def title_style(fonts: FontSet) -> ParagraphStyle:
    return style("title", fonts, "title", TITLE_SIZE, leading=TITLE_SIZE * 1.5, align=TA_CENTER,
                 space_after=LEADING)


def balanced_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """A title too long for one line, cut into lines of about equal width (GB/T 9704: a title that
    wraps is arranged symmetrically, never one lone character on the last line). No line starts with
    closing punctuation."""
    total = stringWidth(text, font, size)
    count = int(total // width) + 1
    if count == 1:
        return [text]
    target = total / count
    lines: list[str] = []
    line, used = "", 0.0
    for char in text:
        advance = stringWidth(char, font, size)
        if line and len(lines) < count - 1 and (used + advance / 2 > target or used + advance > width) \
                and char not in CLOSING_PUNCTUATION:
            lines.append(line)
            line, used = "", 0.0
        line += char
        used += advance
    lines.append(line)
    return lines


def title_paragraph(title: str, fonts: FontSet) -> Paragraph:
    st = title_style(fonts)
    lines = balanced_lines(title, fonts.role_font["title"], TITLE_SIZE, BLOCK_WIDTH - TITLE_SIZE)
    return Paragraph("<br/>".join(markup(line, fonts, "title") for line in lines), st)


def markup(text: str, fonts: FontSet, role: str) -> str:
    """Escape `text` for a Paragraph and switch font for characters the role's font lacks."""
    runs = fonts.segments(text, role)
    primary = fonts.role_font[role]
    parts = []
    for name, run in runs:
        run = escape(run).replace("\n", "<br/>")
        parts.append(run if name == primary else f'<font name="{name}">{run}</font>')
    return "".join(parts)


def para(text: str, st: ParagraphStyle, fonts: FontSet, role: str = "body") -> Paragraph:
    return Paragraph(markup(text, fonts, role), st)


def draw_text(canvas: Canvas, x: float, y: float, text: str, fonts: FontSet, role: str, size: float,
              *, anchor: str = "left") -> None:
    """Draw one line on the canvas, each run in a font that has it (anchor: left, centre or right)."""
    runs = fonts.segments(text, role)
    if len(runs) == 1:  # the usual case: exactly what a bare canvas call costs
        name = runs[0][0]
        if canvas._fontname != name or canvas._fontsize != size:
            canvas.setFont(name, size)
        if anchor == "left":
            canvas.drawString(x, y, text)
        elif anchor == "centre":
            canvas.drawCentredString(x, y, text)
        else:
            canvas.drawRightString(x, y, text)
        return
    widths = [stringWidth(run, name, size) for name, run in runs]
    if anchor == "centre":
        x -= sum(widths) / 2
    elif anchor == "right":
        x -= sum(widths)
    for (name, run), width in zip(runs, widths):
        canvas.setFont(name, size)
        canvas.drawString(x, y, run)
        x += width


def page_number_text(number: int) -> str:
    return f"— {number} —"


def draw_page_number(canvas: Canvas, fonts: FontSet) -> None:
    y = BOTTOM_MARGIN - PAGE_NUMBER_GAP - PAGE_NUMBER_SIZE * 0.8
    draw_text(canvas, PAGE_WIDTH / 2, y, page_number_text(canvas.getPageNumber()), fonts, "body",
              PAGE_NUMBER_SIZE, anchor="centre")


class SignatureBlock(Flowable):
    """Issuer over date, the date four characters in from the right, with room above for the seal."""

    def __init__(self, issuer: str, date_line: str, fonts: FontSet, *, seal_lines: int = 2) -> None:
        super().__init__()
        self.issuer_lines = [line for line in issuer.splitlines() if line.strip()]
        self.date_line = date_line
        self.fonts = fonts
        self.seal_space = seal_lines * LEADING

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.seal_space + (len(self.issuer_lines) + 1) * LEADING
        return self.width, self.height

    def draw(self) -> None:
        right = self.width - 4 * BODY_SIZE
        date_width = stringWidth(self.date_line, self.fonts.role_font["body"], BODY_SIZE)
        centre = right - date_width / 2
        y = self.height - self.seal_space - LEADING + (LEADING - BODY_SIZE) / 2
        for line in self.issuer_lines:
            width = stringWidth(line, self.fonts.role_font["body"], BODY_SIZE)
            x = min(centre, self.width - width / 2)  # a long issuer name ends at the right edge
            draw_text(self.canv, x, y, line, self.fonts, "body", BODY_SIZE, anchor="centre")
            y -= LEADING
        draw_text(self.canv, right, y, self.date_line, self.fonts, "body", BODY_SIZE, anchor="right")


def make_canvas(target: str | IO[bytes], fonts: FontSet, **kwargs: object) -> Canvas:
    """An A4 canvas whose initial font is ours, so no unembedded base font is listed in the PDF."""
    kwargs.setdefault("pagesize", A4)
    return Canvas(target, initialFontName=fonts.role_font["body"], initialFontSize=BODY_SIZE, **kwargs)


class DocumentTemplate(BaseDocTemplate):
    """A4 with the GB/T 9704 text block and centred page numbers."""

    def __init__(self, target: str | IO[bytes], fonts: FontSet, *, title: str, author: str = "") -> None:
        super().__init__(
            target, pagesize=A4, leftMargin=LEFT_MARGIN, rightMargin=PAGE_WIDTH - LEFT_MARGIN - BLOCK_WIDTH,
            topMargin=TOP_MARGIN, bottomMargin=BOTTOM_MARGIN, title=title, author=author,
            creator=APP_NAME, subject=title, initialFontName=fonts.role_font["body"],
            initialFontSize=BODY_SIZE,
        )
        frame = Frame(LEFT_MARGIN, BOTTOM_MARGIN, BLOCK_WIDTH, BLOCK_HEIGHT, id="text",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame],
                                            onPage=lambda canvas, doc: draw_page_number(canvas, fonts))])


def build(target: str | IO[bytes], story: Sequence[Flowable], fonts: FontSet, *, title: str,
          author: str = "") -> int:
    """Lay out `story` into `target`; returns the number of pages."""
    doc = DocumentTemplate(target, fonts, title=title, author=author)
    doc.build(list(story))
    return doc.page

