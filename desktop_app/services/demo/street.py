"""The demo street (东湖街道): two communities, six estates, about 1,500 rooms with owners and residents.

Generated deterministically (`roll_generator`) and written through the roll import (`apply_roll`),
the one path for roll writes, plus the residents of each room. Running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Iterable, cast

from desktop_app.domain.progress import Progress
from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.models import Building, Community, Estate, Resident, Room, Street, Unit, db
from desktop_app.models.clock import current_origin, now_iso
from desktop_app.services import audit
from desktop_app.services.demo.people import PeopleGenerator
from desktop_app.services.demo.roll_generator import BuildingPlan, EstatePlan, EstateSpec, RollGenerator
from desktop_app.services.scope import Scope

# The roll import loads pypinyin (about a second), so it is imported when writing, not when the
# window only asks has_any_estate at start.
if TYPE_CHECKING:
    from desktop_app.services.roll import ImportSummary


DEMO_SEED = "desktop-app 东湖街道 demo 1"
STREET = ("东湖街道", "350404007")
COMMUNITIES = {"杜鹃社区": "350404007001", "东霞社区": "350404007002"}
ROOMS_PER_ESTATE = 235


@dataclass(frozen=True)
class _DemoEstate:
    name: str
    community: str
    year_built: int
    road: str
    work_unit: tuple[str, str, frozenset[str]] | None = None  # name, authority code, buildings
    developer: str | None = None
    developer_rooms: int = 0


DEMO_ESTATES = (
    _DemoEstate("杜鹃新村", "杜鹃社区", 1986, "东湖路18号",
                work_unit=("三明市三元区房地产管理所", "12", frozenset({"1"}))),
    _DemoEstate("双园新村", "杜鹃社区", 1992, "双园路6号"),
    _DemoEstate("红岩新村", "杜鹃社区", 1989, "红岩路22号",
                work_unit=("三明市纺织厂", "91", frozenset({"1", "2", "3"}))),
    _DemoEstate("东霞新村", "东霞社区", 1990, "东霞路9号"),
    _DemoEstate("梅岭小区", "东霞社区", 1996, "梅岭路35号"),
    _DemoEstate("翠竹苑", "东霞社区", 2000, "翠竹路2号",
                developer="三明市城建房地产开发有限公司", developer_rooms=14),
)


def demo_plans() -> list[EstatePlan]:
    """The demo street's estates, records and households; the same on every run."""
    generator = RollGenerator(DEMO_SEED)
    plans = []
    for index, estate in enumerate(DEMO_ESTATES, start=1):
        plans.append(generator.estate(_spec(generator, index, estate)))
    return plans


def _spec(generator: RollGenerator, index: int, estate: _DemoEstate) -> EstateSpec:
    rng = generator.rng
    buildings: list[BuildingPlan] = []
    while sum(building.rooms for building in buildings) < ROOMS_PER_ESTATE:
        buildings.append(BuildingPlan.full(str(len(buildings) + 1), units=rng.randint(2, 3),
                                           floors=rng.randint(5, 7)))
    people: PeopleGenerator = generator.people
    work_unit = people.organisation(estate.work_unit[0], estate.work_unit[1]) if estate.work_unit else None
    developer = people.organisation(estate.developer) if estate.developer else None
    return EstateSpec(
        code=f"{COMMUNITIES[estate.community]}{index:03d}", name=estate.name,
        address=f"福建省三明市三元区{estate.road}", year_built=estate.year_built,
        street=STREET[0], community=estate.community, buildings=tuple(buildings),
        street_code=STREET[1], community_code=COMMUNITIES[estate.community],
        work_unit=work_unit, work_unit_buildings=estate.work_unit[2] if estate.work_unit else frozenset(),
        developer=developer, developer_rooms=estate.developer_rooms,
    )


