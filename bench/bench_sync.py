"""Sync files at the report's city scale: 1,130 estates, 196,900 rooms with their 209,510 owners and
221,101 ownerships, and one vote per estate (its items and its frozen roll: 196,900 roll rows).

    python bench/bench_sync.py [--repeat 1]

Copies bench/out/city.sqlite3 (made by generate_city.py when missing) to a scratch file and adds the votes
(bulk SQL, not timed). Then, each against its baseline in the same run:
- export-sync of the whole city (`operations.sync.export_sync`: read every table, write the workbook) against
  openpyxl write-only writing the same cells, held in memory beforehand (so the baseline reads nothing);
  goal ≤ 1.0×;
- import-sync of that file into an empty database (`check_sync_file` + `apply_sync`: safety scan, read,
  merge, write, room positions) against openpyxl read-only iteration of every sheet of the file;
  goal ≤ 0.5×.
"""

from __future__ import annotations

import argparse
import shutil
import uuid

from bench_common import OUT, city_db, ensure_city, median, print_environment, remove_database, timed

from desktop_app.models import db, open_database
from desktop_app.models.clock import now_iso


def add_votes() -> None:
    """One vote per estate over the whole estate, two items, the roll frozen from the rooms."""
    stamp = now_iso()
    estates = db.execute_sql("SELECT id, code, name FROM estate ORDER BY id").fetchall()
    with db.atomic():
        db.cursor().executemany(
            "INSERT INTO vote (uid, created_at, updated_at, origin, title, estate_id, scope, matter, rule, "
            "opens_on, closes_on) VALUES (?, ?, ?, 'bench', ?, ?, ?, 7, 'special', '2026-11-01', '2026-11-30')",
            [(str(uuid.uuid4()), stamp, stamp, f"{name}改造内容表决", id_, f'["estate:{id_}"]')
             for id_, _, name in estates])
        db.execute_sql(
            "INSERT INTO vote_item (uid, created_at, updated_at, origin, vote_id, position, name, category) "
            "SELECT lower(hex(randomblob(16))), ?, ?, 'bench', v.id, p.position, p.name, '基础类' FROM vote v, "
            "(SELECT 1 AS position, '屋面防水' AS name UNION ALL SELECT 2, '外墙保温') p", (stamp, stamp))
        db.execute_sql(
            "INSERT INTO vote_roll (vote_id, room_uid, room_key, building, unit, room, floor, area_centi, "
            "owner_keys, head_key, owner_names, owner_kind, position) "
            "SELECT v.id, r.uid, e.code || ' ' || b.name || '号楼' || u.name || '单元' || r.number || '室', b.name, u.name, "
            "r.number, r.floor, r.area_centi, COALESCE(o.id_number, ''), COALESCE(o.id_number, r.uid), o.name, "
            "o.kind, r.position FROM room r JOIN unit u ON u.id = r.unit_id JOIN building b ON b.id = u.building_id "
            "JOIN estate e ON e.id = b.estate_id JOIN vote v ON v.estate_id = e.id "
            "LEFT JOIN ownership s ON s.room_id = r.id AND s.role = 'owner' "
            "AND s.id = (SELECT min(id) FROM ownership WHERE room_id = r.id AND role = 'owner') "
            "LEFT JOIN owner o ON o.id = s.owner_id")


def openpyxl_write(path, sheets) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, rows in sheets:
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)


def openpyxl_read(path) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    cells = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells += len(row)
    workbook.close()
    return cells


def main() -> int:
    parser = argparse.ArgumentParser(description="同步文件导出、导入基准")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    print_environment("sync files: export-sync / import-sync of the city")
    from importlib import metadata
    print(f"XlsxWriter {metadata.version('XlsxWriter')}")
    source = city_db()
    ensure_city(db=source)
    scratch = OUT / "sync-city.sqlite3"
    target = OUT / "sync-target.sqlite3"
    remove_database(scratch)
    shutil.copy(source, scratch)
    open_database(scratch)
    add_votes()

    from desktop_app.operations.sync import apply_sync, check_sync_file, export_sync
    from desktop_app.services.sync import table_rows

    with db.atomic():
        sheets = [(table.sheet, [table.header, *rows]) for table, rows in table_rows()]
    cells = sum(len(row) for _, rows in sheets for row in rows)
    rows_total = sum(len(rows) - 1 for _, rows in sheets)
    print(f"{rows_total:,} records, {cells:,} cells")
    path = OUT / "sync-city.xlsx"
    ours, theirs = [], []
    for _ in range(args.repeat):
        with timed() as elapsed:
            openpyxl_write(OUT / "sync-openpyxl.xlsx", sheets)
        theirs.append(elapsed[0])
        with timed() as elapsed:
            export_sync(path)
        ours.append(elapsed[0])
    del sheets
    print(f"export-sync  {median(ours):6.1f} s   openpyxl write-only of the same cells {median(theirs):6.1f} s   "
          f"ratio {median(ours) / median(theirs):.2f}× (goal ≤ 1.0×); file {path.stat().st_size / 1e6:.0f} MB")
    db.close()
    ours, theirs = [], []
    for _ in range(args.repeat):
        with timed() as elapsed:
            openpyxl_read(path)
        theirs.append(elapsed[0])
        remove_database(target)
        open_database(target)
        with timed() as elapsed:
            result = apply_sync(check_sync_file(path))
        ours.append(elapsed[0])
        assert result.applied and not result.errors and result.added == rows_total, result.to_json()["errors"][:3]
        db.close()
    print(f"import-sync  {median(ours):6.1f} s   openpyxl read-only iteration {median(theirs):6.1f} s   "
          f"ratio {median(ours) / median(theirs):.2f}× (goal ≤ 0.5×); {result.added:,} records added")
    remove_database(target)
    remove_database(scratch)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
