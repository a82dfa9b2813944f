"""Run every benchmark (bench/bench_*.py) in sequence (`make bench`); each prints its figures.

    python bench/run_all.py [--scale 1.0]

The city workbook and database are generated under bench/out/ the first time (a few minutes at full
scale) and reused afterwards; delete bench/out/ to start again.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from bench_common import BENCH


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="city scale (1.0 = 196,900 rooms)")
    args = parser.parse_args(argv)
    scaled = {"bench_import.py": ["--scale", str(args.scale)],
              "bench_rooms_table.py": ["--scale", str(args.scale)], "bench_startup.py": []}
    others = sorted(path.name for path in BENCH.glob("bench_*.py")
                    if path.name not in scaled and path.name != "bench_common.py")
    failed = []
    for script, arguments in [*scaled.items(), *((name, []) for name in others)]:
        print(flush=True)
        if subprocess.run([sys.executable, str(BENCH / script), *arguments]).returncode != 0:
            failed.append(script)
    if failed:
        print(f"failed to run: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
