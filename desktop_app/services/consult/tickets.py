"""Import 12345 hotline tickets: preview what would change, then write it in one transaction, idempotently.

The file is read by `exchange.ticket_reader` (the caller passes its result: services never read
files). The preview matches each ticket's 所属小区 text to an estate (by code, by name, or by the
estate name an address contains) and its 房号 to a room of that estate; a ticket that matches no
estate or room keeps its address text and gets a warning. It counts new / updated / unchanged tickets
by ticket number and writes nothing.

Applying is idempotent by ticket number: a ticket already on record is updated (status forward only,
reply, satisfaction, due date; blanks filled) and gets the handling steps it lacks between its stored
status and the file's; nothing is duplicated, and a second import of the same file changes nothing.
Steps the file gives no date for are dated by the next known date (答复日期, 办结日期) or the import day,
never before the step before them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Protocol, Sequence

from desktop_app.domain import complaints as rules
from desktop_app.domain.errors import Cancelled, UserError
from desktop_app.domain.room_entry import RoomRef, matches, parse_room_entry
from desktop_app.domain.text import compact
from desktop_app.domain.ticket_record import TicketNote, TicketRow, step_dates
from desktop_app.models import Complaint, ComplaintStep, Estate, db
from desktop_app.models.clock import current_origin, new_uid, now_iso
from desktop_app.services import audit
from desktop_app.services.consult.complaints import default_due_on
from desktop_app.services.settings import operator_name

IMPORT_ACTOR = "12345热线（导入）"
CHUNK = 500  # ticket numbers per IN (...) query, under SQLite's bound-parameter limit
NEW, UPDATED, UNCHANGED = "新增", "更新", "未变"


class TicketSource(Protocol):
    """What `exchange.ticket_reader.read_tickets` returns (only these attributes are used)."""

    file: str
    sheet: str
    tickets: list[TicketRow]
    errors: list
    warnings: list
    invalid_rows: set[int]
    labels: dict[str, str]


class TicketImportError(UserError):
    """The import cannot be applied; the message (Chinese) says why."""


@dataclass(frozen=True)
class TicketPlan:
    """What importing one ticket does."""

    ticket: TicketRow
    kind: str  # 新增 / 更新 / 未变
    complaint_id: int | None
    estate_id: int | None
    estate_name: str
    room_id: int | None
    values: dict  # new complaint: every column; existing: the changed columns (new values)
    old: dict  # existing: the changed columns' stored values
    steps: tuple[tuple[str, date], ...]  # handling steps to add, in order


@dataclass
class TicketImportPreview:
    file: str
    sheet: str
    plans: list[TicketPlan] = field(default_factory=list)
    errors: list = field(default_factory=list)  # the reader's CellErrors: rows that will not be imported
    warnings: list = field(default_factory=list)  # the reader's and the matching's (TicketNote)
    invalid_rows: set[int] = field(default_factory=set)
    today: date = field(default_factory=date.today)

    def count(self, kind: str) -> int:
        return sum(1 for plan in self.plans if plan.kind == kind)

    @property
    def new(self) -> int:
        return self.count(NEW)

    @property
    def updated(self) -> int:
        return self.count(UPDATED)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)


@dataclass(frozen=True)
class TicketImportSummary:
    created: int
    updated: int
    unchanged: int
    steps_added: int


class _Places:
    """What planning needs from the database, read once: estates by code and name, each estate's rooms,
    the complaints on record for the file's ticket numbers, the due dates by day received."""

    def __init__(self, tickets: Sequence[TicketRow] = ()) -> None:
        self.estates = [(e.id, e.code or "", e.name) for e in Estate.select(Estate.id, Estate.code, Estate.name)]
        self.by_key: dict[str, tuple[int, str]] = {}
        for estate_id, code, name in self.estates:
            for key in (compact(code), compact(name), _bare(name)):
                if key:
                    self.by_key.setdefault(key, (estate_id, name))
        self.rooms: dict[int, list[tuple[str, str, str, int]]] = {}
        self.records: dict[str, Complaint] = {}
        numbers = [ticket.ticket_no for ticket in tickets]
        for at in range(0, len(numbers), CHUNK):
            for record in Complaint.select().where(Complaint.ticket_no.in_(numbers[at:at + CHUNK])):
                if record.ticket_no is not None:  # always: IN matches no NULL
                    self.records[record.ticket_no] = record
        self.due: dict[date, date] = {}

    def due_on(self, received: date) -> date:
        if received not in self.due:
            self.due[received] = default_due_on(received)
        return self.due[received]

    def estate(self, text: str) -> tuple[int | None, str, str, str]:
        """(estate id, estate name, the rest of the text after the name, reason when not found)."""
        key = compact(text)
        found = self.by_key.get(key) or self.by_key.get(_bare(key))
        if found:
            return found[0], found[1], "", ""
        contained: dict[int, tuple[int, str, str]] = {}
        for estate_id, _code, name in self.estates:
            for variant in (compact(name), _bare(name)):
                at = key.find(variant) if len(variant) >= 2 else -1
                if at >= 0 and len(variant) > contained.get(estate_id, (0,))[0]:
                    contained[estate_id] = (len(variant), name, key[at + len(variant):])
        if not contained:
            return None, "", "", "对不上任何小区（按小区名称或编码），只保留地址文字"
        longest = max(length for length, _n, _r in contained.values())
        best = [(estate_id, name, rest) for estate_id, (length, name, rest) in contained.items() if length == longest]
        if len(best) > 1:
            names = "、".join(sorted(name for _i, name, _r in best))
            return None, "", "", f"地址中含有多个小区的名称（{names}），无法确定，只保留地址文字"
        return best[0][0], best[0][1], best[0][2], ""

    def room(self, estate_id: int, ref: RoomRef) -> list[int]:
        if estate_id not in self.rooms:
            self.rooms[estate_id] = list(db.execute_sql(
                "SELECT b.name, u.name, r.number, r.id FROM room r JOIN unit u ON u.id = r.unit_id "
                "JOIN building b ON b.id = u.building_id WHERE b.estate_id = ?", (estate_id,)).fetchall())
        return [room_id for building, unit, number, room_id in self.rooms[estate_id]
                if matches(ref, building, unit, number)]


