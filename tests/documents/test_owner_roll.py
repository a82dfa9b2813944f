"""楼栋业主名册: masked, paginated with the header repeated, organisation and developer rows, signatures."""

from __future__ import annotations

import re
from datetime import date

import pytest

from desktop_app.documents.fonts import MissingGlyphs
from desktop_app.documents.layout import LEFT_MARGIN
from desktop_app.documents.owner_roll import render_owner_roll, roll_title
from desktop_app.domain.print_data import OwnerRoll, RollRow

from .conftest import rendered, FULL_ID, Pdf, assert_a4_and_embedded, assert_inside_block

NAMES = ("张伟", "王芳", "欧阳娜娜", "李秀英", "刘洋")


def id_number(n: int) -> str:
    return f"350402199{n % 10}0101{n % 1000:03d}{'X' if n % 7 == 0 else n % 10}"


def roll_rows(count: int) -> tuple[RollRow, ...]:
    rows = []
    for n in range(count):
        floor, number = divmod(n % 36, 4)
        rows.append(RollRow(building=str(n // 72 + 1), unit=str(n // 36 % 2 + 1), room=f"{floor + 1}0{number + 1}",
                            area_centi=8530 + n, owner_names=(NAMES[n % 5],), id_number=id_number(n),
                            phone=f"1380013{n:04d}"))
    return tuple(rows)


def render(roll: OwnerRoll) -> tuple[Pdf, int]:
    return rendered(render_owner_roll, roll)


def test_500_room_roll_paginates_with_the_header_on_every_page_and_nothing_unmasked():
    roll = OwnerRoll("幸福里小区", "", roll_rows(500), issuer="幸福里社区居民委员会", issued_on=date(2024, 5, 23))
    pdf, pages = render(roll)
    assert pages == len(pdf.pages) > 10
    for page in range(pages):
        flat = pdf.flat(page)
        assert "序号" in flat and "证件号码" in flat and "联系电话" in flat, page
        assert f"—{page + 1}—" in flat
        assert not FULL_ID.search(flat), page
        assert not re.search(r"1380013\d{4}", flat), page
        assert_inside_block(pdf, page)
    text = pdf.flat()
    assert "共500户" in text.replace(" ", "")
    assert "幸福里小区业主名册" in text
    assert "350402********0000" in text or "350402********" in text
    assert "138****0499" in text  # the last room's phone, masked
    assert "欧阳**" in text and "张*" in text
    assert "欧阳娜娜" not in text and "张伟" not in text
    first_column = [r for page in range(pages) for r in pdf.runs(page) if r.x < LEFT_MARGIN + 30]
    numbers = [int(r.text) for r in first_column if r.text.isdigit()]
    assert numbers == list(range(1, 501))  # every room listed once, in order
    assert_a4_and_embedded(pdf)


def test_organisation_and_developer_rooms():
    rows = (
        RollRow("3", "1", "101", 8530, ("市第二机床厂",), "91350100M000100Y43", "0591-87654321", "organisation"),
        RollRow("3", "1", "102", 8600, (), "", "", "developer"),
        RollRow("3", "1", "103", 9000, ("欧阳娜娜", "李秀英"), "350402199001011234", "13800138000"),
    )
    pdf, _ = render(OwnerRoll("幸福里小区", "3号楼", rows))
    text = pdf.flat()
    assert "市第二机床厂" in text  # an organisation is not personal data
    assert "建设单位（未售）" in text
    assert "欧阳**、李**" in text
    assert "0591-****4321" in text and "138****8000" in text
    assert "350402********1234" in text
    assert "91350100M000100Y43" not in text
    assert "幸福里小区3号楼业主名册" in text
    assert "楼栋" not in text  # one building: its name is in the title, not a column


def test_signature_column_is_added_on_request():
    rows = roll_rows(10)
    without, _ = render(OwnerRoll("幸福里小区", "1号楼", rows))
    with_signature, _ = render(OwnerRoll("幸福里小区", "1号楼", rows, signature_column=True))
    assert "业主签字" not in without.flat()
    assert "业主签字" in with_signature.flat()
    assert_inside_block(with_signature, 0)


def test_a_name_no_font_has_is_reported_with_its_room():
    rows = (RollRow("3", "1", "502", 8530, ("王𠮷",), "350402199001011234"),)
    with pytest.raises(MissingGlyphs) as raised:
        render(OwnerRoll("幸福里小区", "3号楼", rows))
    assert raised.value.missing == {"𠮷": ["3号楼1单元502室 业主姓名"]}


def test_roll_title():
    assert roll_title(OwnerRoll("幸福里小区", "3号楼1单元", ())) == "幸福里小区3号楼1单元业主名册"
