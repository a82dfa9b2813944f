"""Font choice: official fonts preferred when present, the bundled font otherwise; per-character fallback."""

from __future__ import annotations

import io
import shutil
from datetime import date

import pytest
from reportlab.pdfbase import pdfmetrics

from desktop_app.documents.fonts import FontSet, MissingGlyphs, load_fonts
from desktop_app.documents.notice import render_notice
from desktop_app.domain.print_data import Notice
from desktop_app.paths import BUNDLED_FONT

from .conftest import Pdf, assert_a4_and_embedded


def test_without_official_fonts_every_role_uses_the_bundled_font(tmp_path):
    fonts = load_fonts([tmp_path])
    assert {f.path for f in fonts.files.values()} == {BUNDLED_FONT}
    assert len(set(fonts.role_font.values())) == 1


def test_official_fonts_are_preferred_when_the_pc_has_them(tmp_path):
    # Stand-ins under the official file names (a copy of the bundled font, same glyphs).
    shutil.copy(BUNDLED_FONT, tmp_path / "SIMFANG.TTF")
    shutil.copy(BUNDLED_FONT, tmp_path / "simhei.ttf")
    fonts = load_fonts([tmp_path])
    assert fonts.files["body"].path.name == "SIMFANG.TTF"  # file names match case-insensitively
    assert fonts.files["heading"].path.name == "simhei.ttf"
    assert fonts.files["title"].path == BUNDLED_FONT  # no 小标宋 or 宋体: the bundled font
    assert fonts.role_font["body"] != fonts.role_font["title"]
    out = io.BytesIO()
    render_notice(Notice("通知", "通知", ("正文。",), "社区居委会", date(2024, 5, 23)), out, fonts)
    assert_a4_and_embedded(Pdf(out.getvalue()))


def test_fonts_are_registered_once_per_process(tmp_path):
    first = load_fonts([tmp_path])
    registered = set(pdfmetrics.getRegisteredFontNames())
    assert load_fonts([tmp_path]) is first
    assert set(pdfmetrics.getRegisteredFontNames()) == registered


def narrowed(fonts: FontSet, without: str) -> FontSet:
    """The real bundled font as body font with `without` removed from its coverage, and the full font
    as fallback: the situation of 仿宋 lacking a character 宋体 has."""
    body = fonts.role_font["body"]
    partial = frozenset(fonts.cmaps[body]) - {ord(c) for c in without}
    return FontSet(role_font={"body": "partial", "title": body, "heading": body}, fallbacks=(body,),
                   cmaps={"partial": partial, body: fonts.cmaps[body]}, files=fonts.files)


def test_a_character_the_role_font_lacks_is_drawn_with_a_fallback_font():
    fonts = load_fonts()
    font = narrowed(fonts, "堃")
    body = fonts.role_font["body"]
    assert font.segments("王堃同志", "body") == (("partial", "王"), (body, "堃"), ("partial", "同志"))
    font.check([("正文", "王堃同志")])  # drawable by the fallback: no error


def test_check_lists_every_place_of_a_missing_character():
    fonts = load_fonts()
    with pytest.raises(MissingGlyphs) as raised:
        fonts.check([("标题", "𠮷"), ("正文第1段", "a𠮷b"), ("正文第2段", "好"), ("正文第3段", "𠮷")])
    assert raised.value.missing == {"𠮷": ["标题", "正文第1段", "正文第3段"]}
    assert "没有生成文件" in str(raised.value)


def test_whitespace_and_common_symbols_are_drawable():
    load_fonts().check([("正文", "面积 85.30㎡，□同意 — 1 —\n\t（一）《》〔2020〕")])


def test_a_font_reportlab_cannot_embed_is_skipped(tmp_path):
    (tmp_path / "simfang.ttf").write_bytes(b"OTTO" + b"\0" * 200)  # a CFF-outline / damaged font
    shutil.copy(BUNDLED_FONT, tmp_path / "simsun.ttc")
    fonts = load_fonts([tmp_path])
    assert fonts.files["body"].path.name == "simsun.ttc"  # the next candidate for the body
    assert fonts.files["title"].path.name == "simsun.ttc"
    fonts.check([("正文", "改造")])
