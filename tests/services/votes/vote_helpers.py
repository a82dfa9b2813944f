"""Small hand-built rolls and drafts shared by the vote service tests (a real database, through apply_roll)."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.identity import id_check_char
from desktop_app.domain.roll_record import RollRecord
from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.models import Building, Estate, Unit
from desktop_app.services.roll.importing import apply_roll
from desktop_app.services.scope import Scope
from desktop_app.services.votes.lifecycle import VoteDraft

OPENS, CLOSES = date(2026, 3, 1), date(2026, 3, 31)


def person(number: int) -> str:
    """A valid resident ID, one per number."""
    body = f"35040219800101{number:03d}"
    return body + id_check_char(body)


def room(place: str, area_centi: int, owner: int | None, *, estate: str = "E001", co_owners: tuple[str, ...] = (),
         kind: str = "person") -> RollRecord:
    """`place` is "building-unit-room" ("3-1-502"); owner None = a room without an identified owner."""
    building, unit, number = place.split("-")
    return RollRecord(building=building, unit=unit, room=number, area_centi=area_centi, estate_code=estate,
                      estate_name="幸福里" if estate == "E001" else f"小区{estate}",
                      owner_kind=kind, owner_name="" if owner is None else f"业主{owner}",
                      id_number="" if owner is None else person(owner), co_owners=co_owners)


def load(records: list[RollRecord]) -> None:
    apply_roll(records)


def estate_scope(code: str = "E001") -> Scope:
    return Scope("estate", Estate.get(Estate.code == code).id)


def building_scope(name: str, code: str = "E001") -> Scope:
    building = Building.get((Building.name == name) & (Building.estate == Estate.get(Estate.code == code)))
    return Scope("building", building.id)


def unit_scope(building: str, unit: str, code: str = "E001") -> Scope:
    found = Unit.get((Unit.name == unit) & (Unit.building == building_scope(building, code).id))
    return Scope("unit", found.id)


def draft(scopes: list[Scope], items: tuple[str | VoteItem, ...] = ("加装电梯",), matter: int = 7,
          **changes) -> VoteDraft:
    """Items given by name are catalogue items of 完善类."""
    values = dict(title="幸福里加装电梯表决", scopes=scopes, matter=matter, opens_on=OPENS, closes_on=CLOSES,
                  items=[item if isinstance(item, VoteItem) else VoteItem(item, "完善类") for item in items])
    values.update(changes)
    return VoteDraft(**values)
