"""Setting up an owners' committee (domain.md §3): stages, member rules, clocks and the multi-seat election.

Stages run in order 申请 → 筹备组成立 → 筹备 → 首次业主大会 → 选举 → 首次会议 → 备案; each is reached when its
date is recorded, and a stage may only follow the one before it. The clocks (each a `day_count.Deadline`,
counted from the day after its event, §8):

* 成立筹备组: 60 days after the owners' request;
* 公告期: the first meeting at the earliest on `deadline(posting, 15).end` (notice at least 15 days before);
* 首次业主大会: within 90 days of the group being formed;
* 选举主任: within 7 days of the election (the committee's first meeting);
* 备案: within 30 days of the election (物业管理条例: 自选举产生之日起30日内);
* 任期届满: the term's end as recorded (at most 5 years: the corresponding day five years after the start,
  民法典 第二百零二条).

The election with several seats takes the candidates as vote items; those that pass the ordinary rule, ranked
by agreeing heads then agreeing area, fill the seats; candidates tied at the last seat are reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date

from desktop_app.domain.day_count import Deadline, HolidayTable, deadline

OWNERS_COMMITTEE, SELF_MANAGEMENT, PROPERTY_COMMITTEE = "业主委员会", "自管会", "物业管理委员会"
PATHS = (OWNERS_COMMITTEE, SELF_MANAGEMENT, PROPERTY_COMMITTEE)
STAGES = ("申请", "筹备组成立", "筹备", "首次业主大会", "选举", "首次会议", "备案")
# stage -> the CaseDates field that records it
STAGE_FIELDS: Mapping[str, str] = {
    "申请": "request", "筹备组成立": "group_formed", "筹备": "posting", "首次业主大会": "first_meeting",
    "选举": "election", "首次会议": "committee_meeting", "备案": "filing",
}
LEADER, DEPUTY_LEADER, GROUP_MEMBER = "组长", "副组长", "成员"
GROUP_ROLES = (LEADER, DEPUTY_LEADER, GROUP_MEMBER)
CHAIR, VICE_CHAIR, MEMBER = "主任", "副主任", "委员"
COMMITTEE_ROLES = (CHAIR, VICE_CHAIR, MEMBER)
COMMITTEE_MIN, COMMITTEE_MAX, TERM_YEARS = 5, 11, 5
OTHER_COMMITTEE_MIN = 7
MODES = ("物业公司", "街道社区托管", "自治管理", "无")
PROPERTY_COMPANY, CUSTODY, SELF_MANAGED, NO_MODE = MODES

# clock names (the names of domain.clocks, whose setting clock.<name>.working says how each is counted)
GROUP_CLOCK, POSTING_CLOCK, MEETING_CLOCK = "group_formation", "posting", "first_meeting"
CHAIR_CLOCK, FILING_CLOCK, TERM_CLOCK = "chair", "filing", "term"
CLOCK_NAMES: Mapping[str, str] = {
    GROUP_CLOCK: "成立筹备组", POSTING_CLOCK: "首次业主大会公告期", MEETING_CLOCK: "召开首次业主大会",
    CHAIR_CLOCK: "选举主任、副主任", FILING_CLOCK: "备案", TERM_CLOCK: "任期届满",
}
# clock -> (event field, days, field that completes it)
CLOCK_RULES: Mapping[str, tuple[str, int, str]] = {
    GROUP_CLOCK: ("request", 60, "group_formed"),
    POSTING_CLOCK: ("posting", 15, "first_meeting"),
    MEETING_CLOCK: ("group_formed", 90, "first_meeting"),
    CHAIR_CLOCK: ("election", 7, "committee_meeting"),
    FILING_CLOCK: ("election", 30, "filing"),
}

DONE, DONE_LATE, DUE, OVERDUE, TOO_EARLY, OPEN = "按期完成", "逾期完成", "未到期", "已逾期", "早于最早日期", "可以进行"


@dataclass(frozen=True)
class CaseDates:
    """The dates a case has recorded (None: not yet)."""

    request: date | None = None
    group_formed: date | None = None
    posting: date | None = None
    first_meeting: date | None = None
    election: date | None = None
    committee_meeting: date | None = None
    filing: date | None = None
    term_start: date | None = None
    term_end: date | None = None

    def as_of(self, day: date) -> CaseDates:
        """The dates as they stood on `day`: later events are not yet (the term's end is a date set in advance)."""
        return replace(self, **{f.name: None for f in fields(self) if f.name != "term_end"
                                and getattr(self, f.name) is not None and getattr(self, f.name) > day})


def stage_of(dates: CaseDates) -> str | None:
    """The latest stage reached (the last stage with a date); None before the request."""
    reached = [stage for stage in STAGES if getattr(dates, STAGE_FIELDS[stage]) is not None]
    return reached[-1] if reached else None


def timeline(dates: CaseDates) -> list[tuple[str, date | None]]:
    """Every stage with its date (None: not reached), in order."""
    return [(stage, getattr(dates, STAGE_FIELDS[stage])) for stage in STAGES]


def next_stage(stage: str | None) -> str | None:
    """The stage that may follow `stage` (None: the case is complete)."""
    if stage is None:
        return STAGES[0]
    index = STAGES.index(stage)
    return STAGES[index + 1] if index + 1 < len(STAGES) else None


def may_follow(current: str | None, new: str) -> bool:
    """Whether `new` may be recorded after `current`: only the next stage."""
    return new in STAGES and next_stage(current) == new


def date_errors(dates: CaseDates) -> list[str]:
    """Stage dates out of order or with a gap (a stage recorded before the one it follows)."""
    errors = []
    previous: tuple[str, date] | None = None
    missing: str | None = None
    for stage in STAGES:
        day = getattr(dates, STAGE_FIELDS[stage])
        if day is None:
            missing = missing or stage
            continue
        if missing is not None:
            errors.append(f"尚未记录“{missing}”的日期，不能记录“{stage}”")
            missing = None
        if previous is not None and day < previous[1]:
            errors.append(f"“{stage}”的日期 {day.isoformat()} 早于“{previous[0]}”的日期 {previous[1].isoformat()}")
        previous = (stage, day)
    errors += term_errors(dates.term_start, dates.term_end)
    return errors


# ----------------------------------------------------------------------------- members
@dataclass(frozen=True)
class GroupMember:
    """A member of the preparatory group (筹备组)."""

    name: str
    role: str = GROUP_MEMBER
    unit: str = ""
    owner_representative: bool = False


def is_street_office(unit: str) -> bool:
    """The street office or town government (街道办事处 / 乡镇人民政府)."""
    return "街道" in unit or unit.endswith("镇") or "镇人民政府" in unit or "乡人民政府" in unit


def group_errors(members: Sequence[GroupMember]) -> list[str]:
    """What is wrong with the preparatory group (usable while typing; [] = complete and valid)."""
    if not members:
        return ["请添加筹备组成员"]
    errors = []
    blank = [number for number, member in enumerate(members, start=1) if not member.name.strip()]
    if blank:
        errors.append("第" + "、".join(map(str, blank)) + "名成员未填写姓名")
    count = len(members)
    if count % 2 == 0:
        errors.append(f"筹备组成员人数应为单数，现有 {count} 人")
    owners = sum(1 for member in members if member.owner_representative)
    if 2 * owners < count:
        errors.append(f"业主代表应不少于筹备组成员的一半，现有业主代表 {owners} 人，共 {count} 人")
    leaders = [member for member in members if member.role == LEADER]
    if not leaders:
        errors.append("筹备组应有一名组长（由街道办事处或乡镇人民政府的代表担任）")
    elif len(leaders) > 1:
        errors.append(f"筹备组只能有一名组长，现有 {len(leaders)} 名")
    elif not is_street_office(leaders[0].unit):
        errors.append("筹备组组长应由街道办事处或乡镇人民政府的代表担任")
    unknown = sorted({member.role for member in members} - set(GROUP_ROLES))
    if unknown:
        errors.append("筹备组职务应为组长、副组长或成员，不能是" + "、".join(unknown))
    return errors


@dataclass(frozen=True)
class CommitteeMember:
    """A member of the owners' committee (or of a self-management / property management committee)."""

    name: str
    role: str = MEMBER
    is_owner: bool = True


def add_years(day: date, years: int) -> date:
    """The corresponding day `years` later; 29 February becomes 28 February (民法典 第二百零二条)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def latest_term_end(start: date) -> date:
    """The latest end of a term starting on `start` (five years)."""
    return add_years(start, TERM_YEARS)


def term_errors(start: date | None, end: date | None) -> list[str]:
    if start is None or end is None:
        return [] if end is None else ["填写任期届满日期前，请先填写任期开始日期"]
    if end <= start:
        return ["任期届满日期应晚于任期开始日期"]
    if end > latest_term_end(start):
        return [f"任期不得超过五年：自 {start.isoformat()} 起最迟至 {latest_term_end(start).isoformat()}"]
    return []


def committee_errors(members: Sequence[CommitteeMember], *, chair_elected: bool = False) -> list[str]:
    """An owners' committee: 5–11 members, an odd number, all owners; after its first meeting one 主任."""
    count = len(members)
    errors = []
    if not COMMITTEE_MIN <= count <= COMMITTEE_MAX:
        errors.append(f"业主委员会委员应为 {COMMITTEE_MIN} 至 {COMMITTEE_MAX} 人，现有 {count} 人")
    if count % 2 == 0:
        errors.append(f"业主委员会委员人数应为单数，现有 {count} 人")
    others = [member.name or "（未填姓名）" for member in members if not member.is_owner]
    if others:
        errors.append("业主委员会委员应为本小区业主：" + "、".join(others) + " 不是业主")
    errors += _role_errors(members, chair_elected)
    return errors


def other_committee_errors(members: Sequence[CommitteeMember], *, chair_elected: bool = False) -> list[str]:
    """A self-management or property management committee: at least 7, odd, owners at least half."""
    count = len(members)
    errors = []
    if count < OTHER_COMMITTEE_MIN:
        errors.append(f"委员会成员应不少于 {OTHER_COMMITTEE_MIN} 人，现有 {count} 人")
    if count % 2 == 0:
        errors.append(f"委员会成员人数应为单数，现有 {count} 人")
    owners = sum(1 for member in members if member.is_owner)
    if 2 * owners < count:
        errors.append(f"业主成员应不少于一半，现有业主 {owners} 人，共 {count} 人")
    errors += _role_errors(members, chair_elected)
    return errors


def members_errors(path: str, members: Sequence[CommitteeMember], *, chair_elected: bool = False) -> list[str]:
    """The member rules of the case's path."""
    if path == OWNERS_COMMITTEE:
        return committee_errors(members, chair_elected=chair_elected)
    return other_committee_errors(members, chair_elected=chair_elected)


def _role_errors(members: Sequence[CommitteeMember], chair_elected: bool) -> list[str]:
    errors = []
    unknown = sorted({member.role for member in members} - set(COMMITTEE_ROLES))
    if unknown:
        errors.append("职务应为主任、副主任或委员，不能是" + "、".join(unknown))
    chairs = sum(1 for member in members if member.role == CHAIR)
    if chairs > 1:
        errors.append(f"只能有一名主任，现有 {chairs} 名")
    elif chair_elected and chairs == 0:
        errors.append("首次会议后应有一名主任")
    if sum(1 for member in members if member.role == VICE_CHAIR) and not chairs:
        errors.append("有副主任时应同时有主任")
    return errors


# ----------------------------------------------------------------------------- clocks
@dataclass(frozen=True)
class Clock:
    """One legal clock of a case and where it stands on `today`."""

    key: str
    name: str
    due: Deadline
    done_on: date | None
    state: str  # DONE / DONE_LATE / DUE / OVERDUE / TOO_EARLY / OPEN
    days: int  # DUE: days left; OVERDUE, DONE_LATE: days late; OPEN: days since the earliest date; else 0
    not_before: bool = False  # the posting clock: the due date is the earliest, not the latest

    @property
    def text(self) -> str:
        """"还有 3 天（至2024年10月12日，日）" and the like."""
        end = f"{self.due.end.year}年{self.due.end.month}月{self.due.end.day}日"
        if self.state == DUE:
            lead = f"距最早日期还有 {self.days} 天" if self.not_before else f"还有 {self.days} 天"
            return f"{lead}（{end}，按{self.due.kind}计）"
        if self.state == OVERDUE:
            return f"已逾期 {self.days} 天（期限 {end}，按{self.due.kind}计）"
        if self.state == DONE_LATE:
            return f"逾期 {self.days} 天完成（期限 {end}，按{self.due.kind}计）"
        if self.state == TOO_EARLY:
            return f"早于最早日期 {end} 召开（公告不足{self.due.days}{self.due.kind}）"
        if self.state == OPEN:
            return f"自 {end} 起可以召开（按{self.due.kind}计）"
        return f"按期完成（期限 {end}，按{self.due.kind}计）"

    @property
    def open(self) -> bool:
        """Still to be done (DUE or OVERDUE)."""
        return self.state in (DUE, OVERDUE)


def clock_deadline(key: str, dates: CaseDates, table: HolidayTable, working: bool = False) -> Deadline | None:
    """The deadline of clock `key` from the case's dates; None until its event has a date."""
    if key == TERM_CLOCK:
        if dates.term_start is None or dates.term_end is None:
            return None
        return Deadline(dates.term_start, (dates.term_end - dates.term_start).days, False, dates.term_end, "任期届满")
    event_field, days, _ = CLOCK_RULES[key]
    event = getattr(dates, event_field)
    return None if event is None else deadline(event, days, working=working, table=table)


def group_due(request: date, table: HolidayTable, working: bool = False) -> Deadline:
    """The preparatory group is formed within 60 days of the owners' request."""
    return deadline(request, 60, working=working, table=table)


def earliest_first_meeting(posting: date, table: HolidayTable, working: bool = False) -> Deadline:
    """The notice is posted at least 15 days before the first meeting: its earliest date is the end."""
    return deadline(posting, 15, working=working, table=table)


def first_meeting_due(group_formed: date, table: HolidayTable, working: bool = False) -> Deadline:
    """The first owners' assembly meets within 90 days of the group being formed."""
    return deadline(group_formed, 90, working=working, table=table)


def chair_due(election: date, table: HolidayTable, working: bool = False) -> Deadline:
    """The committee elects its chair within 7 days of the election."""
    return deadline(election, 7, working=working, table=table)


def filing_due(election: date, table: HolidayTable, working: bool = False) -> Deadline:
    """The committee is filed within 30 days of the election."""
    return deadline(election, 30, working=working, table=table)


def clock_state(due: Deadline, done_on: date | None, today: date, *, not_before: bool = False) -> tuple[str, int]:
    """(state, days) of a clock on `today`."""
    if not_before:
        if done_on is not None:
            return (TOO_EARLY, 0) if done_on < due.end else (DONE, 0)
        return (DUE, (due.end - today).days) if today < due.end else (OPEN, (today - due.end).days)
    if done_on is not None:
        return (DONE, 0) if done_on <= due.end else (DONE_LATE, (done_on - due.end).days)
    return (DUE, (due.end - today).days) if today <= due.end else (OVERDUE, (today - due.end).days)


def case_clocks(case_dates: CaseDates, today: date, table: HolidayTable,
                kinds: Mapping[str, bool] | None = None, path: str = OWNERS_COMMITTEE) -> list[Clock]:
    """The clocks whose event has a date, in the order of the stages; `kinds[key]` True counts working days.

    Dates after `today` are not yet (the case as it stood on `today`). The legal clocks are those of an
    owners' committee; a self-management or property management committee has only its term's end."""
    dates = case_dates.as_of(today)
    kinds = kinds or {}
    clocks = []
    keys = (GROUP_CLOCK, POSTING_CLOCK, MEETING_CLOCK, CHAIR_CLOCK, FILING_CLOCK, TERM_CLOCK) \
        if path == OWNERS_COMMITTEE else (TERM_CLOCK,)
    for key in keys:
        due = clock_deadline(key, dates, table, kinds.get(key, False))
        if due is None:
            continue
        done_on = None if key == TERM_CLOCK else getattr(dates, CLOCK_RULES[key][2])
        if key == TERM_CLOCK:
            state, days = clock_state(due, None, today)
        else:
            state, days = clock_state(due, done_on, today, not_before=key == POSTING_CLOCK)
        clocks.append(Clock(key, CLOCK_NAMES[key], due, done_on, state, days, key == POSTING_CLOCK))
    return clocks


def overdue(clocks: Sequence[Clock]) -> list[Clock]:
    return [clock for clock in clocks if clock.state == OVERDUE]


def due_within(clocks: Sequence[Clock], days: int) -> list[Clock]:
    """Open clocks ending in the next `days` days (today included), and the overdue ones."""
    return [clock for clock in clocks if clock.state == OVERDUE
            or (clock.state == DUE and not clock.not_before and clock.days <= days)]


# ----------------------------------------------------------------------------- election
@dataclass(frozen=True)
class CandidateResult:
    """A candidate's line of the election vote's tally."""

    name: str
    passed: bool
    agree_heads: int
    agree_area_centi: int


@dataclass(frozen=True)
class Election:
    """Who fills the seats; `tie` are the candidates tied at the last seat for `open_seats` seats."""

    seats: int
    elected: tuple[CandidateResult, ...]
    tie: tuple[CandidateResult, ...]
    open_seats: int
    not_passed: tuple[CandidateResult, ...]
    runners_up: tuple[CandidateResult, ...]  # passed, ranked below the seats


def elect(candidates_results: Sequence[CandidateResult], seats: int) -> Election:
    """Fill `seats` with the candidates that passed, ranked by agreeing heads then area; a tie at the last
    seat is reported in `tie` (those seats stay open), never broken."""
    if seats < 1:
        raise ValueError("seats must be positive")
    passed = sorted((c for c in candidates_results if c.passed), key=lambda c: (-c.agree_heads, -c.agree_area_centi))
    not_passed = tuple(c for c in candidates_results if not c.passed)
    if len(passed) <= seats:
        return Election(seats, tuple(passed), (), seats - len(passed), not_passed, ())

    def rank(candidate: CandidateResult) -> tuple[int, int]:
        return candidate.agree_heads, candidate.agree_area_centi

    last = rank(passed[seats - 1])
    if rank(passed[seats]) != last:
        return Election(seats, tuple(passed[:seats]), (), 0, not_passed, tuple(passed[seats:]))
    above = tuple(c for c in passed if rank(c) > last)
    tie = tuple(c for c in passed if rank(c) == last)
    below = tuple(c for c in passed if rank(c) < last)
    return Election(seats, above, tie, seats - len(above), not_passed, below)
