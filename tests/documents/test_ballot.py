"""表决票: one page per room, owner masked, three boxes per item, instructions by the blank setting, cancel."""

from __future__ import annotations

import io
from datetime import date

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop_app.documents.ballot import BallotTooLong, render_ballots
from desktop_app.documents.fonts import MissingGlyphs, load_fonts
from desktop_app.domain.print_data import RollRow
from desktop_app.domain.vote_print_data import BallotSheet, VoteItem

from .conftest import FULL_ID, Pdf, assert_a4_and_embedded, assert_inside_block

ITEMS = (VoteItem("屋面防水", "基础类"), VoteItem("外墙保温", "完善类"), VoteItem("加装电梯", "完善类"))
NAMES = ("张伟", "欧阳娜娜", "李秀英", "王小明")
MASKED = ("张*", "欧阳**", "李**", "王**")


def sheet(home: RollRow, items=ITEMS, **changes) -> BallotSheet:
    values = dict(estate_name="幸福里小区", home=home, vote_title="幸福里小区老旧小区改造项目",
                  matter="改建、重建建筑物及其附属设施", items=items, opens_on=date(2024, 6, 1),
                  closes_on=date(2024, 6, 15), issuer="幸福里社区居民委员会")
    values.update(changes)
    return BallotSheet(**values)


def sheets(count: int) -> list[BallotSheet]:
    return [sheet(RollRow("3", "1", f"{n // 4 + 1}0{n % 4 + 1}", 8530 + n, (NAMES[n % 4],),
                          "350402199001011234", f"1380013{n:04d}")) for n in range(count)]


def render_one(ballot: BallotSheet) -> Pdf:
    out = io.BytesIO()
    render_ballots([ballot], out)
    return Pdf(out.getvalue())


def test_one_ballot_page_per_room_with_the_owner_masked(tmp_path):
    target = tmp_path / "ballots.pdf"
    assert render_ballots(sheets(6), target) == 6
    pdf = Pdf(target)
    assert len(pdf.pages) == 6
    for page in range(6):
        flat = pdf.flat(page)
        assert "幸福里小区老旧小区改造项目表决票" in flat
        assert f"3号楼1单元{page // 4 + 1}0{page % 4 + 1}室" in flat
        assert f"{85.30 + page / 100:.2f}平方米" in flat
        assert f"业主{MASKED[page % 4]}专有面积" in flat
        assert NAMES[page % 4] not in flat  # the full name never appears
        assert "改建、重建建筑物及其附属设施" in flat and "表决期间为2024年6月1日至2024年6月15日" in flat
        assert "序号表决事项类别同意反对弃权" in flat
        assert "1屋面防水基础类" in flat and "2外墙保温完善类" in flat and "3加装电梯完善类" in flat
        assert "每项只能选择一项" in flat
        assert "未作选择、选择多项或者无法辨认的事项，计入参与表决，不计入同意。" in flat
        assert "请于2024年6月15日前将本票交回幸福里社区居民委员会。" in flat
        assert "业主签字（盖章）：" in flat and flat.count("日期：年月日") == 2
        assert "委托表决（由他人代为表决时填写）" in flat and "受托人签字：" in flat
        assert f"—{page + 1}—" in flat
        assert not FULL_ID.search(flat) and "1234" not in flat  # no ID number, not even masked
        assert "138" not in flat  # no phone
        assert_inside_block(pdf, page)
        assert_no_overlap(pdf, page)
    assert_a4_and_embedded(pdf)
    assert not (tmp_path / "ballots.pdf.part").exists()


def assert_no_overlap(pdf: Pdf, page: int) -> None:
    """No two texts on one line run into each other (a run continuing a line in another font subset
    reads back with the line's own x: those are one text, not two)."""
    body = load_fonts().role_font["body"]
    runs = sorted(pdf.body_runs(page), key=lambda run: (round(run.y), run.x))
    for left, right in zip(runs, runs[1:]):
        if round(left.y) == round(right.y) and abs(left.x - right.x) > 0.5:
            assert left.x + stringWidth(left.text, body, left.size) <= right.x + 0.5, (left, right)


def test_blank_answers_not_participating_are_explained_so():
    flat = render_one(sheet(RollRow("3", "1", "502", 8530, ("张伟",)), blank_participates=False)).flat()
    assert "未作选择、选择多项或者无法辨认的事项，不计入参与表决。" in flat
    assert "计入参与表决，不计入同意。" in flat  # the 弃权 line, the same under both settings
    assert flat.count("不计入同意") == 1


@pytest.mark.parametrize("home,present,absent", [
    (RollRow("12", "", "1203", 12000, ("市第二机床厂",), owner_kind="organisation"),
     ("12号楼1203室", "业主市第二机床厂"), ()),  # an organisation is no personal data
    (RollRow("A座", "", "101", 9000, ("幸福置业有限公司",), owner_kind="developer"),
     ("A座101室", "建设单位（未售）"), ("幸福置业",)),
    (RollRow("3", "1", "502", 8530, ("张伟", "司马相如")), ("张*、司马**",), ("张伟", "相如")),
])
def test_owner_cell(home, present, absent):
    flat = render_one(sheet(home)).flat()
    assert all(text in flat for text in present)
    assert not any(text in flat for text in absent)


def test_long_item_names_and_a_long_title_wrap_inside_the_block():
    long_item = "加装电梯（含既有楼梯间改造、管线迁移、首层入户平台建设及电梯井道外立面装饰，费用按楼层分摊）"
    items = (VoteItem(long_item, "完善类"), *ITEMS)
    title = "幸福里小区（东区）老干部住宅和市第二机床厂职工宿舍合并片区老旧小区综合改造项目"
    pdf = render_one(sheet(RollRow("3", "1", "502", 8530, ("张伟",)), items=items, vote_title=title))
    flat = pdf.flat()
    assert long_item in flat and title + "表决票" in flat
    lines = [run for run in pdf.body_runs(0) if set(run.text) <= set(long_item) and len(run.text) > 3]
    assert len(lines) >= 2
    assert_inside_block(pdf, 0)


def test_too_many_items_for_one_page_are_refused_and_nothing_is_left(tmp_path):
    items = tuple(VoteItem(f"第{n}项改造内容", "基础类") for n in range(1, 30))
    target = tmp_path / "ballots.pdf"
    with pytest.raises(BallotTooLong, match="29项表决事项在一页内排不下"):
        render_ballots([sheet(RollRow("3", "1", "502", 8530, ("张伟",)), items=items)], target)
    assert list(tmp_path.iterdir()) == []


def test_the_most_items_that_fit_still_fit():
    items = tuple(VoteItem(f"第{n}项改造内容", "基础类") for n in range(1, 10))
    pdf = render_one(sheet(RollRow("3", "1", "502", 8530, ("张伟",)), items=items))
    assert "9第9项改造内容基础类" in pdf.flat()
    assert_inside_block(pdf, 0)


def test_missing_glyph_in_an_item_is_reported_before_anything_is_written(tmp_path):
    target = tmp_path / "ballots.pdf"
    bad = sheet(RollRow("3", "1", "502", 8530, ("张伟",)), items=(VoteItem("𠮷祥广场改造", "提升类"),))
    with pytest.raises(MissingGlyphs) as raised:
        render_ballots([*sheets(2), bad], target)
    assert raised.value.missing == {"𠮷": ["幸福里小区3号楼1单元502室 第1项表决事项"]}
    assert list(tmp_path.iterdir()) == []
