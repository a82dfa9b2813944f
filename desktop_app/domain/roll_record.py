"""One row of the room and owner roll (房屋业主名册) as plain values, validated and normalised.

The exchange layer produces these from workbooks, the demo and the city generator produce them
directly, and the roll import service writes them to the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

OWNER_KINDS = {"个人": "person", "单位": "organisation", "建设单位未售": "developer"}
OWNER_KIND_LABELS = {value: key for key, value in OWNER_KINDS.items()}
AREA_SOURCES = ("不动产登记", "实测", "合同")


@dataclass(frozen=True)
class RollRecord:
    building: str  # normalised ("3")
    unit: str  # normalised ("1"), "" when the building has no units
    room: str  # normalised ("502")
    area_centi: int  # exclusive area in hundredths of a m²
    estate_code: str = ""
    estate_name: str = ""
    floor: int | None = None
    area_source: str = "不动产登记"
    owner_kind: str = "person"  # person / organisation / developer
    owner_name: str = ""
    id_number: str = ""  # normalised resident ID or credit code, "" when unknown
    phone: str = ""
    co_owners: tuple[str, ...] = field(default_factory=tuple)
    note: str = ""
    street: str = ""  # optional extra columns 街道 / 社区
    community: str = ""

    @property
    def room_key(self) -> tuple[str, str, str, str]:
        return (self.estate_code or self.estate_name, self.building, self.unit, self.room)
