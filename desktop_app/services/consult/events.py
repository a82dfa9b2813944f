"""Consultation events and household opinions (issue 5): validated save/delete, each change audited.

Events (座谈会, 入户走访, ...) belong to a scope; opinions belong to a room and optionally to an event.
An opinion's demands are catalogue items (stored in opinion_demand with their category) and free tags
(category ""); a name given twice is stored once. Fast door-to-door entry is `OpinionSession`
(`opinion_session.py`); demand summaries are in `demands.py`. Both are re-exported here.
Deleting asks nothing: the UI asks the user first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Sequence

from desktop_app.domain.opinions import kind_error
from desktop_app.models import Consultation, Opinion, db
from desktop_app.services import audit
from desktop_app.services.changes import Changes, Topic
from desktop_app.services.consult.demands import (
    BuildingColumn, DemandItem, DemandSummary, UnreachedRoom, demand_summary, households_not_reached,
    vote_items_from_demands,
)
from desktop_app.services.consult.opinions import (
    Demand, OpinionDraft, OpinionRecord, delete_opinion, opinion, opinion_errors, opinions_of_room, record_opinion,
    room_in_scope,
)
from desktop_app.services.consult.opinion_session import OpinionSession, OpinionState, SessionRoom
from desktop_app.services.roll import ValidationError
from desktop_app.services.scope import ALL, Scope, estate_of_scope, exists, scope_label, scope_path
from desktop_app.services.settings import operator_name

__all__ = [
    "EventDraft", "EventRecord", "event_errors", "event_warnings", "save_event", "delete_event", "event",
    "event_draft", "list_events", "OpinionDraft", "OpinionRecord", "Demand", "opinion_errors", "record_opinion",
    "opinions_of_room", "opinion", "delete_opinion", "ValidationError", "OpinionSession", "OpinionState",
    "SessionRoom", "DemandSummary", "DemandItem", "BuildingColumn", "demand_summary", "households_not_reached",
    "vote_items_from_demands", "UnreachedRoom", "room_in_scope",
]

MAX_ATTENDANCE = 100_000


def _rows(sql: str, params: Sequence[object] = ()) -> list[tuple]:
    return list(db.execute_sql(sql, tuple(params)).fetchall())


# ---------------------------------------------------------------- events
@dataclass
class EventDraft:
    kind: str = "座谈会"
    held_on: date | None = None
    scope: Scope = ALL
    title: str = ""
    place: str = ""
    organiser: str = ""
    attendance: int = 0
    minutes: str = ""
    attachments: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class EventRecord:
    id: int
    uid: str
    kind: str
    title: str
    held_on: date
    place: str
    scope: Scope
    scope_label: str
    estate_id: int | None
    organiser: str
    attendance: int
    minutes: str
    attachments: tuple[str, ...]
    opinions: int  # opinions recorded against this event


def event_errors(draft: EventDraft) -> dict[str, str]:
    """field -> Chinese reason, for the form as the user types."""
    errors: dict[str, str] = {}
    if (reason := kind_error(draft.kind)) is not None:
        errors["kind"] = reason
    if draft.held_on is None:
        errors["held_on"] = "请填写征求意见的日期"
    if not exists(draft.scope):
        errors["scope"] = "所选范围已不存在，请重新选择"
    if not isinstance(draft.attendance, int) or isinstance(draft.attendance, bool) \
            or not 0 <= draft.attendance <= MAX_ATTENDANCE:
        errors["attendance"] = f"参加人数应为 0 到 {MAX_ATTENDANCE} 之间的整数"
    if any(not str(path).strip() for path in draft.attachments):
        errors["attachments"] = "附件路径不能为空"
    return errors


def event_warnings(draft: EventDraft) -> list[str]:
    """Things worth saying that do not stop saving: attachments that are not (or no longer) on this PC."""
    return [f"附件“{path}”不存在（可能已移动或在其他电脑上）"
            for path in draft.attachments if str(path).strip() and not Path(path).exists()]


def _event_values(draft: EventDraft, held_on: date) -> dict:
    return {"kind": draft.kind, "title": draft.title.strip(), "held_on": held_on.isoformat(),
            "place": draft.place.strip(), "scope": draft.scope.to_text(), "scope_label": scope_label(draft.scope),
            "estate": estate_of_scope(draft.scope), "organiser": draft.organiser.strip(),
            "attendance": draft.attendance, "minutes": draft.minutes.strip(),
            "attachments": json.dumps([str(p).strip() for p in draft.attachments], ensure_ascii=False)}


def _event_label(values: dict) -> str:
    return f"{values['held_on']} {values['kind']}" + (f"“{values['title']}”" if values["title"] else "")


def save_event(draft: EventDraft, event_id: int | None = None) -> int:
    """Create (event_id None) or update an event; ValidationError(field -> reason) when the draft is wrong."""
    errors = event_errors(draft)
    if errors:
        raise ValidationError(errors)
    if draft.held_on is None:  # event_errors refuses a draft without a date
        raise ValueError("an event draft without a date")
    values = _event_values(draft, draft.held_on)
    with db.atomic():
        if event_id is None:
            record = Consultation.create(**values)
            changes = {key: (None, value) for key, value in values.items()}
            action, verb = "create", "新增征求意见活动"
        else:
            record = Consultation.get_by_id(event_id)
            changes = {key: (getattr(record, key if key != "estate" else "estate_id"), value)
                       for key, value in values.items()}
            changes = {key: pair for key, pair in changes.items() if pair[0] != pair[1]}
            if not changes:
                return record.id
            Consultation.update(**values).where(Consultation.id == event_id).execute()
            record = Consultation.get_by_id(event_id)
            record.save()  # updated_at
            action, verb = "update", "修改征求意见活动"
        audit.record(action, "consultation", record.uid, summary=f"{verb} {_event_label(values)}",
                     actor=operator_name(), changes=changes)
        return record.id


def delete_event(event_id: int) -> Changes:
    """Delete an event; its opinions stay on record (no longer linked to it). Returns the Changes."""
    with db.atomic():
        record = Consultation.get_by_id(event_id)
        audit.record("delete", "consultation", record.uid, actor=operator_name(),
                     summary=f"删除征求意见活动 {record.held_on} {record.kind} {record.title}".rstrip())
        record.delete_instance()
    return Changes.of(Topic.CONSULTATIONS, ids=(event_id,)) | Changes.of(Topic.OPINIONS)


def _event_record(row: Consultation, opinions: int) -> EventRecord:
    return EventRecord(row.id, row.uid, row.kind, row.title, date.fromisoformat(row.held_on), row.place,
                       Scope.from_text(row.scope), row.scope_label, row.estate_id, row.organiser, row.attendance,
                       row.minutes, tuple(json.loads(row.attachments or "[]")), opinions)


def event(event_id: int) -> EventRecord:
    row = Consultation.get_by_id(event_id)
    return _event_record(row, Opinion.select().where(Opinion.consultation == event_id).count())


def event_draft(event_id: int) -> EventDraft:
    record = event(event_id)
    return EventDraft(record.kind, record.held_on, record.scope, record.title, record.place, record.organiser,
                      record.attendance, record.minutes, list(record.attachments))


def list_events(scope: Scope = ALL, start: date | None = None, end: date | None = None, *,
                covering: bool = False) -> list[EventRecord]:
    """Events held within `scope` (their own scope lies inside it) between start and end (inclusive),
    newest first. covering=True adds the events of wider scopes that include it (a street-wide 座谈会
    when looking at one estate)."""
    query = Consultation.select()
    if start is not None:
        query = query.where(Consultation.held_on >= start.isoformat())
    if end is not None:
        query = query.where(Consultation.held_on <= end.isoformat())
    rows = list(query.order_by(Consultation.held_on.desc(), -Consultation.id))
    counts = dict(_rows("SELECT consultation_id, count(*) FROM opinion WHERE consultation_id IS NOT NULL "
                        "GROUP BY consultation_id"))
    wider = set(scope_path(scope)) | {ALL}
    paths: dict[str, set[Scope]] = {}
    found = []
    for row in rows:
        event_scope = Scope.from_text(row.scope)
        if row.scope not in paths:
            paths[row.scope] = set(scope_path(event_scope))
        inside = scope == ALL or scope in paths[row.scope]
        if inside or (covering and event_scope in wider):
            found.append(_event_record(row, counts.get(row.id, 0)))
    return found