def _bare(name: str) -> str:
    key = compact(name)
    return key[:-2] if key.endswith("小区") and len(key) > 3 else ""


def _stored_steps(complaint_id: int) -> list[tuple[str, str]]:
    return [(s.step, s.on_date) for s in ComplaintStep.select(ComplaintStep.step, ComplaintStep.on_date)
            .where(ComplaintStep.complaint == complaint_id).order_by(ComplaintStep.on_date, ComplaintStep.id)]


def _step_dates(ticket: TicketRow, steps: Sequence[str], after: date, today: date) -> tuple[tuple[str, date], ...]:
    known = {rules.RECEIVED: ticket.received_on, rules.REPLIED: ticket.replied_on,
             rules.CLOSED: ticket.closed_on or ticket.replied_on}
    return step_dates(steps, known, after, today)


Note = Callable[[TicketRow, str, str, str], None]  # (ticket, field, value, reason)


def _plan(ticket: TicketRow, places: _Places, today: date, remark: Note | None = None) -> TicketPlan:
    def note(name: str, value: str, reason: str) -> None:
        if remark is not None:
            remark(ticket, name, value, reason)

    if ticket.closed and ticket.closed_on is None and ticket.replied_on is None:
        note("status", ticket.status, f"已办结但没有办结日期和答复日期，办结日期按导入当天（{today:%Y-%m-%d}）记录，"
                                      "会影响平均办结天数和超期判断；请补上办结日期后重新导入")
    if ticket.closed and not ticket.reply.strip():
        note("reply", "", "已办结但没有答复内容（手工办结时必须填写答复）；请向承办单位补要答复内容")
    estate_id, estate_name, rest, reason = places.estate(ticket.estate_text)
    if estate_id is None and ticket.address and ticket.address != ticket.estate_text:
        estate_id, estate_name, rest, _again = places.estate(ticket.address)
    if estate_id is None:
        note("estate" if ticket.estate_text != ticket.address else "address", ticket.estate_text, reason)
    room_id = None
    if estate_id is not None:
        if ticket.room is not None:
            found = places.room(estate_id, ticket.room)
            if len(found) == 1:
                room_id = found[0]
            else:
                why = "中没有这间房屋" if not found else f"中有 {len(found)} 间房屋都符合，请写明楼栋和单元"
                note("room", ticket.room_text, f"小区“{estate_name}”{why}，只保留地址")
        elif rest:
            ref = parse_room_entry(rest)
            found = places.room(estate_id, ref) if ref is not None and ref.building is not None else []
            room_id = found[0] if len(found) == 1 else None
    address = ticket.address or " ".join(part for part in (ticket.estate_text, ticket.room_text) if part)
    record = places.records.get(ticket.ticket_no)
    if record is None:
        step_names = rules.STEPS[:rules.STEPS.index(ticket.status) + 1]
        dated = _step_dates(ticket, step_names, ticket.received_on, today)
        values = {"ticket_no": ticket.ticket_no, "source": ticket.source, "received_at": ticket.received_at,
                  "category": ticket.category, "estate": estate_id, "room": room_id, "address": address,
                  "complainant": ticket.complainant, "phone": ticket.phone, "text": ticket.text,
                  "due_on": (ticket.due_on or places.due_on(ticket.received_on)).isoformat(),
                  "status": ticket.status, "reply": ticket.reply, "satisfaction": ticket.satisfaction,
                  "closed_on": dated[-1][1].isoformat() if ticket.closed else None}
        return TicketPlan(ticket, NEW, None, estate_id, estate_name, room_id, values, {}, dated)
    wanted: dict = {}
    stored_index = rules.STEPS.index(record.status)
    file_index = rules.STEPS.index(ticket.status)
    steps: tuple[tuple[str, date], ...] = ()
    if file_index > stored_index:
        stored = _stored_steps(record.id)
        last = max([date.fromisoformat(on[:10]) for _s, on in stored] + [ticket.received_on])
        steps = _step_dates(ticket, rules.STEPS[stored_index + 1:file_index + 1], last, today)
        wanted["status"] = ticket.status
        if ticket.closed:
            wanted["closed_on"] = steps[-1][1].isoformat()
    elif file_index < stored_index:
        note("status", ticket.status, f"库中这张工单已是“{record.status}”，状态不回退")
    if ticket.reply and ticket.reply != record.reply:
        wanted["reply"] = ticket.reply
    if ticket.satisfaction and ticket.satisfaction != record.satisfaction:
        wanted["satisfaction"] = ticket.satisfaction
    if ticket.due_on is not None and ticket.due_on.isoformat() != record.due_on:
        wanted["due_on"] = ticket.due_on.isoformat()
    for name, value in (("text", ticket.text), ("complainant", ticket.complainant), ("phone", ticket.phone),
                        ("address", address)):
        if value and not getattr(record, name):
            wanted[name] = value
    if record.estate_id is None and estate_id is not None:
        wanted["estate"] = estate_id
    if record.room_id is None and room_id is not None and (record.estate_id in (None, estate_id)):
        wanted["room"] = room_id
    old = {name: getattr(record, name + "_id" if name in ("estate", "room") else name) for name in wanted}
    kind = UPDATED if wanted or steps else UNCHANGED
    return TicketPlan(ticket, kind, record.id, estate_id, estate_name, room_id, wanted, old, steps)


