"""What a user types to name a room while entering ballots or visit forms: `3-1-502`, `3 1 502`, `3/1/502`,
`3号楼1单元502`, `3-502` (a building without units) or `502` alone.

Parsing gives the normalised parts; finding the room is the caller's (the parts may match several rooms
when some are omitted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.domain.naming import normalise_building, normalise_room, normalise_unit
from desktop_app.domain.text import to_half_width

_SPOKEN = re.compile(r"^\s*(?P<b>[^\s\-/]+?)(?:号楼|栋|幢|#)\s*(?:(?P<u>[^\s\-/]+?)单元)?\s*(?P<r>[0-9A-Za-z]+)室?\s*$")
_SEPARATORS = re.compile(r"[\s\-/—–－、,，.。]+")


@dataclass(frozen=True, slots=True)
class RoomRef:
    """Normalised parts; None means "not given" (match any)."""

    building: str | None
    unit: str | None
    room: str


def parse_room_entry(text: str) -> RoomRef | None:
    """The room a typed text names, or None when it cannot name one.

    `3-1-502` / `3 1 502` -> (3, 1, 502); `3-502` -> (3, None, 502); `502` -> (None, None, 502);
    `3号楼1单元502室` -> (3, 1, 502). Unit "0" or "-" style placeholders are not guessed.
    """
    raw = to_half_width(text or "").strip()
    if not raw:
        return None
    spoken = _SPOKEN.match(raw)
    if spoken:
        unit = spoken.group("u")
        return RoomRef(normalise_building(spoken.group("b")), normalise_unit(unit) if unit else None,
                       normalise_room(spoken.group("r")))
    parts = [part for part in _SEPARATORS.split(raw) if part]
    if not parts or len(parts) > 3:
        return None
    room = normalise_room(parts[-1])
    if not room:
        return None
    if len(parts) == 1:
        return RoomRef(None, None, room)
    building = normalise_building(parts[0])
    if len(parts) == 2:
        return RoomRef(building, None, room)
    return RoomRef(building, normalise_unit(parts[1]), room)


def matches(ref: RoomRef, building: str, unit: str, room: str) -> bool:
    """Whether a room (normalised parts) is one the reference names."""
    return (ref.room == room and (ref.building is None or ref.building == building)
            and (ref.unit is None or ref.unit == unit))
