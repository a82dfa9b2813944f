"""The one SQL condition for "in the period": a date column (or an expression giving 'YYYY-MM-DD') between
`start` and `end`, both days included; None leaves that end open."""

from __future__ import annotations

from datetime import date


def period_conditions(column: str, start: date | None, end: date | None) -> tuple[list[str], list[str]]:
    """The conditions (to join with AND) and their parameters."""
    conditions: list[str] = []
    params: list[str] = []
    if start is not None:
        conditions.append(f"{column} >= ?")
        params.append(start.isoformat())
    if end is not None:
        conditions.append(f"{column} <= ?")
        params.append(end.isoformat())
    return conditions, params
