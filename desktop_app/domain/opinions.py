"""Consultation events and household opinions (issue 5): the kinds of consultation and the views of a plan.

A household's opinion is one room's answer on one day; when a room answered several times, the latest
opinion (by date, then by the order it was entered) is the household's current view and demands.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, TypeVar

KINDS = ("座谈会", "入户走访", "问卷", "公示反馈", "线上")  # consultation kinds, also an opinion's channel
DOOR_TO_DOOR = "入户走访"
SUPPORT, OBJECTIONS, OPPOSE = STANCES = ("支持", "有意见", "反对")  # "" = not stated
MAX_DEMAND_LENGTH = 40

T = TypeVar("T")


def kind_error(kind: str) -> str | None:
    if kind in KINDS:
        return None
    return f"征求意见方式“{kind}”无效，应为{'、'.join(KINDS)}之一"


def stance_error(stance: str) -> str | None:
    if stance == "" or stance in STANCES:
        return None
    return f"对方案的态度“{stance}”无效，应为{'、'.join(STANCES)}之一或不填"


def demand_error(name: str) -> str | None:
    text = name.strip()
    if not text:
        return "诉求名称不能为空"
    if len(text) > MAX_DEMAND_LENGTH:
        return f"诉求名称不能超过{MAX_DEMAND_LENGTH}个字（实为{len(text)}个字）"
    if any(ch in text for ch in "\r\n\t"):
        return "诉求名称不能包含换行或制表符"
    return None


def unique_names(names: Iterable[str]) -> list[str]:
    """Trimmed, blanks dropped, first occurrence kept, order kept (a demand ticked twice counts once)."""
    seen: dict[str, None] = {}
    for name in names:
        text = name.strip()
        if text:
            seen.setdefault(text, None)
    return list(seen)


def latest_per_room(rows: Iterable[T], *, room: Callable[[T], object],
                    order: Callable[[T], Any]) -> dict[object, T]:
    """The latest row of each room: `room(row)` is the room key, `order(row)` a sortable (date, id) key."""
    latest: dict[object, T] = {}
    for row in rows:
        key = room(row)
        if key not in latest or order(row) > order(latest[key]):
            latest[key] = row
    return latest
