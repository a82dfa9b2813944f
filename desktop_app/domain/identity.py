"""Identity numbers and phone numbers: GB 11643 resident IDs, GB 32100 unified social credit codes,
Chinese mobile and landline numbers. Each check returns None when valid or a Chinese reason."""

from __future__ import annotations

import re
from datetime import date
from operator import mul

from desktop_app.domain.text import as_text, ascii_upper, compact, is_ascii_digits

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"  # indexed by the weighted sum mod 11
_ID_WEIGHTS_ZERO = ord("0") * sum(ID_WEIGHTS)
ID_LAST_CHARS = frozenset("0123456789X")
PROVINCE_CODES = frozenset(
    [str(code) for code in range(11, 16)]
    + [str(code) for code in range(21, 24)]
    + [str(code) for code in range(31, 38)]
    + [str(code) for code in range(41, 47)]
    + [str(code) for code in range(50, 55)]
    + [str(code) for code in range(61, 66)]
    + ["71", "81", "82", "83"]
)
EARLIEST_BIRTH = date(1900, 1, 1)
_CHECK_DIGIT_REASON = "身份证号码校验位错误"

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_VALUES = {char: value for value, char in enumerate(CREDIT_ALPHABET)}
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_SCIENTIFIC = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_LANDLINE = re.compile(r"(0[0-9]{2,3})-([1-9][0-9]{6,7})(?:-([0-9]{1,6}))?")
_SUBSCRIBER = re.compile(r"[1-9][0-9]{6,7}")  # the number after an area code
_JOINED_LANDLINE = re.compile(r"(0[0-9]{9,11})(?:-([0-9]{1,6}))?")
_LOCAL = re.compile(r"[2-9][0-9]{6,7}")
_COUNTRY_PREFIX = re.compile(r"^(\+86|0086)-?")


def normalise_id_number(value: str | None) -> str:
    """Strip all whitespace, full-width to half-width, upper-case letters (a lower `x` becomes `X`)."""
    if isinstance(value, str) and value.isascii() and value.isalnum():
        return value.upper()  # the usual case, without the clean-up below
    return ascii_upper(compact(_cell_text(value)))


def _cell_text(value: object) -> str:
    """A cell as text; a float too large to hold an ID exactly keeps its scientific form (3.50402e+17)."""
    if isinstance(value, float) and "e" in repr(value):
        return repr(value)
    return as_text(value)


def id_check_char(first17: str) -> str:
    """The GB 11643 (ISO 7064 MOD 11-2) check character of 17 digits."""
    # ASCII codes of the digits, less 48 times the weights, are the digits times the weights.
    total = sum(map(mul, first17.encode("ascii"), ID_WEIGHTS)) - _ID_WEIGHTS_ZERO
    return ID_CHECK_CHARS[total % 11]


def looks_like_scientific_notation(value: str) -> bool:
    """True for what Excel makes of a long number: `3.50402E+17`, `3.50402e17`."""
    return bool(_SCIENTIFIC.fullmatch(compact(_cell_text(value))))


def _scientific_reason(label: str, value: str) -> str:
    return f"{label}被 Excel 转成了科学计数法（{value}），末几位已丢失，请把该列设为文本后重新填写"


def _birth_date(text: str) -> date | None:
    try:
        return date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def resident_id_error(value: str, *, today: date) -> str | None:
    """None for a valid 18-character resident ID, otherwise why it is not one (a birth after `today` is one)."""
    return _resident_reason(normalise_id_number(value), today)


def _resident_reason(number: str, today: date) -> str | None:
    if not number:
        return "身份证号码为空"
    if "E" in number and _SCIENTIFIC.fullmatch(number):
        return _scientific_reason("身份证号码", number)
    if len(number) == 15 and is_ascii_digits(number):
        return "身份证号码应为18位（实为15位的旧号码，请填写新的18位号码）"
    if len(number) != 18:
        return f"身份证号码应为18位（实为{len(number)}位）"
    if not is_ascii_digits(number[:17]):
        position, char = next((i, c) for i, c in enumerate(number, start=1) if not is_ascii_digits(c))
        return f"身份证号码第{position}位应为数字（实为 {char}）"
    if number[17] not in ID_LAST_CHARS:
        return f"身份证号码最后一位应为数字或X（实为 {number[17]}）"
    if number[:2] not in PROVINCE_CODES:
        return f"身份证号码前两位 {number[:2]} 不是有效的省级行政区划代码"
    birth_text = number[6:14]
    birth = _birth_date(birth_text)
    if birth is None:
        return f"身份证号码中的出生日期 {birth_text} 不存在"
    if birth < EARLIEST_BIRTH:
        return f"身份证号码中的出生日期 {birth_text} 早于1900年1月1日"
    if birth > today:
        return f"身份证号码中的出生日期 {birth_text} 晚于今天"
    expected = id_check_char(number[:17])
    if number[17] != expected:
        return f"{_CHECK_DIGIT_REASON}（应为{expected}）"
    return None


