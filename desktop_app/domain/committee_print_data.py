"""The plain data of the owners' committee documents (domain.md §3) and the texts built from it.

Four notices (筹备组成员公告, 首次业主大会会议通知, 候选人名单公示, 选举结果公告) are built here as
`print_data.Notice` values for documents/notice.py; the 备案申请表 is its own form (documents/
committee_filing.py). Names are printed as on the roll: these notices exist so that owners can tell who
sits on the group, whom they elect and who was elected (the guidance rules require the lists to be
posted), so the name-masking rule of §7 is not applied. No ID number or phone is part of this data.

The 15-day notice before the first meeting is checked against a deadline the caller passes
(`notice_deadline`: domain.day_count's Deadline, counted with the holiday table); without one a plain
calendar-day count is used. The notice prints which way it was counted (日 / 工作日).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from desktop_app.domain.area import format_area
from desktop_app.domain.dates_text import date_text
from desktop_app.domain.errors import UserError
from desktop_app.domain.print_data import Notice, TableData

MEETING_NOTICE_DAYS = 15  # notice to all owners at least 15 days before the first meeting
CALENDAR = "日"
WORKING = "工作日"
SALUTATION = "各位业主："


class CountedDeadline(Protocol):
    """What the documents need of a deadline (domain.day_count.Deadline has it)."""

    @property
    def start(self) -> date: ...

    @property
    def days(self) -> int: ...

    @property
    def end(self) -> date: ...

    @property
    def kind(self) -> str: ...  # "日" / "工作日"


@dataclass(frozen=True)
class CalendarDeadline:
    """A plain count of calendar days after `start` (day 1 is the day after), no holiday table."""

    start: date
    days: int

    @property
    def end(self) -> date:
        return self.start + timedelta(days=self.days)

    @property
    def kind(self) -> str:
        return CALENDAR


def count_text(deadline: CountedDeadline) -> str:
    """"15日" / "15个工作日"."""
    return f"{deadline.days}个工作日" if deadline.kind == WORKING else f"{deadline.days}日"


def room_label(building: str, unit: str, room: str) -> str:
    """"3号楼1单元502室"; names that are not numbers stay as they are ("A座"); an empty unit is left out."""
    building_text = f"{building}号楼" if building.isdigit() else building
    unit_text = f"{unit}单元" if unit.isdigit() else unit
    room_text = f"{room}室" if room and not room.endswith("室") else room
    return f"{building_text}{unit_text}{room_text}"


@dataclass(frozen=True)
class GroupMember:
    """A member of the preparatory group: name, role in the group, unit or room, owner representative or not."""

    name: str
    role: str  # 组长 / 副组长 / 成员
    unit: str  # "XX街道办事处" / "3号楼1单元502室"
    owner_representative: bool = False


@dataclass(frozen=True)
class GroupMembersData:
    estate_name: str
    issuer: str  # the street office
    posted_on: date
    members: tuple[GroupMember, ...]
    objection_days: int  # the objection period, days after posting
    objection_place: str  # where to object: "XX街道办事处（XX路1号）"
    formed_on: date | None = None
    objection_deadline: CountedDeadline | None = None  # counted with the holiday table by the caller


@dataclass(frozen=True)
class MeetingNoticeData:
    estate_name: str
    issuer: str  # the preparatory group
    posted_on: date
    meeting_on: date
    meeting_time: str  # "上午9:00"
    place: str
    form: str  # "集体讨论" / "书面征求意见" / ...
    agenda: tuple[str, ...]
    notice_deadline: CountedDeadline | None = None  # counted with the holiday table by the caller


@dataclass(frozen=True)
class Candidate:
    name: str  # as on the roll
    building: str
    unit: str
    room: str

    @property
    def room_label(self) -> str:
        return room_label(self.building, self.unit, self.room)


@dataclass(frozen=True)
class CandidateListData:
    estate_name: str
    issuer: str
    posted_on: date
    candidates: tuple[Candidate, ...]
    period_start: date
    period_end: date
    objection_place: str = ""


@dataclass(frozen=True)
class ElectedMember:
    name: str
    room: str  # "3号楼1单元502室"
    agreeing_heads: int
    agreeing_area_centi: int  # hundredths of a m²


@dataclass(frozen=True)
class ElectionResultData:
    estate_name: str
    issuer: str
    posted_on: date
    election_on: date
    owners: int  # heads on the frozen roll
    area_centi: int  # total area on the frozen roll
    seats: int
    elected: tuple[ElectedMember, ...]
    chair: str = ""  # known after the committee's first meeting
    vice_chairs: tuple[str, ...] = ()
    tie_note: str = ""  # reported tie at the last seat, as the election found it


@dataclass(frozen=True)
class FilingMember:
    name: str
    role: str  # 主任 / 副主任 / 委员
    room: str


@dataclass(frozen=True)
class FilingFormData:
    """备案申请表 fields."""

    estate_name: str
    address: str
    authority: str  # 受理机关: the district housing authority and the street office
    members: tuple[FilingMember, ...]
    term_start: date
    term_end: date
    election_on: date
    first_meeting_on: date
    attachments: tuple[str, ...]
    applicant: str = ""  # "XX小区业主委员会"


FILING_ATTACHMENTS = (
    "业主大会成立和业主委员会选举情况",
    "管理规约",
    "业主大会议事规则",
    "业主大会决定的其他重大事项",
    "业主委员会委员名单及身份证明复印件",
)


def _heads(count: int) -> str:
    return f"{count}人"


def group_members_notice(data: GroupMembersData) -> Notice:
    if not data.members:
        raise UserError("筹备组成员名单为空")
    if data.objection_days < 1:
        raise UserError(f"异议期应至少为 1 日，实为 {data.objection_days} 日", field="objection_days")
    owners = sum(1 for member in data.members if member.owner_representative)
    formed = f"于{date_text(data.formed_on)}" if data.formed_on else ""
    objection = data.objection_deadline or CalendarDeadline(data.posted_on, data.objection_days)
    if (objection.start, objection.days) != (data.posted_on, data.objection_days):
        raise UserError("异议期限与公告日期、异议期天数不一致")
    rows = tuple((str(number), member.name, member.role, member.unit, "是" if member.owner_representative else "")
                 for number, member in enumerate(data.members, 1))
    return Notice(
        kind="公告", title=f"关于{data.estate_name}业主大会筹备组成员的公告", salutation=SALUTATION,
        paragraphs=(
            f"根据《业主大会和业主委员会指导规则》，{data.estate_name}业主大会筹备组{formed}成立，"
            f"共{len(data.members)}名成员，其中业主代表{owners}名。现将筹备组成员名单公告如下：",
        ),
        table=TableData(("序号", "姓名", "职务", "单位或房号", "业主代表"), rows, widths=(1, 2, 1.6, 4.6, 1.6)),
        closing=(
            f"业主对筹备组成员有异议的，请于公告之日起{count_text(objection)}内（按{objection.kind}计算，"
            f"至{date_text(objection.end)}止）向{data.objection_place}书面提出。",
        ),
        issuer=data.issuer, issued_on=data.posted_on,
    )


def meeting_deadline(data: MeetingNoticeData) -> CountedDeadline:
    """The deadline the meeting date is checked against: the caller's, else 15 calendar days."""
    deadline = data.notice_deadline or CalendarDeadline(data.posted_on, MEETING_NOTICE_DAYS)
    if deadline.start != data.posted_on:
        raise UserError(f"通知期限的起算日{date_text(deadline.start)}与张贴日期{date_text(data.posted_on)}不一致")
    if deadline.days < MEETING_NOTICE_DAYS:
        raise UserError(f"首次业主大会会议通知期限应至少为{MEETING_NOTICE_DAYS}日，实为{deadline.days}日")
    return deadline


