"""未表决户清单: the rooms of a vote that have returned no ballot yet, for door-to-door follow-up.

Internal, never posted: every page is marked 内部使用 in its top margin. On the notice layout (A4,
GB/T 9704 text block): title, the figures (rooms and area not voted, and how far participation is from
its 2/3 threshold), then one table grouped by building and unit (a group row with the unit's count and
area) whose header repeats on every page, with an empty 走访情况/备注 column to write in by hand.
Owner names are printed in full (the staff need them at the door); phones are masked; no ID number.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path
from typing import IO, Callable, Iterator

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, LongTable, Spacer, TableStyle

from desktop_app.documents.fonts import FontSet, load_fonts
from desktop_app.documents.layout import (
    BLOCK_WIDTH, LEFT_MARGIN, PAGE_HEIGHT, SMALL_SIZE, TOP_MARGIN, DocumentTemplate, draw_page_number, draw_text,
    para, style, title_paragraph,
)
from desktop_app.documents.notice import table_flowable
from desktop_app.documents.owner_roll import natural_widths
from desktop_app.domain.area import format_area
from desktop_app.domain.dates_text import date_text
from desktop_app.domain.errors import Cancelled
from desktop_app.domain.masking import mask_phone
from desktop_app.domain.print_data import DEVELOPER_LABEL, TableData
from desktop_app.domain.tally import Votes
from desktop_app.domain.vote_print_data import NotVotedList, NotVotedRow

TITLE_SUFFIX = "未表决户清单"
INTERNAL_MARK = "内部使用　不得张贴"
NOTE_HEADER = "走访情况/备注"
HEADER = ("序号", "楼栋", "单元", "房号", "专有面积(㎡)", "业主", "联系电话", NOTE_HEADER)
MIN_OWNER_WIDTH = 50.0
MIN_NOTE_WIDTH = 35 * mm
ROW_PADDING = 5.0  # rows tall enough to write a note in
GROUP_SHADE = "#f4f4f4"
FOOTNOTE = ("说明：本清单仅供社区工作人员入户走访、催收表决票使用，载有业主姓名，请妥善保管，不得张贴或外传；"
            "联系电话已隐去部分号码，不记载证件号码。")


def list_title(data: NotVotedList) -> str:
    return f"{data.vote_title}{TITLE_SUFFIX}"


def scope_text(data: NotVotedList) -> str:
    return f"{data.estate_name}{data.scope_label}"


def owner_text(row: NotVotedRow) -> str:
    """Names in full (internal list); unsold rooms as the developer label."""
    if row.owner_kind == "developer":
        return DEVELOPER_LABEL
    return "、".join(row.owner_names)


def group_label(row: NotVotedRow) -> str:
    """"3号楼1单元" (or "3号楼" for a building without units)."""
    return row.label[:-len(row.room) - 1]


def gap_text(gap: Votes | None) -> str:
    if gap is None:
        return "当前表决票统计有误（请在表决页面查看并更正），暂无法计算距参与门槛的差额。"
    if not gap.area_centi and not gap.heads:
        return "参与表决的专有部分面积和人数均已达到三分之二的参与门槛。"
    parts = ([f"参与面积还差{format_area(gap.area_centi)}平方米"] if gap.area_centi else []) \
        + ([f"参与人数还差{gap.heads}人"] if gap.heads else [])
    return "距参与门槛（专有部分面积和人数均达三分之二）：" + "，".join(parts) + "。"


def facts(data: NotVotedList) -> tuple[str, ...]:
    voted = data.total_rooms - len(data.rows)
    lines = [
        f"表决范围：{scope_text(data)}，共{data.total_rooms}户，专有部分面积合计"
        f"{format_area(data.total_area_centi)}平方米" + (f"，业主{data.total_heads}人" if data.total_heads else "")
        + "。",
        f"截至{date_text(data.as_of)}，已表决{voted}户，尚未表决{len(data.rows)}户，专有部分面积"
        f"{format_area(data.area_centi)}平方米" + (f"，涉及尚未参与表决的业主{data.heads_not_voted}人"
                                                if data.total_heads else "") + "。",
        gap_text(data.gap),
    ]
    if data.closes_on is not None:
        lines.append(f"表决截止日期：{date_text(data.closes_on)}。")
    return tuple(lines)


def sorted_rows(data: NotVotedList) -> list[NotVotedRow]:
    return sorted(data.rows, key=lambda row: row.sort_key)


def columns(data: NotVotedList) -> tuple[str, ...]:
    """The header without 楼栋 for one building and without 单元 when no room has a unit."""
    one_building = len({row.building for row in data.rows}) <= 1
    no_units = not any(row.unit for row in data.rows)
    return tuple(title for title in HEADER
                 if not (title == "楼栋" and one_building) and not (title == "单元" and no_units))


def row_cells(number: int, row: NotVotedRow, header: tuple[str, ...]) -> tuple[str, ...]:
    values = {"序号": str(number), "楼栋": row.building, "单元": row.unit, "房号": row.room,
              "专有面积(㎡)": format_area(row.area_centi), "业主": owner_text(row),
              "联系电话": mask_phone(row.phone) if row.phone else "", NOTE_HEADER: ""}
    return tuple(values[title] for title in header)


def table_groups(data: NotVotedList, header: tuple[str, ...]) -> list[tuple[str, list[tuple[str, ...]]]]:
    """(group row text, body rows) per building/unit, rooms numbered on across the groups."""
    groups = []
    number = 0
    for label, group in groupby(sorted_rows(data), key=group_label):
        members = list(group)
        area = sum(row.area_centi for row in members)
        cells = []
        for row in members:
            number += 1
            cells.append(row_cells(number, row, header))
        groups.append((f"{label}：未表决{len(members)}户，专有部分面积{format_area(area)}平方米", cells))
    return groups


def column_widths(header: tuple[str, ...], rows: list[tuple[str, ...]], font: str) -> tuple[float, ...]:
    """Columns as wide as their longest value; the owner column as wide as its names allow while leaving
    the note column MIN_NOTE_WIDTH, and the note column the rest (relative weights past the block)."""
    widths = natural_widths(header, rows, font)
    fixed = sum(width for title, width in widths.items() if title not in ("业主", NOTE_HEADER))
    widths["业主"] = max(MIN_OWNER_WIDTH, min(widths["业主"], BLOCK_WIDTH - fixed - MIN_NOTE_WIDTH))
    widths[NOTE_HEADER] = max(MIN_NOTE_WIDTH, BLOCK_WIDTH - fixed - widths["业主"])
    return tuple(widths[title] for title in header)


def list_tables(data: NotVotedList, fonts: FontSet) -> list[LongTable]:
    """One table per building/unit: the column header and the group row repeat on every page it runs over.
    (One table of thousands of rows with a spanned row per group lays out in quadratic time: 15 s for 3,000.)"""
    header = columns(data)
    groups = table_groups(data, header)
    widths = column_widths(header, [row for _label, rows in groups for row in rows], fonts.role_font["body"])
    group_style = TableStyle([
        ("SPAN", (0, 1), (-1, 1)), ("BACKGROUND", (0, 1), (-1, 1), GROUP_SHADE), ("ALIGN", (0, 1), (-1, 1), "LEFT"),
        ("TOPPADDING", (0, 1), (-1, 1), 3.0), ("BOTTOMPADDING", (0, 1), (-1, 1), 4.0)])
    tables = []
    for label, rows in groups:
        label_row = (label,) + ("",) * (len(header) - 1)
        table = table_flowable(TableData(header, (label_row, *rows), widths), fonts, size=SMALL_SIZE,
                               padding=ROW_PADDING)
        table.setStyle(group_style)
        table.repeatRows = 2  # the header and the group row
        tables.append(table)
    return tables


def list_texts(data: NotVotedList) -> Iterator[tuple[str, str]]:
    """Every text from the data with where it stands (glyph check)."""
    yield "标题", list_title(data)
    yield "表决范围", scope_text(data)
    yield "制表单位", data.issuer
    for row in data.rows:
        yield f"{row.label} 房号", row.label
        yield f"{row.label} 业主姓名", owner_text(row)


def story(data: NotVotedList, fonts: FontSet) -> list[Flowable]:
    centred = style("nv-mark", fonts, "heading", SMALL_SIZE + 1.5, align=TA_CENTER)
    small = style("nv-facts", fonts, "body", SMALL_SIZE + 1.5)
    parts: list[Flowable] = [title_paragraph(list_title(data), fonts), para(f"（{INTERNAL_MARK}）", centred, fonts,
                                                                              "heading"), Spacer(1, 4)]
    parts += [para(line, small, fonts) for line in facts(data)]
    made = f"制表：{data.issuer}　{date_text(data.as_of)}" if data.issuer else f"制表日期：{date_text(data.as_of)}"
    # the note goes above the table, so that no last page holds a footnote alone
    parts += [para(made, small, fonts), para(FOOTNOTE, style("nv-foot", fonts, "body", SMALL_SIZE), fonts),
              Spacer(1, 6)]
    if data.rows:
        parts += list_tables(data, fonts)
    else:
        parts.append(para("表决范围内的房屋均已表决，没有需要走访的房屋。", small, fonts))
    return parts


def page_decoration(data: NotVotedList, fonts: FontSet):
    """Each page: the list's title and 内部使用 above the text block, the page number under it."""
    left = f"{scope_text(data)}{TITLE_SUFFIX}（截至{date_text(data.as_of)}）"
    y = PAGE_HEIGHT - TOP_MARGIN + 6 * mm

    def decorate(canvas: Canvas, _doc) -> None:
        canvas.saveState()
        draw_text(canvas, LEFT_MARGIN, y, left, fonts, "body", SMALL_SIZE)
        draw_text(canvas, LEFT_MARGIN + BLOCK_WIDTH, y, INTERNAL_MARK, fonts, "heading", SMALL_SIZE + 1.5,
                  anchor="right")
        canvas.setLineWidth(0.5)
        canvas.line(LEFT_MARGIN, y - 2.5 * mm, LEFT_MARGIN + BLOCK_WIDTH, y - 2.5 * mm)
        canvas.restoreState()
        draw_page_number(canvas, fonts)

    return decorate


def render_not_voted(data: NotVotedList, target: str | Path | IO[bytes], fonts: FontSet | None = None,
                     progress: Callable[[int, int], bool] | None = None) -> int:
    """Write the list as a PDF; returns its page count. Raises MissingGlyphs before writing.
    `progress(done, total)` (tables laid out of about how many) returning False raises Cancelled;
    nothing is written then (the file is written only when the layout is done)."""
    fonts = fonts or load_fonts()
    fonts.check(list_texts(data))
    doc = DocumentTemplate(str(target) if isinstance(target, Path) else target, fonts, title=list_title(data),
                           author=data.issuer)
    doc.pageTemplates[0].onPage = page_decoration(data, fonts)
    if progress is not None:
        total = 1

        def report(kind: str, value: int) -> None:
            nonlocal total
            if kind == "SIZE_EST":
                total = max(1, value)
            elif kind == "PROGRESS" and not progress(min(value, total), total):
                raise Cancelled("已取消，未生成文件。")

        doc.setProgressCallBack(report)
    doc.build(story(data, fonts))
    return doc.page
