"""Committee setup cases and estates' management modes: reading and validated, audited writes.

A case belongs to one estate and follows one path (业主委员会 / 自管会 / 物业管理委员会). Its stage dates are
recorded in order (`domain.committee.date_errors`); the preparatory group, the candidates (owners of the
estate from the roll, by uid) and the committee are replaced as a whole and checked by the domain's member
rules. Every write runs in one transaction, leaves an audit row and returns
`Changes.of(Topic.COMMITTEE, ids=[case id])` (`create_case` and `add_management` return the new id; their
Changes are `Topic.COMMITTEE` with that id).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date

from desktop_app.domain.committee import (
    COMMITTEE_ROLES, MODES, OWNERS_COMMITTEE, PATHS, PROPERTY_COMPANY, STAGE_FIELDS, CaseDates,
    CommitteeMember, GroupMember, date_errors, group_errors, members_errors, next_stage, stage_of, term_errors,
)
from desktop_app.domain.errors import UserError
from desktop_app.models import Estate, Owner, db
from desktop_app.models.committee_tables import (
    CommitteeCandidate, CommitteeCase, CommitteeGroupMember, CommitteeMemberRow, EstateManagement,
)
from desktop_app.services import audit
from desktop_app.services.changes import Changes, Topic

DATE_LABELS = {"request": "申请日期", "group_formed": "筹备组成立日期", "posting": "筹备事项公告日期",
               "first_meeting": "首次业主大会日期", "election": "选举日期", "committee_meeting": "首次会议日期",
               "filing": "备案日期"}
_COLUMN = {name: f"{name}_on" for name in DATE_LABELS}


class CommitteeError(UserError):
    """A committee record cannot be saved as given (Chinese message; `field` when it is one form field)."""


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _day(text: str | None) -> date | None:
    return None if not text else date.fromisoformat(text)


def _raise(errors: Sequence[str], field: str | None = None) -> None:
    if errors:
        raise CommitteeError("；".join(errors), field)


def _case(case_id: int) -> CommitteeCase:
    case = CommitteeCase.get_or_none(CommitteeCase.id == case_id)
    if case is None:
        raise CommitteeError("该筹备案件已被删除")
    return case


def _changed(case_id: int) -> Changes:
    return Changes.of(Topic.COMMITTEE, ids=[case_id])


# ----------------------------------------------------------------------------- reading
@dataclass(frozen=True)
class CaseSummary:
    id: int
    uid: str
    estate_id: int
    estate_name: str
    path: str
    dates: CaseDates
    stage: str | None
    filing_authority: str
    filing_number: str
    seats: int | None
    notes: str
    attachments: tuple[str, ...]


def case_dates(case: CommitteeCase) -> CaseDates:
    """The case's stage dates and the committee's term (earliest start, latest end of its members)."""
    members = list(CommitteeMemberRow.select().where(CommitteeMemberRow.case == case.id))
    starts = [m.term_start for m in members if m.term_start]
    ends = [m.term_end for m in members if m.term_end]
    values = {name: _day(getattr(case, column)) for name, column in _COLUMN.items()}
    return CaseDates(**values, term_start=_day(min(starts)) if starts else None,
                     term_end=_day(max(ends)) if ends else None)


def case_summary(case_id: int) -> CaseSummary:
    case = _case(case_id)
    dates = case_dates(case)
    return CaseSummary(case.id, case.uid, case.estate_id, Estate.get_by_id(case.estate_id).name, case.path, dates,
                       stage_of(dates), case.filing_authority, case.filing_number, case.seats, case.notes,
                       tuple(json.loads(case.attachments or "[]")))


def list_cases(estate_ids: Sequence[int] | None = None) -> list[CaseSummary]:
    """Every case (of `estate_ids`; None: all), by estate then id."""
    query = CommitteeCase.select(CommitteeCase.id).order_by(CommitteeCase.estate, CommitteeCase.id)
    if estate_ids is not None:
        query = query.where(CommitteeCase.estate.in_(list(estate_ids)))
    return [case_summary(case.id) for case in query]


@dataclass(frozen=True)
class GroupMemberInput:
    name: str
    role: str = "成员"
    unit: str = ""
    owner_representative: bool = False
    owner_uid: str | None = None

    def member(self) -> GroupMember:
        return GroupMember(self.name.strip(), self.role, self.unit.strip(), self.owner_representative)


@dataclass(frozen=True)
class CandidateInput:
    owner_uid: str
    room_uid: str | None = None
    conditions_confirmed: bool = False
    note: str = ""


@dataclass(frozen=True)
class MemberInput:
    name: str
    role: str = "委员"
    owner_uid: str | None = None
    term_start: date | None = None
    term_end: date | None = None


def group_of(case_id: int) -> list[GroupMemberInput]:
    return [GroupMemberInput(m.name, m.role, m.unit, m.owner_representative, m.owner_uid)
            for m in CommitteeGroupMember.select().where(CommitteeGroupMember.case == case_id)
            .order_by(CommitteeGroupMember.position)]


@dataclass(frozen=True)
class Candidate:
    name: str
    owner_uid: str
    room_uid: str | None
    room_label: str
    conditions_confirmed: bool
    note: str


def candidates_of(case_id: int) -> list[Candidate]:
    rows = CommitteeCandidate.select().where(CommitteeCandidate.case == case_id).order_by(CommitteeCandidate.position)
    return [Candidate(c.name, c.owner_uid, c.room_uid, _room_label(c.room_uid), c.conditions_confirmed, c.note)
            for c in rows]


def members_of(case_id: int) -> list[MemberInput]:
    return [MemberInput(m.name, m.role, m.owner_uid, _day(m.term_start), _day(m.term_end))
            for m in CommitteeMemberRow.select().where(CommitteeMemberRow.case == case_id)
            .order_by(CommitteeMemberRow.position)]


# ----------------------------------------------------------------------------- the roll
_OWNER_ROOMS = """
SELECT r.uid, b.name, u.name, r.number FROM owner o JOIN ownership os ON os.owner_id = o.id
JOIN room r ON r.id = os.room_id JOIN unit u ON u.id = r.unit_id JOIN building b ON b.id = u.building_id
WHERE o.uid = ? AND b.estate_id = ? ORDER BY b.sort_key, b.name, u.sort_key, u.name, r.sort_key, r.number"""


def _owner_rooms(owner_uid: str, estate_id: int) -> list[tuple[str, str]]:
    """(room uid, label) of the owner's rooms in the estate."""
    return [(uid, f"{building}号楼{unit + '单元' if unit else ''}{number}室")
            for uid, building, unit, number in db.execute_sql(_OWNER_ROOMS, (owner_uid, estate_id))]


