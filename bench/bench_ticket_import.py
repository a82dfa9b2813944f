"""12345 ticket import and consultation documents: how long a hotline export and a batch of forms take.

    python bench/bench_ticket_import.py [--tickets 2000] [--forms 1000]

A fresh database in a temporary folder with 20 estates of 24 rooms; a hotline export of `--tickets` tickets
(the sample workbook layout of tests/exchange/ticket_workbooks.py: hotline words for categories and
statuses, rooms as 1-1-502) is read (exchange.ticket_reader), previewed (services.ticket_import), applied,
and read and previewed again (every ticket unchanged). Then `--forms` 征求意见表 with the shipped catalogue
and a 投诉台账 of 2,000 complaints are rendered in memory. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app.documents.complaint_ledger import render_complaint_ledger  # noqa: E402
from desktop_app.documents.fonts import load_fonts  # noqa: E402
from desktop_app.documents.opinion_form import render_opinion_forms  # noqa: E402
from desktop_app.domain.consultation_print_data import ComplaintLedgerData  # noqa: E402
from desktop_app.exchange.ticket_reader import read_tickets  # noqa: E402
from desktop_app.models import Building, Community, Estate, Room, Street, Unit, open_database  # noqa: E402
from desktop_app.services.consult.tickets import apply_ticket_import, preview_ticket_import  # noqa: E402
from tests.documents.test_consultation_documents import forms, ledger  # noqa: E402
from tests.exchange.ticket_workbooks import write_tickets  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=2000)
    parser.add_argument("--forms", type=int, default=1000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    database = open_database(folder / "bench.sqlite3")
    community = Community.create(street=Street.create(name="街道"), name="社区")
    names = []
    for number in range(20):
        estate = Estate.create(community=community, code=f"E{number:03d}", name=f"第{number}小区")
        unit = Unit.create(building=Building.create(estate=estate, name="1"), name="1")
        for floor in range(1, 7):
            for door in range(1, 5):
                Room.create(unit=unit, number=f"{floor}0{door}", area_centi=8000)
        names.append(estate.name)
    categories = ["施工扰民", "工程质量", "管道破损", "进度", "路灯"]
    statuses = ["已受理", "处理中", "已回复", "已办结"]
    rows = [(f"GD{i:010d}", datetime(2024, 1, 1) + timedelta(hours=i), categories[i % 5], names[i % 20],
             f"1-1-{i % 6 + 1}0{i % 4 + 1}", "内容", None, statuses[i % 4], "答复" if i % 4 >= 2 else "", "", "张三",
             "13800138000") for i in range(args.tickets)]
    path = write_tickets(folder / "tickets.xlsx", rows)
    started = time.perf_counter()
    read = read_tickets(path)
    read_at = time.perf_counter()
    preview = preview_ticket_import(read, today=date.today())
    preview_at = time.perf_counter()
    summary = apply_ticket_import(preview)
    applied_at = time.perf_counter()
    again = preview_ticket_import(read_tickets(path), today=date.today())
    again_at = time.perf_counter()
    print(f"{args.tickets} tickets: read {read_at - started:.2f} s, preview {preview_at - read_at:.2f} s, "
          f"apply {applied_at - preview_at:.2f} s ({summary.created} created, {summary.steps_added} steps), "
          f"read + preview again {again_at - applied_at:.2f} s ({again.unchanged} unchanged)")
    database.close()
    load_fonts()
    batch = forms(1) * args.forms
    started = time.perf_counter()
    pages = render_opinion_forms(batch, io.BytesIO())
    forms_at = time.perf_counter()
    rows = ledger().rows * 500
    ledger_pages = render_complaint_ledger(ComplaintLedgerData("投诉台账", "", rows, date(2024, 6, 1)), io.BytesIO())
    ledger_at = time.perf_counter()
    print(f"{pages} 征求意见表 pages {forms_at - started:.2f} s; 投诉台账 of {len(rows)} complaints, {ledger_pages} pages "
          f"{ledger_at - forms_at:.2f} s")


if __name__ == "__main__":
    main()
