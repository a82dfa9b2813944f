"""One row of a roll sheet -> a validated RollRecord, or the errors that locate what is wrong.

All the rules are the domain's (identity, naming, area); this module only knows which cell holds
what, how Excel mangles values (numbers for text, 3.50402E+17 for an ID number, formulas without a
cached result) and the rules that span rows (a room twice, one ID number with two names).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Sequence

from desktop_app.domain.area import AreaError, parse_area
from desktop_app.domain.identity import id_number_error, normalise_id_number, normalise_phone, phone_error
from desktop_app.domain.naming import floor_from_room, normalise_building, normalise_room, normalise_unit
from desktop_app.domain.roll_record import AREA_SOURCES, OWNER_KINDS, RollRecord
from desktop_app.domain.text import as_text
from desktop_app.exchange.errors import CellError, column_label
from desktop_app.exchange.roll_columns import COLUMN_BY_FIELD, ROLL_COLUMNS
from desktop_app.exchange.sheet_rows import is_blank

_FLOOR = re.compile(r"(-?\d+)(?:层|楼|F|f)?")
_TOTALS = ("合计", "总计", "小计")
_CO_OWNER_SEPARATORS = re.compile(r"[、;；,，/]+")
_building = lru_cache(maxsize=4096)(normalise_building)
_unit = lru_cache(maxsize=4096)(normalise_unit)
_room = lru_cache(maxsize=65536)(normalise_room)
_floor_of_room = lru_cache(maxsize=65536)(floor_from_room)


def _text(value: object) -> str:
    """A cell as trimmed text (a whole float from Excel as "3")."""
    return value.strip() if value.__class__ is str else as_text(value).strip()
NO_CACHED_VALUE = "单元格是公式，但文件里没有保存计算结果。请在 Excel 或 WPS 中打开文件、保存后再导入"


def excel_number_text(value: float | int) -> str:
    """How Excel shows a long number: 3.50402E+17."""
    return f"{value:.6G}" if abs(value) >= 1e11 else as_text(value)


class RollRowParser:
    """Parses the data rows of one sheet in order, remembering what cross-row rules need."""

    def __init__(self, file: str, sheet: str, headers: Sequence[object], columns: dict[str, int],
                 estate_code: str | None, formulas_without_value: set[tuple[int, int]], today: date) -> None:
        self.file, self.sheet = file, sheet
        self.columns = columns
        self.labels = {field: column_label(as_text(headers[index]), index) for field, index in columns.items()}
        self.estate_code = (estate_code or "").strip()
        self.formulas = formulas_without_value
        self.errors: list[CellError] = []
        self._room_rows: dict[tuple[str, str, str, str], int] = {}
        self._names_by_id: dict[str, tuple[str, int]] = {}
        self._names_by_code: dict[str, tuple[str, int]] = {}
        self._single_estate: tuple[str, int] | None = None
        self._reported: set[str] = set()
        self._today = today  # an ID number born after this day is an error
        self._areas: dict[tuple[type, object], int | str] = {}
        self._width = max(columns.values(), default=-1) + 1
        self._padding = [None] * self._width
        self._indexes = tuple(columns.values())
        self._at = {column.field: columns.get(column.field, self._width) for column in ROLL_COLUMNS}

    def _error(self, row: int, field: str, value: object, reason: str) -> None:
        if field in self._reported:
            return
        label = self.labels.get(field, COLUMN_BY_FIELD[field].header)
        shown = excel_number_text(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
            else as_text(value).strip()
        self.errors.append(CellError(self.file, self.sheet, row, label, shown, reason))

    def is_empty(self, values: Sequence[object]) -> bool:
        """True when every roll column of the row is blank (other columns may hold anything), or
        for a totals row (合计/总计/小计 in some cell, no building and no room)."""
        size = len(values)
        if all(index >= size or is_blank(values[index]) for index in self._indexes):
            return True
        building, room = self.columns.get("building"), self.columns.get("room")
        return all(index is None or index >= size or is_blank(values[index]) for index in (building, room)) \
            and any(isinstance(value, str) and value.strip().startswith(_TOTALS) for value in values)

    def parse(self, row: int, values: Sequence[object]) -> RollRecord | None:
        """The record of a data row, or None after adding its errors to `self.errors`."""
        before = len(self.errors)
        cells = list(values[:self._width])
        if len(cells) < self._width:
            cells.extend(self._padding[len(cells):])
        cells.append(None)  # what every column missing from the file reads as
        self._reported = set()
        if self.formulas:
            for field, index in self.columns.items():
                if is_blank(cells[index]) and (row, index) in self.formulas:
                    self._error(row, field, "", NO_CACHED_VALUE)
                    self._reported.add(field)  # the cell's other complaints follow from this one
        at = self._at
        raw_code, raw_name = cells[at["estate_code"]], cells[at["estate_name"]]
        code, name = self._estate(row, _text(raw_code), _text(raw_name))
        building_text, room_text = _text(cells[at["building"]]), _text(cells[at["room"]])
        building = _building(building_text) if building_text else ""
        if not building:
            self._error(row, "building", "", "楼栋不能为空")
        unit_text = _text(cells[at["unit"]])
        unit = _unit(unit_text) if unit_text else ""
        room = _room(room_text) if room_text else ""
        if not room:
            self._error(row, "room", "", "房号不能为空")
        floor = self._floor(row, cells[at["floor"]], room)
        area = self._area(row, cells[at["area"]])
        area_source = _text(cells[at["area_source"]]) or AREA_SOURCES[0]
        if area_source not in AREA_SOURCES:
            self._error(row, "area_source", area_source, "面积来源只能是 " + "、".join(AREA_SOURCES))
        kind_label = _text(cells[at["owner_kind"]]) or "个人"
        kind = OWNER_KINDS.get(kind_label)
        if kind is None:
            self._error(row, "owner_kind", kind_label, "业主类型只能是 " + "、".join(OWNER_KINDS))
        owner_name = _text(cells[at["owner_name"]])
        if not owner_name and kind != "developer":
            self._error(row, "owner_name", "", "业主姓名不能为空（只有业主类型为 建设单位未售 时可以不填）")
        id_number = self._id_number(row, cells[at["id_number"]], owner_name)
        phone = self._phone(row, _text(cells[at["phone"]]))
        if building and room and (code or name):
            self._check_unique_room(row, (code or name, building, unit, room))
        if len(self.errors) > before:
            return None
        co_text = _text(cells[at["co_owners"]])
        co_owners = tuple(part.strip() for part in _CO_OWNER_SEPARATORS.split(co_text) if part.strip()) \
            if co_text else ()
        return RollRecord(
            building=building, unit=unit, room=room, area_centi=area, estate_code=code, estate_name=name,
            floor=floor, area_source=area_source, owner_kind=kind or "person", owner_name=owner_name,
            id_number=id_number, phone=phone, co_owners=co_owners, note=_text(cells[at["note"]]),
            street=_text(cells[at["street"]]), community=_text(cells[at["community"]]),
        )

    def _estate(self, row: int, file_code: str, name: str) -> tuple[str, str]:
        code = file_code or self.estate_code
        if not code and not name:
            self._error(row, "estate_name", "", "小区编码和小区名称不能都为空")
            return "", ""
        if code and not file_code:
            first = self._single_estate
            if first is None:
                self._single_estate = (name, row)
            elif first[0] != name:
                self._error(row, "estate_name", name,
                            f"导入时指定了小区编码 {code}，文件只能包含一个小区，但第{first[1]}行是“{first[0]}”")
            return code, name
        if code and name:
            seen = self._names_by_code.setdefault(code, (name, row))
            if seen[0] != name:
                self._error(row, "estate_name", name, f"小区编码 {code} 在第{seen[1]}行的小区名称是“{seen[0]}”")
        return code, name

    def _floor(self, row: int, raw: object, room: str) -> int | None:
        if is_blank(raw):
            return _floor_of_room(room) if room else None
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        match = _FLOOR.fullmatch(_text(raw).replace(" ", ""))
        if match:
            return int(match.group(1))
        self._error(row, "floor", raw, "楼层应为整数，如 5")
        return None

    def _area(self, row: int, raw: object) -> int:
        if is_blank(raw):
            self._error(row, "area", "", "专有面积不能为空")
            return 0
        key = (raw.__class__, raw)
        found = self._areas.get(key)
        if found is None:
            try:
                found = parse_area(raw)
            except AreaError as error:
                found = error.reason
            self._areas[key] = found
        if isinstance(found, str):
            self._error(row, "area", raw, found)
            return 0
        return found

    def _id_number(self, row: int, raw: object, owner_name: str) -> str:
        if is_blank(raw):
            return ""
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            self._error(row, "id_number", raw, "证件号码被 Excel 存成了数字（显示为科学计数法），末几位已丢失。"
                        "请把该列设为文本格式后重新填写")
            return ""
        text = _text(raw)
        number = normalise_id_number(text)
        reason = id_number_error(number, today=self._today)
        if reason:
            self._error(row, "id_number", text, reason)
            return ""
        if owner_name:
            seen = self._names_by_id.setdefault(number, (owner_name, row))
            if seen[0] != owner_name:
                self._error(row, "owner_name", owner_name,
                            f"证件号码与第{seen[1]}行相同，但业主姓名不同（第{seen[1]}行为“{seen[0]}”）")
        return number

    def _phone(self, row: int, text: str) -> str:
        if not text:
            return ""
        reason = phone_error(text)
        if reason:
            self._error(row, "phone", text, reason)
            return ""
        return normalise_phone(text)

    def _check_unique_room(self, row: int, key: tuple[str, str, str, str]) -> None:
        first = self._room_rows.setdefault(key, row)
        if first != row:
            self._error(row, "room", key[3], f"与第{first}行重复：同一小区、楼栋、单元内房号只能出现一次")
