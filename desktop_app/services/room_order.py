"""The location order of rooms, kept in `room.position` so that the rooms table reads it from an index.

The order: estate pinyin (then id), building (sort_key, name), unit (sort_key, name), room (sort_key,
number). `estate.position` is an estate's place among the estates (1, 2, ...); a room's position is
its estate's place times `STRIDE` plus its rank inside the estate. Renumbering one estate therefore
touches only its rooms; a deleted room leaves a gap, which keeps the order. Writers call `renumber`
with the estates whose rooms, buildings or units they created or renamed; `ensure_positions` repairs
rooms written without a position by anything else.
"""

from __future__ import annotations

from typing import Iterable

from desktop_app.models import db

STRIDE = 1 << 20  # rooms one estate can hold; the V3 migration uses the same number
_MANY = 500  # above this many estates, renumber all rooms in one statement

_RANKED = """
WITH ranked AS (
    SELECT r.id AS id, e.position * {stride} + row_number() OVER (
        PARTITION BY b.estate_id ORDER BY b.sort_key, b.name, u.sort_key, u.name, r.sort_key, r.number) AS position
    FROM room r JOIN unit u ON u.id = r.unit_id JOIN building b ON b.id = u.building_id
    JOIN estate e ON e.id = b.estate_id {where})
UPDATE room SET position = ranked.position FROM ranked
WHERE room.id = ranked.id AND (room.position IS NULL OR room.position != ranked.position)"""


def _place_estates() -> set[int]:
    """Number the estates by pinyin; the ids of those whose place changed."""
    rows = db.execute_sql("SELECT id, position FROM estate ORDER BY pinyin, id").fetchall()
    moved = [(place, id_) for place, (id_, old) in enumerate(rows, start=1) if old != place]
    if moved:
        db.cursor().executemany("UPDATE estate SET position = ? WHERE id = ?", moved)
    return {id_ for _, id_ in moved}


def renumber(estate_ids: Iterable[int] | None = None) -> None:
    """Bring the positions of the rooms of `estate_ids` (every estate when None) up to date, and of
    every estate whose place among the estates moved. Rows already right are not written."""
    with db.atomic():
        moved = _place_estates()
        targets = None if estate_ids is None else set(estate_ids) | moved
        if targets is not None and not targets:
            return
        if targets is None or len(targets) > _MANY:
            db.execute_sql(_RANKED.format(stride=STRIDE, where=""))
        else:
            marks = ", ".join("?" * len(targets))
            db.execute_sql(_RANKED.format(stride=STRIDE, where=f"WHERE b.estate_id IN ({marks})"),
                           tuple(sorted(targets)))


def ensure_positions() -> None:
    """Renumber the estates that have rooms (or are themselves) without a position: rows written by
    something that did not call `renumber`. A no-op costing one index lookup when all is in order."""
    if db.execute_sql("SELECT 1 FROM room WHERE position IS NULL LIMIT 1").fetchone() is None and \
            db.execute_sql("SELECT 1 FROM estate WHERE position IS NULL LIMIT 1").fetchone() is None:
        return
    estates = [row[0] for row in db.execute_sql(
        "SELECT DISTINCT b.estate_id FROM room r JOIN unit u ON u.id = r.unit_id "
        "JOIN building b ON b.id = u.building_id WHERE r.position IS NULL").fetchall()]
    renumber(estates)
