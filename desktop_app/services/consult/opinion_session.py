"""Door-to-door opinion entry as fast as ballot entry: the rooms of a scope held in memory, one room found
by what the user types (`3-1-502`), one transaction per saved form, and undo.

A session either follows one consultation event (its scope, kind and date; a room's opinion in that event
is updated when entered again) or a scope alone (then the session is that scope, channel and date: the
opinions of that day and channel with no event are the ones entered again).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Sequence

from desktop_app.domain.catalogue import CatalogueEntry
from desktop_app.domain.opinions import DOOR_TO_DOOR
from desktop_app.domain.print_data import RollRow
from desktop_app.domain.room_entry import matches, parse_room_entry
from desktop_app.models import Consultation, db
from desktop_app.services import catalogue
from desktop_app.services.changes import NONE, Changes, Topic
from desktop_app.services.consult.opinions import OpinionDraft, OpinionRecord, ValidationError, delete_opinion, \
    demands_of, form_errors, write_opinion
from desktop_app.services.scope import ALL, Scope, room_condition


@dataclass(frozen=True)
class SessionRoom:
    room_id: int
    estate_id: int
    estate: str
    building: str
    unit: str
    number: str
    owner_names: str  # "、"-joined, owner first

    @property
    def label(self) -> str:
        """"3号楼1单元502室"."""
        return RollRow(self.building, self.unit, self.number, 0).label


@dataclass(frozen=True)
class OpinionState:
    """A room's opinion as saved in this session (what undo puts back)."""

    opinion_id: int
    person: str = ""
    channel: str = DOOR_TO_DOOR
    given_on: date | None = None
    stance: str = ""
    demands: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    text: str = ""

    @classmethod
    def of(cls, record: OpinionRecord) -> "OpinionState":
        return cls(record.id, record.person, record.channel, record.given_on, record.stance,
                   tuple(record.catalogue_demands), tuple(record.tags), record.text)


def session_rooms(scope: Scope) -> list[SessionRoom]:
    """The rooms of a scope in location order, with their owners' names."""
    condition, params = room_condition(scope)
    rows = db.execute_sql(
        "SELECT r.id, e.id, e.name, b.name, u.name, r.number, "
        "(SELECT group_concat(name, '、') FROM (SELECT o.name FROM ownership os JOIN owner o ON o.id = os.owner_id "
        " WHERE os.room_id = r.id ORDER BY os.role DESC, os.id)) "
        "FROM room r JOIN unit u ON u.id = r.unit_id JOIN building b ON b.id = u.building_id "
        f"JOIN estate e ON e.id = b.estate_id WHERE {condition} "
        "ORDER BY e.pinyin, e.id, b.sort_key, b.name, u.sort_key, u.name, r.sort_key, r.number, r.id",
        tuple(params)).fetchall()
    return [SessionRoom(room_id, estate_id, estate, building, unit, number, owners or "")
            for room_id, estate_id, estate, building, unit, number, owners in rows]


