"""The district's figures for consultations and complaints (domain.md section 6), from plain rows.

For a scope and a date range the caller hands in the consultation events held, the rooms that gave an
opinion, the rooms of each estate, and the complaints received; this module counts:
- consultations held, by kind;
- households reached: distinct rooms with at least one opinion, per estate and in total, and their share
  of the estate's rooms (of the scope's rooms in that estate when the scope is a building or unit);
- complaints by category, each with its share of all complaints, and the share about construction
  and quality (施工管理 + 质量安全);
- overdue complaints (`complaints.is_overdue` on `today`: still open after the due date, or closed late);
- average days to close, over the complaints closed (exact Fraction, shown to one decimal).
Shares are exact Fractions; texts round half up ("38.79%"). An empty base gives None and the text "—".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Iterable

from desktop_app.domain.complaints import CATEGORIES, CLOSED_LATE, CONSTRUCTION_AND_QUALITY, OVERDUE_OPEN, \
    days_to_close, overdue_state
from desktop_app.domain.errors import UserError
from desktop_app.domain.opinions import KINDS
from desktop_app.domain.ratios import decimal_text, percent_text, share


@dataclass(frozen=True, slots=True)
class EventRow:
    kind: str
    held_on: date
    estate_id: int | None = None


@dataclass(frozen=True, slots=True)
class OpinionRow:
    room_id: int
    estate_id: int


@dataclass(frozen=True, slots=True)
class EstateRooms:
    estate_id: int
    name: str
    rooms: int  # rooms of the scope in this estate


@dataclass(frozen=True, slots=True)
class ComplaintRow:
    category: str
    received_on: date
    due_on: date | None = None
    closed_on: date | None = None


@dataclass(frozen=True, slots=True)
class EstateReach:
    estate_id: int
    name: str
    rooms: int
    reached: int

    @property
    def share(self) -> Fraction | None:
        return share(self.reached, self.rooms)

    @property
    def share_text(self) -> str:
        return percent_text(self.share)


@dataclass(frozen=True, slots=True)
class CategoryCount:
    category: str
    count: int
    total: int

    @property
    def share(self) -> Fraction | None:
        return share(self.count, self.total)

    @property
    def share_text(self) -> str:
        return percent_text(self.share)


@dataclass(frozen=True)
class ConsultationFigures:
    consultations: int
    by_kind: tuple[tuple[str, int], ...]  # every kind, in KINDS order
    estates: tuple[EstateReach, ...]  # in the order given
    complaints: int
    by_category: tuple[CategoryCount, ...]  # every category, in CATEGORIES order
    construction_quality: int
    overdue_open: int
    closed_late: int
    closed: int
    total_close_days: int

    @property
    def households_reached(self) -> int:
        return sum(estate.reached for estate in self.estates)

    @property
    def rooms(self) -> int:
        return sum(estate.rooms for estate in self.estates)

    @property
    def reach_share(self) -> Fraction | None:
        return share(self.households_reached, self.rooms)

    @property
    def construction_quality_share(self) -> Fraction | None:
        return share(self.construction_quality, self.complaints)

    @property
    def construction_quality_text(self) -> str:
        return percent_text(self.construction_quality_share)

    @property
    def overdue(self) -> int:
        return self.overdue_open + self.closed_late

    @property
    def average_days_to_close(self) -> Fraction | None:
        return share(self.total_close_days, self.closed)

    @property
    def average_days_text(self) -> str:
        return decimal_text(self.average_days_to_close)


def consultation_figures(events: Iterable[EventRow], opinions: Iterable[OpinionRow],
                         estates: Iterable[EstateRooms], complaints: Iterable[ComplaintRow],
                         today: date) -> ConsultationFigures:
    """The figures of the rows given (already limited to the scope and date range by the caller).

    Raises UserError when an opinion names an estate not given, when more rooms of an estate gave an
    opinion than it has, or for an unknown kind or category (the rows do not belong together)."""
    kinds: Counter[str] = Counter()
    for event in events:
        if event.kind not in KINDS:
            raise UserError(f"征求意见方式“{event.kind}”无效")
        kinds[event.kind] += 1
    estate_list = list(estates)
    rooms_of = {estate.estate_id: estate for estate in estate_list}
    reached: dict[int, set[int]] = {estate.estate_id: set() for estate in estate_list}
    for opinion in opinions:
        if opinion.estate_id not in reached:
            raise UserError(f"意见所在小区（编号 {opinion.estate_id}）不在统计范围内")
        reached[opinion.estate_id].add(opinion.room_id)
    reach = []
    for estate_id, rooms in reached.items():
        estate = rooms_of[estate_id]
        if len(rooms) > estate.rooms:
            raise UserError(f"{estate.name}：有意见的房屋 {len(rooms)} 户多于房屋总数 {estate.rooms} 户")
        reach.append(EstateReach(estate_id, estate.name, estate.rooms, len(rooms)))
    categories: Counter[str] = Counter()
    states: Counter[str] = Counter()
    closed = close_days = 0
    for complaint in complaints:
        if complaint.category not in CATEGORIES:
            raise UserError(f"投诉类别“{complaint.category}”无效")
        categories[complaint.category] += 1
        states[overdue_state(complaint.due_on, complaint.closed_on, today)] += 1
        if complaint.closed_on is not None:
            closed += 1
            close_days += days_to_close(complaint.received_on, complaint.closed_on)
    total = sum(categories.values())
    return ConsultationFigures(
        consultations=sum(kinds.values()),
        by_kind=tuple((kind, kinds[kind]) for kind in KINDS),
        estates=tuple(reach),
        complaints=total,
        by_category=tuple(CategoryCount(category, categories[category], total) for category in CATEGORIES),
        construction_quality=sum(categories[c] for c in CONSTRUCTION_AND_QUALITY),
        overdue_open=states[OVERDUE_OPEN], closed_late=states[CLOSED_LATE],
        closed=closed, total_close_days=close_days,
    )
