"""通知 / 公告 / 公示 rendered to PDF and read back: text, fonts, page, layout, wrapping, missing glyphs."""

from __future__ import annotations

from datetime import date

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop_app.documents.fonts import MissingGlyphs
from desktop_app.documents.layout import (
    BLOCK_HEIGHT, BLOCK_WIDTH, BODY_SIZE, BOTTOM_MARGIN, CHARS_PER_LINE, LEFT_MARGIN, LINES_PER_PAGE,
    PAGE_WIDTH, TITLE_SIZE,
)
from desktop_app.documents.notice import render_notice
from desktop_app.domain.errors import UserError
from desktop_app.domain.print_data import Notice, TableData

from .conftest import rendered, Pdf, assert_a4_and_embedded, assert_inside_block

BODY = (
    "根据区住建局工作部署，幸福里小区已列入2024年度老旧小区改造计划。",
    "改造内容包括屋面防水、外墙保温、雨污分流和楼道修缮。施工期间请各位居民注意安全。",
)


def make_notice(**changes) -> Notice:
    values = dict(kind="通知", title="关于幸福里小区老旧小区改造的通知", paragraphs=BODY,
                  issuer="幸福里社区居民委员会", issued_on=date(2024, 5, 23), salutation="各位业主、居民：")
    values.update(changes)
    return Notice(**values)


def render(notice: Notice) -> tuple[Pdf, int]:
    return rendered(render_notice, notice)


def test_notice_text_fonts_and_page(tmp_path):
    target = tmp_path / "notice.pdf"
    pages = render_notice(make_notice(), str(target))
    pdf = Pdf(target)
    assert pages == len(pdf.pages) == 1
    flat = pdf.flat()
    for text in ("关于幸福里小区老旧小区改造的通知", "各位业主、居民：", *BODY, "幸福里社区居民委员会",
                 "2024年5月23日", "—1—"):
        assert text in flat
    assert_a4_and_embedded(pdf)
    assert_inside_block(pdf, 0)


def test_publicity_has_its_posting_period_and_table():
    table = TableData(("序号", "改造项目", "估算金额（万元）"), (("1", "屋面防水", "86.50"), ("2", "雨污分流", "120.00")))
    pdf, _ = render(make_notice(kind="公示", title="关于改造实施方案的公示", table=table,
                                period_start=date(2024, 5, 23), period_end=date(2024, 6, 5)))
    flat = pdf.flat()
    assert "公示期：2024年5月23日至2024年6月5日" in flat
    assert "估算金额（万元）" in flat and "雨污分流120.00" in flat
    assert_a4_and_embedded(pdf)


def test_publicity_without_a_period_is_refused():
    with pytest.raises(UserError, match="公示期"):
        render(make_notice(kind="公示"))


def test_unknown_kind_is_refused():
    with pytest.raises(UserError, match="通知、公告 或 公示"):
        render(make_notice(kind="命令"))


def test_title_is_22pt_and_body_is_sanhao_with_28_characters_a_line():
    paragraph = "改" * (CHARS_PER_LINE * 5)  # no indent on the salutation-less first line? indented: 26 first
    pdf, _ = render(make_notice(paragraphs=(paragraph,), salutation=""))
    runs = pdf.runs(0)
    title = next(r for r in runs if "关于" in r.text)
    assert title.size == TITLE_SIZE
    body = [r for r in runs if set(r.text) == {"改"}]
    assert all(r.size == BODY_SIZE for r in body)
    lengths = [len(r.text) for r in body]
    assert lengths[0] == CHARS_PER_LINE - 2  # first-line indent of two characters
    assert lengths[1:-1] == [CHARS_PER_LINE] * (len(lengths) - 2)
    assert sum(lengths) == CHARS_PER_LINE * 5


