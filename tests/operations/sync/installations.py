"""Two (or three) real installations on disk for sync tests: each a Workspace file with its own
installation id. The database proxy is one global, so one is open at a time: `at(name)` opens it."""

from __future__ import annotations

import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import python_calamine

from desktop_app.models import Building, Community, Estate, Owner, Ownership, Resident, Room, Street, Unit
from desktop_app.models.clock import FixedClock
from desktop_app.operations.sync import apply_sync, check_sync_file, export_sync
from desktop_app.services.workspace import Workspace

SKIPPED_SHEETS = {"说明", "接收记录"}


class Installations:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files = 0

    @contextmanager
    def at(self, name: str):
        with Workspace.open(self.folder / f"{name}.sqlite3", FixedClock(datetime(2025, 3, 1, 9))) as workspace:
            yield workspace

    def export(self, name: str, scope=None) -> Path:
        self.files += 1
        path = self.folder / f"{name}-{self.files}.xlsx"
        time.sleep(0.003)  # the clock moves on between one side's edits and the other's export
        with self.at(name):
            export_sync(path) if scope is None else export_sync(path, scope)
        time.sleep(0.003)
        return path

    def receive(self, name: str, path: Path, choices=None):
        with self.at(name):
            return apply_sync(check_sync_file(path), choices)

    def send(self, source: str, target: str, choices=None):
        return self.receive(target, self.export(source), choices)

    def content(self, name: str) -> dict[str, list[tuple]]:
        """Every table sheet of an export of `name`, rows sorted: equal content ⇔ equal data."""
        path = self.export(name)
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        return {sheet: sorted(map(tuple, workbook.get_sheet_by_name(sheet).to_python()))
                for sheet in workbook.sheet_names if sheet not in SKIPPED_SHEETS}


def small_roll() -> dict[str, object]:
    """One estate: two rooms with an owner each, residents; returns the records by name."""
    street = Street.create(name="东湖街道", code="3504")
    community = Community.create(street=street, name="东湖社区", code="350401")
    estate = Estate.create(community=community, code="E001", name="东湖新村", pinyin="donghuxincun")
    unit = Unit.create(building=Building.create(estate=estate, name="3"), name="1")
    rooms = [Room.create(unit=unit, number=number, floor=5, area_centi=8000 + index)
             for index, number in enumerate(("501", "502"))]
    owners = [Owner.create(name=name, id_number=number, phone="13800000000")
              for name, number in (("张三", "350402198001010011"), ("李四", "350402198001010038"))]
    for room, owner in zip(rooms, owners):
        Ownership.create(room=room, owner=owner, is_voter=True)
    residents = [Resident.create(room=rooms[0], name=name) for name in ("王五", "赵六", "钱七")]
    return {"estate": estate, "unit": unit, "rooms": rooms, "owners": owners, "residents": residents}
