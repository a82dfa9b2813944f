"""Complaints and hotline tickets (issue 5): record, follow step by step to the close, list with overdue.

Rules (categories, steps, overdue, due dates) are in domain/complaints.py. A new complaint gets its
受理 step on the day received and, when no due date is given, the city's default due date (setting
`complaint.due_working_days`, default 15 working days, or calendar days when the setting
`clock.complaint.working` says so; holidays and make-up workdays from services.calendar's holiday
table). Every change is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Sequence

from desktop_app.domain import complaints as rules
from desktop_app.domain.errors import UserError
from desktop_app.domain.identity import normalise_phone, phone_error
from desktop_app.domain.masking import mask_phone
from desktop_app.domain.print_data import RollRow
from desktop_app.domain.setting_definitions import DUE_WORKING_DAYS
from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.models import Complaint, ComplaintStep, Estate, db
from desktop_app.models.clock import now_iso
from desktop_app.services import audit, calendar, settings
from desktop_app.services.changes import NONE, Changes, Topic
from desktop_app.services.consult.period import period_conditions
from desktop_app.services.roll import ValidationError
from desktop_app.services.scope import ALL, Scope
from desktop_app.services.settings import operator_name

OPEN = "未办结"  # list filter: every status but 办结


class ComplaintError(UserError):
    """The complaint cannot be moved on; the message (Chinese) says why."""


GONE = "该投诉已不存在（可能已在另一个窗口中删除），请刷新投诉台账"


def _complaint(complaint_id: int) -> Complaint:
    record = Complaint.get_or_none(Complaint.id == complaint_id)
    if record is None:
        raise ComplaintError(GONE)
    return record


def _rows(sql: str, params: Sequence[object] = ()) -> list[tuple]:
    return list(db.execute_sql(sql, tuple(params)).fetchall())


def due_working_days() -> int:
    return settings.value(DUE_WORKING_DAYS)


def default_due_on(received: date) -> date:
    """The due date the city rule gives a complaint received on `received` (see the module docstring)."""
    return calendar.clock_deadline("complaint", received, due_working_days()).end


def _day(value: date | datetime | str | None) -> date | None:
    if value is None or value == "":
        return None
    return _date_of(value)


def _date_of(value: date | datetime | str) -> date:
    """The day of a date, a datetime or stored text (yyyy-mm-dd, or yyyy-mm-ddTHH:MM)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass
class ComplaintDraft:
    ticket_no: str = ""  # 12345 ticket number; "" for a walk-in without one
    source: str = "12345"
    received_at: date | datetime | None = None
    category: str = ""
    estate_id: int | None = None
    room_id: int | None = None
    address: str = ""
    complainant: str = ""
    phone: str = ""
    text: str = ""
    due_on: date | None = None  # None: the city's default due date


def _room_estate(room_id: int) -> int | None:
    found = _rows("SELECT b.estate_id FROM room r JOIN unit u ON u.id = r.unit_id JOIN building b ON b.id = u.building_id "
                  "WHERE r.id = ?", [room_id])
    return int(found[0][0]) if found else None


def complaint_errors(draft: ComplaintDraft, complaint_id: int | None = None, *,
                     today: date) -> dict[str, str]:
    """field -> Chinese reason, for the form as the user types (a receipt after `today` is a typing error)."""
    errors: dict[str, str] = {}
    ticket = draft.ticket_no.strip()
    if ticket:
        other = Complaint.get_or_none(Complaint.ticket_no == ticket)
        if other is not None and other.id != complaint_id:
            errors["ticket_no"] = f"工单号“{ticket}”已登记（{other.received_at[:10]} {other.category}）"
    if (reason := rules.source_error(draft.source)) is not None:
        errors["source"] = reason
    received = _day(draft.received_at)
    if received is None:
        errors["received_at"] = "请填写受理日期"
    elif received > today:
        errors["received_at"] = f"受理日期 {received.isoformat()} 晚于今天"
    if (reason := rules.category_error(draft.category)) is not None:
        errors["category"] = reason if draft.category else "请选择投诉类别"
    if draft.estate_id is not None and Estate.get_or_none(Estate.id == draft.estate_id) is None:
        errors["estate_id"] = "所选小区已不存在"
    if draft.room_id is not None:
        estate = _room_estate(draft.room_id)
        if estate is None:
            errors["room_id"] = "所选房屋已不存在"
        elif draft.estate_id is not None and estate != draft.estate_id:
            errors["room_id"] = "所选房屋不在所选小区内"
    if draft.phone.strip() and (reason := phone_error(draft.phone)) is not None:
        errors["phone"] = reason
    if draft.due_on is not None and received is not None and draft.due_on < received:
        errors["due_on"] = f"办理期限 {draft.due_on.isoformat()} 早于受理日期 {received.isoformat()}"
    if complaint_id is not None and received is not None:
        earlier = (ComplaintStep.select().where((ComplaintStep.complaint == complaint_id)
                                                & (ComplaintStep.step != rules.RECEIVED)
                                                & (ComplaintStep.on_date < received.isoformat())).first())
        if earlier is not None:
            errors["received_at"] = f"受理日期晚于已登记的“{earlier.step}”日期 {earlier.on_date}"
    return errors


