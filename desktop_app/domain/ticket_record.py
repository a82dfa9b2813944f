"""A 12345 hotline ticket as read from an export, and how the hotline's free texts map to our fixed values.

Hotline systems export their own words: a category such as "施工扰民" or "管道破损", a status such as
"已办结" or "处理中", a satisfaction such as "非常满意". The mapping here is the one place that turns
them into `complaints.CATEGORIES`, `complaints.STEPS` and `complaints.SATISFACTION`. A category text
that no rule recognises becomes 其他 and the reader reports it (a warning), never a silent drop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Mapping, Sequence

from desktop_app.domain.complaints import CATEGORIES, CLOSED, REPLIED, SATISFACTION, STEPS
from desktop_app.domain.located import LocatedNote
from desktop_app.domain.room_entry import RoomRef
from desktop_app.domain.text import compact

OTHER = "其他"
# First match wins: the more specific words come first ("施工扰民" is noise, not 施工管理).
CATEGORY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("管线破坏", ("管线", "管道", "挖断", "挖破", "爆管", "水管", "燃气管", "煤气管", "光缆", "电缆", "断水", "断电",
              "断网", "停水", "停电", "停气")),
    ("扬尘噪音", ("扰民", "噪音", "噪声", "扬尘", "粉尘", "灰尘", "夜间施工", "异味")),
    ("质量安全", ("质量", "安全", "隐患", "渗水", "漏水", "渗漏", "开裂", "裂缝", "脱落", "坍塌", "倒塌", "偷工减料")),
    ("进度", ("进度", "工期", "停工", "延期", "延误", "拖延", "迟迟", "烂尾")),
    ("资金", ("资金", "费用", "收费", "补贴", "补助", "工程款", "欠薪", "工资", "出资", "分摊")),
    ("物业", ("物业", "保洁", "物管")),
    ("施工管理", ("施工", "占道", "围挡", "堆放", "渣土", "工地", "文明")),
)
STATUS_WORDS: dict[str, str] = {
    "受理": "受理", "已受理": "受理", "待受理": "受理", "登记": "受理", "已登记": "受理", "新建": "受理",
    "待处理": "受理",
    "转办": "转办", "已转办": "转办", "派单": "转办", "已派单": "转办", "待签收": "转办", "已交办": "转办",
    "交办": "转办",
    "办理": "办理", "办理中": "办理", "处理中": "办理", "已签收": "办理", "签收": "办理", "在办": "办理",
    "答复": "答复", "已答复": "答复", "已回复": "答复", "回复": "答复", "待回访": "答复", "已回访": "答复",
    "回访": "答复", "待办结": "答复",
    "办结": "办结", "已办结": "办结", "结案": "办结", "已结案": "办结", "已完成": "办结", "完成": "办结",
    "已归档": "办结", "归档": "办结", "已关闭": "办结",
}
SATISFACTION_WORDS: dict[str, str] = {
    "满意": "满意", "非常满意": "满意", "很满意": "满意",
    "基本满意": "基本满意", "比较满意": "基本满意", "一般": "基本满意",
    "不满意": "不满意", "非常不满意": "不满意", "很不满意": "不满意",
    "未评价": "", "未回访": "", "无": "", "-": "",
}


def category_of_text(text: str, overrides: dict[str, str] | None = None) -> tuple[str, bool]:
    """(category, recognised) for a hotline category text. An exact category name or an override wins;
    else the first rule whose word the text contains; else (其他, False) unless the text is 其他 itself."""
    key = compact(text)
    if overrides and key in {compact(k) for k in overrides}:
        chosen = next(v for k, v in overrides.items() if compact(k) == key)
        if chosen not in CATEGORIES:
            raise ValueError(f"unknown complaint category {chosen!r}")
        return chosen, True
    if key in CATEGORIES:
        return key, True
    for category, words in CATEGORY_WORDS:
        if any(word in key for word in words):
            return category, True
    return OTHER, False


def status_of_text(text: str) -> str | None:
    """The handling step a status text names; "" (no status given) is 受理; None when not recognised."""
    key = compact(text)
    if not key:
        return STEPS[0]
    return STATUS_WORDS.get(key)


def satisfaction_of_text(text: str) -> str | None:
    """满意 / 基本满意 / 不满意, "" for none given; None when not recognised."""
    key = compact(text)
    if not key:
        return ""
    found = SATISFACTION_WORDS.get(key)
    return found if found is None or found == "" or found in SATISFACTION else None


@dataclass(frozen=True)
class TicketRow:
    """One valid ticket row of a hotline export (plain values; the services match estate and room)."""

    row: int  # spreadsheet row number
    ticket_no: str
    received_at: str  # yyyy-mm-dd or yyyy-mm-ddTHH:MM
    category: str  # one of complaints.CATEGORIES
    category_text: str = ""  # as the file has it
    estate_text: str = ""  # 所属小区 as given, else 地址
    address: str = ""  # 地址 as given ("" when the file has none)
    room_text: str = ""  # 房号 as given ("" when the file has none)
    room: RoomRef | None = None  # parsed from room_text
    text: str = ""
    due_on: date | None = None
    status: str = STEPS[0]
    reply: str = ""
    satisfaction: str = ""
    complainant: str = ""
    phone: str = ""
    replied_on: date | None = None
    closed_on: date | None = None
    source: str = "12345"  # complaints.SOURCES

    @property
    def received_on(self) -> date:
        return date.fromisoformat(self.received_at[:10])

    @property
    def closed(self) -> bool:
        return self.status == CLOSED

    @property
    def replied(self) -> bool:
        return STEPS.index(self.status) >= STEPS.index(REPLIED)


class TicketNote(LocatedNote):
    """A located remark the import makes after reading (an estate or room not found), shown in the same
    preview table as the reader's `CellError`s."""


def step_dates(steps: Sequence[str], known: Mapping[str, date | None], after: date,
               today: date) -> tuple[tuple[str, date], ...]:
    """Dates for handling steps a ticket reached (in order) that are not on record yet.

    A step dated by the file (`known`: 受理 by the day received, 答复 by 答复日期, 办结 by 办结日期) keeps its date;
    a step the file gives no date for takes the date of the next step that has one (it happened by then),
    else `today` (the day it became known). No step is dated before `after` (the last step on record) or
    before the step before it, so the dates never run backwards."""
    later = today
    backwards = []
    for step in reversed(steps):
        own = known.get(step)
        later = own if own is not None else later
        backwards.append((step, later))
    dated = []
    floor = after
    for step, on in reversed(backwards):
        floor = max(floor, on)
        dated.append((step, floor))
    return tuple(dated)