def test_a_full_page_holds_22_body_lines():
    lines = LINES_PER_PAGE * 3
    paragraphs = tuple("行" * (CHARS_PER_LINE - 2) for _ in range(lines))  # one line each
    pdf, pages = render(make_notice(paragraphs=paragraphs, salutation="", title="通知"))
    body_lines = [[r for r in pdf.runs(page) if r.text.startswith("行")] for page in range(pages)]
    assert max(len(page) for page in body_lines) == LINES_PER_PAGE
    assert sum(len(page) for page in body_lines) == lines
    for page in range(pages):
        assert_inside_block(pdf, page)
        assert f"—{page + 1}—" in pdf.flat(page)


def test_signature_sits_four_characters_in_from_the_right_with_issuer_centred_over_it():
    pdf, _ = render(make_notice())
    runs = pdf.runs(0)
    body = load_body_font()
    date_run = next(r for r in runs if r.text == "2024年5月23日")
    issuer = next(r for r in runs if r.text == "幸福里社区居民委员会")
    date_right = date_run.x + stringWidth(date_run.text, body, BODY_SIZE)
    assert date_right == pytest.approx(LEFT_MARGIN + BLOCK_WIDTH - 4 * BODY_SIZE, abs=0.5)
    issuer_centre = issuer.x + stringWidth(issuer.text, body, BODY_SIZE) / 2
    assert issuer_centre == pytest.approx(date_run.x + stringWidth(date_run.text, body, BODY_SIZE) / 2, abs=0.5)
    last_body = min(r.y for r in runs if r.size == BODY_SIZE and r is not date_run and r is not issuer)
    assert last_body - issuer.y >= 2 * BODY_SIZE * 1.5  # room for the seal above the issuer


def load_body_font() -> str:
    from desktop_app.documents.fonts import load_fonts

    return load_fonts().role_font["body"]


def test_page_number_is_centred_under_the_block():
    pdf, _ = render(make_notice())
    number = next(r for r in pdf.runs(0) if r.text == "— 1 —")
    width = stringWidth("— 1 —", load_body_font(), number.size)
    assert number.x + width / 2 == pytest.approx(PAGE_WIDTH / 2, abs=0.5)
    assert number.y < BOTTOM_MARGIN


def test_very_long_title_body_and_table_cell_wrap_inside_the_block():
    title = "关于幸福里小区" + "以及周边" * 20 + "老旧小区综合改造工程实施方案的公示"
    cell = "包括" + "屋面防水、外墙保温、雨污分流、" * 40 + "等"
    body = ("这是一段很长的正文，" * 120,)
    table = TableData(("序号", "内容", "金额"), (("1", cell, "86.50"),) * 3, widths=(1, 6, 2))
    pdf, pages = render(make_notice(title=title, paragraphs=body, table=table))
    assert pages > 2
    for page in range(pages):
        assert_inside_block(pdf, page)
    flat = pdf.without_page_numbers()
    assert title in flat
    assert body[0] in flat
    # every cell complete, even where a row splits across pages (the repeated header interrupts it)
    assert flat.count("屋面防水、外墙保温、雨污分流、") == 3 * 40
    title_lines = [r for r in pdf.runs(0) if r.size == TITLE_SIZE]
    assert len(title_lines) > 1


def test_table_header_repeats_on_every_page():
    rows = tuple((str(n), f"第{n}项改造内容", "1.00") for n in range(1, 120))
    pdf, pages = render(make_notice(table=TableData(("序号", "改造项目名称", "金额"), rows)))
    assert pages >= 3
    for page in range(pages - 1):  # the last page may hold only the signature and its paragraph
        assert "改造项目名称" in pdf.flat(page)


def test_the_signature_never_stands_alone_on_the_last_page():
    for count in range(14, 22):  # body lengths around the page break
        paragraphs = tuple("行" * 26 for _ in range(count))
        pdf, pages = render(make_notice(paragraphs=paragraphs, salutation="", title="通知"))
        last = [r for r in pdf.runs(pages - 1) if r.text.startswith("行")]
        assert last, f"{count} paragraphs: signature alone on page {pages}"


