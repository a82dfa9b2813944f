"""City roll import (read_roll + apply_roll into a fresh database) against openpyxl read-only
iteration of the same workbook, both measured in this run.

    python bench/bench_import.py [--scale 1.0] [--xlsx FILE] [--profile]

Target: import <= 0.5x the openpyxl iteration; goal 0.25x. Prints the split between reading and
validation (read_roll) and writing (apply_roll). `--profile` prints the top cProfile entries of each.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

from bench_common import OUT, city_xlsx, ensure_city, print_environment, remove_database, timed


def openpyxl_iteration(path: Path) -> tuple[float, float, int]:
    """What a plain openpyxl reader does: load read-only, then every cell value of every row of the
    roll sheet. Returns (load seconds, iteration seconds, non-empty cells). Loading a sheet without a
    <dimension> element (openpyxl's write-only mode writes none) parses the whole sheet once more."""
    from openpyxl import load_workbook

    with timed() as load_time:
        workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        with timed() as iteration_time:
            sheet = workbook.worksheets[0]
            cells = 0
            for row in sheet.iter_rows(values_only=True):
                cells += sum(1 for value in row if value is not None)
        return load_time[0], iteration_time[0], cells
    finally:
        workbook.close()


def measured(function, argument, *, profile: cProfile.Profile | None):
    """(seconds, result) of `function(argument)`, under `profile` when one is given."""
    with timed() as elapsed:
        result = profile.runcall(function, argument) if profile else function(argument)
    return elapsed[0], result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="city scale (1.0 = 196,900 rooms)")
    parser.add_argument("--xlsx", type=Path, help="the roll workbook (default: the city's, generated when missing)")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    print_environment("city roll import vs openpyxl read-only iteration")
    args.xlsx = args.xlsx or city_xlsx(args.scale)
    ensure_city(xlsx=args.xlsx, scale=args.scale)
    print(f"workbook: {args.xlsx} ({args.xlsx.stat().st_size / 1e6:.1f} MB)")

    load, iteration, cells = openpyxl_iteration(args.xlsx)
    print(f"openpyxl read-only: load {load:.2f} s + iteration {iteration:.2f} s = {load + iteration:.2f} s "
          f"({cells} non-empty cells)")

    from desktop_app.exchange.roll_reader import read_roll
    from desktop_app.services.roll.importing import apply_roll
    from desktop_app.services.workspace import Workspace

    database_path = OUT / "import.sqlite3"
    remove_database(database_path)
    workspace = Workspace.open(database_path)
    today = workspace.clock.today()
    profiles = [cProfile.Profile(), cProfile.Profile()] if args.profile else []
    read_time, result = measured(lambda path: read_roll(path, today=today), args.xlsx,
                                 profile=profiles[0] if profiles else None)
    write_time, summary = measured(apply_roll, result.records, profile=profiles[1] if profiles else None)
    workspace.close()
    total = read_time + write_time
    print(f"read_roll (reading + validation): {read_time:.2f} s — {result.rows} rows, "
          f"{len(result.records)} records, {len(result.errors)} errors")
    print(f"apply_roll (writing): {write_time:.2f} s — {summary.imported} imported, "
          f"{summary.unchanged} unchanged")
    print(f"import total: {total:.2f} s = {total / iteration:.2f}x the openpyxl iteration alone, "
          f"{total / (load + iteration):.2f}x openpyxl load + iteration (target <= 0.50x, goal 0.25x); "
          f"{total / max(1, result.rows) * 1e6:.0f} µs per row")
    for title, profile in zip(("read_roll", "apply_roll"), profiles):
        print(f"-- cProfile of {title} (top 15 by own time)")
        pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
