"""One row of the district's 改造计划 (formats.md), checked cell by cell: what a project, an item and a fund
row hold once read, and the pure rules each cell obeys. No I/O: the reader hands over raw cell values (text,
numbers as int or float, dates) and gets back plain values or a `PlanCellError` with the Chinese reason.

Lists (the estates of a 片区 project, their counts) are separated by 、 (also ， ; ；, as people type).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from desktop_app.domain.catalogue import CATEGORIES, CatalogueEntry, category_of, item_name_error
from desktop_app.domain.errors import UserError
from desktop_app.domain.money import MoneyError, parse_fen
from desktop_app.domain.projects import Schedule, fund_source, fund_source_error, paid_error, plan_year_error

MAX_CODE_LENGTH = 40
MAX_COUNT = 1_000_000
_LIST_SEPARATORS = re.compile(r"[、;；,，]")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


class PlanCellError(UserError):
    """A cell of the plan that cannot be taken as written; the message is Chinese."""


@dataclass(frozen=True, slots=True)
class PlanEstate:
    """An estate a project covers: its district code ("" when the plan gives only a name), its name
    ("" when only the code), its declared counts, and where to put it if the database does not know it."""

    code: str
    name: str
    buildings: int | None = None
    households: int | None = None
    street: str = ""
    community: str = ""

    @property
    def key(self) -> str:
        return self.code or self.name


@dataclass(frozen=True, slots=True)
class PlanProject:
    code: str
    name: str
    plan_year: int
    estates: tuple[PlanEstate, ...]
    schedule: Schedule = field(default_factory=Schedule)
    contractor: str = ""
    supervisor: str = ""
    declared_buildings: int | None = None  # a 片区 project's one total, when not split by estate
    declared_households: int | None = None


@dataclass(frozen=True, slots=True)
class PlanItem:
    project_code: str
    name: str
    category: str
    quantity: str = ""  # exact decimal text
    unit: str = ""
    planned_fen: int = 0


@dataclass(frozen=True, slots=True)
class PlanFund:
    project_code: str
    source: str  # canonical, domain.projects.FUND_SOURCES
    planned_fen: int = 0
    allocated_fen: int = 0
    paid_fen: int = 0


def cell_text(value: object) -> str:
    """A cell as trimmed text; a whole float from a spreadsheet (2024.0) as "2024"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def split_list(text: str) -> list[str]:
    """"A、B、C" -> ["A", "B", "C"]; empty places kept ("A、、C" -> ["A", "", "C"]); "" -> []."""
    if not text.strip():
        return []
    return [part.strip() for part in _LIST_SEPARATORS.split(text)]


def project_code(value: object) -> str:
    text = cell_text(value)
    if not text:
        raise PlanCellError("项目编号不能为空")
    if len(text) > MAX_CODE_LENGTH:
        raise PlanCellError(f"项目编号不能超过{MAX_CODE_LENGTH}个字符")
    if any(ch in text for ch in "\r\n\t"):
        raise PlanCellError("项目编号不能包含换行或制表符")
    return text


def required_text(value: object, what: str) -> str:
    text = cell_text(value)
    if not text:
        raise PlanCellError(f"{what}不能为空")
    return text


def plan_year(value: object) -> int:
    text = cell_text(value).removesuffix("年")
    if not text:
        raise PlanCellError("年度不能为空")
    if not text.isascii() or not text.isdigit():
        raise PlanCellError(f"年度“{text}”应为四位数字年份，如 2024")
    reason = plan_year_error(int(text))
    if reason:
        raise PlanCellError(reason)
    return int(text)


