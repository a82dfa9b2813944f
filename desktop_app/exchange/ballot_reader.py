"""Read a 表决票汇总 (ballot summary) workbook against a roll: one ballot per room, located errors.

formats.md: one row per room that returned a ballot; 小区编码/小区名称 (optional), 楼栋, 单元, 房号 name
the room, which must be in the roll; every other column is an item of the vote, headed by its name,
holding 同意 / 反对 / 弃权 or nothing (a blank answer); 表决方式 (纸质 / 现场 / 委托 / 入户) and 代理人
(required for 委托) are optional. A room given twice is an error. The file is checked by `xlsx_safety`,
rows come from `sheet_rows` and the header is found as the roll reader finds it (`roll_columns`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.domain.naming import normalise_building, normalise_room, normalise_unit
from desktop_app.domain.roll_record import RollRecord
from desktop_app.domain.tally import ABSTAIN, AGREE, OPPOSE, Ballot, Conflict, room_key_of
from desktop_app.domain.text import as_text, compact
from desktop_app.domain.vocabulary import METHODS, PROXY_METHOD
from desktop_app.exchange.errors import CellError, ReadFailure, column_label
from desktop_app.exchange.roll_columns import (
    COLUMN_BY_FIELD, HEADER_SEARCH_ROWS, RollColumn, build_synonyms, field_of_header, find_header_row,
    header_candidates,
)
from desktop_app.exchange.roll_row import NO_CACHED_VALUE
from desktop_app.exchange.sheet_rows import SheetRows, is_blank
from desktop_app.exchange.xlsx_safety import check_workbook

ANSWERS = (AGREE, OPPOSE, ABSTAIN)
_ANSWER_OF = {answer: answer for answer in ANSWERS}
BALLOT_COLUMNS: tuple[RollColumn, ...] = tuple(
    COLUMN_BY_FIELD[name] for name in ("estate_code", "estate_name", "building", "unit", "room")
) + (
    RollColumn("method", "表决方式", ("投票方式", "表决形式"), 10, " / ".join(METHODS) + "，可空。"),
    RollColumn("proxy", "代理人", ("委托代理人", "受托人", "代理人姓名"), 12, f"表决方式为 {PROXY_METHOD} 时必填。"),
)
BALLOT_SYNONYMS = build_synonyms(BALLOT_COLUMNS)
REQUIRED = ("building", "room")
_TOTALS = ("合计", "总计", "小计")
COLUMN_PROXY = "代理人"  # how an error names the 代理人 column when the file has none


@dataclass(frozen=True)
class BallotRow:
    row: int  # spreadsheet row number
    room_key: str  # the roll's room key (`tally.room_key_of`)
    choices: tuple[str, ...]  # one per item, "" = blank
    method: str = ""
    proxy: str = ""

    @property
    def ballot(self) -> Ballot:
        return Ballot(self.room_key, self.choices)


@dataclass
class BallotReadResult:
    file: str
    sheet: str
    sheets: list[str]
    header_row: int = 0
    headers: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # item names in column order
    item_columns: list[int] = field(default_factory=list)  # 0-based column of each item
    ballots: list[BallotRow] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    rows: int = 0  # data rows seen
    row_of_room: dict[str, int] = field(default_factory=dict)


class _RoomIndex:
    """Finds the roll's room for a ballot row: by estate code or name when given, else by building,
    unit and room alone (which must then be unique in the roll)."""

    def __init__(self, records: Sequence[RollRecord]) -> None:
        self.by_estate: dict[tuple[str, str, str, str], str] = {}
        self.by_room: dict[tuple[str, str, str], list[str]] = {}
        for record in records:
            key = room_key_of(record)
            place = (record.building, record.unit, record.room)
            for estate in (record.estate_code, record.estate_name):
                if estate:
                    self.by_estate.setdefault((estate, *place), key)
            self.by_room.setdefault(place, []).append(key)

    def find(self, estate: str, place: tuple[str, str, str]) -> tuple[str | None, str]:
        """(room key, "") or (None, reason)."""
        if estate:
            key = self.by_estate.get((estate, *place))
            return (key, "") if key else (None, f"名册中没有小区“{estate}”的这间房屋")
        keys = self.by_room.get(place, [])
        if len(keys) == 1:
            return keys[0], ""
        if not keys:
            return None, "名册中没有这间房屋"
        return None, f"名册中有 {len(keys)} 个小区都有这间房屋，请填写小区编码"


def read_ballots(path: str | Path, records: Sequence[RollRecord], *, sheet: str | None = None) -> BallotReadResult:
    """Read the ballots on `sheet` (default: the first sheet with a 楼栋 and 房号 header) against the roll
    `records`. Raises ReadFailure when the file cannot be read at all."""
    path = Path(path)
    check = check_workbook(path)
    if not check.sheet_names:
        raise ReadFailure(f"“{path.name}”中没有工作表。")
    if sheet is not None and sheet not in check.sheet_names:
        raise ReadFailure(f"“{path.name}”中没有名为“{sheet}”的工作表（有：{'、'.join(check.sheet_names)}）。")
    candidates = [sheet] if sheet is not None else [name for name in check.sheet_names if name != "说明"]
    index = _RoomIndex(records)
    for name in candidates:
        bounds = check.bounds.get(name)
        result = _read_sheet(path, name, SheetRows(path, name, bounds), list(check.sheet_names), index,
                             bounds.formulas_without_value if bounds else set())
        if result.header_row:
            return result
    result = BallotReadResult(file=path.name, sheet=candidates[0] if candidates else check.sheet_names[0],
                              sheets=list(check.sheet_names))
    result.errors.append(CellError(path.name, result.sheet, 1, "", "",
                                   f"前{HEADER_SEARCH_ROWS}行中找不到表头行（应包含“楼栋”“房号”和各表决事项的列名）"))
    return result


def _read_sheet(path: Path, sheet: str, source: SheetRows, sheets: list[str], index: _RoomIndex,
                formulas: set[tuple[int, int]]) -> BallotReadResult:
    result = BallotReadResult(file=path.name, sheet=sheet, sheets=sheets)
    rows = source.rows()
    head, filled = header_candidates(rows, source.merged)
    found = find_header_row(filled, synonyms=BALLOT_SYNONYMS, required=REQUIRED)
    if found is None:
        return result
    header_row, header_values, columns = found
    result.header_row = header_row
    result.headers = [as_text(value).strip() for value in header_values]
    reader = _Rows(result, columns, index, formulas)
    if reader.header_errors():
        return result
    for number, values in head:
        if number > header_row:
            reader.parse(number, values)
    for number, values in rows:
        reader.parse(number, values)
    return result


class _Rows:
    """Parses data rows in order, remembering the first row of each room."""

    def __init__(self, result: BallotReadResult, columns: dict[str, int], index: _RoomIndex,
                 formulas: set[tuple[int, int]]) -> None:
        self.result, self.columns, self.index, self.formulas = result, columns, index, formulas
        headers = result.headers
        self.labels = {name: column_label(headers[at], at) for name, at in columns.items()}
        known = set(columns.values())
        self.items = [(at, text) for at, text in enumerate(headers) if at not in known and text]
        self.unnamed_reported: set[int] = set()
        self.answer_tuples: dict[tuple[str, ...], tuple[str, ...]] = {}
        result.items = [text for _, text in self.items]
        result.item_columns = [at for at, _ in self.items]

    def error(self, row: int, column: str, value: object, reason: str) -> None:
        shown = as_text(value).strip()
        self.result.errors.append(CellError(self.result.file, self.result.sheet, row, column, shown, reason))

    def header_errors(self) -> bool:
        row = self.result.header_row
        first: dict[str, int] = {}
        for at, text in self.items:
            label = column_label(text, at)
            roll_field = field_of_header(text)
            if roll_field is not None:
                self.error(row, label, text, f"“{text}”是名册的列，不是表决事项；表决票汇总中请删除这一列")
            elif text in first:
                self.error(row, label, text,
                           f"表决事项与{column_label(text, first[text])}重名，每个事项只能有一列")
            first.setdefault(text, at)
        if not self.items:
            self.error(row, "", "", "表头中没有表决事项列：楼栋、单元、房号、表决方式、代理人以外的每一列是一个表决事项，"
                                    "以事项名称为列名")
        return bool(self.result.errors)

    def cell(self, values: Sequence[object], name: str) -> object:
        at = self.columns.get(name)
        return values[at] if at is not None and at < len(values) else None

    def text(self, values: Sequence[object], name: str) -> str:
        return as_text(self.cell(values, name)).strip()

    def parse(self, row: int, values: Sequence[object]) -> None:
        building_text, room_text = self.text(values, "building"), self.text(values, "room")
        if not building_text and not room_text and any(
                isinstance(value, str) and value.strip().startswith(_TOTALS) for value in values):
            return
        self.result.rows += 1
        before = len(self.result.errors)
        self.check_formulas(row, values)
        self.check_unnamed(row, values)
        room_key = self.room(row, values, building_text, room_text)
        choices = tuple(self.choice(row, values, at, text) for at, text in self.items)
        choices = self.answer_tuples.setdefault(choices, choices)
        method = compact(self.text(values, "method"))
        if method and method not in METHODS:
            self.error(row, self.labels["method"], method, "表决方式只能是 " + "、".join(METHODS) + "，或留空")
        proxy = self.text(values, "proxy")
        if method == PROXY_METHOD and not proxy:
            self.error(row, self.labels.get("proxy", COLUMN_PROXY), "",
                       "表决方式为委托时必须填写代理人姓名（代理人代业主投票，表决票仍归业主）")
        if room_key is None or len(self.result.errors) > before:
            return
        self.result.row_of_room[room_key] = row
        self.result.ballots.append(BallotRow(row, room_key, choices, method, proxy))

    def room(self, row: int, values: Sequence[object], building_text: str, room_text: str) -> str | None:
        if not building_text:
            self.error(row, self.labels["building"], "", "楼栋不能为空")
        if not room_text:
            self.error(row, self.labels["room"], "", "房号不能为空")
        if not building_text or not room_text:
            return None
        unit_text = self.text(values, "unit")
        place = (normalise_building(building_text), normalise_unit(unit_text) if unit_text else "",
                 normalise_room(room_text))
        estate = self.text(values, "estate_code") or self.text(values, "estate_name")
        key, reason = self.index.find(estate, place)
        shown = "-".join(part for part in place if part)
        if key is None:
            self.error(row, self.labels["room"], room_text, f"{reason}（{shown}）")
            return None
        first = self.result.row_of_room.get(key)
        if first is not None:
            self.error(row, self.labels["room"], room_text,
                       f"与第{first}行是同一间房屋（{key}）：每间房屋只能有一行表决票")
            return None
        return key

    def choice(self, row: int, values: Sequence[object], at: int, item: str) -> str:
        raw = values[at] if at < len(values) else None
        if is_blank(raw):
            return ""
        text = compact(as_text(raw))
        answer = _ANSWER_OF.get(text)
        if answer is not None and isinstance(raw, str):
            return answer  # the one shared string: ballots then share their answer tuples
        self.error(row, column_label(item, at), raw,
                   f"表决事项“{item}”只能填 同意、反对 或 弃权（不填表示空白票）；不是表决事项的列请删除")
        return ""

    def check_formulas(self, row: int, values: Sequence[object]) -> None:
        if not self.formulas:
            return
        for at, header in enumerate(self.result.headers):
            if (row, at) in self.formulas and (at >= len(values) or is_blank(values[at])):
                self.error(row, column_label(header, at), "", NO_CACHED_VALUE)

    def check_unnamed(self, row: int, values: Sequence[object]) -> None:
        headers = self.result.headers
        for at, value in enumerate(values):
            if (at >= len(headers) or not headers[at]) and at not in self.unnamed_reported and not is_blank(value):
                self.unnamed_reported.add(at)
                self.error(row, column_label("", at), value, "这一列没有表头，无法判断是哪个表决事项；请填写事项名称或删除该列")


def conflict_errors(result: BallotReadResult, conflicts: Sequence[Conflict]) -> list[CellError]:
    """The tally's conflicts (one owner's rooms answering one item differently) located in the sheet:
    one error per room, on its row and the item's column."""
    column_of_item = dict(zip(result.items, result.item_columns))
    errors = []
    for conflict in conflicts:
        label = column_label(conflict.item, column_of_item[conflict.item])
        for room, choice in conflict.rooms:
            errors.append(CellError(result.file, result.sheet, result.row_of_room[room], label, choice,
                                    conflict.describe()))
    return errors
