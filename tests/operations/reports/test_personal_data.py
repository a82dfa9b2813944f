"""No owner name, ID number or phone anywhere in a report written from the demo data: every cell of every
sheet is scanned against every name, ID number and phone the database holds (owners, co-owners, residents,
complainants, people who gave an opinion, proxies)."""

from __future__ import annotations

from datetime import timedelta

from openpyxl import load_workbook

from desktop_app.models import Complaint, Opinion, Owner, Resident, Vote
from desktop_app.operations.reports import write_district_report
from desktop_app.services.demo.street import create_demo
from desktop_app.services.scope import ALL
from desktop_app.services.votes.lifecycle import close_vote


def _secrets() -> tuple[set[str], set[str]]:
    names: set[str] = set()
    numbers: set[str] = set()
    for owner in Owner.select():
        names.add(owner.name)
        numbers |= {owner.id_number or "", owner.phone}
    for resident in Resident.select():
        names.add(resident.name)
        numbers |= {resident.id_number or "", resident.phone}
    for complaint in Complaint.select():
        names.add(complaint.complainant)
        numbers.add(complaint.phone)
    names |= {opinion.person for opinion in Opinion.select()}
    return {n for n in names if len(n) >= 2}, {n for n in numbers if len(n) >= 7}


def test_no_personal_data_in_any_cell(workspace, tmp_path):
    today = workspace.clock.today()
    create_demo(today=today)
    vote = Vote.get()
    close_vote(vote.id)
    written = write_district_report(tmp_path / "report.xlsx", ALL, (None, None), today + timedelta(days=60),
                                    now=workspace.clock.now())
    assert sum(len(e.votes) for e in written.report.estates) == 1
    names, numbers = _secrets()
    assert len(names) > 1000 and len(numbers) > 1000
    cells = [str(cell) for sheet in load_workbook(written.path, read_only=True)
             for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert len(cells) > 500
    text = "\n".join(cells)
    assert [n for n in numbers if n in text] == []
    assert [n for n in names if n in text] == []
