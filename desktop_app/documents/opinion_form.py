"""征求意见表: one pre-filled A4 form per room, drawn straight onto the canvas (one batch for a whole scope).

The grid of the 入户走访登记表 (visit_form.FormPainter) inside the GB/T 9704 text block: the estate,
the room and its owner (a person's name masked by the one rule), then the renovation catalogue as
checkboxes grouped by category and numbered 01, 02, … through the catalogue (the numbers typed at
door-to-door entry; the items are data: the editable catalogue), the household's view of
the plan (支持 / 有意见 / 反对), ruled lines for other demands and comments, signature and date. No ID
number or phone is printed.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Callable, Iterator, Sequence

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop_app.documents.batch import render_batch
from desktop_app.documents.fonts import FontSet, load_fonts
from desktop_app.documents.layout import (
    BLOCK_WIDTH, BOTTOM_MARGIN, SMALL_SIZE, TABLE_SIZE, TITLE_SIZE, balanced_lines, draw_page_number, draw_text, para,
)
from desktop_app.documents.owner_roll import owner_cell
from desktop_app.documents.visit_form import LABEL_WIDTH, PAD, ROW_HEIGHT, VALUE_WIDTH, FormPainter
from desktop_app.domain.consultation_print_data import CatalogueGroup, OpinionForm
from desktop_app.domain.dates_text import date_text
from desktop_app.domain.errors import UserError
from desktop_app.domain.opinions import STANCES

ITEM_SIZES = (SMALL_SIZE, 9.5, 8.5, 7.5)  # the catalogue shrinks to fit its columns, never below 7.5 pt
ITEM_STEP = 5.6 * mm
BOX_SCALE = 0.8  # a box's side, in font sizes
BOX_ADVANCE = 1.15  # from a box to its text, in font sizes
COLUMN_GAP = 2 * mm
LINE_STEP = 8 * mm
COMMENT_LINES = 4
GAP = 3 * mm
FOOTNOTE = "注：本表仅用于老旧小区改造征求意见，所记个人信息严格保密，不对外公开；不记载证件号码和联系电话。"


class OpinionFormTooLong(UserError):
    """The catalogue does not fit on one page of the form."""


def intro(form: OpinionForm) -> str:
    text = "为做好小区改造，请在希望改造的项目前的方框内打“√”（可多选），并在下方写出清单以外的诉求和对改造方案的意见建议。"
    if form.return_by is not None:
        text += f"请于{date_text(form.return_by)}前交回" + (f"{form.issuer}。" if form.issuer else "。")
    return text


def form_texts(form: OpinionForm) -> Iterator[tuple[str, str]]:
    """Every text the form prints that comes from the data (glyph check)."""
    where = f"{form.estate_name}{form.home.label}"
    yield f"{where} 标题", form.title
    yield f"{where} 小区名称", form.estate_name
    yield f"{where} 社区名称", form.community
    yield f"{where} 房号", form.home.label
    yield f"{where} 业主姓名", owner_cell(form.home)
    yield f"{where} 收表单位", form.issuer
    for group in form.catalogue:
        yield f"{where} 改造类别", group.category
        for item in group.items:
            yield f"{where} 改造项目", item


def numbered(catalogue: tuple[CatalogueGroup, ...]) -> list[tuple[CatalogueGroup, list[str]]]:
    """Each group with its items as printed: "01 供水设施改造", with the groups' codes (the numbers staff type
    at door-to-door entry, `ui.consult.demand_checklist`), else numbered through the catalogue in order."""
    running = iter(range(1, 1 + sum(len(group.items) for group in catalogue)))
    codes = [group.codes if len(group.codes) == len(group.items) else tuple(next(running) for _ in group.items)
             for group in catalogue]
    digits = max(1, len(str(max((code for group in codes for code in group), default=1))))
    return [(group, [f"{code:0{digits}d} {name}" for code, name in zip(group_codes, group.items)])
            for group, group_codes in zip(catalogue, codes)]


class OpinionFormPainter(FormPainter):
    """Draws one form per page; the catalogue layout is computed once per catalogue."""

    def __init__(self, canvas, fonts: FontSet) -> None:
        super().__init__(canvas, fonts)
        self.layouts: dict[tuple[CatalogueGroup, ...], tuple[float, int, float]] = {}
        self.statics: dict[tuple, tuple[str, tuple[float, float, float]]] = {}

    def catalogue_layout(self, catalogue: tuple[CatalogueGroup, ...]) -> tuple[float, int, float]:
        """(font size, columns, column width) so the longest item name fits its column."""
        found = self.layouts.get(catalogue)
        if found is None:
            inner = BLOCK_WIDTH - LABEL_WIDTH - 2 * PAD
            names = [label for _group, labels in numbered(catalogue) for label in labels] or [""]
            for size in ITEM_SIZES:
                widest = max(stringWidth(name, self.body, size) for name in names) + BOX_ADVANCE * size + COLUMN_GAP
                columns = max(1, int(inner // widest))
                if columns >= 3 or size == ITEM_SIZES[-1]:
                    break
            found = self.layouts[catalogue] = (size, columns, inner / columns)
        return found

    def catalogue(self, y: float, form: OpinionForm) -> float:
        size, columns, width = self.catalogue_layout(form.catalogue)
        for group, labels in numbered(form.catalogue):
            lines = max(1, -(-len(group.items) // columns))
            height = lines * ITEM_STEP + 2 * PAD
            y -= height
            self.c.rect(self.x0, y, LABEL_WIDTH, height)
            self.c.rect(self.x0 + LABEL_WIDTH, y, BLOCK_WIDTH - LABEL_WIDTH, height)
            self.label(self.x0, y, LABEL_WIDTH, height, group.category)
            for index, name in enumerate(labels):
                line, column = divmod(index, columns)
                baseline = y + height - PAD - ITEM_STEP * (line + 0.5) - size * 0.35
                self.checkbox(self.x0 + LABEL_WIDTH + PAD + column * width, baseline, name, size)
        return y

    def checkbox(self, x: float, baseline: float, text: str, size: float) -> float:
        """A box and its text on one baseline; returns where the text ends."""
        side = BOX_SCALE * size
        self.c.setLineWidth(0.6)
        self.c.rect(x, baseline - 0.1 * size, side, side)
        self.c.setLineWidth(0.8)
        draw_text(self.c, x + BOX_ADVANCE * size, baseline, text, self.fonts, "body", size)
        return x + BOX_ADVANCE * size + stringWidth(text, self.body, size)

    def stance_row(self, y: float) -> float:
        y = self.wide_row(y, "对改造方案", [], ROW_HEIGHT)
        x = self.x0 + LABEL_WIDTH + PAD
        baseline = y + ROW_HEIGHT / 2 - TABLE_SIZE * 0.35
        for stance in STANCES:
            x = self.checkbox(x, baseline, stance, TABLE_SIZE) + 10 * mm
        return y

    def ruled(self, y: float, label: str, lines: int) -> float:
        return self.wide_row(y, label, [], lines * LINE_STEP, ruled=lines)

    def draw_static(self, form: OpinionForm) -> tuple[float, float, float]:
        """Everything the forms of one batch share; returns the baselines / row bottoms the room's values
        go on: (社区 and 编号 line, 小区 row, 业主 row)."""
        c = self.c
        c.setLineWidth(0.8)
        y = self.top
        for line in balanced_lines(form.title, self.fonts.role_font["title"], TITLE_SIZE, BLOCK_WIDTH - TITLE_SIZE):
            y -= TITLE_SIZE * 1.4
            draw_text(c, self.x0 + BLOCK_WIDTH / 2, y, line, self.fonts, "title", TITLE_SIZE, anchor="centre")
        y -= GAP + SMALL_SIZE
        heading = y
        y -= 2 * mm
        estate_row = y = self.pair_row(y, ("小区", "", "房屋", ""))
        owner_row = y = self.pair_row(y, ("业主", "", "填表人", ""))
        y -= GAP
        note = para(intro(form), self.cell_styles[1], self.fonts)
        _, used = note.wrapOn(c, BLOCK_WIDTH, 40 * mm)
        y -= used
        note.drawOn(c, self.x0, y)
        y = self.catalogue(y - GAP / 2, form)
        y = self.stance_row(y)
        y = self.ruled(y, "意见建议", COMMENT_LINES)
        y = self.pair_row(y, ("签字", "", "日期", "　　　　年　　月　　日"), 12 * mm)
        y -= GAP + SMALL_SIZE
        draw_text(c, self.x0, y, FOOTNOTE, self.fonts, "body", 9.0)
        if y < BOTTOM_MARGIN:
            raise OpinionFormTooLong(f"{form.estate_name}{form.home.label}的征求意见表：改造项目太多，一页排不下，"
                                     "请在改造内容目录中隐去不用的项目")
        return heading, estate_row, owner_row

    def draw(self, form: OpinionForm) -> None:  # type: ignore[override]
        """The shared part is drawn once per batch as a PDF form XObject and placed on every page (a
        thousand forms cost little more than their values); then the room's own values."""
        c = self.c
        key = (form.title, form.catalogue, intro(form))
        found = self.statics.get(key)
        if found is None:
            name = f"OpinionForm{len(self.statics)}"
            c.beginForm(name)
            rows = self.draw_static(form)
            c.endForm()
            found = self.statics[key] = (name, rows)
        name, (heading, estate_row, owner_row) = found
        c.doForm(name)
        draw_text(c, self.x0, heading, f"社区：{form.community}", self.fonts, "body", SMALL_SIZE)
        draw_text(c, self.x0 + BLOCK_WIDTH, heading, f"编号：{form.serial}", self.fonts, "body", SMALL_SIZE,
                  anchor="right")
        second = self.x0 + 2 * LABEL_WIDTH + VALUE_WIDTH
        self.value(self.x0 + LABEL_WIDTH, estate_row, VALUE_WIDTH, ROW_HEIGHT, form.estate_name)
        self.value(second, estate_row, VALUE_WIDTH, ROW_HEIGHT, form.home.label)
        self.value(self.x0 + LABEL_WIDTH, owner_row, VALUE_WIDTH, ROW_HEIGHT, owner_cell(form.home))
        draw_page_number(c, self.fonts)
        c.showPage()


def render_opinion_forms(forms: Sequence[OpinionForm], target: str | Path | IO[bytes], fonts: FontSet | None = None,
                         progress: Callable[[int, int], bool] | None = None) -> int:
    """One form per room, all in one PDF; returns the page count. `progress(done, total)` returning False
    cancels: Cancelled is raised and no file is left at `target`. MissingGlyphs is raised before
    anything is written; OpinionFormTooLong when the catalogue cannot fit one page (no file is left)."""
    fonts = fonts or load_fonts()
    fonts.check(text for form in forms for text in form_texts(form))
    title = forms[0].title if forms else "征求意见表"
    return render_batch(forms, target, fonts, title,
                        lambda canvas, fonts: OpinionFormPainter(canvas, fonts).draw, progress)