def test_a_character_no_font_has_is_reported_before_writing(tmp_path):
    target = tmp_path / "notice.pdf"
    notice = make_notice(title="关于表彰𠮷祥同志的公告", kind="公告",
                         paragraphs=("表彰𠮷祥同志。", "另有𫝆字。"))
    with pytest.raises(MissingGlyphs) as raised:
        render_notice(notice, str(target))
    assert set(raised.value.missing) == {"𠮷", "𫝆"}
    assert raised.value.missing["𠮷"] == ["标题", "正文第1段"]
    assert "U+20BB7" in str(raised.value) and "正文第2段" in str(raised.value)
    assert not target.exists()


def test_rare_characters_the_font_has_are_printed():
    pdf, _ = render(make_notice(paragraphs=("业主王堃、李喆、赵昇、钱赟同意改造。",)))
    assert "业主王堃、李喆、赵昇、钱赟同意改造。" in pdf.flat()


def test_markup_characters_are_printed_literally():
    pdf, _ = render(make_notice(paragraphs=("面积<100㎡ & 楼层>6 的住户",)))
    assert "面积<100㎡&楼层>6的住户" in pdf.flat()


def test_block_geometry_is_gb_t_9704():
    from reportlab.lib.units import mm

    assert (LEFT_MARGIN, BLOCK_WIDTH, BLOCK_HEIGHT) == (28 * mm, 156 * mm, 225 * mm)
    assert BOTTOM_MARGIN == pytest.approx(35 * mm)
    assert CHARS_PER_LINE * BODY_SIZE <= BLOCK_WIDTH < (CHARS_PER_LINE + 1) * BODY_SIZE


def test_a_wrapping_title_is_balanced_never_a_lone_character():
    title = "关于杜鹃新村屋面防水施工期间注意事项的通知"  # 21 characters: one line too long by one
    pdf, _ = render(make_notice(title=title))
    lines = [r.text for r in pdf.runs(0) if r.size == TITLE_SIZE]
    assert "".join(lines) == title and len(lines) == 2
    assert abs(len(lines[0]) - len(lines[1])) <= 1


def test_no_title_line_starts_with_closing_punctuation():
    from desktop_app.documents.layout import CLOSING_PUNCTUATION, balanced_lines

    body = load_body_font()
    for filler in range(10, 40):
        title = "关于" + "改" * filler + "，以及“老旧小区”改造的通知"
        lines = balanced_lines(title, body, TITLE_SIZE, BLOCK_WIDTH - TITLE_SIZE)
        assert "".join(lines) == title
        assert all(line[0] not in CLOSING_PUNCTUATION for line in lines[1:])
        widths = [stringWidth(line, body, TITLE_SIZE) for line in lines]
        assert min(widths) >= max(widths) / 2  # balanced: no short tail line
        assert max(widths) <= BLOCK_WIDTH


def test_closing_paragraphs_follow_the_table_and_the_posting_period():
    table = TableData(("序号", "项目"), (("1", "屋面防水"),))
    pdf, _ = render(make_notice(kind="公示", title="公示", table=table, closing=("如有异议请向社区反映。",),
                                period_start=date(2024, 5, 23), period_end=date(2024, 6, 5)))
    flat = pdf.flat()
    order = [flat.index(text) for text in ("屋面防水", "公示期：", "如有异议请向社区反映。", "幸福里社区居民委员会")]
    assert order == sorted(order)


@pytest.mark.parametrize("mark", ["，", "；", "：", "！", "？", "”", "。", "、", "）"])
def test_no_body_line_starts_with_chinese_closing_punctuation(mark):
    from reportlab.platypus import Paragraph

    from desktop_app.documents.fonts import load_fonts
    from desktop_app.documents.layout import BLOCK_WIDTH, CLOSING_PUNCTUATION, body_style

    # The first line holds 26 characters after the two-character indent: the mark would open line two.
    text = "改" * 26 + mark + "造" * 40
    paragraph = Paragraph(text, body_style(load_fonts()))
    paragraph.wrap(BLOCK_WIDTH, 10_000)
    lines = ["".join(line[1]) if isinstance(line, tuple) else "".join(word.text for word in line.words)
             for line in paragraph.blPara.lines]
    assert len(lines) >= 2
    assert lines[0].endswith(mark)
    assert all(line[0] not in CLOSING_PUNCTUATION for line in lines[1:] if line)