def _room_label(room_uid: str | None) -> str:
    if not room_uid:
        return ""
    row = db.execute_sql("SELECT b.name, u.name, r.number FROM room r JOIN unit u ON u.id = r.unit_id "
                         "JOIN building b ON b.id = u.building_id WHERE r.uid = ?", (room_uid,)).fetchone()
    return "" if row is None else f"{row[0]}号楼{row[1] + '单元' if row[1] else ''}{row[2]}室"


def is_owner_of(owner_uid: str | None, estate_id: int) -> bool:
    return bool(owner_uid) and bool(_owner_rooms(str(owner_uid), estate_id))


# ----------------------------------------------------------------------------- writes
def create_case(estate_id: int, path: str = OWNERS_COMMITTEE, *, request_on: date | None = None,
                notes: str = "") -> int:
    """Open a setup case for the estate; the new id (Changes: `Topic.COMMITTEE` with it)."""
    if Estate.get_or_none(Estate.id == estate_id) is None:
        raise CommitteeError("请选择小区", "estate")
    if path not in PATHS:
        raise CommitteeError(f"类型应为{'、'.join(PATHS)}之一", "path")
    with db.atomic():
        case = CommitteeCase.create(estate=estate_id, path=path, request_on=_iso(request_on), notes=notes.strip())
        audit.record("create", "committee_case", case.uid,
                     summary=f"新建{path}筹备案件：{Estate.get_by_id(estate_id).name}")
    return case.id


def set_dates(case_id: int, **dates: date | None) -> Changes:
    """Record stage dates (request, group_formed, posting, first_meeting, election, committee_meeting, filing);
    a key given as None clears that date."""
    unknown = set(dates) - set(DATE_LABELS)
    if unknown:
        raise CommitteeError("未知的阶段：" + "、".join(sorted(unknown)))
    case = _case(case_id)
    old = case_dates(case)
    new = CaseDates(**{f.name: dates[f.name] if f.name in dates else getattr(old, f.name) for f in fields(old)})
    _raise(date_errors(new), next(iter(dates), None) if len(dates) == 1 else None)
    with db.atomic():
        changes = {}
        for name, value in dates.items():
            before = getattr(case, _COLUMN[name])
            if before != _iso(value):
                changes[DATE_LABELS[name]] = (before, _iso(value))
                setattr(case, _COLUMN[name], _iso(value))
        case.save()
        audit.record("update", "committee_case", case.uid, summary="记录阶段日期", changes=changes)
    return _changed(case_id)


def advance(case_id: int, stage: str, on: date) -> Changes:
    """Record the next stage on `on` (only the stage after the current one)."""
    case = _case(case_id)
    current = stage_of(case_dates(case))
    if next_stage(current) != stage:
        expected = next_stage(current)
        raise CommitteeError(f"下一阶段应为“{expected}”，不能记录“{stage}”" if expected else "该案件已完成备案")
    return set_dates(case_id, **{STAGE_FIELDS[stage]: on})