@dataclass
class OpinionSession:
    """Everything door-to-door entry needs, in memory; `record` writes one opinion in one transaction.
    `today` (from the caller's clock) is the default date of the opinions and the latest date allowed."""

    scope: Scope | None = None
    consultation_id: int | None = None
    channel: str = DOOR_TO_DOOR
    given_on: date | None = None  # None: today
    today: date = field(kw_only=True)

    def __post_init__(self) -> None:
        self.given_on = self.given_on or self.today
        if self.consultation_id is not None:
            event = Consultation.get_by_id(self.consultation_id)
            self.scope = Scope.from_text(event.scope)
            self.channel = event.kind
            self.given_on = date.fromisoformat(event.held_on)
        self.scope = self.scope or ALL
        self.catalogue: list[CatalogueEntry] = catalogue.catalogue()
        self.categories = {entry.name: entry.category for entry in catalogue.catalogue(include_hidden=True)}
        self.rooms: list[SessionRoom] = session_rooms(self.scope)
        self._rooms = {room.room_id: room for room in self.rooms}
        self._states: dict[int, OpinionState] = {}
        self._undo: list[tuple[int, OpinionState | None]] = []
        self.changes: Changes = NONE  # what the latest record / remove / undo changed
        self._load_states()

    def _load_states(self) -> None:
        """The latest opinion of each room in this session (two queries, however many rooms)."""
        params: list[object]
        if self.consultation_id is not None:
            where, params = "o.consultation_id = ?", [self.consultation_id]
        else:
            if self.given_on is None:  # __post_init__ sets it
                raise ValueError("an opinion session without a date")
            where = "o.consultation_id IS NULL AND o.channel = ? AND o.given_on = ?"
            params = [self.channel, self.given_on.isoformat()]
        latest: dict[int, tuple] = {}
        for row in db.execute_sql("SELECT o.id, o.room_id, o.person, o.channel, o.given_on, o.stance, o.text "
                                  f"FROM opinion o WHERE {where} ORDER BY o.id", tuple(params)):
            if row[1] in self._rooms:
                latest[row[1]] = row
        demands: dict[int, list[tuple[str, str]]] = {}
        for opinion_id, name, category in db.execute_sql(
                f"SELECT d.opinion_id, d.name, d.category FROM opinion_demand d JOIN opinion o ON o.id = d.opinion_id "
                f"WHERE {where} ORDER BY d.id", tuple(params)):
            demands.setdefault(opinion_id, []).append((name, category))
        for room_id, (opinion_id, _room, person, channel, given_on, stance, text) in latest.items():
            named = demands.get(opinion_id, [])
            self._states[room_id] = OpinionState(
                opinion_id, person, channel, date.fromisoformat(given_on), stance,
                tuple(name for name, category in named if category), tuple(name for name, category in named if not category),
                text)

    # ------------------------------------------------------------ finding rooms
    def find(self, text: str) -> list[SessionRoom]:
        """The rooms a typed reference names (`3-1-502`, `3 1 502`, `502`), in location order."""
        ref = parse_room_entry(text)
        if ref is None:
            return []
        return [room for room in self.rooms if matches(ref, room.building, room.unit, room.number)]

    def room(self, room_id: int) -> SessionRoom:
        return self._rooms[room_id]

    def state(self, room_id: int) -> OpinionState | None:
        return self._states.get(room_id)

    def reached(self) -> int:
        return len(self._states)

    def not_reached(self) -> list[SessionRoom]:
        return [room for room in self.rooms if room.room_id not in self._states]

    # ------------------------------------------------------------ writing
    def _draft(self, room_id: int, state: OpinionState) -> OpinionDraft:
        return OpinionDraft(room_id, state.person, state.channel, state.given_on or self.given_on, state.stance,
                            list(state.demands), list(state.tags), state.text, self.consultation_id)

    def record(self, room_id: int, *, stance: str = "", demands: Sequence[str] = (), tags: Iterable[str] = (),
               person: str = "", text: str = "", given_on: date | None = None,
               channel: str | None = None) -> OpinionState | None:
        """Save the room's opinion (a new one, or the one this session holds for it) in one transaction.

        Returns the previous state (None when the room had none here) and keeps it for `undo`.
        Raises ValidationError (field -> Chinese reason) and writes nothing when the form is wrong."""
        if room_id not in self._rooms:
            raise ValidationError({"room_id": "该房屋不在本次录入的范围内"})
        previous = self._states.get(room_id)
        wanted = OpinionState(previous.opinion_id if previous else 0, person, channel or self.channel,
                              given_on or self.given_on, stance, tuple(demands), tuple(tags), text)
        draft = self._draft(room_id, wanted)
        errors = form_errors(draft, self.categories, today=self.today)  # the room is one of the scope's: no look-up needed
        if errors:
            raise ValidationError(errors)
        with db.atomic():
            opinion_id = self._write(room_id, draft, previous.opinion_id if previous else None)
        self._states[room_id] = self._state(opinion_id, draft)
        self._undo.append((room_id, previous))
        self.changes = self._changed(opinion_id)
        return previous

    def _write(self, room_id: int, draft: OpinionDraft, opinion_id: int | None) -> int:
        room = self._rooms[room_id]
        return write_opinion(draft, opinion_id, self.categories, label=f"{room.estate} {room.label}")

    def _state(self, opinion_id: int, draft: OpinionDraft) -> OpinionState:
        """The state as stored (trimmed; a tag naming a catalogue item stored as a demand), without re-reading it."""
        demands = demands_of(draft, self.categories)
        return OpinionState(opinion_id, draft.person.strip(), draft.channel, draft.given_on, draft.stance,
                            tuple(d.name for d in demands if d.category), tuple(d.name for d in demands if not d.category),
                            draft.text.strip())

    def remove(self, room_id: int) -> OpinionState | None:
        """Delete the room's opinion of this session (undoable); returns what was removed."""
        previous = self._states.pop(room_id, None)
        if previous is not None:
            delete_opinion(previous.opinion_id)
            self._undo.append((room_id, previous))
            self.changes = self._changed(previous.opinion_id)
        return previous

    def _changed(self, opinion_id: int) -> Changes:
        return Changes.of(Topic.OPINIONS, ids=(opinion_id,), scope=self.scope)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> int | None:
        """Put back the state before the last record/remove; returns the room concerned (None: nothing to undo).

        The room's current opinion is the one changed (a removed opinion comes back as a new record: SQLite may
        have given its old id to another room's opinion since)."""
        if not self._undo:
            return None
        room_id, previous = self._undo.pop()
        current = self._states.get(room_id)
        with db.atomic():
            if previous is None:
                if current is not None:
                    delete_opinion(current.opinion_id)
                    self.changes = self._changed(current.opinion_id)
                self._states.pop(room_id, None)
                return room_id
            draft = self._draft(room_id, previous)
            opinion_id = self._write(room_id, draft, current.opinion_id if current else None)
        self._states[room_id] = self._state(opinion_id, draft)
        self.changes = self._changed(opinion_id)
        return room_id
