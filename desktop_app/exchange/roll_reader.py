"""Read a room and owner roll (房屋业主名册) workbook into validated RollRecords and located errors.

Nothing is written anywhere: the caller shows `errors` and decides whether to import `records`.
The file is checked by `xlsx_safety` before any parser sees it; rows come from `sheet_rows`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterator, Sequence

from desktop_app.domain.errors import Cancelled
from desktop_app.domain.roll_record import RollRecord
from desktop_app.domain.text import as_text
from desktop_app.exchange.errors import CellError
from desktop_app.exchange.roll_columns import (
    COLUMN_BY_FIELD, HEADER_SEARCH_ROWS, REQUIRED_FIELDS, ROLL_COLUMNS, find_header_row, header_candidates,
)
from desktop_app.exchange.roll_row import RollRowParser
from desktop_app.exchange.sheet_rows import SheetRows
from desktop_app.exchange.xlsx_safety import WorkbookCheck, check_workbook_sheet

CANCEL_EVERY = 500
INSTRUCTION_SHEET = "说明"


@dataclass
class RollReadResult:
    file: str
    sheet: str
    sheets: list[str]
    header_row: int = 0  # spreadsheet row number of the header, 0 when none was found
    headers: list[str] = field(default_factory=list)  # the header row's texts, by column
    mapping: dict[str, str] = field(default_factory=dict)  # field -> header text
    records: list[RollRecord] = field(default_factory=list)
    record_rows: list[int] = field(default_factory=list)  # spreadsheet row of each record
    errors: list[CellError] = field(default_factory=list)
    rows: int = 0  # data rows seen (blank rows not counted)
    invalid_rows: set[int] = field(default_factory=set)


def read_roll(path: str | Path, *, sheet: str | None = None, mapping: dict[str, str] | None = None,
              estate_code: str | None = None, cancel: Callable[[], bool] | None = None,
              today: date) -> RollReadResult:
    """Read the roll on `sheet` (default: the first sheet with a recognisable header).

    Raises ReadFailure when the file cannot be read at all and Cancelled when `cancel()` says so."""
    unknown = set(mapping or {}) - COLUMN_BY_FIELD.keys()
    if unknown:
        raise ValueError(f"unknown roll fields in mapping: {sorted(unknown)}")
    path = Path(path)
    check = check_workbook_sheet(path, sheet)
    candidates = [sheet] if sheet is not None else _sheet_order(check.sheet_names)
    for index, name in enumerate(candidates):
        result = _read_sheet(path, check, name, mapping, estate_code, cancel, today,
                             last=index == len(candidates) - 1)
        if result is not None:
            return result
    raise AssertionError("the last candidate sheet always gives a result")


def _sheet_order(names: list[str]) -> list[str]:
    return [name for name in names if name != INSTRUCTION_SHEET] + [n for n in names if n == INSTRUCTION_SHEET]


def _read_sheet(path: Path, check: WorkbookCheck, sheet: str, mapping: dict[str, str] | None,
                estate_code: str | None, cancel: Callable[[], bool] | None, today: date,
                last: bool) -> RollReadResult | None:
    source = SheetRows(path, sheet, check.bounds.get(sheet))
    bounds = check.bounds.get(sheet)
    rows = source.rows()
    head, filled = header_candidates(rows, source.merged)
    found = find_header_row(filled, mapping)
    result = RollReadResult(file=path.name, sheet=sheet, sheets=list(check.sheet_names))
    if found is None:
        if not last:
            return None
        result.errors.append(_no_header_error(path.name, sheet, mapping))
        return result
    header_row, header_values, columns = found
    result.header_row = header_row
    result.headers = [as_text(value).strip() for value in header_values]
    result.mapping = {field: result.headers[index] for field, index in columns.items()}
    missing = _missing_columns(columns, estate_code)
    if missing:
        result.errors.extend(CellError(path.name, sheet, header_row, COLUMN_BY_FIELD[f].header, "", reason)
                             for f, reason in missing)
        return result
    parser = RollRowParser(path.name, sheet, header_values, columns, estate_code,
                           bounds.formulas_without_value if bounds else set(), today)
    body = _chain(((n, v) for n, v in head if n > header_row), rows)
    for count, (number, values) in enumerate(body):
        if cancel is not None and count % CANCEL_EVERY == 0 and cancel():
            raise Cancelled("已取消读取。")
        if parser.is_empty(values):
            continue
        result.rows += 1
        record = parser.parse(number, values)
        if record is None:
            result.invalid_rows.add(number)
        else:
            result.records.append(record)
            result.record_rows.append(number)
    result.errors = parser.errors
    return result


def _chain(first, rest) -> Iterator[tuple[int, Sequence[object]]]:
    yield from first
    yield from rest


def _missing_columns(columns: dict[str, int], estate_code: str | None) -> list[tuple[str, str]]:
    missing = []
    for field_name in REQUIRED_FIELDS:
        if field_name not in columns:
            column = COLUMN_BY_FIELD[field_name]
            also = f"（也可以写作：{'、'.join(column.synonyms[:4])}）" if column.synonyms else ""
            missing.append((field_name, f"缺少必需的列“{column.header}”{also}"))
    if not estate_code and "estate_code" not in columns and "estate_name" not in columns:
        missing.append(("estate_name", "缺少“小区编码”或“小区名称”列；文件只含一个小区时也可以在导入时指定小区编码"))
    return missing


def _no_header_error(file: str, sheet: str, mapping: dict[str, str] | None) -> CellError:
    if mapping:
        wanted = "、".join(f"“{text}”" for text in mapping.values())
        reason = f"前{HEADER_SEARCH_ROWS}行中没有同时包含 {wanted} 的表头行"
    else:
        names = "、".join(f"“{column.header}”" for column in ROLL_COLUMNS[:7])
        reason = f"前{HEADER_SEARCH_ROWS}行中找不到表头行（应包含 {names} 等列名）"
    return CellError(file, sheet, 1, "", "", reason)
