"""Cold start to first paint: the application's main window against a bare PySide6 QMainWindow.

    python bench/bench_startup.py [--runs 5]

Each run is a fresh process (bench/startup_probe.py), timed from just before it is started to the
first paint event its window receives; the two kinds alternate and the median of each is printed.
The application opens a database holding the demo street (bench/out/startup.sqlite3) so that it
starts as a user's would, without the first-start offer. Target: application <= 2.5x bare.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

from bench_common import BENCH, OUT, median, ms, print_environment

STARTUP_DB = OUT / "startup.sqlite3"


def first_paint(arguments: list[str], environment: dict[str, str]) -> float:
    started = time.monotonic()
    completed = subprocess.run([sys.executable, str(BENCH / "startup_probe.py"), *arguments],
                               capture_output=True, text=True, env=environment, timeout=120)
    for line in completed.stdout.splitlines():
        if line.startswith("first-paint "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"no first paint from {arguments}: exit {completed.returncode}\n"
                       f"{completed.stdout}\n{completed.stderr}")


def prepare_database() -> None:
    if not STARTUP_DB.exists():
        subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(STARTUP_DB), "demo"],
                       check=True, capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    print_environment("cold start to first paint")
    OUT.mkdir(parents=True, exist_ok=True)
    prepare_database()
    environment = dict(os.environ)
    environment.setdefault("QT_QPA_PLATFORM", "offscreen")
    environment["XDG_CONFIG_HOME"] = str(OUT / "config")  # keep the user's window state untouched
    environment["HOME"] = str(OUT / "home")
    first_paint(["bare"], environment)  # warm the file cache once for both kinds
    first_paint(["app", str(STARTUP_DB)], environment)
    bare_times: list[float] = []
    app_times: list[float] = []
    for _ in range(args.runs):
        bare_times.append(first_paint(["bare"], environment))
        app_times.append(first_paint(["app", str(STARTUP_DB)], environment))
    bare, app = median(bare_times), median(app_times)
    print(f"QT_QPA_PLATFORM={environment['QT_QPA_PLATFORM']}, {args.runs} runs each, after one warm-up run")
    print(f"bare QMainWindow: median {ms(bare)}  (runs: {', '.join(ms(t) for t in bare_times)})")
    print(f"application:      median {ms(app)}  (runs: {', '.join(ms(t) for t in app_times)})")
    print(f"ratio: {app / bare:.2f}x (target <= 2.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
