"""Household opinions (issue 5): one room's view of the plan and its demands, validated and audited.

An opinion's demands are catalogue items (stored in opinion_demand with their category) and free tags
(category ""); a name given twice is stored once, and saving the same opinion again writes nothing.
The consultation page uses them through `services/consult/events.py`, which re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Sequence

from desktop_app.domain.opinions import DOOR_TO_DOOR, demand_error, kind_error, stance_error, unique_names
from desktop_app.models import Consultation, Opinion, OpinionDemand, Room, db
from desktop_app.models.clock import current_origin, new_uid, now_iso
from desktop_app.services import audit, catalogue
from desktop_app.services.roll import ValidationError
from desktop_app.services.scope import Scope, room_condition
from desktop_app.services.settings import operator_name


def _rows(sql: str, params: Sequence[object] = ()) -> list[tuple]:
    return list(db.execute_sql(sql, tuple(params)).fetchall())


# ---------------------------------------------------------------- opinions
@dataclass
class OpinionDraft:
    room_id: int | None = None
    person: str = ""
    channel: str = DOOR_TO_DOOR
    given_on: date | None = None
    stance: str = ""  # "" / 支持 / 有意见 / 反对
    demands: list[str] = field(default_factory=list)  # catalogue item names
    tags: list[str] = field(default_factory=list)  # free tags
    text: str = ""
    consultation_id: int | None = None


@dataclass(frozen=True)
class Demand:
    name: str
    category: str  # catalogue category, "" for a free tag


@dataclass(frozen=True)
class OpinionRecord:
    id: int
    uid: str
    room_id: int
    person: str
    channel: str
    given_on: date
    stance: str
    demands: tuple[Demand, ...]  # in the order given
    text: str
    consultation_id: int | None
    entered_by: str

    @property
    def catalogue_demands(self) -> list[str]:
        return [d.name for d in self.demands if d.category]

    @property
    def tags(self) -> list[str]:
        return [d.name for d in self.demands if not d.category]

    def draft(self) -> OpinionDraft:
        return OpinionDraft(self.room_id, self.person, self.channel, self.given_on, self.stance,
                            self.catalogue_demands, self.tags, self.text, self.consultation_id)


def _catalogue_categories() -> dict[str, str]:
    return {entry.name: entry.category for entry in catalogue.catalogue(include_hidden=True)}


def room_in_scope(room_id: int, scope: Scope) -> bool:
    condition, params = room_condition(scope)
    return bool(_rows("SELECT 1 FROM room r JOIN unit u ON u.id = r.unit_id JOIN building b ON b.id = u.building_id "
                      f"JOIN estate e ON e.id = b.estate_id WHERE r.id = ? AND {condition}", [room_id, *params]))


def form_errors(draft: OpinionDraft, categories: dict[str, str], *, today: date) -> dict[str, str]:
    """The checks that need no database: channel, date (not after `today`), stance, demands against the
    catalogue, tags."""
    errors: dict[str, str] = {}
    if (reason := kind_error(draft.channel)) is not None:
        errors["channel"] = reason
    if draft.given_on is None:
        errors["given_on"] = "请填写意见日期"
    elif draft.given_on > today:
        errors["given_on"] = f"意见日期 {draft.given_on.isoformat()} 晚于今天"
    if (reason := stance_error(draft.stance)) is not None:
        errors["stance"] = reason
    unknown = [name for name in unique_names(draft.demands) if name not in categories]
    if unknown:
        errors["demands"] = f"“{'、'.join(unknown)}”不在改造内容目录中，请作为自定义诉求填写"
    bad = [reason for name in draft.tags if name.strip() and (reason := demand_error(name))]
    if bad:
        errors["tags"] = bad[0]
    return errors


def opinion_errors(draft: OpinionDraft, *, categories: dict[str, str] | None = None,
                   today: date) -> dict[str, str]:
    """field -> Chinese reason. `categories` (name -> category) saves reading the catalogue per keypress."""
    errors: dict[str, str] = {}
    if draft.room_id is None or Room.get_or_none(Room.id == draft.room_id) is None:
        errors["room_id"] = "请选择房屋"
    errors.update(form_errors(draft, _catalogue_categories() if categories is None else categories, today=today))
    if draft.consultation_id is not None:
        held = Consultation.get_or_none(Consultation.id == draft.consultation_id)
        if held is None:
            errors["consultation_id"] = "所选征求意见活动已不存在"
        elif draft.room_id is not None and "room_id" not in errors \
                and not room_in_scope(draft.room_id, Scope.from_text(held.scope)):
            errors["room_id"] = f"该房屋不在活动范围（{held.scope_label or '全部'}）内"
    return dict(sorted(errors.items(), key=lambda item: _FIELDS.index(item[0])))


_FIELDS = ("room_id", "channel", "given_on", "stance", "demands", "tags", "consultation_id")


def demands_of(draft: OpinionDraft, categories: dict[str, str]) -> list[Demand]:
    """The demands an opinion stores: catalogue items and tags, each once, a tag that names a catalogue item
    with its category."""
    names = unique_names([*draft.demands, *draft.tags])
    return [Demand(name, categories.get(name, "")) for name in names]


_COLUMNS = ("room_id", "person", "channel", "given_on", "stance", "text", "consultation_id")


def _opinion_values(draft: OpinionDraft, given_on: date) -> dict:
    return {"room_id": draft.room_id, "person": draft.person.strip(), "channel": draft.channel,
            "given_on": given_on.isoformat(), "stance": draft.stance, "text": draft.text.strip(),
            "consultation_id": draft.consultation_id}


def room_text(room_id: int) -> str:
    """"杜鹃新村 3号楼1单元502室" (for audit summaries)."""
    found = _rows("SELECT e.name, b.name, u.name, r.number FROM room r JOIN unit u ON u.id = r.unit_id "
                  "JOIN building b ON b.id = u.building_id JOIN estate e ON e.id = b.estate_id WHERE r.id = ?",
                  [room_id])
    if not found:
        return f"房屋{room_id}"
    estate, building, unit, number = found[0]
    building_text = f"{building}号楼" if building.isdigit() else building
    unit_text = f"{unit}单元" if unit.isdigit() else unit
    return f"{estate} {building_text}{unit_text}{number}室"


def write_opinion(draft: OpinionDraft, opinion_id: int | None, categories: dict[str, str], *,
                  actor: str | None = None, label: str | None = None) -> int:
    """Write a validated opinion and its demands (call inside a transaction); audited when anything changed.

    Plain SQL, so door-to-door entry costs a few row writes; `label` (the room's text) saves a look-up."""
    room_id, given_on = draft.room_id, draft.given_on
    if room_id is None or given_on is None:
        raise ValueError("write_opinion takes a validated draft: it has no room or no date")
    actor = actor or operator_name()
    values = _opinion_values(draft, given_on)
    demands = demands_of(draft, categories)
    if opinion_id is None:
        uid, stamp = new_uid(), now_iso()
        cursor = db.execute_sql(
            f"INSERT INTO opinion (uid, created_at, updated_at, origin, entered_by, {', '.join(_COLUMNS)}) "
            f"VALUES ({', '.join('?' * (5 + len(_COLUMNS)))})",
            (uid, stamp, stamp, current_origin(), actor, *(values[c] for c in _COLUMNS)))
        opinion_id = cursor.lastrowid
        old_demands: list[Demand] | None = None
        changes: dict[str, tuple[Any, Any]] = {key: (None, value) for key, value in values.items()}
        action, verb = "create", "录入意见"
    else:
        uid, *old = _rows(f"SELECT uid, {', '.join(_COLUMNS)} FROM opinion WHERE id = ?", [opinion_id])[0]
        changes = {key: (was, values[key]) for key, was in zip(_COLUMNS, old) if was != values[key]}
        if changes:
            db.execute_sql(f"UPDATE opinion SET updated_at = ?, {', '.join(f'{c} = ?' for c in changes)} WHERE id = ?",
                           (now_iso(), *(values[c] for c in changes), opinion_id))
        old_demands = [Demand(*row) for row in _rows(
            "SELECT name, category FROM opinion_demand WHERE opinion_id = ? ORDER BY id", [opinion_id])]
        action, verb = "update", "修改意见"
    if (old_demands or []) != demands:
        if old_demands:
            db.execute_sql("DELETE FROM opinion_demand WHERE opinion_id = ?", (opinion_id,))
        for demand in demands:
            db.execute_sql("INSERT INTO opinion_demand (opinion_id, name, category) VALUES (?, ?, ?)",
                           (opinion_id, demand.name, demand.category))
        changes["demands"] = (None if old_demands is None else [d.name for d in old_demands], [d.name for d in demands])
    if changes:
        audit.record(action, "opinion", uid, actor=actor, changes=changes,
                     summary=f"{verb} {label or room_text(room_id)} {values['given_on']}")
    return opinion_id


def record_opinion(draft: OpinionDraft, opinion_id: int | None = None, *, today: date) -> int:
    """Create (opinion_id None) or update an opinion with its demands, in one transaction.

    Saving the same draft again changes nothing (no duplicate demand rows, no audit row)."""
    categories = _catalogue_categories()
    errors = opinion_errors(draft, categories=categories, today=today)
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        return write_opinion(draft, opinion_id, categories)


def _opinion_records(rows: list[Opinion]) -> list[OpinionRecord]:
    ids = [row.id for row in rows]
    demands: dict[int, list[Demand]] = {i: [] for i in ids}
    if ids:
        for demand in OpinionDemand.select().where(OpinionDemand.opinion.in_(ids)).order_by(OpinionDemand.id):
            demands[demand.opinion_id].append(Demand(demand.name, demand.category))
    return [OpinionRecord(row.id, row.uid, row.room_id, row.person, row.channel, date.fromisoformat(row.given_on),
                          row.stance, tuple(demands[row.id]), row.text, row.consultation_id, row.entered_by)
            for row in rows]


OPINION_GONE = "该意见已不存在（可能已在另一个窗口中删除）"


def _existing(opinion_id: int) -> Opinion:
    record = Opinion.get_or_none(Opinion.id == opinion_id)
    if record is None:
        raise ValidationError({"opinion": OPINION_GONE})
    return record


def opinion(opinion_id: int) -> OpinionRecord:
    return _opinion_records([_existing(opinion_id)])[0]


def opinions_of_room(room_id: int) -> list[OpinionRecord]:
    """Every opinion of a room, latest first (the first is the household's current view)."""
    rows = list(Opinion.select().where(Opinion.room == room_id)
                .order_by(Opinion.given_on.desc(), -Opinion.id))
    return _opinion_records(rows)


def delete_opinion(opinion_id: int, *, actor: str | None = None) -> None:
    with db.atomic():
        record = _existing(opinion_id)
        audit.record("delete", "opinion", record.uid, actor=actor or operator_name(),
                     summary=f"删除意见 {room_text(record.room_id)} {record.given_on}")
        record.delete_instance()