def preview_ticket_import(source: TicketSource, *, today: date) -> TicketImportPreview:
    """What importing the tickets read from a file would do (overdue judged on `today`); writes nothing."""
    preview = TicketImportPreview(file=source.file, sheet=source.sheet, errors=list(source.errors),
                                  warnings=list(source.warnings), invalid_rows=set(source.invalid_rows), today=today)
    places = _Places(source.tickets)

    def remark(ticket: TicketRow, name: str, value: str, reason: str) -> None:
        column = source.labels.get(name, name)
        preview.warnings.append(TicketNote(source.file, source.sheet, ticket.row, column, value, reason))

    preview.plans = [_plan(ticket, places, today, remark) for ticket in source.tickets]
    preview.warnings.sort(key=lambda w: w.row)
    return preview


def apply_ticket_import(preview: TicketImportPreview, *, only_valid: bool = False,
                        progress: Callable[[int, int], bool] | None = None) -> TicketImportSummary:
    """Write the previewed tickets in one transaction (planned again inside it, so a change made since
    the preview is seen). Errors in the file refuse the import unless `only_valid`; `progress(done,
    total)` returning False raises Cancelled after rolling back."""
    if preview.errors and not only_valid:
        raise TicketImportError(f"文件中有 {len(preview.errors)} 处错误，没有导入任何工单。"
                                "请改正后重新导入，或者选择只导入无误的行。")
    tickets = [plan.ticket for plan in preview.plans]
    actor = operator_name()
    total = 2 * len(tickets)  # planned, then written

    def report(done: int) -> None:
        if progress is not None and not progress(done, total):
            raise Cancelled("已取消导入，数据库没有任何改变。")

    with db.atomic():  # an exception (Cancelled included) rolls everything back
        places = _Places(tickets)
        plans = []
        for done, ticket in enumerate(tickets, 1):
            plans.append(_plan(ticket, places, preview.today))
            if done % 100 == 0:
                report(done)
        report(len(tickets))
        summary = _write(plans, actor, preview.file, lambda done: report(len(tickets) + done))
        if summary.created or summary.updated:
            audit.record("import", "complaint", "", actor=actor,
                         summary=f"导入12345工单“{preview.file}”：新增 {summary.created} 件，更新 {summary.updated} 件，"
                                 f"未变 {summary.unchanged} 件，补记办理环节 {summary.steps_added} 个")
    return summary