def check_meeting_date(data: MeetingNoticeData) -> CountedDeadline:
    """UserError when the meeting is earlier than the end of the notice period after posting."""
    deadline = meeting_deadline(data)
    if data.meeting_on < deadline.end:
        raise UserError(
            f"会议日期{date_text(data.meeting_on)}距张贴日期{date_text(data.posted_on)}不足{count_text(deadline)}"
            f"（按{deadline.kind}计算），会议最早可定于{date_text(deadline.end)}",
            field="meeting_on",
        )
    return deadline


def meeting_notice(data: MeetingNoticeData) -> Notice:
    if not data.agenda:
        raise UserError("会议议程为空", field="agenda")
    deadline = check_meeting_date(data)
    agenda = tuple(f"{number}. {item}" for number, item in enumerate(data.agenda, 1))
    return Notice(
        kind="通知", title=f"{data.estate_name}首次业主大会会议通知", salutation=SALUTATION,
        paragraphs=(
            f"根据《业主大会和业主委员会指导规则》，经{data.estate_name}业主大会筹备组研究，"
            "定于下列时间召开首次业主大会会议。现将有关事项通知如下：",
            f"一、会议时间：{date_text(data.meeting_on)}{data.meeting_time}",
            f"二、会议地点：{data.place}",
            f"三、会议形式：{data.form}",
            "四、会议议程：",
            *agenda,
        ),
        closing=(
            f"本通知于会议召开{count_text(deadline)}前张贴（按{deadline.kind}计算，通知期至"
            f"{date_text(deadline.end)}）。请各位业主准时参加，本人不能参加的可书面委托代理人参加。",
        ),
        issuer=data.issuer, issued_on=data.posted_on,
    )


