"""Consultation figures at the report's city scale: 196,900 households, a door-to-door round reaching half
of them, and a year of hotline tickets.

    python bench/bench_consultation_city.py [--reached 0.5] [--complaints 5000]

Copies bench/out/city.sqlite3 (made by generate_city.py when missing) to a scratch file, writes one
opinion with two or three catalogue demands for the reached share of rooms (bulk SQL, not timed) and
the complaints, then times what the 征求意见 page and the district report ask for: district_figures
for the whole city and one street, demand_summary for the city and one estate, households_not_reached
for one estate, and the complaints board of the city (all and overdue only).
"""

from __future__ import annotations

import argparse
import random
import shutil
import uuid
from datetime import date, timedelta

from bench_common import OUT, city_db, ensure_city, ms, print_environment, remove_database, timed

from desktop_app.domain.complaints import CATEGORIES
from desktop_app.models import db, open_database
from desktop_app.models.clock import now_iso
from desktop_app.services.catalogue import catalogue
from desktop_app.services.consult.complaints import list_complaints
from desktop_app.services.consult.figures import district_figures
from desktop_app.services.consult.demands import demand_summary, households_not_reached
from desktop_app.services.scope import ALL, Scope

TODAY = date(2026, 11, 25)


def fill(reached: float, complaints: int) -> None:
    rng = random.Random(20261125)
    items = catalogue()
    stamp = now_iso()
    room_ids = [row[0] for row in db.execute_sql("SELECT id FROM room ORDER BY id")]
    chosen = sorted(rng.sample(room_ids, int(len(room_ids) * reached)))
    estates = [row[0] for row in db.execute_sql("SELECT id FROM estate")]
    with db.atomic():
        db.execute_sql("INSERT INTO consultation (uid, created_at, updated_at, origin, kind, held_on, title) "
                       "VALUES (?, ?, ?, 'bench', '入户走访', ?, '全市入户走访')", (str(uuid.uuid4()), stamp, stamp, "2026-05-01"))
        event = db.execute_sql("SELECT max(id) FROM consultation").fetchone()[0]
        opinions = [(str(uuid.uuid4()), stamp, stamp, "bench", event, room, "入户走访",
                     (TODAY - timedelta(days=rng.randrange(200))).isoformat(), rng.choice(["支持", "有意见", "反对", ""]))
                    for room in chosen]
        db.cursor().executemany(
            "INSERT INTO opinion (uid, created_at, updated_at, origin, consultation_id, room_id, channel, given_on, stance) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", opinions)
        first = db.execute_sql("SELECT min(id) FROM opinion").fetchone()[0]
        demands = [(first + index, item.name, item.category)
                   for index in range(len(opinions)) for item in rng.sample(items[:20], rng.randint(2, 3))]
        db.cursor().executemany("INSERT INTO opinion_demand (opinion_id, name, category) VALUES (?, ?, ?)", demands)
        rows = []
        for number in range(complaints):
            received = TODAY - timedelta(days=rng.randrange(365))
            closed = received + timedelta(days=rng.randrange(1, 40)) if rng.random() < 0.7 else None
            rows.append((str(uuid.uuid4()), stamp, stamp, "bench", f"2026{number:08d}", received.isoformat(),
                         rng.choice(CATEGORIES), rng.choice(estates), (received + timedelta(days=21)).isoformat(),
                         "办结" if closed and closed <= TODAY else "办理",
                         closed.isoformat() if closed and closed <= TODAY else None))
        db.cursor().executemany(
            "INSERT INTO complaint (uid, created_at, updated_at, origin, ticket_no, received_at, category, estate_id, "
            "due_on, status, closed_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    print(f"wrote {len(opinions):,} opinions with {len(demands):,} demands and {complaints:,} complaints")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reached", type=float, default=0.5)
    parser.add_argument("--complaints", type=int, default=5000)
    args = parser.parse_args()
    print_environment("consultation figures at city scale")
    source = city_db()
    ensure_city(db=source)
    scratch = OUT / "consultation-city.sqlite3"
    remove_database(scratch)
    shutil.copy(source, scratch)
    database = open_database(scratch)
    try:
        fill(args.reached, args.complaints)
        street = Scope("street", db.execute_sql("SELECT min(id) FROM street").fetchone()[0])
        estate = Scope("estate", db.execute_sql(
            "SELECT b.estate_id FROM room r JOIN unit u ON u.id = r.unit_id JOIN building b ON b.id = u.building_id "
            "GROUP BY b.estate_id ORDER BY count(*) DESC LIMIT 1").fetchone()[0])
        for label, run in (
            ("district_figures, whole city", lambda: district_figures(ALL, today=TODAY)),
            ("district_figures, one street", lambda: district_figures(street, today=TODAY)),
            ("district_figures, whole city, one quarter",
             lambda: district_figures(ALL, date(2026, 7, 1), date(2026, 9, 30), today=TODAY)),
            ("demand_summary, whole city", lambda: demand_summary(ALL)),
            ("demand_summary, largest estate", lambda: demand_summary(estate)),
            ("households_not_reached, largest estate", lambda: households_not_reached(estate)),
            ("complaints board, whole city", lambda: list_complaints(ALL, today=TODAY)),
            ("complaints board, overdue only", lambda: list_complaints(ALL, overdue_only=True, today=TODAY)),
        ):
            with timed() as elapsed:
                result = run()
            size = len(result) if isinstance(result, list) else ""
            print(f"  {label}: {ms(elapsed[0])}{f' ({size:,} rows)' if size != '' else ''}")
        figures = district_figures(ALL, today=TODAY)
        print(f"  city: {figures.households_reached:,} of {figures.rooms:,} households reached; "
              f"{figures.complaints:,} complaints, overdue {figures.overdue_open:,} open")
    finally:
        database.close()


if __name__ == "__main__":
    main()