def birth_date_from_resident_id(value: str) -> date | None:
    """The birth date of a resident ID whose first 14 characters are well formed, else None."""
    number = normalise_id_number(value)
    if len(number) != 18 or not is_ascii_digits(number[:17]):
        return None
    birth = _birth_date(number[6:14])
    if birth is None or birth < EARLIEST_BIRTH:
        return None
    return birth


def credit_check_char(first17: str) -> str:
    """The GB 32100 check character of 17 characters from CREDIT_ALPHABET."""
    total = sum(map(mul, map(_CREDIT_VALUES.__getitem__, first17), CREDIT_WEIGHTS))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def credit_code_error(value: str) -> str | None:
    """None for a valid unified social credit code, otherwise why it is not one."""
    code = normalise_id_number(value)
    if not code:
        return "统一社会信用代码为空"
    if "E" in code and _SCIENTIFIC.fullmatch(code):
        return _scientific_reason("统一社会信用代码", code)
    if len(code) != 18:
        return f"统一社会信用代码应为18位（实为{len(code)}位）"
    for position, char in enumerate(code, start=1):
        if char not in _CREDIT_VALUES:
            return (f"统一社会信用代码第{position}位 {char} 不是有效字符"
                    "（只能是数字和除 I、O、S、V、Z 以外的大写字母）")
    expected = credit_check_char(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验位错误（应为{expected}）"
    return None


def _digit_shaped(number: str) -> bool:
    """18 characters: 17 digits and a digit or X, as a resident ID (and some credit codes) are."""
    return len(number) == 18 and is_ascii_digits(number[:17]) and number[17] in ID_LAST_CHARS


def _plausible_credit_code(code: str) -> bool:
    """A valid code whose registration authority (1-9, A, N, Y) and region (third and fourth
    characters a province code) look real; used to tell a digit-only code from a mistyped ID."""
    return credit_code_error(code) is None and code[0] in "123456789ANY" and code[2:4] in PROVINCE_CODES


def id_number_error(value: str, *, today: date) -> str | None:
    """An owner's 证件号码: a resident ID or a unified social credit code."""
    number = normalise_id_number(value)
    if not number:
        return "证件号码为空"
    if "E" in number and _SCIENTIFIC.fullmatch(number):
        return _scientific_reason("证件号码", number)
    if _digit_shaped(number):
        # With a known province and a real date only the check digit can be wrong: then it is a
        # mistyped resident ID, never taken for a credit code by chance.
        reason = _resident_reason(number, today)
        if reason is None or reason.startswith(_CHECK_DIGIT_REASON) or not _plausible_credit_code(number):
            return reason
        return None
    if len(number) == 18:
        return credit_code_error(number)
    if is_ascii_digits(number):
        return _resident_reason(number, today)
    return f"证件号码应为18位的身份证号码或统一社会信用代码（实为{len(number)}位）"


def normalise_phone(value: str) -> str:
    """Mobile -> `13800138000`; landline -> `0591-87654321` (an extension kept as `-123`); a local
    number -> its digits; anything else returned compact and half-width so phone_error can name it."""
    text = compact(as_text(value)).replace("—", "-").replace("(", "").replace(")", "-")
    text = _COUNTRY_PREFIX.sub("", text.strip("-")).strip("-")
    digits = text.replace("-", "")
    if len(digits) == 13 and digits.startswith("86"):  # 86 without the plus
        digits = digits[2:]
    if _MOBILE.fullmatch(digits) or _LOCAL.fullmatch(digits):
        return digits
    landline = _LANDLINE.fullmatch(text)
    if landline:
        area, number, extension = landline.groups()
        return f"{area}-{number}" + (f"-{extension}" if extension else "")
    joined = _JOINED_LANDLINE.fullmatch(text) or _JOINED_LANDLINE.fullmatch(digits)  # 0591-8765-4321
    if joined:
        split = _split_area_code(joined.group(1))
        if split:
            return split + (f"-{joined.group(2)}" if joined.group(2) else "")
    return text


def _split_area_code(digits: str) -> str | None:
    """`059187654321` -> `0591-87654321`: 010 and 02x are three-digit area codes, the rest four."""
    size = 3 if digits.startswith(("010", "02")) else 4
    area, number = digits[:size], digits[size:]
    return f"{area}-{number}" if _SUBSCRIBER.fullmatch(number) else None


def phone_error(value: str) -> str | None:
    """None for a mobile number, a landline with area code or a 7-8 digit local number."""
    raw = compact(as_text(value))
    if not raw:
        return "电话号码为空"
    phone = normalise_phone(raw)
    if _MOBILE.fullmatch(phone) or _LOCAL.fullmatch(phone) or _LANDLINE.fullmatch(phone):
        return None
    digits = re.sub(r"[-\s]", "", phone)
    if is_ascii_digits(digits) and digits.startswith("1"):
        if len(digits) != 11:
            return f"手机号码应为11位（{raw} 实为{len(digits)}位）"
        return f"手机号码 {raw} 的第二位应为3到9"
    return f"电话号码 {raw} 格式不正确：手机号为11位，座机请带区号，如 0591-87654321"