def create_demo(progress: Progress | None = None, *, vote: bool = True, today: date) -> ImportSummary:
    """Write the demo street, with its consultations, opinions and complaints, renovation projects and a running vote; a second
    run finds everything in place and changes nothing. The vote and the consultations are dated around `today`. `vote=False` leaves the demo vote out (tests of votes
    that count their own)."""
    from desktop_app.services.demo.consult import create_consultation_demo
    from desktop_app.services.demo.projects import create_projects_demo
    from desktop_app.services.demo.vote import create_vote_demo

    plans = demo_plans()
    with db.atomic():
        summary = write_plans(plans, progress=progress)
        write_residents(plans)
        create_consultation_demo(today)
        create_projects_demo(today)
        if vote:
            create_vote_demo(today)
    return summary


def write_plans(plans: Iterable[EstatePlan], *, progress: Progress | None = None) -> ImportSummary:
    """Write generated estates through the roll import (their streets and communities created first,
    with their codes), then each estate's address and year built."""
    from desktop_app.services.roll import apply_roll

    plans = list(plans)
    for spec in {(plan.spec.street, plan.spec.community): plan.spec for plan in plans}.values():
        _community(spec)
    summary = apply_roll([record for plan in plans for record in plan.records], progress=progress)
    _describe_estates(plans)
    return summary


def _community(spec: EstateSpec) -> Community:
    street = Street.get_or_none(Street.name == spec.street)
    if street is None:
        street = Street.create(name=spec.street, code=spec.street_code or None)
    community = Community.get_or_none((Community.street == street) & (Community.name == spec.community))
    if community is None:
        community = Community.create(street=street, name=spec.community, code=spec.community_code or None)
    return community


def _describe_estates(plans: Iterable[EstatePlan]) -> None:
    for plan in plans:
        spec = plan.spec
        (Estate.update(address=spec.address, year_built=spec.year_built, updated_at=now_iso())
         .where((Estate.code == spec.code)
                & ((Estate.address != spec.address) | Estate.year_built.is_null()
                   | (Estate.year_built != spec.year_built)))
         .execute())


def write_residents(plans: list[EstatePlan]) -> int:
    """Add the households' members to their rooms; members already there (same name) are kept.
    Rows go through the cursor's executemany, as the roll import's do."""
    from desktop_app.services.roll import new_uids

    rows: list[tuple[object, ...]] = []
    for plan in plans:
        rooms = _room_ids(plan.spec.code)
        present = _present_residents(rooms.values())
        for household in plan.households:
            room_id = rooms[(household.building, household.unit, household.room)]
            rows.extend((room_id, member.name, member.id_number or None, member.phone, member.relation,
                         member.birth_date.isoformat(), int(member.is_disabled))
                        for member in household.residents if (room_id, member.name) not in present)
    if rows:
        stamp = (now_iso(), now_iso(), current_origin())
        db.connection().executemany(
            "INSERT INTO resident (uid, created_at, updated_at, origin, room_id, name, id_number, phone, "
            "relation, birth_date, is_disabled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((uid, *stamp, *row) for uid, row in zip(new_uids(len(rows)), rows)))
        audit.record("import", "resident", "", summary=f"示例数据：写入居民 {len(rows)} 人")
    return len(rows)


def _room_ids(estate_code: str) -> dict[tuple[str, str, str], int]:
    query = (Room.select(Room.id, Unit.name, Building.name.alias("building_name"), Room.number)
             .join(Unit).join(Building).join(Estate)
             .where(Estate.code == estate_code).tuples())
    # .tuples() yields tuples; peewee's stubs type every row of a model query as the model
    rows = cast("Iterable[tuple[int, str, str, str]]", query)
    return {(building, unit, number): room_id for room_id, unit, building, number in rows}


def _present_residents(room_ids: Iterable[int]) -> set[tuple[int, str]]:
    ids = list(room_ids)
    query = Resident.select(Resident.room, Resident.name).where(Resident.room.in_(ids)).tuples()
    rows = cast("Iterable[tuple[int, str]]", query)  # .tuples() rows (see _room_ids)
    return {(room_id, name) for room_id, name in rows}


def demo_scope() -> Scope | None:
    """The demo street as a scope, None before the demo has been written."""
    street = Street.get_or_none(Street.name == STREET[0])
    return None if street is None else Scope(ScopeLevel.STREET, street.id)
