"""Reading produced PDFs back: text, text positions, fonts, page size (pypdf)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.documents.fonts import load_fonts
from desktop_app.documents.layout import (
    BLOCK_HEIGHT, BLOCK_WIDTH, BOTTOM_MARGIN, LEFT_MARGIN, PAGE_NUMBER_GAP, PAGE_NUMBER_SIZE,
)

PAGE_NUMBER_Y = BOTTOM_MARGIN - PAGE_NUMBER_GAP - PAGE_NUMBER_SIZE * 0.8  # the baseline of "— n —"

FULL_ID = re.compile(r"\d{17}[\dX]")


@dataclass(frozen=True)
class Run:
    text: str
    x: float
    y: float
    size: float
    font: str


class Pdf:
    def __init__(self, source: Path | bytes) -> None:
        self.reader = PdfReader(io.BytesIO(source) if isinstance(source, bytes) else str(source))
        self.pages = self.reader.pages

    def text(self, page: int | None = None) -> str:
        pages = self.pages if page is None else [self.pages[page]]
        return "".join(p.extract_text() for p in pages)

    def flat(self, page: int | None = None) -> str:
        """The text without whitespace (line wrapping inserts newlines inside Chinese text)."""
        return "".join(self.text(page).split())

    def without_page_numbers(self) -> str:
        """`flat()` with the "— n —" page numbers taken out, so text that runs across pages reads on."""
        return re.sub(r"—\d+—", "", self.flat())

    def runs(self, page: int) -> list[Run]:
        found: list[Run] = []

        def visit(text, cm, tm, font, size):
            if text.strip():
                name = font.get("/BaseFont", "") if font else ""
                found.append(Run(text.strip(), cm[4] + tm[4], cm[5] + tm[5], size, str(name)))

        self.pages[page].extract_text(visitor_text=visit)
        return found

    def body_runs(self, page: int) -> list[Run]:
        """`runs()` without the page number under the block. A page number may read back as several runs
        (a document with over 256 glyphs of one font gets two font subsets), so it is told by its place."""
        return [run for run in self.runs(page)
                if not (abs(run.y - PAGE_NUMBER_Y) < 0.5 and set(run.text) <= set("—0123456789 "))]

    def fonts(self) -> list[dict]:
        fonts = []
        for page in self.pages:
            for ref in page["/Resources"]["/Font"].values():
                fonts.append(ref.get_object())
        return fonts


def font_is_embedded(font: dict) -> bool:
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile2", "/FontFile", "/FontFile3"))


def assert_a4_and_embedded(pdf: Pdf) -> None:
    for page in pdf.pages:
        box = page.mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == (595.3, 841.9)
    fonts = pdf.fonts()
    assert fonts
    for font in fonts:
        assert font_is_embedded(font), font.get("/BaseFont")
        assert "/FontFile2" in (font.get("/FontDescriptor") or {}).get_object(), font.get("/BaseFont")


def rendered(render, document) -> tuple[Pdf, int]:
    """`render(document, out)` into memory: the PDF read back and the page count the renderer gave."""
    out = io.BytesIO()
    pages = render(document, out)
    return Pdf(out.getvalue()), pages


def assert_inside_block(pdf: Pdf, page: int, *, tolerance: float = 1.0) -> None:
    """Every run of text starts inside the text block and ends before its right edge; one closing
    punctuation mark may hang in the margin (a line never starts with one, layout.py)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from desktop_app.documents.layout import CLOSING_PUNCTUATION

    body = load_fonts().role_font["body"]
    right = LEFT_MARGIN + BLOCK_WIDTH
    for run in pdf.body_runs(page):
        assert LEFT_MARGIN - tolerance <= run.x, run
        text = run.text[:-1] if run.text[-1:] in CLOSING_PUNCTUATION else run.text
        assert run.x + stringWidth(text, body, run.size) <= right + tolerance, run
        assert BOTTOM_MARGIN - tolerance <= run.y <= BOTTOM_MARGIN + BLOCK_HEIGHT + tolerance, run


@pytest.fixture(scope="session")
def fonts():
    return load_fonts()
