"""Typed access to the database `setting` table: every setting is declared once in
`domain.setting_definitions` (type, default, the page that edits it); read it with `value`, change it
with `set_value`. Unknown settings are refused and no caller sees the stored text.
"""

from __future__ import annotations

import hashlib
from typing import Any, Sequence, TypeVar

from desktop_app.domain.setting_definitions import (
    IMPORT_MAPPING, OPERATOR_NAME, SETTINGS, SettingDefinition, decode, encode, find,
)
from desktop_app.models import Setting
from desktop_app.services.audit import current_actor

T = TypeVar("T")


class UnknownSettingError(KeyError):
    """A setting that is not declared in `domain.setting_definitions`."""


def _declared(definition: SettingDefinition[T]) -> SettingDefinition[T]:
    if not isinstance(definition, SettingDefinition) or not any(definition is known for known in SETTINGS):
        raise UnknownSettingError(f"undeclared setting {definition!r}")
    return definition


def definition_of(stored_key: str) -> SettingDefinition[Any]:
    """The declaration of a stored key (UnknownSettingError for a key nobody declared)."""
    found = find(stored_key)
    if found is None:
        raise UnknownSettingError(f"undeclared setting {stored_key!r}")
    return found


def value(definition: SettingDefinition[T], name: str = "") -> T:
    """The setting as its declared type: the default when it was never set (or cannot be read).
    `name` picks one row of a family (such as the import mapping of one header row)."""
    key = _declared(definition).stored_key(name)
    row = Setting.get_or_none(Setting.key == key)
    return decode(definition, None if row is None else row.value)


def set_value(definition: SettingDefinition[T], new_value: T, name: str = "") -> None:
    """Store the setting; ValueError (Chinese message) when `new_value` is not of the declared type."""
    key = _declared(definition).stored_key(name)
    Setting.insert(key=key, value=encode(definition, new_value)).on_conflict_replace().execute()


def operator_name() -> str:
    """Who is recorded in the audit log: the name set in 设置, else the login name."""
    return value(OPERATOR_NAME).strip() or current_actor()


def set_operator_name(name: str) -> None:
    set_value(OPERATOR_NAME, name.strip())


def header_signature(headers: Sequence[str]) -> str:
    """The same header row (ignoring blanks and spacing) gives the same signature."""
    cleaned = "\x1f".join("".join(str(h or "").split()) for h in headers)
    return hashlib.sha1(cleaned.encode("utf-8")).hexdigest()[:16]


def import_mapping(headers: Sequence[str]) -> dict[str, str] | None:
    """The column mapping (field -> header text) the user confirmed last time for this header row."""
    mapping = value(IMPORT_MAPPING, header_signature(headers))
    return dict(mapping) if isinstance(mapping, dict) else None


def remember_import_mapping(headers: Sequence[str], mapping: dict[str, str]) -> None:
    set_value(IMPORT_MAPPING, mapping, header_signature(headers))
