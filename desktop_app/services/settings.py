"""Typed access to the database `setting` table: the operator's name, remembered import mappings."""

from __future__ import annotations

import hashlib
import json
from typing import Any, Sequence

from desktop_app.models import Setting
from desktop_app.services.audit import current_actor

OPERATOR_KEY = "operator_name"
MAPPING_PREFIX = "import_mapping:"


def get(key: str, default: str | None = None) -> str | None:
    row = Setting.get_or_none(Setting.key == key)
    return default if row is None else row.value


def put(key: str, value: str) -> None:
    Setting.insert(key=key, value=value).on_conflict_replace().execute()


def get_json(key: str, default: Any = None) -> Any:
    text = get(key)
    if text is None:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def put_json(key: str, value: Any) -> None:
    put(key, json.dumps(value, ensure_ascii=False, sort_keys=True))


def operator_name() -> str:
    """Who is recorded in the audit log: the name set in 设置, else the login name."""
    return (get(OPERATOR_KEY) or "").strip() or current_actor()


def set_operator_name(name: str) -> None:
    put(OPERATOR_KEY, name.strip())


def header_signature(headers: Sequence[str]) -> str:
    """The same header row (ignoring blanks and spacing) gives the same signature."""
    cleaned = "\x1f".join("".join(str(h or "").split()) for h in headers)
    return hashlib.sha1(cleaned.encode("utf-8")).hexdigest()[:16]


def import_mapping(headers: Sequence[str]) -> dict[str, str] | None:
    """The column mapping (field -> header text) the user confirmed last time for this header row."""
    value = get_json(MAPPING_PREFIX + header_signature(headers))
    return dict(value) if isinstance(value, dict) else None


def remember_import_mapping(headers: Sequence[str], mapping: dict[str, str]) -> None:
    put_json(MAPPING_PREFIX + header_signature(headers), mapping)
