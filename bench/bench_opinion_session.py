"""A door-to-door round entered through services.consultations on a generated estate, then summarised.

    python bench/bench_opinion_session.py [--rooms 3000] [--complaints 2000]

Measures, on a fresh database file under bench/out: `OpinionSession(consultation_id=...)` (loading the
rooms of the estate, empty and again with every room answered), per form `find(typed) + record(...)`
(one opinion, its demands and audit row in a transaction) and `undo()`, median and p95; then
`demand_summary` of the estate and `district_figures` of everything with `--complaints` complaints.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta

from bench_common import estate_database, median, ms, p95, print_environment, timed

from desktop_app.domain.complaints import CATEGORIES
from desktop_app.models import Complaint, Estate, db
from desktop_app.services.consult.figures import district_figures
from desktop_app.services.consult.events import EventDraft, OpinionSession, demand_summary, save_event
from desktop_app.services.demo.roll_generator import BuildingPlan, EstateSpec, RollGenerator, apportion
from desktop_app.services.scope import ALL, Scope

DEMANDS = ("加装电梯", "雨污分流", "停车设施", "外墙修缮", "适老化改造", "照明改造", "屋面修缮")
ROOMS_PER_BUILDING = 42
DAY = date(2026, 3, 10)


def estate_plan(rooms: int):
    generator = RollGenerator("desktop-app bench opinion session", with_residents=False)
    sizes = apportion(rooms, [1.0] * -(-rooms // ROOMS_PER_BUILDING))
    buildings = tuple(BuildingPlan(str(index), 3, 7, 2, size) for index, size in enumerate(sizes, start=1))
    spec = EstateSpec(code="350404007099002", name="列西新村", address="福建省三明市三元区列西街1号", year_built=1990,
                      street="列东街道", community="列西社区", buildings=buildings, street_code="350404007",
                      community_code="350404007098")
    return generator.estate(spec)


def line(name: str, values: list[float]) -> str:
    return f"    {name:<22} median {median(values) * 1000:6.2f} ms   p95 {p95(values) * 1000:6.2f} ms"


def add_complaints(estate: Estate, rooms: list[int], count: int) -> None:
    """Complaints written in one statement (the figures read them; how they were written does not matter)."""
    rng = random.Random("bench complaints")
    rows = []
    for index in range(count):
        received = DAY - timedelta(days=rng.randint(0, 180))
        closed = received + timedelta(days=rng.randint(0, 30)) if rng.random() < 0.6 else None
        rows.append({"ticket_no": f"B{index:06d}", "received_at": received.isoformat(),
                     "category": rng.choice(CATEGORIES), "estate": estate.id, "room": rng.choice(rooms),
                     "due_on": (received + timedelta(days=21)).isoformat(), "status": "办结" if closed else "办理",
                     "reply": "已处理" if closed else "", "closed_on": closed.isoformat() if closed else None})
    with db.atomic():
        for start in range(0, len(rows), 500):
            Complaint.insert_many(rows[start:start + 500]).execute()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rooms", type=int, default=3000)
    parser.add_argument("--complaints", type=int, default=2000)
    args = parser.parse_args(argv)
    print_environment("opinion session (door-to-door entry, demand summary, figures)")
    database, estate = estate_database("bench-opinion-session.sqlite3", args.rooms, estate_plan, "350404007099002")
    try:
        scope = Scope("estate", estate.id)
        event_id = save_event(EventDraft(kind="入户走访", held_on=DAY, scope=scope, title="入户走访"))
        with timed() as opened:
            session = OpinionSession(consultation_id=event_id, today=date.today())
        print(f"  OpinionSession load, no opinions yet: {ms(opened[0])} ({len(session.rooms):,} rooms)")
        rng = random.Random("bench opinions")
        records = []
        for room in session.rooms:
            typed = f"{room.building}-{room.unit}-{room.number}" if room.unit else f"{room.building}-{room.number}"
            demands = rng.sample(DEMANDS, rng.randint(0, 3))
            started = time.perf_counter()
            found = session.find(typed)
            session.record(found[0].room_id, stance=rng.choice(("支持", "有意见", "反对")), demands=demands)
            records.append(time.perf_counter() - started)
        undos = []
        for _ in range(min(200, len(records))):
            started = time.perf_counter()
            session.undo()
            undos.append(time.perf_counter() - started)
        print(f"  {len(records):,} forms entered:")
        print(line("find() + record()", records))
        print(line("undo()", undos))
        with timed() as reopened:
            OpinionSession(consultation_id=event_id, today=date.today())
        print(f"  OpinionSession load, {session.reached():,} rooms answered: {ms(reopened[0])}")
        with timed() as summarised:
            summary = demand_summary(scope)
        top = "、".join(f"{item.name} {item.households}户" for item in summary.items[:3])
        print(f"  demand_summary of the estate: {ms(summarised[0])} ({summary.reached:,} households; {top})")
        add_complaints(estate, [room.room_id for room in session.rooms], args.complaints)
        with timed() as counted:
            figures = district_figures(ALL, today=DAY)
        print(f"  district_figures of everything: {ms(counted[0])} ({figures.complaints:,} complaints, "
              f"{figures.construction_quality_text} construction and quality, {figures.overdue:,} overdue, "
              f"average {figures.average_days_text} days to close)")
    finally:
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
