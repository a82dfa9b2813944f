"""入户走访登记表: one pre-filled A4 sheet per room, drawn straight onto the canvas (batches of thousands).

The sheet is a fixed grid inside the GB/T 9704 text block; a value too long for its cell wraps
inside the cell. Names are shown (the sheet is a working record handed to the visitor, not posted);
phones are masked by the one rule; ID numbers are not printed at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Callable, Iterator, Sequence

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop_app.documents.fonts import FontSet, load_fonts
from desktop_app.documents.batch import render_batch
from desktop_app.documents.layout import (
    BLOCK_WIDTH, LEFT_MARGIN, PAGE_HEIGHT, SMALL_SIZE, TABLE_SIZE, TITLE_SIZE, TOP_MARGIN,
    draw_page_number, draw_text, para, style,
)
from desktop_app.domain.area import format_area
from desktop_app.domain.masking import mask_phone
from desktop_app.domain.print_data import DEVELOPER_LABEL, VisitForm

TITLE = "入户走访登记表"
LABEL_WIDTH = 26 * mm
VALUE_WIDTH = BLOCK_WIDTH / 2 - LABEL_WIDTH
ROW_HEIGHT = 11 * mm
PAD = 2 * mm
CELL_SIZES = (TABLE_SIZE, SMALL_SIZE, 9.0, 7.5, 6.0)
WISHES = "□同意改造　　□不同意改造　　□暂不表态"
RELATIONS = "□本人 □家属 □租户 □其他"
FOOTNOTE = "注：本表仅用于老旧小区改造征求意见，所记个人信息严格保密，不对外公开。"
DEMANDS_PER_LINE = 4
OPINION_LINES = 6


def people_text(form: VisitForm) -> str:
    if form.residents is None:
        return "　　人（60岁以上　人）"
    return f"{form.residents} 人（60岁以上 {form.elderly or 0} 人）"


def owners_text(form: VisitForm) -> str:
    if form.home.owner_kind == "developer":
        return DEVELOPER_LABEL
    return "、".join(form.home.owner_names)


def phone_text(form: VisitForm) -> str:
    return mask_phone(form.home.phone) if form.home.phone else ""


def area_text(form: VisitForm) -> str:
    return f"{format_area(form.home.area_centi)} 平方米"


def form_texts(form: VisitForm) -> Iterator[tuple[str, str]]:
    where = f"{form.estate_name}{form.home.label}"
    yield f"{where} 小区名称", form.estate_name
    yield f"{where} 社区名称", form.community
    yield f"{where} 业主姓名", "".join(form.home.owner_names)
    yield f"{where} 房号", form.home.label
    yield f"{where} 改造需求", "".join(form.demands)


def demand_lines(demands: Sequence[str]) -> list[str]:
    return ["　".join(f"□{d}" for d in demands[i:i + DEMANDS_PER_LINE])
            for i in range(0, len(demands), DEMANDS_PER_LINE)]


class FormPainter:
    """Draws one form per page on a canvas; every page has the same grid."""

    def __init__(self, canvas: Canvas, fonts: FontSet) -> None:
        self.c = canvas
        self.fonts = fonts
        self.body = fonts.role_font["body"]
        self.cell_styles = [style(f"cell{size}", fonts, "body", size, align=TA_LEFT, leading=size * 1.2)
                            for size in CELL_SIZES]
        self.x0 = LEFT_MARGIN
        self.top = PAGE_HEIGHT - TOP_MARGIN

    def label(self, x: float, y: float, width: float, height: float, text: str) -> None:
        draw_text(self.c, x + width / 2, y + height / 2 - TABLE_SIZE * 0.35, text, self.fonts, "heading",
                  TABLE_SIZE, anchor="centre")

    def value(self, x: float, y: float, width: float, height: float, text: str) -> None:
        if not text:
            return
        inner = width - 2 * PAD
        # no glyph is wider than the font size: a short value fits without measuring it
        if len(text) * TABLE_SIZE <= inner or stringWidth(text, self.body, TABLE_SIZE) <= inner:
            draw_text(self.c, x + PAD, y + height / 2 - TABLE_SIZE * 0.35, text, self.fonts, "body", TABLE_SIZE)
            return
        for cell_style in self.cell_styles:  # wrap, and shrink until the value fits its cell
            paragraph = para(text, cell_style, self.fonts)
            _, used = paragraph.wrapOn(self.c, inner, height)
            if used <= height - PAD:
                break
        paragraph.drawOn(self.c, x + PAD, y + max(0.0, (height - used) / 2))

    def pair_row(self, y: float, cells: tuple[str, str, str, str], height: float = ROW_HEIGHT) -> float:
        y -= height
        x = self.x0
        for index, text in enumerate(cells):
            width = LABEL_WIDTH if index % 2 == 0 else VALUE_WIDTH
            self.c.rect(x, y, width, height)
            (self.label if index % 2 == 0 else self.value)(x, y, width, height, text)
            x += width
        return y

    def wide_row(self, y: float, label: str, lines: Sequence[str], height: float, *, ruled: int = 0) -> float:
        y -= height
        self.c.rect(self.x0, y, LABEL_WIDTH, height)
        self.c.rect(self.x0 + LABEL_WIDTH, y, BLOCK_WIDTH - LABEL_WIDTH, height)
        self.label(self.x0, y, LABEL_WIDTH, height, label)
        step = height / max(1, len(lines) or ruled)
        for number, line in enumerate(lines):
            baseline = y + height - step * (number + 0.5) - TABLE_SIZE * 0.35
            draw_text(self.c, self.x0 + LABEL_WIDTH + PAD, baseline, line, self.fonts, "body", TABLE_SIZE)
        if ruled:
            self.c.setDash(1, 2)
            for number in range(1, ruled):
                line_y = y + height - step * number
                self.c.line(self.x0 + LABEL_WIDTH + PAD, line_y, self.x0 + BLOCK_WIDTH - PAD, line_y)
            self.c.setDash()
        return y

    def draw(self, form: VisitForm) -> None:
        c = self.c
        c.setLineWidth(0.8)
        draw_text(c, self.x0 + BLOCK_WIDTH / 2, self.top - TITLE_SIZE, TITLE, self.fonts, "title", TITLE_SIZE,
                  anchor="centre")
        y = self.top - TITLE_SIZE - 14 * mm
        draw_text(c, self.x0, y, f"社区：{form.community}", self.fonts, "body", TABLE_SIZE)
        draw_text(c, self.x0 + BLOCK_WIDTH, y, f"编号：{form.serial}", self.fonts, "body", TABLE_SIZE, anchor="right")
        y -= 4 * mm
        y = self.pair_row(y, ("小区", form.estate_name, "房屋", form.home.label))
        y = self.pair_row(y, ("业主", owners_text(form), "联系电话", phone_text(form)))
        y = self.pair_row(y, ("专有面积", area_text(form), "常住人口", people_text(form)))
        y = self.pair_row(y, ("走访日期", "　　　　年　　月　　日", "走访人", ""))
        y = self.pair_row(y, ("受访人", "", "与业主关系", RELATIONS))
        y = self.wide_row(y, "改造意愿", [WISHES], ROW_HEIGHT)
        demands = demand_lines(form.demands)
        y = self.wide_row(y, "改造需求", demands, max(ROW_HEIGHT, len(demands) * 9 * mm))
        y = self.wide_row(y, "意见建议", [], OPINION_LINES * 9 * mm, ruled=OPINION_LINES)
        y = self.pair_row(y, ("受访人签字", "", "走访人签字", ""), 16 * mm)
        draw_text(c, self.x0, y - 7 * mm, FOOTNOTE, self.fonts, "body", SMALL_SIZE)
        draw_page_number(c, self.fonts)
        c.showPage()


def render_visit_forms(forms: Sequence[VisitForm], target: str | Path | IO[bytes],
                       fonts: FontSet | None = None,
                       progress: Callable[[int, int], bool] | None = None) -> int:
    """One sheet per form; returns the page count. `progress(done, total)` returning False cancels:
    Cancelled is raised and no file is left at `target`. MissingGlyphs is raised before writing."""
    fonts = fonts or load_fonts()
    fonts.check(text for form in forms for text in form_texts(form))
    return render_batch(forms, target, fonts, TITLE, lambda canvas, fonts: FormPainter(canvas, fonts).draw, progress)


