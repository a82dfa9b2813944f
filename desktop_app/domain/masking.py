"""The one masking rule for personal data shown where it is not needed (domain.md section 7).

ID numbers keep the first 6 and last 4 characters, mobiles the first 3 and last 4 digits, landlines
the area code and last 4 digits, names the surname. Every function is idempotent: masking a masked
value changes nothing, and it never reveals more characters than the rule allows."""

from __future__ import annotations

import re

from desktop_app.domain.text import compact

MASK = "*"
# The common compound surnames. Rarer ones (单于, 乐正 ...) are left out on purpose: they read as a
# common surname (单, 乐) followed by a given name, and keeping two characters would reveal too much.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 令狐 宇文 司徒 夏侯 轩辕 端木 独孤 南宫 西门 百里 "
    "呼延 澹台 公冶 万俟 闻人 赫连 太史 申屠".split()
)
ID_FULL_LENGTH = 18

# `*` may stand where a digit was, so that a masked value is recognised again (idempotence).
_MOBILE = re.compile(r"(?:\+86|0086)?(1[0-9*]{10})")
_LANDLINE = re.compile(r"(0[0-9]{2,3})-([0-9*]{7,8})(?:-([0-9*]{1,6}))?")
_LANDLINE_JOINED = re.compile(r"0[0-9]{2}[0-9*]{8}|0[0-9]{3}[0-9*]{7,8}")


def _keep_last(text: str, kept: int = 4) -> str:
    """All but the last `kept` characters masked; a value no longer than that is masked entirely."""
    if len(text) <= kept:
        return MASK * len(text)
    return MASK * (len(text) - kept) + text[-kept:]


def mask_id_number(value: str | None) -> str:
    """`350402199001011234` -> `350402********1234`; a shorter value keeps only its last 4.
    Position for position: every character is kept or replaced by `*`, none is added or removed."""
    text = "" if value is None else str(value)
    if len(text) >= ID_FULL_LENGTH:
        return text[:6] + MASK * (len(text) - 10) + text[-4:]
    return _keep_last(text)


def mask_phone(value: str | None) -> str:
    """`13800138000` -> `138****8000`; `0591-87654321` -> `0591-****4321`; else all but the last 4."""
    text = compact("" if value is None else str(value)).replace("(", "").replace(")", "-").strip("-")
    mobile = _MOBILE.fullmatch(text.replace("-", ""))
    if mobile:
        number = mobile.group(1)
        return number[:3] + MASK * 4 + number[-4:]
    if _LANDLINE_JOINED.fullmatch(text):
        size = 3 if text.startswith(("010", "02")) else 4
        text = f"{text[:size]}-{text[size:]}"
    landline = _LANDLINE.fullmatch(text)
    if landline:
        area, number, extension = landline.groups()
        masked = f"{area}-{_keep_last(number)}"
        return masked + (f"-{MASK * len(extension)}" if extension else "")
    return _keep_last(text.replace("-", ""))


def mask_name(value: str | None) -> str:
    """`张三` -> `张*`, `张三丰` -> `张**`, `欧阳娜娜` -> `欧阳**`; a one-character name unchanged.
    Position for position, like mask_id_number (callers pass the stored, trimmed name)."""
    name = "" if value is None else str(value)
    if len(name) <= 1:
        return name
    surname = 2 if len(name) > 2 and name[:2] in COMPOUND_SURNAMES else 1
    return name[:surname] + MASK * (len(name) - surname)
