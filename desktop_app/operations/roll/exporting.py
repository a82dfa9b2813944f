"""The room and owner roll workbook out (full ID numbers and phones), and the blank template.

The window's 文件 menu and `desktop-app export-roll` / `roll-template` write through these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.errors import UserError
from desktop_app.exchange.roll_writer import write_roll, write_roll_template
from desktop_app.models import Estate
from desktop_app.services.changes import NONE, Changes
from desktop_app.services.roll.exporting import estate_exists, roll_records
from desktop_app.services.scope import Scope, estate_of_scope


class UnknownEstate(UserError):
    """No estate has the district code asked for."""


@dataclass(frozen=True)
class RollExported:
    path: Path
    rooms: int
    changes: Changes = NONE


def scope_estate_code(scope: Scope) -> str | None:
    """The district code of the estate a scope lies in; None above the estate level (export everything)."""
    estate_id = estate_of_scope(scope)
    return Estate.get_by_id(estate_id).code if estate_id is not None else None


def export_roll(path: str | Path, estate_code: str | None = None) -> RollExported:
    """Every room of one estate (by district code), or of all; raises UnknownEstate, OSError."""
    if estate_code and not estate_exists(estate_code):
        raise UnknownEstate(f"数据库中没有小区编码为“{estate_code}”的小区。")
    return RollExported(Path(path), write_roll(path, roll_records(estate_code)))


def write_template(path: str | Path) -> Path:
    """The blank roll template with its instruction sheet; raises OSError."""
    write_roll_template(path)
    return Path(path)
