"""The database back to roll rows (RollRecord), for the exchange workbook and the round trip.

Exporting and importing the result into an empty database gives the same rooms, owners and areas.
The records keep ID numbers and phones: the roll workbook is the exchange format between the
community and the district, not a public notice.
"""

from __future__ import annotations

from desktop_app.domain.roll_record import RollRecord
from desktop_app.models import db

_ROOMS = """
SELECT r.id, e.code, e.name, b.name, u.name, r.floor, r.number, r.area_centi, r.area_source, r.note,
       s.name, c.name
FROM room r JOIN unit u ON u.id = r.unit_id JOIN building b ON b.id = u.building_id
JOIN estate e ON e.id = b.estate_id JOIN community c ON c.id = e.community_id JOIN street s ON s.id = c.street_id
{where}
ORDER BY e.pinyin, e.name, e.id, b.sort_key, b.name, u.sort_key, u.name, r.sort_key, r.number
"""
_OWNERS = """
SELECT os.room_id, os.role, o.kind, o.name, o.id_number, o.phone
FROM ownership os JOIN owner o ON o.id = os.owner_id
JOIN room r ON r.id = os.room_id JOIN unit u ON u.id = r.unit_id JOIN building b ON b.id = u.building_id
JOIN estate e ON e.id = b.estate_id
{where}
ORDER BY os.room_id, os.role != 'owner', os.is_voter DESC, os.id
"""


def roll_records(estate_code: str | None = None) -> list[RollRecord]:
    """Every room of the database (or of one estate) as a roll record, in estate/building/unit/room order."""
    where, params = ("WHERE e.code = ?", (estate_code,)) if estate_code else ("", ())
    connection = db.connection()
    owners: dict[int, list[tuple]] = {}
    for room_id, role, kind, name, id_number, phone in connection.execute(_OWNERS.format(where=where), params):
        owners.setdefault(room_id, []).append((role, kind, name, id_number, phone))
    records = []
    for (room_id, code, estate, building, unit, floor, number, area, source, note, street,
         community) in connection.execute(_ROOMS.format(where=where), params):
        people = owners.get(room_id, [])
        main = next((person for person in people if person[0] == "owner"), people[0] if people else None)
        co_owners = tuple(person[2] for person in people if person is not main)
        _, kind, name, id_number, phone = main if main else ("", "person", "", None, "")
        records.append(RollRecord(
            building=building, unit=unit, room=number, area_centi=area, estate_code=code or "",
            estate_name=estate, floor=floor, area_source=source, owner_kind=kind, owner_name=name,
            id_number=id_number or "", phone=phone, co_owners=co_owners, note=note, street=street,
            community=community,
        ))
    return records


def estate_exists(estate_code: str) -> bool:
    return db.connection().execute("SELECT 1 FROM estate WHERE code = ?", (estate_code,)).fetchone() is not None
