"""未表决户清单 read back with pypdf: exactly the rooms not voted, grouped and in order, the header and the
内部使用 mark on every page, full names but masked phones and no ID number."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

import pytest
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop_app.documents.fonts import MissingGlyphs, load_fonts
from desktop_app.documents.layout import CLOSING_PUNCTUATION, BLOCK_HEIGHT, BLOCK_WIDTH, BOTTOM_MARGIN, LEFT_MARGIN, PAGE_HEIGHT
from desktop_app.documents.not_voted import INTERNAL_MARK, NOTE_HEADER, list_title, render_not_voted
from desktop_app.domain.errors import Cancelled
from desktop_app.domain.headcount import RollEntry
from desktop_app.domain.masking import mask_phone
from desktop_app.domain.naming import natural_sort_key
from desktop_app.domain.tally import AGREE, Ballot, Votes, freeze_roll, tally
from desktop_app.domain.vote_print_data import NotVotedList, NotVotedRow, participation_gap
from desktop_app.domain.vote_rules import Rule

from .conftest import FULL_ID, Pdf, assert_a4_and_embedded, rendered

NAMES = ("张伟", "王芳", "欧阳娜娜", "李秀英", "刘洋", "司马相如")
BUILDINGS = ("2", "3", "12", "A座")


def phone(n: int) -> str:
    return f"139{n:08d}"


def all_rooms(count: int = 300) -> list[NotVotedRow]:
    """`count` rooms over four buildings (one named "A座"), two units each, 18 floors, two rooms a floor."""
    rooms = []
    for n in range(count):
        building = BUILDINGS[n % 4]
        unit = str(n // 4 % 2 + 1)
        floor, side = divmod(n // 8, 2)
        rooms.append(NotVotedRow(building, unit, f"{floor + 1}0{side + 1}", 6000 + n, (NAMES[n % 6],),
                                 phone=mask_phone(phone(n)) if n % 5 else ""))
    return rooms


def not_voted(rows, **changes) -> NotVotedList:
    values = dict(vote_title="幸福里小区老旧小区改造项目", estate_name="幸福里小区", scope_label="",
                  as_of=date(2024, 6, 10), rows=tuple(rows), total_rooms=300, total_area_centi=2_000_000,
                  total_heads=290, heads_not_voted=190, gap=Votes(123456, 15), closes_on=date(2024, 6, 15),
                  issuer="幸福里社区居民委员会")
    values.update(changes)
    return NotVotedList(**values)


def table_rooms(pdf: Pdf) -> list[tuple[str, ...]]:
    """The body rows of every page, each as its cells left to right (runs on one baseline form a row)."""
    found = []
    for page in range(len(pdf.pages)):
        lines: dict[float, list] = defaultdict(list)
        for run in pdf.body_runs(page):
            lines[round(run.y)].append(run)
        for y in sorted(lines, reverse=True):
            cells = tuple(run.text for run in sorted(lines[y], key=lambda run: run.x))
            if cells[0].isdigit() and len(cells) >= 5 and re.fullmatch(r"\d+\.\d\d", cells[4]):
                found.append(cells)
    return found


@pytest.fixture(scope="module")
def three_hundred():
    rooms = all_rooms()
    missing = [room for n, room in enumerate(rooms) if n % 3]  # every third room voted
    return rooms, missing, rendered(render_not_voted, not_voted(missing))


def test_every_room_not_voted_is_listed_once_in_order_and_no_voted_room(three_hundred):
    rooms, missing, (pdf, pages) = three_hundred
    assert pages == len(pdf.pages) > 3
    rows = table_rooms(pdf)
    assert [int(cells[0]) for cells in rows] == list(range(1, len(missing) + 1))
    listed = [cells[1:4] for cells in rows]
    assert sorted(listed) == sorted((room.building, room.unit, room.room) for room in missing)
    voted = {(room.building, room.unit, room.room) for room in rooms} - set(listed)
    assert len(voted) == 100 and not voted & set(listed)
    order = [(natural_sort_key(b), b, int(u), int(r)) for b, u, r in listed]
    assert order == sorted(order)  # building 12 after 3, A座 last
    assert listed[-1][0] == "A座"


def test_header_and_internal_mark_on_every_page(three_hundred):
    _rooms, _missing, (pdf, pages) = three_hundred
    for page in range(pages):
        flat = pdf.flat(page)
        for text in ("序号", "楼栋", "单元", "房号", "业主", "联系电话", NOTE_HEADER, INTERNAL_MARK.replace("　", "")):
            assert text in flat, (page, text)
    assert_a4_and_embedded(pdf)
    top = BOTTOM_MARGIN + BLOCK_HEIGHT
    body = load_fonts().role_font["body"]
    for page in range(pages):
        running = [run for run in pdf.body_runs(page) if run.y > top + 1]  # the running head, in the top margin
        assert [run.text for run in running] == ["幸福里小区未表决户清单（截至2024年6月10日）", "内部使用　不得张贴"]
        assert all(top < run.y < PAGE_HEIGHT - 20 * mm for run in running)
        for run in pdf.body_runs(page):
            text = run.text.rstrip("".join(CLOSING_PUNCTUATION))  # reportlab lets closing punctuation hang in the margin
            assert LEFT_MARGIN - 1 <= run.x and run.x + stringWidth(text, body, run.size) <= LEFT_MARGIN + BLOCK_WIDTH + 1
            assert run in running or BOTTOM_MARGIN - 1 <= run.y <= top + 1, run


def test_units_are_grouped_with_their_count_and_area(three_hundred):
    _rooms, missing, (pdf, _pages) = three_hundred
    flat = pdf.without_page_numbers()
    for building in ("3", "12"):
        members = [room for room in missing if room.building == building and room.unit == "1"]
        area = sum(room.area_centi for room in members)
        assert f"{building}号楼1单元：未表决{len(members)}户，专有部分面积{area // 100}.{area % 100:02d}平方米" in flat
    assert "A座1单元：未表决" in flat


def test_full_names_masked_phones_and_no_id_number(three_hundred):
    _rooms, missing, (pdf, _pages) = three_hundred
    flat = pdf.flat()
    assert not FULL_ID.search(flat)
    for page in range(len(pdf.pages)):
        for run in pdf.runs(page):
            assert not re.search(r"1[3-9]\d{9}|\d{12,}", run.text), run
    assert "139****0001" in flat and "司马相如" in flat and "欧阳娜娜" in flat
    rows = table_rooms(pdf)
    with_phone = [cells for cells in rows if "****" in "".join(cells)]
    assert len(with_phone) == sum(1 for room in missing if room.phone)


def test_figures_and_title():
    rows = all_rooms(12)[:5]
    pdf, _ = rendered(render_not_voted, not_voted(rows))
    flat = pdf.without_page_numbers()
    assert list_title(not_voted(rows)) == "幸福里小区老旧小区改造项目未表决户清单"
    for text in ("幸福里小区老旧小区改造项目未表决户清单", "表决范围：幸福里小区，共300户，专有部分面积合计20000.00平方米，业主290人",
                 "截至2024年6月10日，已表决295户，尚未表决5户", "参与面积还差1234.56平方米，参与人数还差15人",
                 "表决截止日期：2024年6月15日", "制表：幸福里社区居民委员会2024年6月10日"):
        assert text in flat, text
    area = sum(room.area_centi for room in rows)
    assert f"专有部分面积{area // 100}.{area % 100:02d}平方米，涉及尚未参与表决的业主190人" in flat


@pytest.mark.parametrize(("gap", "text"), [
    (None, "当前表决票统计有误"),
    (Votes(0, 0), "均已达到三分之二的参与门槛"),
    (Votes(0, 3), "距参与门槛（专有部分面积和人数均达三分之二）：参与人数还差3人。"),
])
def test_the_gap_as_known(gap, text):
    pdf, _ = rendered(render_not_voted, not_voted(all_rooms(3), gap=gap))
    flat = pdf.without_page_numbers()
    assert text in flat
    assert ("参与面积还差" in flat) is False


def test_one_building_without_units_drops_those_columns_and_nothing_left_says_so():
    rows = [NotVotedRow("5", "", f"{n}01", 9000, ("建设单位",), "developer") for n in range(1, 4)]
    pdf, _ = rendered(render_not_voted, not_voted(rows, scope_label="5号楼"))
    flat = pdf.flat(0)
    assert "楼栋" not in flat.split("序号")[1][:20] and "单元" not in flat.split("序号")[1][:20]
    assert "建设单位（未售）" in flat and "5号楼：未表决3户" in flat
    empty, _ = rendered(render_not_voted, not_voted([]))
    assert "表决范围内的房屋均已表决，没有需要走访的房屋。" in empty.flat()


def test_a_name_no_font_has_is_reported_with_its_room(tmp_path):
    rows = (NotVotedRow("3", "1", "502", 8530, ("王𠮷",)),)
    target = tmp_path / "list.pdf"
    with pytest.raises(MissingGlyphs) as raised:
        render_not_voted(not_voted(rows), target)
    assert raised.value.missing == {"𠮷": ["3号楼1单元502室 业主姓名"]}
    assert not target.exists()


def test_participation_gap_is_the_largest_over_the_items():
    roll = freeze_roll(RollEntry(f"r{i}", 10000 + i, (f"owner{i}",)) for i in range(6))
    # item 1 answered by r0-r3, item 2 left blank by r2 and r3: blanks not counted, item 2 lacks more
    ballots = [Ballot("r0", (AGREE, AGREE)), Ballot("r1", (AGREE, AGREE)), Ballot("r2", (AGREE, "")),
               Ballot("r3", (AGREE, ""))]
    result = tally(roll, ballots, ("甲", "乙"), Rule.ORDINARY, blank_participates=False)
    first, second = (item.shortfall for item in result.items)
    assert (first.participation_heads, second.participation_heads) == (0, 2)
    gap = participation_gap(result)
    assert gap == Votes(max(first.participation_area, second.participation_area), 2)
    assert gap.area_centi == 40010 - 20001  # 3p >= 2 x 60015 from p = 40010; r0 + r1 hold 20001


def test_progress_is_reported_and_a_cancel_writes_nothing(tmp_path):
    data = not_voted(all_rooms(120))
    reports: list[tuple[int, int]] = []
    render_not_voted(data, tmp_path / "all.pdf", progress=lambda done, total: reports.append((done, total)) or True)
    assert reports and reports[-1][0] == reports[-1][1] and all(done <= total for done, total in reports)
    target = tmp_path / "cancelled.pdf"
    with pytest.raises(Cancelled):
        render_not_voted(data, target, progress=lambda done, total: done < 3)
    assert not target.exists()
