"""The plain data of consultation documents and registers (services gather it; documents and the register
writer render it).

Values are raw (full phones, full names): the documents and the register writer apply the one masking
rule themselves, so no caller can publish personal data by forgetting to mask it. ID numbers are never
part of this data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from desktop_app.domain.ratios import percent_text, share
from desktop_app.domain.dates_text import date_text
from desktop_app.domain.print_data import RollRow

OPINION_FORM_TITLE = "老旧小区改造征求意见表"


@dataclass(frozen=True)
class CatalogueGroup:
    """One category of the renovation catalogue and its item names, in catalogue order, with the number
    each is printed with (`domain.catalogue.entry_codes`; empty: numbered through the catalogue in order)."""

    category: str
    items: tuple[str, ...]
    codes: tuple[int, ...] = ()


@dataclass(frozen=True)
class OpinionForm:
    """征求意见表 for one room, pre-filled from the roll; the catalogue is printed as checkboxes."""

    estate_name: str
    home: RollRow
    catalogue: tuple[CatalogueGroup, ...]
    title: str = OPINION_FORM_TITLE
    community: str = ""
    serial: str = ""  # "3-1-502", for sorting returned forms
    issuer: str = ""  # who collects the forms
    return_by: date | None = None  # the date to hand the form back by


@dataclass(frozen=True)
class DemandLine:
    name: str
    category: str  # catalogue category, "" for a free tag
    households: int


@dataclass(frozen=True)
class OpinionSummaryData:
    """意见汇总 of a scope: households reached, each demanded item with its households, the views of the plan."""

    title: str
    scope_label: str
    rooms: int  # households (rooms) in the scope
    reached: int  # households with an opinion in the period
    items: tuple[DemandLine, ...]  # most wanted first
    stances: tuple[tuple[str, int], ...]  # (支持 / 有意见 / 反对 / 未表态, households), latest opinion per room
    start: date | None = None
    end: date | None = None
    issuer: str = ""
    issued_on: date | None = None

    def share(self, households: int) -> Fraction | None:
        return share(households, self.reached)

    def share_text(self, households: int) -> str:
        return percent_text(self.share(households), 1)

    @property
    def reached_text(self) -> str:
        return percent_text(share(self.reached, self.rooms), 1)


@dataclass(frozen=True)
class ComplaintLine:
    """One complaint as the ledger and the register show it (raw phone and name; the renderers mask)."""

    ticket_no: str
    source: str
    received_at: str  # yyyy-mm-dd or yyyy-mm-ddTHH:MM
    category: str
    estate: str
    room: str  # "3号楼1单元502室" or ""
    address: str
    complainant: str
    phone: str
    text: str
    due_on: date | None
    status: str
    closed_on: date | None
    reply: str
    satisfaction: str
    overdue_state: str  # "" / 逾期未办结 / 超期办结, judged on the ledger's day
    days_to_close: int | None  # calendar days from receipt to close, None while open

    @property
    def received_on(self) -> date:
        return date.fromisoformat(self.received_at[:10])


@dataclass(frozen=True)
class ComplaintLedgerData:
    """投诉台账 of a scope and period, judged on `today`."""

    title: str
    scope_label: str
    rows: tuple[ComplaintLine, ...]
    today: date
    start: date | None = None
    end: date | None = None
    issuer: str = ""


@dataclass(frozen=True)
class OpinionLine:
    """One household opinion as the register lists it."""

    given_on: date
    estate: str
    building: str
    unit: str
    room: str
    person: str
    channel: str
    stance: str
    demands: tuple[str, ...]  # catalogue items
    tags: tuple[str, ...]  # free demands
    text: str
    consultation: str  # the event's title, "" when none
    entered_by: str


def period_label(start: date | None, end: date | None) -> str:
    """"2024年5月1日至2024年5月31日", "2024年5月1日以来", "截至2024年5月31日" or "" (all time)."""
    if start and end:
        return f"{date_text(start)}至{date_text(end)}"
    if start:
        return f"{date_text(start)}以来"
    if end:
        return f"截至{date_text(end)}"
    return ""
