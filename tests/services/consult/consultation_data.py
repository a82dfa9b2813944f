"""A small known consultation dataset in a real database: two estates, opinions through the opinion service,
complaints through the ticket import (the sample hotline export of tests/exchange/ticket_workbooks.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop_app.exchange.ticket_reader import read_tickets
from desktop_app.models import Building, Community, Estate, Owner, Ownership, Room, Street, Unit
from desktop_app.services.consult.opinions import OpinionDraft, record_opinion
from desktop_app.services.consult.tickets import apply_ticket_import, preview_ticket_import
from tests.exchange.ticket_workbooks import sample_tickets, write_tickets

TODAY = date(2024, 6, 1)
ZHANG_ID = "350402199001011234"


def build(tmp_path: Path) -> dict:
    street = Street.create(name="东街街道")
    community = Community.create(street=street, name="幸福里社区")
    happy = Estate.create(community=community, code="350402001", name="幸福里小区")
    peace = Estate.create(community=community, code="350402002", name="和平小区")
    b3 = Building.create(estate=happy, name="3", sort_key=3)
    u1 = Unit.create(building=b3, name="1", sort_key=1)
    rooms = {n: Room.create(unit=u1, number=n, floor=int(n[0]), sort_key=int(n), area_centi=8000)
             for n in ("101", "502", "601")}
    peace_room = Room.create(unit=Unit.create(building=Building.create(estate=peace, name="1"), name="1"),
                             number="101", area_centi=5000)
    zhang = Owner.create(name="张伟", id_number=ZHANG_ID, phone="13800138000")
    Ownership.create(room=rooms["502"], owner=zhang, role="owner", is_voter=True)
    Ownership.create(room=rooms["101"], owner=Owner.create(name="欧阳娜娜", phone="13900139000"))
    drafts = [
        OpinionDraft(rooms["502"].id, "张伟", "入户走访", date(2024, 5, 6), "支持", ["屋面修缮", "外墙修缮"],
                     ["菜市场太吵"], "希望尽快开工"),
        OpinionDraft(rooms["101"].id, "欧阳娜娜", "入户走访", date(2024, 5, 6), "有意见", ["屋面修缮"], [], "担心噪音"),
        OpinionDraft(rooms["101"].id, "欧阳娜娜", "座谈会", date(2024, 5, 9), "反对", ["外墙修缮"], [], "改变主意"),
        OpinionDraft(peace_room.id, "李强", "问卷", date(2024, 4, 20), "支持", ["屋面修缮"], [], ""),
    ]
    for draft in drafts:
        record_opinion(draft, today=date.today())
    path = write_tickets(tmp_path / "tickets.xlsx", sample_tickets())
    apply_ticket_import(preview_ticket_import(read_tickets(path), today=TODAY))
    return {"happy": happy, "peace": peace, "b3": b3, "rooms": rooms, "peace_room": peace_room}
