"""The 首页 of the report's city drawn: from building the page to every figure on screen (the roll's counts and
the district's indicators), with the window's real background runner, offscreen.

    python bench/bench_home_city.py [--repeat 3]

Uses bench/out/indicators-city.sqlite3 (made by bench_indicators.py: the city with 1,357 projects, their items,
funds and payments, opinions and complaints). Baselines in the same run: a bare page of the same number of
labels drawn (what any page costs), and the two reads the page asks for run back to back with no window
(what the figures cost). Goal: the city drawn in ≤ 1 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_common import OUT, median, ms, print_environment

from PySide6.QtWidgets import QApplication, QGridLayout, QLabel, QWidget

from desktop_app.models.clock import SystemClock
from desktop_app.services import queries
from desktop_app.services.projects import scope_indicators
from desktop_app.services.scope import ALL
from desktop_app.services.workspace import Workspace
from desktop_app.ui.pages.base import ChangeBus, PageContext, ScopeState
from desktop_app.ui.pages.home import HomePage
from desktop_app.ui.widgets.tasks import TaskRunner

CITY = OUT / "indicators-city.sqlite3"


def bare_page(app: QApplication) -> float:
    started = time.perf_counter()
    page = QWidget()
    grid = QGridLayout(page)
    for index in range(40):
        grid.addWidget(QLabel(f"指标 {index}：{index * 1234:,}"), index // 5, index % 5)
    page.resize(1366, 768)
    page.show()
    page.grab()
    app.processEvents()
    elapsed = time.perf_counter() - started
    page.close()
    page.deleteLater()
    return elapsed


def home_page(app: QApplication, workspace: Workspace, runner: TaskRunner) -> float:
    started = time.perf_counter()
    page = HomePage(PageContext(runner, ScopeState(), ChangeBus(), workspace))
    page.resize(1366, 768)
    page.show()
    while page.figures is None or page.values["owner_heads"].text() == "…":
        app.processEvents()
        time.sleep(0.002)
    page.grab()
    elapsed = time.perf_counter() - started
    page.close()
    page.deleteLater()
    app.processEvents()
    return elapsed


def reads(workspace: Workspace) -> float:
    today = workspace.clock.today()
    started = time.perf_counter()
    queries.scope_counts(ALL, today)
    scope_indicators(ALL, as_of=today)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not CITY.exists():
        print(f"missing {CITY}: run bench/bench_indicators.py first", file=sys.stderr)
        return 1
    print_environment("the city's 首页 drawn")
    app = QApplication([])
    workspace = Workspace.open(CITY, SystemClock())
    runner = TaskRunner(workspace)
    times: dict[str, list[float]] = {"bare page": [], "reads alone": [], "首页 of the city": []}
    for _ in range(args.repeat):
        times["bare page"].append(bare_page(app))
        times["reads alone"].append(reads(workspace))
        times["首页 of the city"].append(home_page(app, workspace, runner))
    runner.wait()
    base, work = median(times["bare page"]), median(times["reads alone"])
    for name, values in times.items():
        print(f"  {name}: {ms(median(values))} ({median(values) / base:.1f}× bare page, "
              f"{median(values) / work:.2f}× reads alone)  runs: {', '.join(ms(v) for v in values)}")
    workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