def _received_text(value: date | datetime) -> str:
    if isinstance(value, datetime) and (value.hour or value.minute):
        return value.strftime("%Y-%m-%dT%H:%M")
    return _date_of(value).isoformat()


def _values(draft: ComplaintDraft) -> dict:
    received_at = draft.received_at
    if received_at is None:  # complaint_errors refuses a draft without it
        raise ValueError("a complaint draft without a received date")
    received = _date_of(received_at)
    estate = draft.estate_id if draft.estate_id is not None or draft.room_id is None else _room_estate(draft.room_id)
    return {"ticket_no": draft.ticket_no.strip() or None, "source": draft.source,
            "received_at": _received_text(received_at), "category": draft.category, "estate": estate,
            "room": draft.room_id, "address": draft.address.strip(), "complainant": draft.complainant.strip(),
            "phone": normalise_phone(draft.phone) if draft.phone.strip() else "", "text": draft.text.strip(),
            "due_on": (draft.due_on or default_due_on(received)).isoformat()}


def _label(values_or_record) -> str:
    get = values_or_record.get if isinstance(values_or_record, dict) else lambda k: getattr(values_or_record, k)
    return f"投诉 {get('ticket_no') or '（无工单号）'} {get('category')}"


def save_complaint(draft: ComplaintDraft, complaint_id: int | None = None, *, actor: str | None = None,
                   today: date) -> int:
    """Create (with its 受理 step) or update a complaint's particulars; ValidationError when the draft is wrong.
    Steps, reply and satisfaction change through `advance` / `set_satisfaction`."""
    errors = complaint_errors(draft, complaint_id, today=today)
    if errors:
        raise ValidationError(errors)
    values = _values(draft)
    actor = actor or operator_name()
    with db.atomic():
        if complaint_id is None:
            record = Complaint.create(**values, status=rules.RECEIVED)
            ComplaintStep.create(complaint=record, step=rules.RECEIVED, on_date=values["received_at"][:10], actor=actor)
            changes = {key: (None, value) for key, value in values.items()}
            audit.record("create", "complaint", record.uid, actor=actor, summary=f"登记{_label(values)}",
                         changes=changes)
            return record.id
        record = _complaint(complaint_id)
        old = {key: getattr(record, key + "_id" if key in ("estate", "room") else key) for key in values}
        changes = {key: (old[key], value) for key, value in values.items() if old[key] != value}
        if changes:
            Complaint.update(**values, updated_at=now_iso()).where(Complaint.id == complaint_id).execute()
            if "received_at" in changes:
                ComplaintStep.update(on_date=values["received_at"][:10]).where(
                    (ComplaintStep.complaint == complaint_id) & (ComplaintStep.step == rules.RECEIVED)).execute()
            audit.record("update", "complaint", record.uid, actor=actor, summary=f"修改{_label(values)}",
                         changes=changes)
        return record.id


@dataclass(frozen=True)
class StepRecord:
    id: int
    step: str
    on_date: date
    actor: str
    note: str


