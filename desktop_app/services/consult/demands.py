"""What households want (issue 5): per demanded item, how many households want it, overall and by building,
the households not reached yet, and vote items seeded from the demands in one step.

A household is a room. When a room gave several opinions in the period, only its latest (by date, then the
order entered) counts, so a household that changed its mind is counted once, with its current demands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Sequence

from desktop_app.domain.catalogue import CATEGORIES
from desktop_app.domain.ratios import percent_text, share
from desktop_app.domain.print_data import RollRow
from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.models import db
from desktop_app.services.consult.period import period_conditions
from desktop_app.services.scope import Scope, building_label, room_condition

_ROOMS = ("FROM room r JOIN unit u ON u.id = r.unit_id JOIN building b ON b.id = u.building_id "
          "JOIN estate e ON e.id = b.estate_id")


def _rows(sql: str, params: Sequence[object] = ()) -> list[tuple]:
    return list(db.execute_sql(sql, tuple(params)).fetchall())


@dataclass(frozen=True)
class BuildingColumn:
    building_id: int
    label: str  # "3号楼", or "杜鹃新村 3号楼" when the scope spans several estates
    rooms: int
    reached: int


@dataclass(frozen=True)
class DemandItem:
    name: str
    category: str  # catalogue category, "" for a free tag
    households: int
    reached: int  # households reached in the scope (the base of the share)
    by_building: tuple[tuple[int, int], ...]  # (building_id, households), buildings with at least one

    @property
    def share(self) -> Fraction | None:
        return share(self.households, self.reached)

    @property
    def share_text(self) -> str:
        return percent_text(self.share)

    def in_building(self, building_id: int) -> int:
        return dict(self.by_building).get(building_id, 0)


@dataclass(frozen=True)
class DemandSummary:
    scope: Scope
    start: date | None
    end: date | None
    rooms: int
    reached: int  # distinct rooms with an opinion in the period
    buildings: tuple[BuildingColumn, ...]  # every building of the scope, in location order
    items: tuple[DemandItem, ...]  # most wanted first; ties: catalogue category order, then name


def latest_opinions(scope: Scope, start: date | None, end: date | None,
                    consultation_id: int | None = None) -> tuple[str, list]:
    """SQL (a CTE body) for the latest opinion of each room of the scope in the period: columns id, room_id,
    building_id."""
    condition, params = room_condition(scope)
    where = [condition]
    period, period_params = period_conditions("o.given_on", start, end)
    where += period
    params += period_params
    if consultation_id is not None:
        where.append("o.consultation_id = ?")
        params.append(consultation_id)
    sql = ("SELECT id, room_id, building_id FROM (SELECT o.id, o.room_id, b.id AS building_id, "
           "row_number() OVER (PARTITION BY o.room_id ORDER BY o.given_on DESC, o.id DESC) AS rank "
           f"FROM opinion o JOIN room r ON r.id = o.room_id JOIN unit u ON u.id = r.unit_id "
           f"JOIN building b ON b.id = u.building_id JOIN estate e ON e.id = b.estate_id "
           f"WHERE {' AND '.join(where)}) ranked WHERE rank = 1")
    return sql, params


def demand_summary(scope: Scope, start: date | None = None, end: date | None = None, *,
                   consultation_id: int | None = None) -> DemandSummary:
    """Per demanded item: category, households wanting it, their share of households reached, by building."""
    condition, params = room_condition(scope)
    buildings = _rows(
        "SELECT b.id, b.name, e.id, e.name, count(r.id) " + _ROOMS + f" WHERE {condition} "
        "GROUP BY b.id ORDER BY e.pinyin, e.id, b.sort_key, b.name", params)
    several_estates = len({row[2] for row in buildings}) > 1
    latest, latest_params = latest_opinions(scope, start, end, consultation_id)
    reached_by_building = dict(_rows(f"WITH latest AS ({latest}) SELECT building_id, count(*) FROM latest "
                                     "GROUP BY building_id", latest_params))
    columns = tuple(
        BuildingColumn(building_id, f"{estate_name} {building_label(name)}" if several_estates else building_label(name),
                       rooms, reached_by_building.get(building_id, 0))
        for building_id, name, _estate_id, estate_name, rooms in buildings)
    reached = sum(reached_by_building.values())
    counts = _rows(f"WITH latest AS ({latest}) SELECT d.name, max(d.category), l.building_id, count(*) "
                   "FROM latest l JOIN opinion_demand d ON d.opinion_id = l.id GROUP BY d.name, l.building_id",
                   latest_params)
    by_name: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    for name, category, building_id, households in counts:
        known, per_building = by_name.setdefault(name, (category, []))
        by_name[name] = (max(known, category), per_building)
        per_building.append((building_id, households))
    order = {column.building_id: index for index, column in enumerate(columns)}
    rank = {category: index for index, category in enumerate(CATEGORIES)}
    items = [DemandItem(name, category, sum(n for _b, n in per_building), reached,
                        tuple(sorted(per_building, key=lambda pair: order.get(pair[0], len(order)))))
             for name, (category, per_building) in by_name.items()]
    items.sort(key=lambda item: (-item.households, rank.get(item.category, len(rank)), item.name))
    return DemandSummary(scope, start, end, sum(column.rooms for column in columns), reached, columns, tuple(items))


@dataclass(frozen=True)
class UnreachedRoom:
    room_id: int
    estate: str
    building: str
    unit: str
    number: str
    owner_names: str

    @property
    def label(self) -> str:
        return RollRow(self.building, self.unit, self.number, 0).label


def households_not_reached(scope: Scope, consultation_id: int | None = None, *, start: date | None = None,
                           end: date | None = None) -> list[UnreachedRoom]:
    """Rooms of the scope with no opinion (in the event, or in the period when given), in location order."""
    condition, params = room_condition(scope)
    where = ["x.room_id = r.id"]
    extra: list = []
    if consultation_id is not None:
        where.append("x.consultation_id = ?")
        extra.append(consultation_id)
    period, period_params = period_conditions("x.given_on", start, end)
    where += period
    extra += period_params
    rows = _rows(
        "SELECT r.id, e.name, b.name, u.name, r.number, "
        "(SELECT group_concat(name, '、') FROM (SELECT o.name FROM ownership os JOIN owner o ON o.id = os.owner_id "
        " WHERE os.room_id = r.id ORDER BY os.role DESC, os.id)) " + _ROOMS +
        f" WHERE {condition} AND NOT EXISTS (SELECT 1 FROM opinion x WHERE {' AND '.join(where)}) "
        "ORDER BY e.pinyin, e.id, b.sort_key, b.name, u.sort_key, u.name, r.sort_key, r.number, r.id",
        [*params, *extra])
    return [UnreachedRoom(room_id, estate, building, unit, number, owners or "")
            for room_id, estate, building, unit, number, owners in rows]


def vote_items_from_demands(summary: DemandSummary, min_share: Fraction = Fraction(0), *,
                            catalogue_only: bool = False, limit: int | None = None) -> list[VoteItem]:
    """Vote items seeded from the demands: items wanted by at least `min_share` of the households reached
    (and by at least one), most wanted first, each keeping its catalogue category ("" for a free tag)."""
    chosen = [item for item in summary.items
              if item.households > 0 and (item.share or 0) >= min_share and (item.category or not catalogue_only)]
    return [VoteItem(item.name, item.category) for item in chosen[:limit]]
