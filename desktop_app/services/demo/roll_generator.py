"""Deterministic estates for the demo street and the city benchmark: buildings, rooms, owners, residents.

An `EstateSpec` says what an estate is (code, name, buildings, which organisation owns work-unit
housing, how many rooms the developer has not sold); `RollGenerator.estate` turns it into roll records
(`RollRecord`, the same rows a workbook import gives) and the households living in the rooms. The
mix of owners is what old estates have: mostly one person per room, some owners of several rooms,
co-owned rooms, work-unit housing, developer-unsold rooms.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Iterator, NamedTuple, Sequence

from desktop_app.domain.residents import age_on
from desktop_app.domain.roll_record import AREA_SOURCES, RollRecord
from desktop_app.services.demo.people import REFERENCE_DATE, Organisation, PeopleGenerator, Person

MIN_AREA_CENTI = 4850
MAX_AREA_CENTI = 12000
MULTI_ROOM_SHARE = 0.03  # rooms whose owner already owns another room of the street or city
CO_OWNED_SHARE = 0.15
OWNER_AGES = ((30, 44), (45, 59), (60, 74), (75, 89))
_OWNER_AGE_CUMULATIVE = (30, 72, 93, 100)  # 30 %, 42 %, 21 %, 7 %


@dataclass(frozen=True)
class BuildingPlan:
    name: str
    units: int
    floors: int
    per_floor: int
    rooms: int  # at most units * floors * per_floor; the top floor is partial when less

    @classmethod
    def full(cls, name: str, units: int, floors: int, per_floor: int = 2) -> "BuildingPlan":
        return cls(name, units, floors, per_floor, units * floors * per_floor)

    @classmethod
    def for_rooms(cls, name: str, rooms: int, rng: random.Random) -> "BuildingPlan":
        """A plausible shape (2 rooms a floor, at most 7 floors) holding exactly `rooms` rooms."""
        units = max(1, math.ceil(rooms / 14), rng.choice((1, 1, 2, 2, 3)) if rooms > 12 else 1)
        floors = max(1, math.ceil(rooms / (units * 2)))
        return cls(name, units, floors, 2, rooms)

    def slots(self) -> Iterator[tuple[str, int, str, int]]:
        """(unit, floor, room number, position on the floor) in unit, floor, position order."""
        below_top = self.units * (self.floors - 1) * self.per_floor
        top_left = self.rooms - below_top
        for unit in range(1, self.units + 1):
            for floor in range(1, self.floors + 1):
                for position in range(1, self.per_floor + 1):
                    if floor == self.floors:
                        if top_left == 0:
                            continue
                        top_left -= 1
                    yield str(unit), floor, f"{floor}{position:02d}", position


@dataclass(frozen=True)
class EstateSpec:
    code: str
    name: str
    address: str
    year_built: int
    street: str
    community: str
    buildings: Sequence[BuildingPlan]
    street_code: str = ""
    community_code: str = ""
    work_unit: Organisation | None = None  # owns most rooms of `work_unit_buildings`
    work_unit_buildings: frozenset[str] = frozenset()
    work_unit_share: float = 0.8  # the rest was sold to the tenants (房改房)
    developer: Organisation | None = None
    developer_rooms: int = 0  # the last rooms of the estate, unsold


@dataclass(frozen=True)
class ResidentPlan:
    name: str
    relation: str
    birth_date: date
    id_number: str = ""
    phone: str = ""
    is_disabled: bool = False


@dataclass(frozen=True)
class Household:
    building: str
    unit: str
    room: str
    residents: tuple[ResidentPlan, ...]


@dataclass
class EstatePlan:
    spec: EstateSpec
    records: list[RollRecord] = field(default_factory=list)
    households: list[Household] = field(default_factory=list)


class _RoomOwner(NamedTuple):
    kind: str
    name: str
    id_number: str
    phone: str
    co_owners: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class _Owner:
    person: Person
    spouse: Person | None
    co_owned: bool


class RollGenerator:
    """Generates estates from one seeded random stream; owners may own rooms in several estates."""

    def __init__(self, seed: str, *, with_residents: bool = True) -> None:
        self.rng = random.Random(seed)
        self.people = PeopleGenerator(self.rng)
        self.with_residents = with_residents
        self._owners: list[_Owner] = []

    def estate(self, spec: EstateSpec) -> EstatePlan:
        plan = EstatePlan(spec)
        slots = [(building, slot) for building in spec.buildings for slot in building.slots()]
        areas: dict[tuple[str, str, int], int] = {}
        developer_from = len(slots) - spec.developer_rooms
        for index, (building, (unit, floor, number, position)) in enumerate(slots):
            area = areas.get((building.name, unit, position))
            if area is None:
                area = areas[(building.name, unit, position)] = self._area()
            household: tuple[ResidentPlan, ...]
            if index >= developer_from and spec.developer is not None:
                owner, household = _organisation_owner(spec.developer, "developer", "建设单位未售"), ()
            elif (spec.work_unit is not None and building.name in spec.work_unit_buildings
                  and self.rng.random() < spec.work_unit_share):
                owner, household = self._work_unit_room(spec.work_unit)
            else:
                owner, household = self._person_room()
            plan.records.append(RollRecord(
                building.name, unit, number, area, spec.code, spec.name, floor, self._area_source(),
                owner.kind, owner.name, owner.id_number, owner.phone, owner.co_owners, owner.note,
                spec.street, spec.community,
            ))
            if household:
                plan.households.append(Household(building.name, unit, number, household))
        return plan

    def _area(self) -> int:
        return self.rng.randint(MIN_AREA_CENTI, MAX_AREA_CENTI)

    def _area_source(self) -> str:
        draw = self.rng.random()
        return AREA_SOURCES[0] if draw < 0.85 else AREA_SOURCES[1] if draw < 0.95 else AREA_SOURCES[2]

    def _work_unit_room(self, organisation: Organisation) -> tuple[_RoomOwner, tuple[ResidentPlan, ...]]:
        owner = _organisation_owner(organisation, "organisation", "单位自管公房")
        if not self.with_residents:
            return owner, ()
        tenant = self.people.person(self.rng.randint(35, 80))
        household = [_resident(tenant, "承租人")]
        if self.rng.random() < 0.6:
            household.append(_resident(self._spouse_of(tenant), "配偶"))
        return owner, tuple(household)

    def _person_room(self) -> tuple[_RoomOwner, tuple[ResidentPlan, ...]]:
        if self._owners and self.rng.random() < MULTI_ROOM_SHARE:
            owner = self.rng.choice(self._owners)
            tenants = ((_resident(self.people.person(self.rng.randint(22, 45)), "租户"),)
                       if self.with_residents else ())
            return _person_owner(owner, note="出租"), tenants
        low, high = self.rng.choices(OWNER_AGES, cum_weights=_OWNER_AGE_CUMULATIVE)[0]
        person = self.people.person(self.rng.randint(low, high))
        married = self.rng.random() < 0.85
        co_owned = married and self.rng.random() < CO_OWNED_SHARE
        spouse = self._spouse_of(person) if co_owned or (married and self.with_residents) else None
        owner = _Owner(person, spouse, co_owned)
        self._owners.append(owner)
        return _person_owner(owner), self._household(owner)

    def _spouse_of(self, person: Person) -> Person:
        age = _age(person.birth_date) + self.rng.randint(-4, 4)
        return self.people.person(max(20, age), is_male=not person.is_male)

    def _household(self, owner: _Owner) -> tuple[ResidentPlan, ...]:
        if not self.with_residents:
            return ()
        person = owner.person
        age = _age(person.birth_date)
        members = [_resident(person, "户主", self._disabled(age))]
        if owner.spouse is not None:
            members.append(_resident(owner.spouse, "配偶", self._disabled(_age(owner.spouse.birth_date))))
        children = self.rng.choice((0, 1, 1, 2)) if age < 60 else int(self.rng.random() < 0.3)
        for _ in range(children):
            child_age = age - self.rng.randint(24, 34)
            if child_age >= 0:
                child = self.people.person(child_age, surname=person.surname,
                                           with_phone=child_age >= 16)
                members.append(_resident(child, "子女", self._disabled(child_age)))
        if age < 62 and self.rng.random() < 0.15:
            parent = self.people.person(min(96, age + self.rng.randint(24, 32)))
            members.append(_resident(parent, "父亲" if parent.is_male else "母亲",
                                     self._disabled(_age(parent.birth_date))))
        return tuple(members)

    def _disabled(self, age: int) -> bool:
        return self.rng.random() < (0.08 if age >= 60 else 0.015)


def records_of(plans: Iterable[EstatePlan]) -> Iterator[RollRecord]:
    for plan in plans:
        yield from plan.records


def apportion(total: int, weights: Sequence[float], minimum: int = 1) -> list[int]:
    """Split `total` into integers proportional to `weights`, each at least `minimum`, summing exactly
    to `total` (largest remainder)."""
    if total < minimum * len(weights):
        raise ValueError("total too small for the minimum of every part")
    spare = total - minimum * len(weights)
    scale = spare / sum(weights)
    shares = [weight * scale for weight in weights]
    parts = [minimum + int(share) for share in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: (int(shares[i]) - shares[i], i))
    for index in by_remainder[: total - sum(parts)]:
        parts[index] += 1
    return parts


def _organisation_owner(organisation: Organisation, kind: str, note: str) -> _RoomOwner:
    return _RoomOwner(kind, organisation.name, organisation.credit_code, organisation.phone, (), note)


def _person_owner(owner: _Owner, note: str = "") -> _RoomOwner:
    co_owners = (owner.spouse.name,) if owner.co_owned and owner.spouse is not None else ()
    return _RoomOwner("person", owner.person.name, owner.person.id_number, owner.person.phone,
                      co_owners, note)


def _resident(person: Person, relation: str, is_disabled: bool = False) -> ResidentPlan:
    return ResidentPlan(person.name, relation, person.birth_date, person.id_number, person.phone,
                        is_disabled)


def _age(birth: date) -> int:
    return age_on(birth, REFERENCE_DATE)