_COMPLAINT_COLUMNS = ("ticket_no", "source", "received_at", "category", "estate_id", "room_id", "address",
                      "complainant", "phone", "text", "due_on", "status", "reply", "satisfaction", "closed_on")
_SYNCED = ("uid", "created_at", "updated_at", "origin")
_STEP_COLUMNS = ("complaint_id", "step", "on_date", "actor", "note")
_AUDIT_COLUMNS = ("at", "actor", "action", "table_name", "record_uid", "summary", "changes")


def _insert(table: str, columns: Sequence[str], rows: list[tuple]) -> None:
    """Many rows in one statement per row batch (sqlite3 executemany: ten times peewee's insert_many)."""
    if rows:
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        db.cursor().executemany(sql, rows)


def _audit_row(action: str, uid: str, actor: str, summary: str, changes: dict) -> tuple:
    """An audit_log row as `audit.record` writes it."""
    return (now_iso(), actor, action, "complaint", uid, summary,
            json.dumps({k: [v[0], v[1]] for k, v in changes.items()}, ensure_ascii=False, default=str))


def _write(plans: list[TicketPlan], actor: str, file: str, report: Callable[[int], None]) -> TicketImportSummary:
    """New complaints, the updated ones, their steps and audit rows (inside the caller's transaction)."""
    note = f"导入自“{file}”"
    new = [plan for plan in plans if plan.kind == NEW]
    updated = [plan for plan in plans if plan.kind == UPDATED]
    audits: list[tuple] = []
    steps: list[tuple] = []
    origin = current_origin()
    for at in range(0, len(new), CHUNK):
        chunk = new[at:at + CHUNK]
        stamp = now_iso()
        uids = [new_uid() for _plan in chunk]
        _insert("complaint", _COMPLAINT_COLUMNS + _SYNCED,
                [tuple(plan.values[name.removesuffix("_id")] for name in _COMPLAINT_COLUMNS) + (uid, stamp, stamp, origin)
                 for plan, uid in zip(chunk, uids)])
        ids = dict(db.execute_sql(f"SELECT uid, id FROM complaint WHERE uid IN ({', '.join('?' * len(uids))})",
                                  uids).fetchall())
        for plan, uid in zip(chunk, uids):
            audits.append(_audit_row("create", uid, actor, f"导入工单 {plan.ticket.ticket_no}",
                                     {name: (None, value) for name, value in plan.values.items()}))
            steps += [(ids[uid], step, on.isoformat(), IMPORT_ACTOR, note) for step, on in plan.steps]
        report(at + len(chunk))
    uid_of: dict[int, str] = {}
    for at in range(0, len(updated), CHUNK):
        chunk_ids = [plan.complaint_id for plan in updated[at:at + CHUNK]]
        uid_of.update(db.execute_sql(f"SELECT id, uid FROM complaint WHERE id IN ({', '.join('?' * len(chunk_ids))})",
                                     chunk_ids).fetchall())
    for done, plan in enumerate(updated, 1):
        if plan.complaint_id is None:  # an update plan always names its complaint
            raise ValueError(f"update plan for ticket {plan.ticket.ticket_no} has no complaint")
        Complaint.update(**plan.values, updated_at=now_iso()).where(Complaint.id == plan.complaint_id).execute()
        changes = {name: (plan.old[name], value) for name, value in plan.values.items()}
        if plan.steps:
            changes["steps"] = ("", "、".join(step for step, _on in plan.steps))
        audits.append(_audit_row("update", uid_of[plan.complaint_id], actor, f"导入更新工单 {plan.ticket.ticket_no}",
                                 changes))
        steps += [(plan.complaint_id, step, on.isoformat(), IMPORT_ACTOR, note) for step, on in plan.steps]
        if done % 100 == 0:
            report(len(new) + done)
    stamp = now_iso()
    _insert("complaint_step", _STEP_COLUMNS + _SYNCED, [row + (new_uid(), stamp, stamp, origin) for row in steps])
    _insert("audit_log", _AUDIT_COLUMNS, audits)
    report(len(plans))
    return TicketImportSummary(len(new), len(updated), len(plans) - len(new) - len(updated), len(steps))
