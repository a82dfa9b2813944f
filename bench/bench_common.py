"""Shared helpers of the benchmark scripts: where generated data lives, the environment, timing.

Benchmarks print figures; they assert nothing and `make test` never runs them.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Iterator

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"


def city_xlsx(scale: float = 1.0) -> Path:
    return OUT / ("city.xlsx" if scale == 1.0 else f"city-{scale:g}.xlsx")


def city_db(scale: float = 1.0) -> Path:
    return OUT / ("city.sqlite3" if scale == 1.0 else f"city-{scale:g}.sqlite3")


def print_environment(title: str) -> None:
    print(f"== {title}")
    versions = []
    for package in ("PySide6-Essentials", "peewee", "openpyxl", "python-calamine", "pypinyin"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    print(f"python {platform.python_version()} ({sys.executable}); {platform.platform()}; "
          f"{os.cpu_count()} cpus; sqlite {sqlite3.sqlite_version}")
    print("; ".join(versions))


@contextmanager
def timed() -> Iterator[list[float]]:
    """`with timed() as elapsed:` ... then `elapsed[0]` holds the seconds taken."""
    result: list[float] = []
    started = time.perf_counter()
    try:
        yield result
    finally:
        result.append(time.perf_counter() - started)


def median(values: list[float]) -> float:
    return statistics.median(values)


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def ensure_city(*, xlsx: Path | None = None, db: Path | None = None, scale: float = 1.0) -> None:
    """Generate the city workbook and/or database (under bench/out) when missing."""
    arguments = []
    if xlsx is not None and not xlsx.exists():
        arguments += ["--xlsx", str(xlsx)]
    if db is not None and not db.exists():
        arguments += ["--db", str(db)]
    if arguments:
        print(f"generating the city ({' '.join(arguments)}, scale {scale}) ...", flush=True)
        subprocess.run([sys.executable, str(BENCH / "generate_city.py"), *arguments,
                        "--scale", str(scale)], check=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def estate_database(file_name: str, rooms: int, make_plan, code: str):
    """A fresh database `bench/out/<file_name>` holding the one estate `make_plan(rooms)` generates (the time to
    generate and write it is printed); returns (the open database, that estate's `Estate` row)."""
    from desktop_app.models import Estate, open_database
    from desktop_app.services.demo.street import write_plans

    path = OUT / file_name
    OUT.mkdir(parents=True, exist_ok=True)
    remove_database(path)
    database = open_database(path)
    try:
        with timed() as loaded:
            write_plans([make_plan(rooms)])
        estate = Estate.get(Estate.code == code)
    except BaseException:
        database.close()
        raise
    print(f"estate of {rooms:,} rooms written in {loaded[0]:.1f} s ({path.name})")
    return database, estate