def advance(complaint_id: int, step: str, on_date: date, actor: str = "", note: str = "", *,
            reply: str | None = None, satisfaction: str | None = None, today: date) -> StepRecord:
    """Move a complaint forward to `step` (skipping allowed, never backwards) on `on_date`.

    Writes a complaint_step row and the complaint's status; 答复/办结 may carry the reply (办结 needs one on
    record); 办结 sets closed_on. A date after `today` or before the last step is refused. Raises
    ComplaintError with the Chinese reason and writes nothing otherwise."""
    with db.atomic():
        record = _complaint(complaint_id)
        new_reply = record.reply if reply is None else reply.strip()
        reason = rules.step_error(record.status, step, reply=new_reply)
        if reason is None and satisfaction is not None:
            reason = rules.satisfaction_error(satisfaction)
        last = (ComplaintStep.select().where(ComplaintStep.complaint == complaint_id)
                .order_by(ComplaintStep.on_date.desc(), -ComplaintStep.id).first())
        if reason is None and on_date > today:
            reason = f"{step}日期 {on_date.isoformat()} 晚于今天"
        if reason is None and on_date < _date_of(record.received_at):
            reason = f"{step}日期 {on_date.isoformat()} 早于受理日期 {record.received_at[:10]}"
        if reason is None and last is not None and on_date.isoformat() < last.on_date:
            reason = f"{step}日期 {on_date.isoformat()} 早于上一环节“{last.step}”的日期 {last.on_date}"
        if reason is not None:
            raise ComplaintError(reason)
        who = actor.strip() or operator_name()
        row = ComplaintStep.create(complaint=record, step=step, on_date=on_date.isoformat(), actor=who,
                                   note=note.strip())
        changes: dict[str, tuple] = {"status": (record.status, step)}
        record.status = step
        if new_reply != record.reply:
            changes["reply"] = (record.reply, new_reply)
            record.reply = new_reply
        if satisfaction is not None and satisfaction != record.satisfaction:
            changes["satisfaction"] = (record.satisfaction, satisfaction)
            record.satisfaction = satisfaction
        if step == rules.CLOSED:
            changes["closed_on"] = (record.closed_on, on_date.isoformat())
            record.closed_on = on_date.isoformat()
        record.save()
        audit.record("update", "complaint", record.uid, actor=who, changes=changes,
                     summary=f"{_label(record)} {step}（{on_date.isoformat()}）")
        return StepRecord(row.id, step, on_date, who, row.note)


def set_satisfaction(complaint_id: int, satisfaction: str, *, actor: str | None = None) -> Changes:
    """Record the resident's satisfaction (回访), at any step; "" clears it. Returns the Changes."""
    reason = rules.satisfaction_error(satisfaction)
    if reason is not None:
        raise ComplaintError(reason)
    with db.atomic():
        record = _complaint(complaint_id)
        if record.satisfaction == satisfaction:
            return NONE
        audit.record("update", "complaint", record.uid, actor=actor or operator_name(),
                     summary=f"{_label(record)} 满意度", changes={"satisfaction": (record.satisfaction, satisfaction)})
        record.satisfaction = satisfaction
        record.save()
    return Changes.of(Topic.COMPLAINTS, ids=(complaint_id,))


def delete_complaint(complaint_id: int, *, actor: str | None = None) -> Changes:
    """Delete a complaint and its steps; returns the Changes."""
    with db.atomic():
        record = _complaint(complaint_id)
        audit.record("delete", "complaint", record.uid, actor=actor or operator_name(), summary=f"删除{_label(record)}")
        record.delete_instance()
    return Changes.of(Topic.COMPLAINTS, ids=(complaint_id,))


@dataclass(frozen=True)
class ComplaintRow:
    id: int
    uid: str
    ticket_no: str
    source: str
    received_at: str  # as stored: yyyy-mm-dd or yyyy-mm-ddTHH:MM
    received_on: date
    category: str
    estate_id: int | None
    estate: str
    room_id: int | None
    room: str  # "3号楼1单元502室" or ""
    address: str
    complainant: str
    phone_masked: str
    text: str
    due_on: date | None
    status: str
    reply: str
    satisfaction: str
    closed_on: date | None
    overdue_state: str  # "" / 逾期未办结 / 超期办结 (on the `today` of the listing)

    @property
    def overdue(self) -> bool:
        return self.overdue_state != ""

    @property
    def closed(self) -> bool:
        return self.status == rules.CLOSED