def plan_date(value: object) -> date | None:
    """A date cell: a spreadsheet date, or text such as 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, 20240301."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PlanCellError("日期被存成了数字，请把单元格设为日期格式，或写成 2024-03-01")
    text = cell_text(value)
    if not text:
        return None
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    if not match:
        raise PlanCellError(f"日期“{text}”格式不对，应为 年-月-日，如 2024-03-01")
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise PlanCellError(f"日期“{text}”不存在") from None


def count(value: object, what: str) -> int:
    """A non-negative whole number (楼栋数, 户数)."""
    if isinstance(value, bool):
        raise PlanCellError(f"{what}应为整数")
    if isinstance(value, float):
        if not value.is_integer():
            raise PlanCellError(f"{what}应为整数")
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = cell_text(value)
        if not text.isascii() or not text.isdigit():
            raise PlanCellError(f"{what}“{text}”应为整数")
        number = int(text)
    if number < 0:
        raise PlanCellError(f"{what}不能为负数")
    if number > MAX_COUNT:
        raise PlanCellError(f"{what} {number} 过大，请核对")
    return number


def counts_for(value: object, estates: int, what: str) -> tuple[int | None, list[int | None]]:
    """楼栋数 or 户数 of a project covering `estates` estates: (project total, per-estate counts).

    Empty: nothing declared. One number for one estate: that estate's count. A list separated by 、 with one
    number per estate: per estate. One number for several estates: the project's total."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        single = count(value, what)
        return (None, [single]) if estates == 1 else (single, [None] * estates)
    parts = split_list(cell_text(value))
    if not parts:
        return None, [None] * estates
    if len(parts) == 1:
        single = count(parts[0], what)
        return (None, [single]) if estates == 1 else (single, [None] * estates)
    if len(parts) != estates:
        raise PlanCellError(f"{what}列出了 {len(parts)} 个数，但项目有 {estates} 个小区；"
                            "请每个小区一个数（用“、”分隔），或只写一个合计数")
    return None, [count(part, what) if part else None for part in parts]


def estates_of(codes_value: object, names_value: object) -> list[tuple[str, str]]:
    """(code, name) of each estate of 小区编码 / 小区名称, both lists separated by 、."""
    codes, names = split_list(cell_text(codes_value)), split_list(cell_text(names_value))
    if not codes and not names:
        raise PlanCellError("小区编码和小区名称不能都为空")
    if codes and names and len(codes) != len(names):
        raise PlanCellError(f"小区编码有 {len(codes)} 个，小区名称有 {len(names)} 个，两者应一一对应（用“、”分隔）")
    codes = codes or [""] * len(names)
    names = names or [""] * len(codes)
    pairs = list(zip(codes, names))
    for code, name in pairs:
        if not code and not name:
            raise PlanCellError("小区列表中有空项（两个“、”之间没有内容）")
    keys = [code or name for code, name in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise PlanCellError(f"小区“{'、'.join(repeated)}”重复列出")
    return pairs


def places_for(value: object, estates: int, what: str) -> list[str]:
    """街道 / 社区 of the estates: one name for all, or one per estate separated by 、."""
    parts = split_list(cell_text(value))
    if not parts:
        return [""] * estates
    if len(parts) == 1:
        return parts * estates
    if len(parts) != estates:
        raise PlanCellError(f"{what}列出了 {len(parts)} 个，但项目有 {estates} 个小区；请只写一个，或每个小区一个")
    return parts


def item_name(value: object) -> str:
    text = cell_text(value)
    reason = item_name_error(text)
    if reason:
        raise PlanCellError(reason)
    return text


def item_category(name: str, value: object, entries: list[CatalogueEntry]) -> str:
    """The category written, or, when empty, the catalogue's category of `name`."""
    text = cell_text(value)
    if text:
        if text not in CATEGORIES:
            raise PlanCellError(f"改造类别“{text}”无效，应为{'、'.join(CATEGORIES)}之一")
        return text
    found = category_of(name, entries)
    if not found:
        raise PlanCellError(f"“{name}”不在改造内容目录中，请填写类别（{'、'.join(CATEGORIES)}）")
    return found


def quantity(value: object) -> str:
    """An exact non-negative decimal as text ("" when empty): 120, 35.5; a float by its shortest form."""
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise PlanCellError("数量应为数字")
        return ""
    text = repr(value) if isinstance(value, float) else cell_text(value)
    if not text:
        return ""
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise PlanCellError(f"数量“{text}”应为数字") from None
    if not number.is_finite() or number < 0:
        raise PlanCellError(f"数量“{text}”应为不小于 0 的数字")
    normal = number.normalize()
    return format(normal, "f") if normal == normal.to_integral_value() else format(number, "f").rstrip("0")


def money(value: object) -> int:
    """An amount in 元 (empty: 0) to the fen."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    try:
        return parse_fen(value)
    except MoneyError as error:
        raise PlanCellError(str(error)) from None


def source(value: object) -> str:
    text = cell_text(value)
    if not text:
        raise PlanCellError("资金来源不能为空")
    found = fund_source(text)
    if found is None:
        raise PlanCellError(fund_source_error(text) or "资金来源无效")
    return found


def check_paid(allocated_fen: int, paid_fen: int) -> None:
    reason = paid_error(allocated_fen, paid_fen)
    if reason:
        raise PlanCellError(reason)