def candidate_list_notice(data: CandidateListData) -> Notice:
    if not data.candidates:
        raise UserError("候选人名单为空")
    rows = tuple((str(number), c.name, c.room_label) for number, c in enumerate(data.candidates, 1))
    place = f"向{data.objection_place}" if data.objection_place else ""
    return Notice(
        kind="公示", title=f"{data.estate_name}业主委员会委员候选人名单公示", salutation=SALUTATION,
        paragraphs=(
            f"经业主推荐和筹备组审核，以下{len(data.candidates)}名业主符合业主委员会委员候选人条件，"
            "现予公示：",
        ),
        table=TableData(("序号", "姓名", "房号"), rows, widths=(1, 2.5, 5)),
        closing=(f"公示期内业主对候选人有异议的，请{place}书面提出。",),
        issuer=data.issuer, issued_on=data.posted_on,
        period_start=data.period_start, period_end=data.period_end,
    )


def election_result_notice(data: ElectionResultData) -> Notice:
    if not data.elected:
        raise UserError("当选委员名单为空")
    rows = tuple((str(number), m.name, m.room, _heads(m.agreeing_heads), format_area(m.agreeing_area_centi))
                 for number, m in enumerate(data.elected, 1))
    paragraphs = [
        f"{data.estate_name}首次业主大会于{date_text(data.election_on)}选举产生业主委员会。"
        f"本次选举应选委员{data.seats}名，全体业主{_heads(data.owners)}、"
        f"专有部分面积{format_area(data.area_centi)}平方米。以下{len(data.elected)}名业主当选业主委员会委员：",
    ]
    closing: list[str] = []
    if data.tie_note:
        closing.append(f"说明：{data.tie_note}")
    if data.chair:
        officers = f"经业主委员会首次会议选举，{data.chair}为主任"
        if data.vice_chairs:
            officers += f"，{'、'.join(data.vice_chairs)}为副主任"
        closing.append(officers + "。")
    closing.append("特此公告。")
    return Notice(
        kind="公告", title=f"{data.estate_name}业主委员会选举结果公告", salutation=SALUTATION,
        paragraphs=tuple(paragraphs),
        table=TableData(("序号", "姓名", "房号", "同意人数", "同意面积（㎡）"), rows, widths=(1, 2, 4, 2, 2.8)),
        closing=tuple(closing),
        issuer=data.issuer, issued_on=data.posted_on,
    )


def check_filing(data: FilingFormData) -> None:
    if not data.members:
        raise UserError("业主委员会委员名单为空")
    if data.term_end <= data.term_start:
        raise UserError("任期结束日期应晚于开始日期", field="term_end")
    if data.term_end > _years_after(data.term_start, 5):
        raise UserError("业主委员会任期不得超过5年", field="term_end")
    if data.first_meeting_on < data.election_on:
        raise UserError("首次会议日期不得早于选举日期", field="first_meeting_on")


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