def set_group(case_id: int, members: Sequence[GroupMemberInput]) -> Changes:
    """Replace the preparatory group (odd number, owners at least half, the leader from the street office)."""
    case = _case(case_id)
    _raise(group_errors([member.member() for member in members]), "group")
    bad = [m.name for m in members if m.owner_uid and not is_owner_of(m.owner_uid, case.estate_id)]
    _raise([f"{name} 不是本小区名册中的业主" for name in bad], "group")
    with db.atomic():
        CommitteeGroupMember.delete().where(CommitteeGroupMember.case == case_id).execute()
        for position, m in enumerate(members):
            CommitteeGroupMember.create(case=case_id, position=position, name=m.name.strip(), role=m.role,
                                        unit=m.unit.strip(), owner_representative=m.owner_representative,
                                        owner_uid=m.owner_uid or None)
        audit.record("update", "committee_case", case.uid, summary=f"筹备组成员 {len(members)} 人",
                     changes={"筹备组": (None, "、".join(f"{m.name}（{m.role}）" for m in members))})
    return _changed(case_id)


def set_candidates(case_id: int, candidates: Sequence[CandidateInput]) -> Changes:
    """Replace the candidates: each an owner of the estate from the roll (by uid), once."""
    case = _case(case_id)
    errors, rows = [], []
    seen: set[str] = set()
    for number, candidate in enumerate(candidates, start=1):
        owner = Owner.get_or_none(Owner.uid == candidate.owner_uid)
        rooms = _owner_rooms(candidate.owner_uid, case.estate_id) if owner is not None else []
        if owner is None or not rooms:
            errors.append(f"第{number}名候选人不是本小区名册中的业主")
            continue
        if candidate.owner_uid in seen:
            errors.append(f"候选人 {owner.name} 重复")
        seen.add(candidate.owner_uid)
        room_uid = candidate.room_uid or rooms[0][0]
        if room_uid not in {uid for uid, _ in rooms}:
            errors.append(f"候选人 {owner.name} 不是所选房屋的业主")
        rows.append((owner.name, candidate, room_uid))
    _raise(errors, "candidates")
    with db.atomic():
        CommitteeCandidate.delete().where(CommitteeCandidate.case == case_id).execute()
        for position, (name, candidate, room_uid) in enumerate(rows):
            CommitteeCandidate.create(case=case_id, position=position, name=name, owner_uid=candidate.owner_uid,
                                      room_uid=room_uid, conditions_confirmed=candidate.conditions_confirmed,
                                      note=candidate.note.strip())
        audit.record("update", "committee_case", case.uid, summary=f"候选人 {len(rows)} 名",
                     changes={"候选人": (None, "、".join(name for name, _, _ in rows))})
    return _changed(case_id)


def set_committee(case_id: int, members: Sequence[MemberInput]) -> Changes:
    """Replace the committee (or the self-management / property management committee) with its terms."""
    case = _case(case_id)
    unknown = sorted({m.role for m in members} - set(COMMITTEE_ROLES))
    _raise(["职务应为主任、副主任或委员，不能是" + "、".join(unknown)] if unknown else [], "members")
    domain_members = [CommitteeMember(m.name.strip(), m.role, is_owner_of(m.owner_uid, case.estate_id))
                      for m in members]
    errors = members_errors(case.path, domain_members, chair_elected=case.committee_meeting_on is not None)
    errors += [f"{m.name}：{reason}" for m in members for reason in term_errors(m.term_start, m.term_end)]
    errors += [f"第{n}名委员未填写姓名" for n, m in enumerate(members, start=1) if not m.name.strip()]
    _raise(errors, "members")
    with db.atomic():
        CommitteeMemberRow.delete().where(CommitteeMemberRow.case == case_id).execute()
        for position, m in enumerate(members):
            CommitteeMemberRow.create(case=case_id, position=position, name=m.name.strip(), owner_uid=m.owner_uid,
                                      role=m.role, term_start=_iso(m.term_start), term_end=_iso(m.term_end))
        audit.record("update", "committee_case", case.uid, summary=f"委员会成员 {len(members)} 人",
                     changes={"委员会": (None, "、".join(f"{m.name}（{m.role}）" for m in members))})
    return _changed(case_id)


def set_filing(case_id: int, *, authority: str, on: date, number: str) -> Changes:
    """The filing: authority, date and number (the date is the 备案 stage)."""
    if not authority.strip():
        raise CommitteeError("请填写备案机关", "filing_authority")
    if not number.strip():
        raise CommitteeError("请填写备案编号", "filing_number")
    with db.atomic():
        changes = set_dates(case_id, filing=on)
        case = _case(case_id)
        before = (case.filing_authority, case.filing_number)
        case.filing_authority, case.filing_number = authority.strip(), number.strip()
        case.save()
        audit.record("update", "committee_case", case.uid, summary="备案",
                     changes={"备案机关、编号": (" ".join(before).strip(), f"{case.filing_authority} {case.filing_number}")})
    return changes