_SELECT = (
    "SELECT c.id, c.uid, coalesce(c.ticket_no, ''), c.source, c.received_at, c.category, c.estate_id, "
    "coalesce(e.name, ''), c.room_id, coalesce(b.name, ''), coalesce(u.name, ''), coalesce(r.number, ''), "
    "c.address, c.complainant, c.phone, c.text, c.due_on, c.status, c.reply, c.satisfaction, c.closed_on "
    "FROM complaint c LEFT JOIN estate e ON e.id = c.estate_id LEFT JOIN room r ON r.id = c.room_id "
    "LEFT JOIN unit u ON u.id = r.unit_id LEFT JOIN building b ON b.id = u.building_id"
)
_SCOPE = {  # complaints of a scope: by estate above the building level, by room below it
    ScopeLevel.STREET: "e.community_id IN (SELECT id FROM community WHERE street_id = ?)",
    ScopeLevel.COMMUNITY: "e.community_id = ?",
    ScopeLevel.ESTATE: "c.estate_id = ?",
    ScopeLevel.BUILDING: "u.building_id = ?",
    ScopeLevel.UNIT: "r.unit_id = ?",
}


def scope_condition(scope: Scope) -> tuple[str, list]:
    """SQL over aliases c (complaint), e, r, u, b selecting the complaints of a scope (every one for ALL)."""
    return ("1", []) if scope.level is ScopeLevel.ALL else (_SCOPE[scope.level], [scope.id])


def _row(values: tuple, today: date) -> ComplaintRow:
    (cid, uid, ticket, source, received, category, estate_id, estate, room_id, building, unit, number,
     address, complainant, phone, text, due_on, status, reply, satisfaction, closed_on) = values
    due, closed = _day(due_on), _day(closed_on)
    room = ""
    if room_id is not None and number:
        room = RollRow(building, unit, number, 0).label
    return ComplaintRow(cid, uid, ticket, source, received, _date_of(received), category, estate_id, estate, room_id,
                        room, address, complainant, mask_phone(phone), text, due, status, reply, satisfaction, closed,
                        rules.overdue_state(due, closed, today))


def list_complaints(scope: Scope = ALL, *, status: str | None = None, category: str | None = None,
                    start: date | None = None, end: date | None = None, overdue_only: bool = False,
                    today: date) -> list[ComplaintRow]:
    """Complaints of a scope received between start and end (inclusive), newest first, with overdue judged
    on `today`. status: a step, or OPEN (未办结) for every complaint not closed."""
    condition, params = scope_condition(scope)
    where = [condition]
    if status == OPEN:
        where.append("c.status != ?")
        params.append(rules.CLOSED)
    elif status:
        where.append("c.status = ?")
        params.append(status)
    if category:
        where.append("c.category = ?")
        params.append(category)
    period, period_params = period_conditions("substr(c.received_at, 1, 10)", start, end)
    where += period
    params += period_params
    rows = _rows(f"{_SELECT} WHERE {' AND '.join(where)} ORDER BY c.received_at DESC, c.id DESC", params)
    found = [_row(values, today) for values in rows]
    return [row for row in found if row.overdue] if overdue_only else found  # judged by domain.complaints


@dataclass(frozen=True)
class ComplaintDetail:
    row: ComplaintRow
    phone: str  # full, for staff calling back (never printed or exported)
    steps: tuple[StepRecord, ...]  # in order

    def draft(self) -> ComplaintDraft:
        row = self.row
        received = datetime.fromisoformat(row.received_at) if "T" in row.received_at else row.received_on
        return ComplaintDraft(row.ticket_no, row.source, received, row.category, row.estate_id, row.room_id,
                              row.address, row.complainant, self.phone, row.text, row.due_on)


def complaint_detail(complaint_id: int, today: date) -> ComplaintDetail:
    rows = _rows(f"{_SELECT} WHERE c.id = ?", [complaint_id])
    if not rows:
        raise ComplaintError(GONE)
    steps = ComplaintStep.select().where(ComplaintStep.complaint == complaint_id) \
        .order_by(ComplaintStep.on_date, ComplaintStep.id)
    return ComplaintDetail(_row(rows[0], today), rows[0][14],
                           tuple(StepRecord(s.id, s.step, date.fromisoformat(s.on_date), s.actor, s.note) for s in steps))
