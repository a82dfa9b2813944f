"""The renovation catalogue (domain.md section 5, 国办发〔2020〕23号): three categories of items.

The shipped catalogue is reference data (`resources/reference/renovation_catalogue.json`); users edit
their copy in the database. This module only reads and checks catalogue text; it does no I/O.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.domain.errors import UserError

BASIC, IMPROVEMENT, UPGRADE = "基础类", "完善类", "提升类"
CATEGORIES = (BASIC, IMPROVEMENT, UPGRADE)
MAX_NAME_LENGTH = 40


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    category: str
    name: str
    position: int = 0


class CatalogueError(UserError):
    """The catalogue text is not usable; the message is Chinese and names the entry."""


def item_name_error(name: str) -> str | None:
    """None for a usable item name, else the Chinese reason."""
    text = name.strip()
    if not text:
        return "改造内容名称不能为空"
    if len(text) > MAX_NAME_LENGTH:
        return f"改造内容名称不能超过{MAX_NAME_LENGTH}个字（实为{len(text)}个字）"
    if any(ch in text for ch in "\r\n\t"):
        return "改造内容名称不能包含换行或制表符"
    return None


def category_error(category: str) -> str | None:
    if category in CATEGORIES:
        return None
    return f"改造类别“{category}”无效，应为基础类、完善类或提升类"


def parse_catalogue(text: str) -> list[CatalogueEntry]:
    """The entries of a catalogue JSON text ({"categories": {category: [name, ...]}}), in order.

    Raises CatalogueError for an unknown category, an empty or over-long name, or a name given twice.
    """
    try:
        data = json.loads(text)
        categories = data["categories"]
    except (ValueError, KeyError, TypeError) as error:
        raise CatalogueError("改造内容目录格式错误：不是含有各类别改造内容的目录数据") from error
    if not isinstance(categories, dict):
        raise CatalogueError("改造内容目录格式错误：各类别及其改造内容应成组列出")
    entries: list[CatalogueEntry] = []
    seen: set[str] = set()
    for category, names in categories.items():
        if (reason := category_error(category)) is not None:
            raise CatalogueError(reason)
        if not isinstance(names, list):
            raise CatalogueError(f"改造内容目录格式错误：“{category}”应为名称列表")
        for name in names:
            if not isinstance(name, str) or (reason := item_name_error(name)) is not None:
                raise CatalogueError(f"{category}：{reason or '名称应为文字'}")
            if name.strip() in seen:
                raise CatalogueError(f"{category}：“{name.strip()}”重复")
            seen.add(name.strip())
            entries.append(CatalogueEntry(category, name.strip(), len(entries)))
    return entries


def entry_codes(entries: Sequence[CatalogueEntry]) -> list[int]:
    """The number each entry is printed with on the 征求意见表 and typed at door-to-door entry: its position
    in the catalogue plus one. Positions never change (a new item goes after the last, a hidden item keeps
    its place), so a form printed before the catalogue was edited is still keyed onto the right items.
    Entries without distinct positions (made by hand) are numbered 1, 2, ... in the order given."""
    codes = [entry.position + 1 for entry in entries]
    if len(set(codes)) != len(codes) or any(code < 1 for code in codes):
        return list(range(1, len(entries) + 1))
    return codes


def category_of(name: str, entries: list[CatalogueEntry]) -> str:
    """The category of a catalogue item by name; "" for a free-text item."""
    key = name.strip()
    return next((entry.category for entry in entries if entry.name == key), "")
