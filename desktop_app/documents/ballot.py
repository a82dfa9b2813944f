"""表决票: one A4 ballot per room of a vote, drawn straight onto the canvas (one batch for a whole scope).

The grid of the 入户走访登记表 (visit_form.FormPainter) inside the GB/T 9704 text block: the room,
its area and its owner (a person's name masked by the one rule), the matter and the voting period,
then one row per item with three boxes 同意 / 反对 / 弃权, the instructions (how a blank answer is
counted follows the vote's setting), the owner's signature and date, and a 委托 section of blank
lines. No ID number or phone is printed.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Callable, Iterator, Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from desktop_app.documents.fonts import FontSet, load_fonts
from desktop_app.documents.layout import (
    BLOCK_HEIGHT, BLOCK_WIDTH, BOTTOM_MARGIN, SMALL_SIZE, TABLE_SIZE, TITLE_SIZE, balanced_lines,
    draw_page_number, draw_text, para,
)
from desktop_app.documents.owner_roll import owner_cell
from desktop_app.documents.batch import render_batch
from desktop_app.documents.visit_form import LABEL_WIDTH, PAD, ROW_HEIGHT, FormPainter
from desktop_app.domain.dates_text import date_text
from desktop_app.domain.errors import UserError
from desktop_app.domain.vote_print_data import BallotSheet, VoteItem

CHOICE_HEADERS = ("同意", "反对", "弃权")
NUMBER_WIDTH = 12 * mm
CATEGORY_WIDTH = 20 * mm
CHOICE_WIDTH = 15 * mm
ITEM_WIDTH = BLOCK_WIDTH - NUMBER_WIDTH - CATEGORY_WIDTH - len(CHOICE_HEADERS) * CHOICE_WIDTH
HEADER_HEIGHT = 8 * mm
ITEM_MIN_HEIGHT = 9 * mm
LINE_STEP = 8 * mm
BOX_SIDE = 4.5 * mm
NOTE_LEADING = SMALL_SIZE * 1.3
GAP = 4 * mm
FOOTNOTE = "注：为保护个人信息，业主姓名已隐去部分内容；本表决票不记载证件号码和联系电话。"


class BallotTooLong(UserError):
    """The items of a vote do not fit on one page of a ballot."""


def ballot_title(sheet: BallotSheet) -> str:
    return sheet.vote_title if sheet.vote_title.endswith("表决票") else f"{sheet.vote_title}表决票"


def owner_text(sheet: BallotSheet) -> str:
    """A person's name masked (`张*`), an organisation's in full, unsold rooms as the developer label."""
    return owner_cell(sheet.home)


def instructions(sheet: BallotSheet) -> tuple[str, ...]:
    blank = "计入参与表决，不计入同意" if sheet.blank_participates else "不计入参与表决"
    return (
        "填票说明：1. 请在每一表决事项的“同意”“反对”“弃权”三个方框中选择一项打“√”，每项只能选择一项；"
        "选择“弃权”的事项，计入参与表决，不计入同意。",
        f"2. 未作选择、选择多项或者无法辨认的事项，{blank}。",
        "3. 本票须由业主本人签字（单位业主加盖公章）；委托他人表决的，请填写下方委托栏，并附业主签字的书面授权委托书。",
        f"4. 表决期间为{date_text(sheet.opens_on)}至{date_text(sheet.closes_on)}，"
        f"请于{date_text(sheet.closes_on)}前将本票交回{sheet.issuer}。",
    )


def sheet_texts(sheet: BallotSheet) -> Iterator[tuple[str, str]]:
    """Every text the sheet prints that comes from the data, with where it stands (glyph check)."""
    where = f"{sheet.estate_name}{sheet.home.label}"
    yield f"{where} 标题", ballot_title(sheet)
    yield f"{where} 小区名称", sheet.estate_name
    yield f"{where} 房号", sheet.home.label
    yield f"{where} 业主姓名", owner_text(sheet)
    yield f"{where} 表决事项", sheet.matter
    yield f"{where} 发放单位", sheet.issuer
    for number, item in enumerate(sheet.items, 1):
        yield f"{where} 第{number}项表决事项", item.name + item.category


class BallotPainter(FormPainter):
    """Draws one ballot per page; every page has the same grid."""

    def __init__(self, canvas, fonts: FontSet) -> None:
        super().__init__(canvas, fonts)
        self.item_style = self.cell_styles[0]
        self.note_style = self.cell_styles[1].clone("ballot-note", leading=NOTE_LEADING)
        # the sheets of one vote share their items and instructions: wrapped once, drawn on every page
        self.rows_of_items: dict[tuple[VoteItem, ...], list[tuple[Paragraph, float]]] = {}
        self.wrapped_notes: dict[tuple[str, ...], list[tuple[Paragraph, float]]] = {}

    def wide_value_row(self, y: float, label: str, text: str) -> float:
        y -= ROW_HEIGHT
        self.c.rect(self.x0, y, LABEL_WIDTH, ROW_HEIGHT)
        self.c.rect(self.x0 + LABEL_WIDTH, y, BLOCK_WIDTH - LABEL_WIDTH, ROW_HEIGHT)
        self.label(self.x0, y, LABEL_WIDTH, ROW_HEIGHT, label)
        self.value(self.x0 + LABEL_WIDTH, y, BLOCK_WIDTH - LABEL_WIDTH, ROW_HEIGHT, text)
        return y

    def item_rows(self, sheet: BallotSheet) -> list[tuple[Paragraph, float]]:
        """Each item's name as a wrapped paragraph, with the height of its row."""
        rows = self.rows_of_items.get(sheet.items)
        if rows is None:
            rows = self.rows_of_items[sheet.items] = []
            for item in sheet.items:
                name = para(item.name, self.item_style, self.fonts)
                _, used = name.wrapOn(self.c, ITEM_WIDTH - 2 * PAD, BLOCK_HEIGHT)
                rows.append((name, max(ITEM_MIN_HEIGHT, used + 2 * PAD)))
        return rows

    def columns(self) -> list[tuple[float, float]]:
        """(x, width) of the columns 序号, 表决事项, 类别, 同意, 反对, 弃权."""
        widths = [NUMBER_WIDTH, ITEM_WIDTH, CATEGORY_WIDTH] + [CHOICE_WIDTH] * len(CHOICE_HEADERS)
        xs = [self.x0 + sum(widths[:index]) for index in range(len(widths))]
        return list(zip(xs, widths))

    def item_table(self, y: float, sheet: BallotSheet, rows: list[tuple[Paragraph, float]]) -> float:
        columns = self.columns()
        y -= HEADER_HEIGHT
        for (x, width), text in zip(columns, ("序号", "表决事项", "类别", *CHOICE_HEADERS)):
            self.c.setFillGray(0.93)
            self.c.rect(x, y, width, HEADER_HEIGHT, fill=1)
            self.c.setFillGray(0)
            self.label(x, y, width, HEADER_HEIGHT, text)
        for number, (item, (name, height)) in enumerate(zip(sheet.items, rows), 1):
            y -= height
            for x, width in columns:
                self.c.rect(x, y, width, height)
            (nx, _), (ix, _), (cx, cw) = columns[:3]
            self.label(nx, y, NUMBER_WIDTH, height, str(number))
            name.drawOn(self.c, ix + PAD, y + PAD)
            self.value(cx, y, cw, height, item.category)
            for x, width in columns[3:]:
                self.c.rect(x + (width - BOX_SIDE) / 2, y + (height - BOX_SIDE) / 2, BOX_SIDE, BOX_SIDE)
        return y

    def notes(self, y: float, sheet: BallotSheet) -> float:
        lines = instructions(sheet)
        wrapped = self.wrapped_notes.get(lines)
        if wrapped is None:
            wrapped = self.wrapped_notes[lines] = []
            for line in lines:
                paragraph = para(line, self.note_style, self.fonts)
                wrapped.append((paragraph, paragraph.wrapOn(self.c, BLOCK_WIDTH, BLOCK_HEIGHT)[1]))
        for paragraph, used in wrapped:
            y -= used
            paragraph.drawOn(self.c, self.x0, y)
        return y

    def fill_line(self, x: float, y: float, label: str, length: float, size: float = TABLE_SIZE) -> float:
        """`label` followed by a blank line of `length` to write on; returns where the line ends."""
        draw_text(self.c, x, y, label, self.fonts, "body", size)
        start = x + self.c.stringWidth(label, self.body, size) + 1
        self.c.line(start, y - 2, start + length, y - 2)
        return start + length

    def date_blanks(self, x: float, y: float, anchor: str = "left") -> None:
        draw_text(self.c, x, y, "日期：　　　　年　　月　　日", self.fonts, "body", TABLE_SIZE, anchor=anchor)

    def signature(self, y: float) -> float:
        y -= LINE_STEP
        end = self.fill_line(self.x0, y, "业主签字（盖章）：", 45 * mm)
        self.date_blanks(end + 8 * mm, y)
        return y

    def proxy_section(self, y: float) -> float:
        top = y
        y -= 6.5 * mm
        draw_text(self.c, self.x0 + PAD, y, "委托表决（由他人代为表决时填写）", self.fonts, "heading", TABLE_SIZE)
        self.date_blanks(self.x0 + BLOCK_WIDTH - PAD, y, anchor="right")
        y -= LINE_STEP
        end = self.fill_line(self.x0 + PAD, y, "本人委托", 40 * mm)
        draw_text(self.c, end + 2, y, "代为填写并提交本表决票。", self.fonts, "body", TABLE_SIZE)
        y -= LINE_STEP
        end = self.fill_line(self.x0 + PAD, y, "委托人（业主）签字：", 35 * mm)
        self.fill_line(end + 6 * mm, y, "受托人签字：", 35 * mm)
        y -= 3.5 * mm
        self.c.rect(self.x0, y, BLOCK_WIDTH, top - y)
        return y

    def draw(self, sheet: BallotSheet) -> None:  # type: ignore[override]
        c = self.c
        c.setLineWidth(0.8)
        title_font = self.fonts.role_font["title"]
        y = self.top
        for line in balanced_lines(ballot_title(sheet), title_font, TITLE_SIZE, BLOCK_WIDTH - TITLE_SIZE):
            y -= TITLE_SIZE * 1.4
            draw_text(c, self.x0 + BLOCK_WIDTH / 2, y, line, self.fonts, "title", TITLE_SIZE, anchor="centre")
        y -= GAP
        y = self.pair_row(y, ("小区", sheet.estate_name, "房屋", sheet.home.label))
        y = self.pair_row(y, ("业主", owner_text(sheet), "专有面积", sheet.area_text))
        y = self.wide_value_row(y, "表决事项", sheet.matter)
        rows = self.item_rows(sheet)
        y = self.item_table(y - GAP, sheet, rows)
        y = self.notes(y - GAP / 2, sheet)
        y = self.signature(y)
        y = self.proxy_section(y - GAP)
        y -= GAP + SMALL_SIZE
        draw_text(c, self.x0, y, FOOTNOTE, self.fonts, "body", SMALL_SIZE)
        if y < BOTTOM_MARGIN:
            raise BallotTooLong(f"{sheet.estate_name}{sheet.home.label}的表决票：{len(sheet.items)}项表决事项"
                                "在一页内排不下，请精简事项名称或者分为几次表决")
        draw_page_number(c, self.fonts)
        c.showPage()


def render_ballots(sheets: Sequence[BallotSheet], target: str | Path | IO[bytes], fonts: FontSet | None = None,
                   progress: Callable[[int, int], bool] | None = None) -> int:
    """One ballot per room, all in one PDF; returns the page count. `progress(done, total)` returning
    False cancels: Cancelled is raised and no file is left at `target`. MissingGlyphs is raised,
    and BallotTooLong for items that cannot fit one page, before anything is left at `target`."""
    fonts = fonts or load_fonts()
    fonts.check(text for sheet in sheets for text in sheet_texts(sheet))
    title = ballot_title(sheets[0]) if sheets else "表决票"
    return render_batch(sheets, target, fonts, title, lambda canvas, fonts: BallotPainter(canvas, fonts).draw, progress)

