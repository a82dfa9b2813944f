"""楼栋业主名册: the owners of a building or unit, masked by the one rule, with an optional signature column."""

from __future__ import annotations

from typing import IO, Iterator

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Flowable, Spacer

from desktop_app.documents.fonts import FontSet, load_fonts
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop_app.documents.layout import BLOCK_WIDTH, SMALL_SIZE, build, para, style, title_paragraph
from desktop_app.documents.notice import table_flowable
from desktop_app.domain.area import format_area
from desktop_app.domain.dates_text import date_text
from desktop_app.domain.masking import mask_id_number, mask_name, mask_phone
from desktop_app.domain.print_data import DEVELOPER_LABEL, OwnerRoll, RollRow, TableData

HEADER = ("序号", "楼栋", "单元", "房号", "专有面积(㎡)", "业主", "证件号码", "联系电话")
SIGNATURE_HEADER = "业主签字"
CELL_PADDING = 8.0
MIN_WIDTH = 30.0
OWNER_HEADER = "业主"
MIN_OWNER_WIDTH = 50.0
MAX_OWNER_WIDTH = 130.0
MIN_SIGNATURE_WIDTH = 60.0
SIGNATURE_PADDING = 7.0  # taller rows to sign in


def owner_cell(row: RollRow) -> str:
    """Persons masked (`张*`); organisations are not personal data and keep their name."""
    if row.owner_kind == "developer":
        return DEVELOPER_LABEL
    if row.owner_kind == "organisation":
        return "、".join(row.owner_names)
    return "、".join(mask_name(name) for name in row.owner_names)


def roll_cells(number: int, row: RollRow, signature: bool) -> tuple[str, ...]:
    cells = (str(number), row.building, row.unit, row.room, format_area(row.area_centi), owner_cell(row),
             mask_id_number(row.id_number) if row.id_number else "",
             mask_phone(row.phone) if row.phone else "")
    return cells + ("",) if signature else cells


def roll_title(roll: OwnerRoll) -> str:
    return f"{roll.estate_name}{roll.scope_label}业主名册"


def roll_texts(roll: OwnerRoll) -> Iterator[tuple[str, str]]:
    yield "标题", roll_title(roll)
    yield "落款单位", roll.issuer
    for row in roll.rows:
        yield f"{row.label} 业主姓名", "".join(row.owner_names)


def natural_widths(header: tuple[str, ...], rows: list[tuple[str, ...]], font: str) -> dict[str, float]:
    """Per column title, the width its longest value or half its title (a header may take two lines) needs."""
    natural = []
    for column, title in enumerate(header):
        longest = max((stringWidth(row[column], font, SMALL_SIZE) for row in rows), default=0.0)
        header_half = stringWidth(title, font, SMALL_SIZE) / 2
        natural.append(max(MIN_WIDTH, longest + CELL_PADDING, header_half + SMALL_SIZE + CELL_PADDING))
    return dict(zip(header, natural))


def column_widths(header: tuple[str, ...], rows: list[tuple[str, ...]], font: str) -> tuple[float, ...]:
    """Columns as wide as their longest value; the owner column takes what is left, or, with a
    signature column, as much as its names need and the signature column the rest."""
    widths = natural_widths(header, rows, font)
    fixed = sum(w for title, w in widths.items() if title not in (OWNER_HEADER, SIGNATURE_HEADER))
    left = BLOCK_WIDTH - fixed
    if SIGNATURE_HEADER in widths:
        owner = min(widths[OWNER_HEADER], MAX_OWNER_WIDTH, left - MIN_SIGNATURE_WIDTH)
        widths[OWNER_HEADER] = max(MIN_OWNER_WIDTH, owner)
        widths[SIGNATURE_HEADER] = max(MIN_SIGNATURE_WIDTH, left - widths[OWNER_HEADER])
    else:
        widths[OWNER_HEADER] = max(MIN_OWNER_WIDTH, left)
    return tuple(widths[title] for title in header)  # relative weights when they exceed the block


def roll_table(roll: OwnerRoll, fonts: FontSet) -> TableData:
    one_building = len({row.building for row in roll.rows}) <= 1
    keep = [i for i, title in enumerate(HEADER) if not (one_building and title == "楼栋")]
    header = tuple(HEADER[i] for i in keep) + ((SIGNATURE_HEADER,) if roll.signature_column else ())
    rows = []
    for number, row in enumerate(roll.rows, 1):
        cells = roll_cells(number, row, False)
        rows.append(tuple(cells[i] for i in keep) + (("",) if roll.signature_column else ()))
    return TableData(header=header, rows=tuple(rows), widths=column_widths(header, rows, fonts.role_font["body"]))


def roll_story(roll: OwnerRoll, fonts: FontSet) -> list[Flowable]:
    table = roll_table(roll, fonts)
    total = sum(row.area_centi for row in roll.rows)
    facts = f"共 {len(roll.rows)} 户，专有面积合计 {format_area(total)} 平方米"
    if roll.issued_on is not None:
        facts += f"。{roll.issuer or '制表单位'}　{date_text(roll.issued_on)}"
    note = "说明：为保护个人信息，姓名、证件号码和联系电话均按规定隐去部分内容。"
    small = style("roll-note", fonts, "body", SMALL_SIZE + 1.5, align=TA_CENTER)
    return [
        title_paragraph(roll_title(roll), fonts),
        para(facts, small, fonts),
        Spacer(1, 6),
        table_flowable(table, fonts, size=SMALL_SIZE, padding=SIGNATURE_PADDING if roll.signature_column else 3.0),
        Spacer(1, 6),
        para(note, style("roll-foot", fonts, "body", SMALL_SIZE), fonts),
    ]


def render_owner_roll(roll: OwnerRoll, target: str | IO[bytes], fonts: FontSet | None = None) -> int:
    """Write the roll as a PDF; returns its page count. Raises MissingGlyphs before writing."""
    fonts = fonts or load_fonts()
    fonts.check(roll_texts(roll))
    return build(target, roll_story(roll, fonts), fonts, title=roll_title(roll), author=roll.issuer)
