"""Rows of the synced tables in the form a sync file holds them: keys instead of ids, values normalised so
that what was written and read back compares equal (integers as int, a blank nullable text as None), and
Scope texts ("estate:3") holding the record's uid instead of its local id."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterator, Sequence

from desktop_app.models import db
from desktop_app.services.sync.tables import SCOPE_TEXT_COLUMNS, Column, SyncTable, key_sql, select_sql

_SCOPE_TABLES = ("street", "community", "estate", "building", "unit")


def normal(column: Column | None, value: object) -> object:
    """A cell's value as compared and stored: integer columns int (or None), text columns str (or None
    when nullable and blank)."""
    if value is None or value == "":
        return None if column is None or column.nullable or column.integer else ""
    if column is not None and column.integer:
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, float):
            if not value.is_integer():
                raise ValueError(value)
            return int(value)
        if isinstance(value, int):
            return value
        return int(str(value).strip())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class ScopeTexts:
    """Translate Scope texts between local ids ("estate:3") and uids ("estate:<uid>"), both ways."""

    def __init__(self) -> None:
        self._to_uid: dict[str, dict[int, str]] = {}
        self._to_id: dict[str, dict[str, int]] = {}

    def _load(self, table: str) -> None:
        if table not in self._to_uid:
            pairs = db.execute_sql(f"SELECT id, uid FROM {table}").fetchall()
            self._to_uid[table] = dict(pairs)
            self._to_id[table] = {uid: id_ for id_, uid in pairs}

    def forget(self) -> None:
        self._to_uid.clear()
        self._to_id.clear()

    def _one(self, text: str, to_uid: bool) -> str | None:
        level, _, ref = text.partition(":")
        if level not in _SCOPE_TABLES or not ref:
            return text
        self._load(level)
        if to_uid:
            found_uid = self._to_uid[level].get(int(ref)) if ref.isdigit() else None
            return None if found_uid is None else f"{level}:{found_uid}"
        found_id = self._to_id[level].get(ref)
        return None if found_id is None else f"{level}:{found_id}"

    def convert(self, value: str | None, to_uid: bool) -> str | None:
        """The value with every scope translated; None when a referenced record is missing."""
        if value is None:
            return None
        if value.startswith("["):
            parts = [self._one(text, to_uid) for text in json.loads(value)]
            return None if None in parts else json.dumps(parts, ensure_ascii=False)
        return self._one(value, to_uid)


@dataclass
class Row:
    """One record as a sync file holds it."""

    id: int
    key: str
    created_at: str
    updated_at: str
    origin: str
    values: dict[str, object]


def rows(table: SyncTable, where: str = "", params: Sequence[object] = (),
         scopes: ScopeTexts | None = None) -> Iterator[Row]:
    """The table's rows (with `where` over alias t), in id order."""
    names = table.fields
    columns: list[Column | None] = [*table.columns, *(None for _ in table.extras)]
    scope_column = SCOPE_TEXT_COLUMNS.get(table.name)
    scopes = scopes or ScopeTexts()
    cursor = db.execute_sql(f"{select_sql(table)} {where} ORDER BY t.id", tuple(params))
    while True:
        batch = cursor.fetchmany(5000)
        if not batch:
            return
        for record in batch:
            values = {name: normal(column, value) for name, column, value in zip(names, columns, record[5:])}
            if scope_column is not None:
                text = values[scope_column]
                values[scope_column] = scopes.convert(None if text is None else str(text), to_uid=True) or text
            yield Row(record[0], record[1], record[2], record[3], record[4], values)


def key_map(table: str) -> dict[str, int]:
    """key → id of every row of a synced table."""
    return dict(db.execute_sql(f"SELECT {key_sql(table, 't')}, t.id FROM {table} t").fetchall())


def file_rows(table: SyncTable, where: str = "", params: Sequence[object] = (),
              scopes: ScopeTexts | None = None) -> Iterator[tuple]:
    """The table's rows as written to a file: key, created_at, updated_at, origin, every field (raw
    values: writing needs no normalising, reading does it)."""
    scope_index = 4 + table.fields.index(SCOPE_TEXT_COLUMNS[table.name]) if table.name in SCOPE_TEXT_COLUMNS else None
    scopes = scopes or ScopeTexts()
    cursor = db.execute_sql(f"{select_sql(table)} {where} ORDER BY t.id", tuple(params))
    while True:
        batch = cursor.fetchmany(5000)
        if not batch:
            return
        if scope_index is None:
            for record in batch:
                yield record[1:]
        else:
            for record in batch:
                values = list(record[1:])
                values[scope_index] = scopes.convert(values[scope_index], to_uid=True) or values[scope_index]
                yield tuple(values)
