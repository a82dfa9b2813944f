"""The rooms table model on the city database (196,900 rooms): open, sort by each column, filter.

    python bench/bench_rooms_table.py [--scale 1.0] [--db FILE]

Open = model created and loaded for the whole database, plus the first screen of rows read through
`data()`; a sort or a filter is timed the same way (the SQL and the first screen). Offscreen Qt.
Targets: open <= 200 ms, sort and filter <= 300 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bench_common import city_db, ensure_city, ms, print_environment, timed

SCREEN_ROWS = 40


def first_screen(model) -> None:
    for row in range(min(SCREEN_ROWS, model.rowCount())):
        for column in range(model.columnCount()):
            model.data(model.index(row, column))


def filter_texts(database) -> list[tuple[str, str]]:
    """Texts a user types: a surname, a full owner name, its pinyin, a room number, a phone tail."""
    def one(sql: str) -> tuple:
        return database.execute_sql(sql + " LIMIT 1 OFFSET (SELECT count(*) / 3 FROM owner)").fetchone()

    name, pinyin = one("SELECT name, pinyin FROM owner WHERE kind = 'person' ORDER BY id")
    phone, = one("SELECT phone FROM owner WHERE phone != '' ORDER BY id")
    return [("surname", name[0]), ("owner name", name), ("pinyin", pinyin.split()[0]),
            ("pinyin initials", pinyin.split()[-1]), ("room number", "502"), ("phone tail", phone[-4:]),
            ("no match", "不存在的名字")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="city scale (1.0 = 196,900 rooms)")
    parser.add_argument("--db", type=Path, help="the database (default: the city's, generated when missing)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print_environment("rooms table model on the city database")
    args.db = args.db or city_db(args.scale)
    ensure_city(db=args.db, scale=args.scale)

    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import Qt, qVersion
    from PySide6.QtWidgets import QApplication

    from desktop_app.services.workspace import Workspace
    from desktop_app.services.scope import ALL
    from desktop_app.ui.roll.rooms_model import RoomTableModel

    print(f"PySide6 {pyside_version}, Qt {qVersion()}, platform {os.environ['QT_QPA_PLATFORM']}")
    app = QApplication.instance() or QApplication([])
    workspace = Workspace.open(args.db)
    database = workspace.database
    rooms = database.execute_sql("SELECT count(*) FROM room").fetchone()[0]
    print(f"database: {args.db} ({rooms} rooms)")
    with timed() as open_time:
        model = RoomTableModel(located=workspace.located_rooms)
        model.reload(ALL)
        first_screen(model)
    print(f"open (model + {model.rowCount()} ids + first {SCREEN_ROWS} rows): {ms(open_time[0])} (target <= 200 ms)")

    worst = 0.0
    for column in range(model.columnCount()):
        header = model.headerData(column, Qt.Orientation.Horizontal)
        for order, label in ((Qt.SortOrder.AscendingOrder, "asc"), (Qt.SortOrder.DescendingOrder, "desc")):
            with timed() as sort_time:
                model.sort(column, order)
                first_screen(model)
            worst = max(worst, sort_time[0])
            print(f"sort {header} {label}: {ms(sort_time[0])}")
    model.sort(0)
    for label, text in filter_texts(database):
        with timed() as filter_time:
            model.reload(filter_text=text)
            first_screen(model)
        worst = max(worst, filter_time[0])
        print(f"filter {label} “{text}”: {ms(filter_time[0])} ({model.rowCount()} rows)")
    with timed() as clear_time:
        model.reload(filter_text="")
        first_screen(model)
    worst = max(worst, clear_time[0])
    print(f"filter cleared: {ms(clear_time[0])}")
    print(f"slowest sort/filter: {ms(worst)} (target <= 300 ms)")
    database.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
