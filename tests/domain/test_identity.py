"""Resident IDs (GB 11643), unified social credit codes (GB 32100) and phone numbers."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, strategies as st

from desktop_app.domain.identity import (
    birth_date_from_resident_id,
    credit_check_char,
    credit_code_error,
    id_check_char,
    id_number_error,
    looks_like_scientific_notation,
    normalise_id_number,
    normalise_phone,
    phone_error,
    resident_id_error,
)

# The standard's tables, written out here independently of the implementation.
PROVINCES = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
             "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
             "65", "71", "81", "82", "83"]
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
TODAY = date(2024, 6, 1)


def reference_id_check(first17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


def reference_credit_check(first17: str) -> str:
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, weights))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def make_id(province: str = "35", county: str = "0402", birth: str = "19900101", seq: str = "123") -> str:
    first17 = province + county + birth + seq
    return first17 + reference_id_check(first17)


def make_id_with_check(check: str) -> str:
    """A valid ID whose check character is `check` (searching sequence numbers)."""
    for seq in range(1000):
        number = make_id(seq=f"{seq:03d}")
        if number[-1] == check:
            return number
    raise AssertionError(check)


@st.composite
def valid_ids(draw) -> tuple[str, date]:
    province = draw(st.sampled_from(PROVINCES))
    county = draw(st.from_regex(r"[0-9]{4}", fullmatch=True))
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    seq = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    first17 = province + county + birth.strftime("%Y%m%d") + seq
    return first17 + reference_id_check(first17), birth


@st.composite
def valid_credit_codes(draw) -> str:
    first17 = "".join(draw(st.lists(st.sampled_from(CREDIT_ALPHABET), min_size=17, max_size=17)))
    return first17 + reference_credit_check(first17)


# --- resident IDs -------------------------------------------------------------------------------

@pytest.mark.parametrize("number", [
    "11010519491231002X",  # the example of GB 11643 itself
    "11010519491231002x",  # lower-case x accepted after normalising
    " 110105 19491231 002X ",
    "１１０１０５１９４９１２３１００２Ｘ",  # full-width
    make_id("83", birth="20000229"),  # Taiwan residents' permit, leap day
    make_id("81"), make_id("82"), make_id("71"), make_id("65"), make_id("11"),
    make_id(birth="19000101"),
    make_id(birth="20240601"),  # born today
])
def test_valid_resident_ids(number):
    assert resident_id_error(number, today=TODAY) is None
    assert id_number_error(number, today=TODAY) is None


def test_check_digit_of_the_standard_examples():
    assert id_check_char("11010519491231002") == "X"
    assert id_check_char("44052418800101001") == "4"
    assert id_check_char("35040219900101123") == "4"


@pytest.mark.parametrize("value,reason", [
    ("", "身份证号码为空"),
    ("3504021990010112", "身份证号码应为18位（实为16位）"),
    ("35040219900101123", "身份证号码应为18位（实为17位）"),
    ("3504021990010112345", "身份证号码应为18位（实为19位）"),
    (make_id(province="99"), "身份证号码前两位 99 不是有效的省级行政区划代码"),
    (make_id(province="10"), "身份证号码前两位 10 不是有效的省级行政区划代码"),
    (make_id(province="84"), "身份证号码前两位 84 不是有效的省级行政区划代码"),
    (make_id(birth="19990230"), "身份证号码中的出生日期 19990230 不存在"),
    (make_id(birth="20230229"), "身份证号码中的出生日期 20230229 不存在"),
    (make_id(birth="19000229"), "身份证号码中的出生日期 19000229 不存在"),  # 1900 was not a leap year
    (make_id(birth="19991301"), "身份证号码中的出生日期 19991301 不存在"),
    (make_id(birth="19990100"), "身份证号码中的出生日期 19990100 不存在"),
    (make_id(birth="18991231"), "身份证号码中的出生日期 18991231 早于1900年1月1日"),
    (make_id(birth="20240602"), "身份证号码中的出生日期 20240602 晚于今天"),
    ("44052418800101001" + "4", "身份证号码中的出生日期 18800101 早于1900年1月1日"),
    ("3504021990010112A4", "身份证号码第17位应为数字（实为 A）"),
    ("35040219900101123Y", "身份证号码最后一位应为数字或X（实为 Y）"),
])
def test_invalid_resident_ids(value, reason):
    assert resident_id_error(value, today=TODAY) == reason


@pytest.mark.parametrize("check", list("0123456789X"))
def test_wrong_check_digit_names_the_right_one(check):
    number = make_id_with_check(check)
    wrong = "0" if check != "0" else "1"
    assert resident_id_error(number[:17] + wrong, today=TODAY) == f"身份证号码校验位错误（应为{check}）"


def test_old_fifteen_digit_number_asks_for_eighteen():
    reason = resident_id_error("350402900101123", today=TODAY)
    assert reason is not None and "18位" in reason and "15位" in reason


def test_scientific_notation_is_reported_not_guessed():
    reason = resident_id_error("3.50402E+17", today=TODAY)
    assert reason is not None and "科学计数法" in reason and "3.50402E+17" in reason
    assert "科学计数法" in id_number_error("3.50402E+17", today=date.today())


@pytest.mark.parametrize("cell", [3.50402e17, 350402199001011234.0])
def test_a_float_cell_is_reported_as_scientific_notation(cell):
    assert "科学计数法" in resident_id_error(cell, today=TODAY)
    assert "科学计数法" in id_number_error(cell, today=TODAY)
    assert looks_like_scientific_notation(cell)


def test_cells_that_are_not_text():
    assert resident_id_error(None, today=date.today()) == "身份证号码为空"
    assert id_number_error(None, today=date.today()) == "证件号码为空"
    assert resident_id_error(350402199001011234, today=TODAY) is None
    assert phone_error(13800138000) is None
    assert phone_error(13800138000.0) is None
    assert normalise_id_number(None) == ""


def test_digits_of_other_scripts_are_not_digits():
    assert resident_id_error("٣٥٠٤٠٢١٩٩٠٠١٠١١٢٣٤", today=TODAY) == "身份证号码第1位应为数字（实为 ٣）"
    assert phone_error("١٣٨٠٠١٣٨٠٠٠") is not None


def test_today_defaults_to_the_real_date():
    assert resident_id_error(make_id(birth="21000101"), today=date.today()) == "身份证号码中的出生日期 21000101 晚于今天"


@given(valid_ids())
def test_any_well_formed_id_is_valid(case):
    number, birth = case
    assert resident_id_error(number, today=TODAY) is None
    assert resident_id_error(number.lower(), today=TODAY) is None
    assert id_number_error(number, today=TODAY) is None
    assert birth_date_from_resident_id(number) == birth
    assert id_check_char(number[:17]) == number[17]


@given(valid_ids(), st.integers(min_value=0, max_value=17), st.integers(min_value=1, max_value=10))
def test_changing_one_character_makes_an_id_invalid(case, position, shift):
    number, _ = case
    alphabet = "0123456789X" if position == 17 else "0123456789"
    old = alphabet.index(number[position])
    new = alphabet[(old + shift) % len(alphabet)]
    if new == number[position]:
        new = alphabet[(old + 1) % len(alphabet)]
    changed = number[:position] + new + number[position + 1:]
    assert resident_id_error(changed, today=TODAY) is not None
    if position not in range(0, 2) and position not in range(6, 14):
        # Province and date intact: the number can only be judged as a resident ID. (A mistyped
        # province or date may, rarely, make a valid digit-only credit code: that is not an error.)
        assert id_number_error(changed, today=TODAY) is not None


def test_birth_date_from_malformed_ids_is_none():
    assert birth_date_from_resident_id("35040219990230123X") is None
    assert birth_date_from_resident_id("3504021990") is None
    assert birth_date_from_resident_id("35040218991231123X") is None
    assert birth_date_from_resident_id("350402199001011234") == date(1990, 1, 1)


@pytest.mark.parametrize("value,expected", [
    (" 11010519491231002x ", "11010519491231002X"),
    ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),
    ("91350100m000100y43", "91350100M000100Y43"),
    ("350402\u3000199001011234", "350402199001011234"),
])
def test_normalise_id_number(value, expected):
    assert normalise_id_number(value) == expected


@pytest.mark.parametrize("value,expected", [
    ("3.50402E+17", True), ("3.50402e17", True), ("3.50402E17", True), ("1E+17", True),
    (" 3.50402E+17 ", True), ("350402199001011234", False), ("E17", False), ("3.5", False), ("", False),
])
def test_looks_like_scientific_notation(value, expected):
    assert looks_like_scientific_notation(value) is expected


# --- unified social credit codes ----------------------------------------------------------------

def test_public_example_verified():
    assert reference_credit_check("91350100M000100Y4") == "3"
    assert credit_check_char("91350100M000100Y4") == "3"
    assert credit_code_error("91350100M000100Y43") is None
    assert credit_code_error("91350100m000100y43") is None
    assert id_number_error("91350100M000100Y43", today=date.today()) is None


@pytest.mark.parametrize("value,reason", [
    ("", "统一社会信用代码为空"),
    ("91350100M000100Y4", "统一社会信用代码应为18位（实为17位）"),
    ("91350100M000100Y433", "统一社会信用代码应为18位（实为19位）"),
    ("91350100M000100Y44", "统一社会信用代码校验位错误（应为3）"),
    ("91350100I000100Y43", "统一社会信用代码第9位 I 不是有效字符（只能是数字和除 I、O、S、V、Z 以外的大写字母）"),
    ("91350100M0001O0Y43", "统一社会信用代码第14位 O 不是有效字符（只能是数字和除 I、O、S、V、Z 以外的大写字母）"),
    ("S1350100M000100Y43", "统一社会信用代码第1位 S 不是有效字符（只能是数字和除 I、O、S、V、Z 以外的大写字母）"),
])
def test_invalid_credit_codes(value, reason):
    assert credit_code_error(value) == reason


@given(valid_credit_codes())
def test_any_code_with_its_check_character_is_valid(code):
    assert credit_code_error(code) is None
    assert credit_check_char(code[:17]) == code[17]


@given(valid_credit_codes(), st.integers(min_value=0, max_value=17), st.integers(min_value=1, max_value=30))
def test_changing_one_character_makes_a_code_invalid(code, position, shift):
    new = CREDIT_ALPHABET[(CREDIT_ALPHABET.index(code[position]) + shift) % 31]
    assert credit_code_error(code[:position] + new + code[position + 1:]) is not None


# --- either kind ---------------------------------------------------------------------------------

@pytest.mark.parametrize("value,reason", [
    ("", "证件号码为空"),
    ("abc", "证件号码应为18位的身份证号码或统一社会信用代码（实为3位）"),
    ("35040219900101123", "身份证号码应为18位（实为17位）"),
    ("350402199001011235", "身份证号码校验位错误（应为4）"),
    ("91350100M000100Y44", "统一社会信用代码校验位错误（应为3）"),
])
def test_id_number_error(value, reason):
    assert id_number_error(value, today=TODAY) == reason


@given(valid_ids())
def test_a_mistyped_resident_id_is_never_taken_for_a_credit_code(case):
    number, _ = case
    for wrong in "0123456789X":
        if wrong != number[17]:
            assert id_number_error(number[:17] + wrong, today=TODAY) == (
                f"身份证号码校验位错误（应为{number[17]}）")


# --- phones ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("value,normalised", [
    ("13800138000", "13800138000"),
    ("138 0013 8000", "13800138000"),
    ("138-0013-8000", "13800138000"),
    ("+86 138 0013 8000", "13800138000"),
    ("１３８００１３８０００", "13800138000"),
    ("19912345678", "19912345678"),
    ("0591-87654321", "0591-87654321"),
    ("059187654321", "0591-87654321"),
    ("(0591)87654321", "0591-87654321"),
    ("0591-87654321-123", "0591-87654321-123"),
    ("010-62345678", "010-62345678"),
    ("01062345678", "010-62345678"),
    ("021-6234567", "021-6234567"),
    ("87654321", "87654321"),
    ("8765432", "8765432"),
    ("8765-4321", "87654321"),
    ("0591-8765-4321", "0591-87654321"),
    ("8613800138000", "13800138000"),
    ("0086-13800138000", "13800138000"),
])
def test_valid_phones(value, normalised):
    assert phone_error(value) is None
    assert normalise_phone(value) == normalised
    assert normalise_phone(normalised) == normalised


@pytest.mark.parametrize("value,reason", [
    ("", "电话号码为空"),
    ("1380013800", "手机号码应为11位（1380013800 实为10位）"),
    ("138001380001", "手机号码应为11位（138001380001 实为12位）"),
    ("12800138000", "手机号码 12800138000 的第二位应为3到9"),
    ("abc", "电话号码 abc 格式不正确：手机号为11位，座机请带区号，如 0591-87654321"),
    ("0591-876", "电话号码 0591-876 格式不正确：手机号为11位，座机请带区号，如 0591-87654321"),
    ("123456", "手机号码应为11位（123456 实为6位）"),
    ("0123456", "电话号码 0123456 格式不正确：手机号为11位，座机请带区号，如 0591-87654321"),
])
def test_invalid_phones(value, reason):
    assert phone_error(value) == reason


@given(st.sampled_from("3456789"), st.from_regex(r"[0-9]{9}", fullmatch=True))
def test_any_mobile_is_valid(second, rest):
    number = "1" + second + rest
    assert phone_error(number) is None
    assert normalise_phone(f"{number[:3]} {number[3:7]} {number[7:]}") == number


phone_like = st.from_regex(r"(\+86|0086|86)?[ \-()0-9]{0,16}", fullmatch=True) | st.text(max_size=16)


@given(phone_like)
def test_normalising_a_phone_is_idempotent_and_keeps_its_validity(value):
    normalised = normalise_phone(value)
    assert normalise_phone(normalised) == normalised
    assert (phone_error(value) is None) == (phone_error(normalised) is None)
