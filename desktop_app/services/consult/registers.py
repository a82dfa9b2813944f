"""The lines of the opinion and complaint registers of a scope and period, read from the database.

Services never write files: `exchange.register_writer` writes these lines (the UI and the CLI put the
two together). Lines carry raw values; the writer masks names and phones.
"""

from __future__ import annotations

from datetime import date

from desktop_app.domain import complaints as rules
from desktop_app.domain.consultation_print_data import ComplaintLine, OpinionLine
from desktop_app.models import db
from desktop_app.services.consult.complaints import ComplaintRow, list_complaints
from desktop_app.services.consult.period import period_conditions
from desktop_app.services.scope import Scope, room_condition

_OPINIONS = """
SELECT o.id, o.given_on, e.name, b.name, u.name, r.number, o.person, o.channel, o.stance, o.text,
       coalesce(c.title, ''), o.entered_by
FROM opinion o JOIN room r ON r.id = o.room_id JOIN unit u ON u.id = r.unit_id
JOIN building b ON b.id = u.building_id JOIN estate e ON e.id = b.estate_id
LEFT JOIN consultation c ON c.id = o.consultation_id
WHERE {where}
ORDER BY o.given_on, o.id
"""
_DEMANDS = """
SELECT d.opinion_id, d.name, d.category FROM opinion_demand d JOIN opinion o ON o.id = d.opinion_id
JOIN room r ON r.id = o.room_id JOIN unit u ON u.id = r.unit_id
JOIN building b ON b.id = u.building_id JOIN estate e ON e.id = b.estate_id
WHERE {where}
ORDER BY d.opinion_id, d.id
"""


def opinion_lines(scope: Scope, start: date | None = None, end: date | None = None) -> list[OpinionLine]:
    """Every opinion given in the scope in the period (inclusive), oldest first."""
    condition, params = room_condition(scope)
    where = [condition]
    period, period_params = period_conditions("o.given_on", start, end)
    where += period
    params += period_params
    sql_where = " AND ".join(where)
    demands: dict[int, tuple[list[str], list[str]]] = {}
    for opinion_id, name, category in db.execute_sql(_DEMANDS.format(where=sql_where), params):
        items, tags = demands.setdefault(opinion_id, ([], []))
        (items if category else tags).append(name)
    lines = []
    for (opinion_id, given_on, estate, building, unit, number, person, channel, stance, text, consultation,
         entered_by) in db.execute_sql(_OPINIONS.format(where=sql_where), params):
        items, tags = demands.get(opinion_id, ([], []))
        lines.append(OpinionLine(date.fromisoformat(given_on), estate, building, unit, number, person, channel,
                                 stance, tuple(items), tuple(tags), text, consultation, entered_by))
    return lines


def complaint_line(row: ComplaintRow) -> ComplaintLine:
    days = rules.days_to_close(row.received_on, row.closed_on) if row.closed_on is not None else None
    return ComplaintLine(
        ticket_no=row.ticket_no, source=row.source, received_at=row.received_at, category=row.category,
        estate=row.estate, room=row.room, address=row.address, complainant=row.complainant,
        phone=row.phone_masked, text=row.text, due_on=row.due_on, status=row.status, closed_on=row.closed_on,
        reply=row.reply, satisfaction=row.satisfaction, overdue_state=row.overdue_state, days_to_close=days)


def complaint_lines(scope: Scope, start: date | None = None, end: date | None = None, *,
                    category: str | None = None, today: date) -> list[ComplaintLine]:
    """Every complaint of the scope received in the period (inclusive), oldest first, overdue judged on
    `today`."""
    rows = list_complaints(scope, category=category, start=start, end=end, today=today)
    return [complaint_line(row) for row in reversed(rows)]
