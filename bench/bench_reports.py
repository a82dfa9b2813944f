"""The district report at the report's city scale: 100 community reports merged (goal ≤ 10 s).

    python bench/bench_reports.py [--db bench/out/indicators-city.sqlite3] [--communities 100] [--repeat 3]

The city database with projects, opinions and complaints is the one bench/bench_indicators.py makes
(bench/out/indicators-city.sqlite3; run that first). It is copied to a scratch file. Then:
- one district report per community for the first `--communities` communities (not the goal; timed, total);
- the whole city's report (one workbook, every street, community and estate);
- merge-reports of the community reports: read (safety scan, calamine), check, merge, recompute the summary
  and write the merged workbook — the median of `--repeat` runs, against the goal of 10 s.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path

from bench_common import OUT, median, print_environment, timed

from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.models import Community, Estate
from desktop_app.operations.reports import preview_merge, write_district_report, write_merged
from desktop_app.services.scope import ALL, Scope
from desktop_app.services.workspace import Workspace

AS_OF = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 12, 0)
YEARS = (None, None)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=OUT / "indicators-city.sqlite3")
    parser.add_argument("--communities", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db} is missing: run bench/bench_indicators.py first")
    print_environment("district report: 100 community reports merged")
    scratch = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    try:
        copy = scratch / "city.sqlite3"
        shutil.copyfile(args.db, copy)
        workspace = Workspace.open(copy)
        communities = [c.id for c in Community.select().join(Estate).group_by(Community.id).order_by(Community.id)
                       ][:args.communities]
        paths = []
        with timed() as written:
            for community in communities:
                path = scratch / f"community-{community}.xlsx"
                write_district_report(path, Scope(ScopeLevel.COMMUNITY, community), YEARS, AS_OF, now=NOW)
                paths.append(path)
        size = sum(p.stat().st_size for p in paths)
        print(f"{len(paths)} community reports written: {written[0]:.2f} s ({written[0] / len(paths) * 1000:.0f} ms "
              f"each, {size / len(paths) / 1024:.0f} KB each)")
        with timed() as city:
            report = write_district_report(scratch / "city.xlsx", ALL, YEARS, AS_OF, now=NOW)
        print(f"the whole city's report: {city[0]:.2f} s ({report.estates} estates, {report.projects} projects, "
              f"{report.summary_rows} summary rows)")
        runs = []
        for _ in range(args.repeat):
            with timed() as merged:
                preview = preview_merge(paths, now=NOW)
                assert preview.can_write, [r.reason for r in preview.refused]
                result = write_merged(preview, scratch / "merged.xlsx")
            runs.append(merged[0])
        print(f"merge-reports of {len(paths)} community reports: median {median(runs):.2f} s of {args.repeat} "
              f"({', '.join(f'{r:.2f}' for r in runs)}); goal ≤ 10 s; {len(result.report.estates)} estates, "
              f"{len(result.report.projects)} projects, {result.summary_rows} summary rows")
        workspace.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
