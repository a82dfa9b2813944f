"""The plain data printed documents are made from (services gather it, documents render it).

Values are raw (full ID numbers, phones): the documents apply the one masking rule themselves, so no
caller can print personal data unmasked by forgetting to mask it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

NOTICE_KINDS = ("通知", "公告", "公示")
DEVELOPER_LABEL = "建设单位（未售）"  # rooms the developer has not sold: no person to name


@dataclass(frozen=True)
class TableData:
    """A table inside a notice: a header row and body rows of text; widths are relative weights."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class Notice:
    """通知 / 公告 / 公示: title, paragraphs, optional table, issuer and date (and the 公示 period)."""

    kind: str
    title: str
    paragraphs: tuple[str, ...]
    issuer: str
    issued_on: date
    salutation: str = ""  # "各位业主、居民：" above the body
    table: TableData | None = None
    closing: tuple[str, ...] = ()  # paragraphs after the table (and after the 公示期 line)
    period_start: date | None = None  # 公示 only
    period_end: date | None = None


@dataclass(frozen=True)
class RollRow:
    """One room with its owners (raw values; documents mask them)."""

    building: str
    unit: str
    room: str
    area_centi: int
    owner_names: tuple[str, ...] = ()
    id_number: str = ""
    phone: str = ""
    owner_kind: str = "person"  # person / organisation / developer

    @property
    def label(self) -> str:
        """"3号楼1单元502室"; names that are not numbers stay as they are ("A座")."""
        building = f"{self.building}号楼" if self.building.isdigit() else self.building
        unit = f"{self.unit}单元" if self.unit.isdigit() else self.unit
        return f"{building}{unit}{self.room}室"


@dataclass(frozen=True)
class OwnerRoll:
    """楼栋业主名册 of one estate, building or unit."""

    estate_name: str
    scope_label: str  # "3号楼" / "3号楼1单元" / "" for a whole estate
    rows: tuple[RollRow, ...]
    signature_column: bool = False
    issuer: str = ""
    issued_on: date | None = None


DEMANDS = ("屋面防水", "外墙保温", "雨污分流", "水电气管线", "楼道修缮", "加装电梯", "停车设施", "充电设施",
           "适老化改造", "绿化照明", "安防监控", "其他")


@dataclass(frozen=True)
class VisitForm:
    """入户走访登记表 for one room, pre-filled from the roll."""

    estate_name: str
    home: RollRow
    residents: int | None = None  # household members recorded; None: unknown, left blank to fill in
    elderly: int | None = None
    community: str = ""
    serial: str = ""
    demands: tuple[str, ...] = DEMANDS
