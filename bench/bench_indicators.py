"""The district's indicators at the report's city scale: 1,130 estates, 196,900 households, 1,357 projects,
about 8,000 items and 4,000 fund rows, with payments, opinions and complaints.

    python bench/bench_indicators.py [--repeat 3]

Copies bench/out/city.sqlite3 (made by generate_city.py when missing) to a scratch file and writes the
projects (bulk SQL, not timed; the consultation bench's opinions and complaints too). Then times, medians of
`--repeat` runs, each against its baseline in the same run:
- `project_indicators` and `scope_indicators` (with complaints and consultations) of the whole city and
  of the largest street; goals ≤ 1 s for the city, ≤ 100 ms for a street;
- baseline: the least any implementation must read, one SQL statement counting the rooms and buildings
  of every estate the projects cover, plus the sums of the project tables.
"""

from __future__ import annotations

import argparse
import random
import shutil
import uuid
from datetime import date, timedelta

from bench_common import OUT, city_db, ensure_city, median, ms, print_environment, remove_database, timed
from bench_consultation_city import fill as fill_consultations

from desktop_app.domain.catalogue import CATEGORIES
from desktop_app.domain.projects import FUND_SOURCES
from desktop_app.models import db, open_database
from desktop_app.models.clock import now_iso
from desktop_app.services.catalogue import catalogue
from desktop_app.services.projects import project_indicators, scope_indicators
from desktop_app.services.scope import ALL, Scope

TODAY = date(2026, 11, 25)
PROJECTS, ITEMS, FUNDS = 1357, 8000, 4000


def fill_projects() -> None:
    rng = random.Random(20261204)
    stamp = now_iso()
    estates = [row[0] for row in db.execute_sql("SELECT id FROM estate ORDER BY id")]
    items_by_category = {category: [item.name for item in catalogue() if item.category == category] for category in CATEGORIES}
    origin = "bench"

    def synced() -> tuple:
        return (str(uuid.uuid4()), stamp, stamp, origin)

    projects, covers, items, funds, payments = [], [], [], [], []
    order = estates[:]
    rng.shuffle(order)
    for number in range(PROJECTS):
        year = rng.choice(range(2019, 2026))
        planned_start = date(year, rng.randint(3, 9), rng.randint(1, 28))
        planned_end = planned_start + timedelta(days=rng.randint(150, 400))
        actual_start = planned_start + timedelta(days=rng.randint(-10, 120)) if rng.random() < 0.9 else None
        actual_end = (planned_end + timedelta(days=rng.randint(-30, 200))
                      if actual_start and rng.random() < 0.6 else None)
        if actual_start and actual_end and actual_end < actual_start:
            actual_end = actual_start + timedelta(days=30)
        projects.append((*synced(), f"BENCH-{number:05d}", f"改造项目{number}", year, planned_start.isoformat(),
                         planned_end.isoformat(), actual_start.isoformat() if actual_start else None,
                         actual_end.isoformat() if actual_end else None))
        first = order[number % len(order)]
        covered = [first] + (rng.sample(estates, rng.randint(1, 3)) if rng.random() < 0.1 else [])
        for position, estate in enumerate(dict.fromkeys(covered)):
            covers.append((*synced(), number + 1, estate, position))
    for number in range(ITEMS):
        category = rng.choices(CATEGORIES, weights=(785, 133, 83))[0]
        items.append((*synced(), rng.randrange(PROJECTS) + 1, number, rng.choice(items_by_category[category]), category,
                      rng.randrange(10_000, 5_000_000) * 100))
    pairs = set()
    while len(pairs) < FUNDS:
        pairs.add((rng.randrange(PROJECTS) + 1, rng.choice(FUND_SOURCES)))
    for fund_id, (project, source) in enumerate(sorted(pairs), start=1):
        planned = rng.randrange(100_000, 10_000_000) * 100
        allocated = planned * rng.randint(0, 10) // 10
        funds.append((*synced(), project, source, planned, allocated))
        left = allocated
        for _ in range(rng.randint(0, 3)):
            amount = left * rng.randint(1, 6) // 10
            if amount:
                payments.append((*synced(), fund_id, (TODAY - timedelta(days=rng.randrange(1500))).isoformat(), amount))
                left -= amount
    head = "uid, created_at, updated_at, origin"
    with db.atomic():
        cursor = db.cursor()
        cursor.executemany(f"INSERT INTO project ({head}, code, name, plan_year, planned_start, planned_end, actual_start, "
                           "actual_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", projects)
        cursor.executemany(f"INSERT INTO project_estate ({head}, project_id, estate_id, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           covers)
        cursor.executemany(f"INSERT INTO project_item ({head}, project_id, position, name, category, planned_fen) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", items)
        cursor.executemany(f"INSERT INTO project_fund ({head}, project_id, source, planned_fen, allocated_fen) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", funds)
        cursor.executemany(f"INSERT INTO fund_payment ({head}, fund_id, paid_on, amount_fen) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           payments)
    print(f"wrote {len(projects):,} projects covering {len(covers):,} estates, {len(items):,} items, "
          f"{len(funds):,} funds, {len(payments):,} payments")


def baseline(street: Scope | None) -> None:
    """One statement per table: the roll's counts of the covered estates and the project tables' sums."""
    condition = ("" if street is None else
                 " AND e.community_id IN (SELECT id FROM community WHERE street_id = %d)" % street.id)
    db.execute_sql("SELECT b.estate_id, count(DISTINCT b.id), count(*) FROM room r JOIN unit u ON u.id = r.unit_id "
                   "JOIN building b ON b.id = u.building_id JOIN estate e ON e.id = b.estate_id "
                   f"WHERE b.estate_id IN (SELECT estate_id FROM project_estate){condition} GROUP BY b.estate_id").fetchall()
    for table in ("project_item", "project_fund", "fund_payment"):
        db.execute_sql(f"SELECT count(*) FROM {table}").fetchall()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print_environment("district indicators at city scale")
    source = city_db()
    ensure_city(db=source)
    scratch = OUT / "indicators-city.sqlite3"
    remove_database(scratch)
    shutil.copy(source, scratch)
    database = open_database(scratch)
    try:
        fill_projects()
        fill_consultations(0.5, 5000)
        street = Scope("street", db.execute_sql(
            "SELECT c.street_id FROM room r JOIN unit u ON u.id = r.unit_id JOIN building b ON b.id = u.building_id "
            "JOIN estate e ON e.id = b.estate_id JOIN community c ON c.id = e.community_id "
            "GROUP BY c.street_id ORDER BY count(*) DESC LIMIT 1").fetchone()[0])
        cases = (
            ("whole city", ALL, None),
            ("largest street", street, street),
        )
        for label, scope, base_scope in cases:
            runs: dict[str, list[float]] = {"baseline": [], "project_indicators": [], "scope_indicators": []}
            for _ in range(args.repeat):
                with timed() as elapsed:
                    baseline(base_scope)
                runs["baseline"].append(elapsed[0])
                with timed() as elapsed:
                    figures = project_indicators(scope, as_of=TODAY)
                runs["project_indicators"].append(elapsed[0])
                with timed() as elapsed:
                    scope_indicators(scope, as_of=TODAY)
                runs["scope_indicators"].append(elapsed[0])
            base = median(runs["baseline"])
            print(f"{label}: {figures.projects:,} projects, {figures.estates:,} estates, {figures.households:,} households")
            for name, values in runs.items():
                print(f"  {name}: {ms(median(values))} ({median(values) / base:.2f}× baseline)")
    finally:
        database.close()


if __name__ == "__main__":
    main()
