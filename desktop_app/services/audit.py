"""The audit trail: who changed which record, when, from what to what."""

from __future__ import annotations

import getpass
import json
from typing import Any, Mapping

from desktop_app.models import AuditLog


def current_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some Windows service accounts
        return "未知用户"


def record(action: str, table_name: str, record_uid: str, *, summary: str = "",
           changes: Mapping[str, tuple[Any, Any]] | None = None, actor: str | None = None) -> None:
    """Write one audit row. Call inside the transaction that makes the change."""
    AuditLog.create(
        actor=actor or current_actor(),
        action=action,
        table_name=table_name,
        record_uid=record_uid,
        summary=summary,
        changes=json.dumps({k: [v[0], v[1]] for k, v in (changes or {}).items()}, ensure_ascii=False, default=str),
    )


def history(table_name: str, record_uid: str) -> list[AuditLog]:
    return list(
        AuditLog.select()
        .where((AuditLog.table_name == table_name) & (AuditLog.record_uid == record_uid))
        .order_by(-AuditLog.id)
    )