def set_notes(case_id: int, notes: str, attachments: Sequence[str] = ()) -> Changes:
    case = _case(case_id)
    with db.atomic():
        case.notes, case.attachments = notes.strip(), json.dumps(list(attachments), ensure_ascii=False)
        case.save()
        audit.record("update", "committee_case", case.uid, summary="备注与附件",
                     changes={"附件": (None, "、".join(attachments))})
    return _changed(case_id)


def delete_case(case_id: int) -> Changes:
    case = _case(case_id)
    with db.atomic():
        audit.record("delete", "committee_case", case.uid, summary=f"删除{case.path}筹备案件")
        case.delete_instance()
    return _changed(case_id)


# ----------------------------------------------------------------------------- management modes
@dataclass(frozen=True)
class Management:
    id: int
    estate_id: int
    mode: str
    company: str
    contract_start: date | None
    contract_end: date | None
    fee_fen: int | None
    from_on: date | None
    to_on: date | None
    note: str


def management_errors(mode: str, company: str, contract_start: date | None, contract_end: date | None,
                      fee_fen: int | None, from_on: date | None, to_on: date | None) -> dict[str, str]:
    """{field: reason} for a management period (empty: fine)."""
    errors: dict[str, str] = {}
    if mode not in MODES:
        errors["mode"] = f"管理方式应为{'、'.join(MODES)}之一"
    if mode == PROPERTY_COMPANY and not company.strip():
        errors["company"] = "请填写物业服务企业名称"
    if mode != PROPERTY_COMPANY and (company.strip() or fee_fen is not None):
        errors["company"] = "只有物业公司管理时填写企业名称和物业费"
    if contract_start and contract_end and contract_end < contract_start:
        errors["contract_end"] = "合同结束日期早于开始日期"
    if fee_fen is not None and fee_fen < 0:
        errors["fee_fen"] = "物业费不能为负数"
    if from_on and to_on and to_on < from_on:
        errors["to_on"] = "结束日期早于开始日期"
    return errors


def add_management(estate_id: int, mode: str, *, company: str = "", contract_start: date | None = None,
                   contract_end: date | None = None, fee_fen: int | None = None, from_on: date | None = None,
                   to_on: date | None = None, note: str = "") -> int:
    """Record a management period of the estate; the new id (Changes: `Topic.COMMITTEE`)."""
    if Estate.get_or_none(Estate.id == estate_id) is None:
        raise CommitteeError("请选择小区", "estate")
    errors = management_errors(mode, company, contract_start, contract_end, fee_fen, from_on, to_on)
    if errors:
        field, message = next(iter(errors.items()))
        raise CommitteeError(message, field)
    for other in management_of(estate_id):
        if _overlaps(from_on, to_on, other.from_on, other.to_on):
            raise CommitteeError(f"与已记录的“{other.mode}”期间重叠，请先填写其结束日期", "from_on")
    with db.atomic():
        row = EstateManagement.create(estate=estate_id, mode=mode, company=company.strip(),
                                      contract_start=_iso(contract_start), contract_end=_iso(contract_end),
                                      fee_fen=fee_fen, from_on=_iso(from_on), to_on=_iso(to_on), note=note.strip())
        audit.record("create", "estate_management", row.uid,
                     summary=f"{Estate.get_by_id(estate_id).name} 管理方式：{mode}{'（' + company.strip() + '）' if company.strip() else ''}")
    return row.id


def end_management(management_id: int, to_on: date) -> Changes:
    row = EstateManagement.get_or_none(EstateManagement.id == management_id)
    if row is None:
        raise CommitteeError("该管理方式记录已被删除")
    if row.from_on and to_on < _day(row.from_on):  # type: ignore[operator]
        raise CommitteeError("结束日期早于开始日期", "to_on")
    with db.atomic():
        before = row.to_on
        row.to_on = _iso(to_on)
        row.save()
        audit.record("update", "estate_management", row.uid, summary="管理方式结束", changes={"结束日期": (before, row.to_on)})
    return Changes.of(Topic.COMMITTEE)


def management_of(estate_id: int) -> list[Management]:
    rows = EstateManagement.select().where(EstateManagement.estate == estate_id).order_by(EstateManagement.from_on)
    return [Management(r.id, r.estate_id, r.mode, r.company, _day(r.contract_start), _day(r.contract_end), r.fee_fen,
                       _day(r.from_on), _day(r.to_on), r.note) for r in rows]


def _overlaps(a_from: date | None, a_to: date | None, b_from: date | None, b_to: date | None) -> bool:
    return (a_from is None or b_to is None or a_from <= b_to) and (b_from is None or a_to is None or b_from <= a_to)
