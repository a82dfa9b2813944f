"""Every setting kept in the database `setting` table, declared once: key, type, default, the page that
edits it, and its Chinese label and description (the model is qutebrowser's `configdata.yml`).

Read and write them only through `services.settings.value` / `set_value` with one of these
definitions; a key not declared here is refused. The stored text stays what earlier versions wrote:
"1"/"0" for a yes/no, digits for a number, JSON lists of yyyy-mm-dd for dates, JSON for a mapping.
`encode` / `decode` translate between that text and the declared type.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from desktop_app.domain.clocks import CLOCKS, Clock
from desktop_app.domain.complaints import DEFAULT_DUE_WORKING_DAYS
from desktop_app.domain.vocabulary import TextEnum

T = TypeVar("T")


class SettingType(TextEnum):
    BOOL = "bool"  # stored "1" / "0"
    INT = "int"  # stored as digits
    TEXT = "text"
    DATE_LIST = "date list"  # stored as a JSON list of yyyy-mm-dd; read as a frozenset of dates
    JSON = "json"  # any JSON value (a mapping, a list)


# The pages that edit a setting (the names of the navigation list); INTERNAL: kept by the program only.
PAGE_VOTES, PAGE_CONSULT, PAGE_SETTINGS, INTERNAL = "改造表决", "征求意见", "设置", ""


@dataclass(frozen=True)
class SettingDefinition(Generic[T]):
    """One setting. A `family` is one row per name: the stored key is `key` followed by the name."""

    key: str
    type: SettingType
    default: T
    page: str
    label: str
    description: str
    family: bool = False
    minimum: int | None = None  # INT only

    def stored_key(self, name: str = "") -> str:
        if self.family != bool(name):
            raise ValueError(f"setting {self.key!r} " + ("needs a name" if self.family else "takes no name"))
        return self.key + name


OPERATOR_NAME: SettingDefinition[str] = SettingDefinition(
    "operator_name", SettingType.TEXT, "", PAGE_SETTINGS, "操作人",
    "记入操作日志、打印记录的操作人姓名；不填时使用电脑的登录用户名。")
BLANK_PARTICIPATES: SettingDefinition[bool] = SettingDefinition(
    "vote.blank_participates", SettingType.BOOL, True, PAGE_VOTES, "空白票计入参与表决",
    "新建表决时的默认做法：表决票上某一事项未作选择的，是否计入参与表决的面积和人数。")
DUE_WORKING_DAYS: SettingDefinition[int] = SettingDefinition(
    "complaint.due_working_days", SettingType.INT, DEFAULT_DUE_WORKING_DAYS, PAGE_CONSULT, "投诉办理时限（天数）",
    "未填写办理期限的投诉，自受理次日起按此天数计算应办结日期（按工作日还是按日见“投诉办理期限按工作日计算”）。",
    minimum=1)
# Superseded by the holiday table (schema V8 moved their dates into it and deleted the rows); nothing
# reads them. Declared still so that the stored key of an old file is recognised, never written.
HOLIDAYS: SettingDefinition[frozenset[date]] = SettingDefinition(
    "calendar.holidays", SettingType.DATE_LIST, frozenset(), INTERNAL, "法定节假日（旧）",
    "旧版本的法定节假日设置，升级时已迁入节假日表，不再使用。")
WORKDAYS: SettingDefinition[frozenset[date]] = SettingDefinition(
    "calendar.workdays", SettingType.DATE_LIST, frozenset(), INTERNAL, "调休上班日（旧）",
    "旧版本的调休上班日设置，升级时已迁入节假日表，不再使用。")
IMPORT_MAPPING: SettingDefinition[Any] = SettingDefinition(
    "import_mapping:", SettingType.JSON, None, INTERNAL, "导入列对应",
    "导入表格时用户确认的列对应关系，按表头记住，下次导入同样表头的表格时直接套用。", family=True)
CATALOGUE_SEEDED: SettingDefinition[bool] = SettingDefinition(
    "catalogue.seeded", SettingType.BOOL, False, INTERNAL, "改造内容目录已初始化",
    "内置的改造内容目录已复制进本数据库；此后以用户编辑的目录为准。")
INSTALLATION_ID: SettingDefinition[str] = SettingDefinition(
    "installation_id", SettingType.TEXT, "", INTERNAL, "本机标识",
    "首次打开数据库时生成，写入每条新记录的来源，用于多台电脑之间交换数据。")



def _clock_working(clock: Clock) -> SettingDefinition[bool]:
    return SettingDefinition(
        f"clock.{clock.name}.working", SettingType.BOOL, clock.working, PAGE_SETTINGS,
        f"{clock.label}期限按工作日计算",
        f"{clock.description}勾选：只计工作日；不勾选：按日计算，最后一日为法定节假日或休息日的，顺延至其后第一个工作日。")


# The way each legal clock (domain.clocks) is counted: True 工作日, False 日.
CLOCK_WORKING: dict[str, SettingDefinition[bool]] = {clock.name: _clock_working(clock) for clock in CLOCKS}

SETTINGS: tuple[SettingDefinition[Any], ...] = (
    OPERATOR_NAME, BLANK_PARTICIPATES, DUE_WORKING_DAYS, HOLIDAYS, WORKDAYS, IMPORT_MAPPING, CATALOGUE_SEEDED,
    INSTALLATION_ID, *CLOCK_WORKING.values(),
)
BY_KEY = {definition.key: definition for definition in SETTINGS}


def find(stored_key: str) -> SettingDefinition[Any] | None:
    """The declaration a stored key belongs to (a family by its prefix), None for an unknown key."""
    if stored_key in BY_KEY and not BY_KEY[stored_key].family:
        return BY_KEY[stored_key]
    return next((d for d in SETTINGS if d.family and stored_key.startswith(d.key) and stored_key != d.key), None)


def page_settings(page: str) -> tuple[SettingDefinition[Any], ...]:
    """The settings a page edits, in declaration order."""
    return tuple(definition for definition in SETTINGS if definition.page == page)


def encode(definition: SettingDefinition[T], value: T) -> str:
    """The stored text of `value`; ValueError (Chinese message) when it is not of the declared type."""
    kind = definition.type
    if kind is SettingType.BOOL:
        if not isinstance(value, bool):
            raise ValueError(f"“{definition.label}”应为是或否")
        return "1" if value else "0"
    if kind is SettingType.INT:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"“{definition.label}”应为整数")
        if definition.minimum is not None and value < definition.minimum:
            raise ValueError(f"“{definition.label}”不能小于 {definition.minimum}")
        return str(value)
    if kind is SettingType.TEXT:
        if not isinstance(value, str):
            raise ValueError(f"“{definition.label}”应为文字")
        return value
    if kind is SettingType.DATE_LIST:
        days: Any = value
        if isinstance(days, (str, bytes)) or not isinstance(days, Iterable) \
                or not all(isinstance(day, date) for day in days):
            raise ValueError(f"“{definition.label}”应为日期列表")
        return json.dumps(sorted(day.isoformat() for day in days))
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        raise ValueError(f"“{definition.label}”无法保存") from None


def decode(definition: SettingDefinition[T], text: str | None) -> T:
    """The value of stored `text`: the default when there is none or it cannot be read (never a string
    where the declaration says otherwise)."""
    if text is None:
        return definition.default
    kind = definition.type
    value: Any
    if kind is SettingType.BOOL:
        value = {"1": True, "0": False}.get(text.strip(), definition.default)
    elif kind is SettingType.INT:
        text = text.strip()
        value = int(text) if text.isascii() and text.isdigit() else definition.default
        if definition.minimum is not None and value < definition.minimum:
            value = definition.default
    elif kind is SettingType.TEXT:
        value = text
    elif kind is SettingType.DATE_LIST:
        value = frozenset(_dates(_json(text, [])))
    else:
        value = _json(text, definition.default)
    return value


def _json(text: str, default: Any) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return default


def _dates(values: Any) -> list[date]:
    found = []
    for value in values if isinstance(values, list) else []:
        try:
            found.append(date.fromisoformat(str(value)))
        except ValueError:
            continue
    return found
