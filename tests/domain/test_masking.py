"""The one masking rule (domain.md section 7): fixed cases and properties over any input."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from desktop_app.domain.masking import COMPOUND_SURNAMES, mask_id_number, mask_name, mask_phone

BRIEF_COMPOUND_SURNAMES = (
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 令狐 宇文 司徒 夏侯 轩辕 端木 独孤 南宫 西门 百里 "
    "呼延 澹台 公冶 万俟 闻人 赫连 太史 申屠").split()


@pytest.mark.parametrize("value,masked", [
    ("350402199001011234", "350402********1234"),
    ("11010519491231002X", "110105********002X"),
    ("11010519491231002x", "110105********002x"),
    ("91350100M000100Y43", "913501********0Y43"),
    ("350402900101123", "***********1123"),  # shorter values keep only the last 4
    ("12345", "*2345"),
    ("1234", "****"),
    ("", ""),
    (None, ""),
])
def test_mask_id_number(value, masked):
    assert mask_id_number(value) == masked


@pytest.mark.parametrize("value,masked", [
    ("13800138000", "138****8000"),
    ("138 0013 8000", "138****8000"),
    ("+86 138-0013-8000", "138****8000"),
    ("0591-87654321", "0591-****4321"),
    ("059187654321", "0591-****4321"),
    ("010-62345678", "010-****5678"),
    ("0591-87654321-123", "0591-****4321-***"),
    ("87654321", "****4321"),
    ("8765-4321", "****4321"),
    ("000:00-0", "***:000"),
    ("abc", "***"),
    ("", ""),
    (None, ""),
])
def test_mask_phone(value, masked):
    assert mask_phone(value) == masked


@pytest.mark.parametrize("value,masked", [
    ("张三", "张*"),
    ("张三丰", "张**"),
    ("李小龙", "李**"),
    ("欧阳娜娜", "欧阳**"),
    ("欧阳锋", "欧阳*"),
    ("司马相如", "司马**"),
    ("诸葛亮", "诸葛*"),
    ("欧阳", "欧*"),  # two characters: a surname and a given name
    ("张", "张"),
    ("", ""),
    (None, ""),
])
def test_mask_name(value, masked):
    assert mask_name(value) == masked


@pytest.mark.parametrize("name,masked", [("单于飞", "单**"), ("乐正华", "乐**"), ("梁丘明", "梁**")])
def test_a_common_surname_before_a_given_name_is_not_read_as_compound(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize("surname", BRIEF_COMPOUND_SURNAMES)
def test_every_common_compound_surname_is_kept_whole(surname):
    assert surname in COMPOUND_SURNAMES
    assert mask_name(surname + "明明") == surname + "**"


def revealed(masked: str) -> int:
    return sum(1 for char in masked if char not in "*-")


any_text = (st.text(alphabet=st.sampled_from("0123456789Xx*-+():　１３张欧阳三丰abcß"), max_size=24)
            | st.from_regex(r"(\+86)?[01][0-9\-() *]{0,16}", fullmatch=True) | st.text(max_size=24))


@given(any_text)
def test_masking_is_idempotent(value):
    for mask in (mask_id_number, mask_phone, mask_name):
        once = mask(value)
        assert mask(once) == once


@given(any_text)
def test_masking_never_reveals_more_than_the_rule_allows(value):
    assert revealed(mask_id_number(value)) <= 10
    assert revealed(mask_phone(value)) <= 8
    for mask, shown_at_most in ((mask_id_number, 10), (mask_name, 2)):
        masked = mask(value)
        assert len(masked) == len(value)  # position for position
        assert all(shown in ("*", original) for original, shown in zip(value, masked))
        if len(value) > 1:
            assert sum(1 for original, shown in zip(value, masked) if shown != "*") <= shown_at_most
    if len(value) >= 18:
        assert mask_id_number(value)[6:-4] == "*" * (len(value) - 10)


@given(st.from_regex(r"[0-9]{17}[0-9X]", fullmatch=True))
def test_an_id_keeps_exactly_its_first_six_and_last_four(number):
    masked = mask_id_number(number)
    assert masked == number[:6] + "*" * 8 + number[-4:]


@given(st.sampled_from("3456789"), st.from_regex(r"[0-9]{9}", fullmatch=True))
def test_a_mobile_keeps_exactly_its_first_three_and_last_four(second, rest):
    number = "1" + second + rest
    assert mask_phone(number) == number[:3] + "****" + number[-4:]


@given(st.text(min_size=1, max_size=12))
def test_masked_values_are_never_longer_than_the_input(value):
    assert len(mask_id_number(value)) <= len(value)
    assert len(mask_name(value)) <= len(value)
