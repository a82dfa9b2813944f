"""Read a 12345 hotline ticket export (工单导出) into TicketRows, located errors and located warnings.

The file is checked by `xlsx_safety` before any parser sees it; rows come from `sheet_rows`; the
header is found by synonyms in any column order below any title rows (`roll_columns`). Nothing is
written: the services match estates and rooms and count what an import would change.

Errors make a row invalid (no ticket number, a date that is not a date, a status no rule knows, a
ticket number given twice, a formula without a saved value). Warnings keep the row (a category text
that no rule recognises becomes 其他; a phone that does not look like one is kept as given).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Callable, Iterator, Sequence

from desktop_app.domain.complaints import CATEGORIES, SATISFACTION, SOURCES, STEPS
from desktop_app.domain.errors import Cancelled
from desktop_app.domain.identity import looks_like_scientific_notation, normalise_phone, phone_error
from desktop_app.domain.room_entry import parse_room_entry
from desktop_app.domain.text import as_text, compact, to_half_width
from desktop_app.domain.ticket_record import TicketRow, category_of_text, satisfaction_of_text, status_of_text
from desktop_app.exchange.errors import CellError, column_label
from desktop_app.exchange.roll_columns import (
    HEADER_SEARCH_ROWS, RollColumn, build_synonyms, find_header_row, header_candidates,
)
from desktop_app.exchange.roll_row import NO_CACHED_VALUE, excel_number_text
from desktop_app.exchange.sheet_rows import SheetRows, is_blank
from desktop_app.exchange.xlsx_safety import check_workbook_sheet

CANCEL_EVERY = 500
INSTRUCTION_SHEET = "说明"
TICKET_COLUMNS: tuple[RollColumn, ...] = (
    RollColumn("ticket_no", "工单编号", ("工单号", "编号", "工单号码", "受理编号", "来电编号"), 20,
               "必填。12345 热线的工单编号；同一工单再次导入时按编号更新，不会重复。"),
    RollColumn("received_at", "受理时间", ("来电时间", "登记时间", "受理日期", "来电日期", "登记日期", "创建时间"), 18,
               "必填。日期或日期时间，如 2024-05-06 或 2024-05-06 09:30。"),
    RollColumn("category", "诉求类别", ("问题分类", "类别", "诉求分类", "问题类别", "投诉类别", "事项分类"), 12,
               "必填。" + " / ".join(CATEGORIES) + "；热线的说法（如 施工扰民、管道破损）会自动归类，认不出的归入 其他 并提示。"),
    RollColumn("estate", "所属小区", ("小区", "小区名称", "所在小区", "小区编码"), 18,
               "小区名称或编码；与“地址”至少有一列。对不上小区时保留地址文字并提示。"),
    RollColumn("address", "地址", ("事发地址", "诉求地址", "详细地址", "小区地址", "反映地址"), 24,
               "工单上的地址；没有“所属小区”列时按地址中的小区名称对应小区。"),
    RollColumn("room", "房号", ("室号", "门牌号", "楼栋房号"), 12, "可空。如 3-1-502 或 3号楼1单元502室。"),
    RollColumn("text", "诉求内容", ("内容", "来电内容", "诉求描述", "问题描述", "工单内容"), 40, "可空，诉求的文字。"),
    RollColumn("due_on", "办理时限", ("截止日期", "办结时限", "处理时限", "到期时间", "截止时间"), 14,
               "可空。应办结的日期，如 2024-05-27。"),
    RollColumn("status", "办理状态", ("状态", "工单状态", "处理状态"), 10,
               " / ".join(STEPS) + "；热线的说法（如 已办结、处理中、已回复）会自动对应，为空按 受理。"),
    RollColumn("reply", "答复内容", ("回复内容", "办理结果", "处理结果", "答复意见"), 30, "可空。"),
    RollColumn("satisfaction", "满意度", ("回访满意度", "评价", "满意度评价"), 10,
               " / ".join(SATISFACTION) + "，或留空（未回访）。"),
    RollColumn("complainant", "来电人", ("来电人姓名", "诉求人", "姓名", "反映人"), 10, "可空。"),
    RollColumn("phone", "联系电话", ("来电号码", "电话", "手机", "手机号码", "联系方式"), 16, "可空。"),
    RollColumn("source", "来源", ("工单来源", "来源渠道", "受理渠道"), 8,
               " / ".join(SOURCES) + "，为空按 12345。"),
    RollColumn("replied_on", "答复日期", ("答复时间", "回复时间", "回复日期"), 14, "可空。"),
    RollColumn("closed_on", "办结日期", ("办结时间", "结案时间", "结案日期", "完成时间"), 14,
               "可空。已办结工单的办结日期（算办理天数用）。"),
)
TICKET_FIELDS = tuple(column.field for column in TICKET_COLUMNS)
TICKET_COLUMN = {column.field: column for column in TICKET_COLUMNS}
TICKET_SYNONYMS = build_synonyms(TICKET_COLUMNS)
REQUIRED = ("ticket_no", "received_at", "category")
PLACE_FIELDS = ("estate", "address")  # at least one of them
EXCEL_EPOCH = date(1899, 12, 30)
_TOTALS = ("合计", "总计", "小计")


@dataclass
class TicketReadResult:
    file: str
    sheet: str
    sheets: list[str]
    header_row: int = 0  # spreadsheet row of the header, 0 when none was found
    headers: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)  # field -> header text
    labels: dict[str, str] = field(default_factory=dict)  # field -> "所属小区（D列）"
    tickets: list[TicketRow] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    warnings: list[CellError] = field(default_factory=list)
    rows: int = 0  # data rows seen
    invalid_rows: set[int] = field(default_factory=set)


def read_tickets(path: str | Path, *, sheet: str | None = None, mapping: dict[str, str] | None = None,
                 categories: dict[str, str] | None = None,
                 cancel: Callable[[], bool] | None = None) -> TicketReadResult:
    """Read the tickets on `sheet` (default: the first sheet with a recognisable header). `mapping`
    (field -> header text) overrides the synonyms; `categories` (file text -> category) overrides the
    category rules. Raises ReadFailure when the file cannot be read and Cancelled on `cancel()`."""
    unknown = set(mapping or {}) - set(TICKET_FIELDS)
    if unknown:
        raise ValueError(f"unknown ticket fields in mapping: {sorted(unknown)}")
    bad = set((categories or {}).values()) - set(CATEGORIES)
    if bad:
        raise ValueError(f"unknown complaint categories: {sorted(bad)}")
    path = Path(path)
    check = check_workbook_sheet(path, sheet)
    names = check.sheet_names
    candidates = [sheet] if sheet is not None else (
        [n for n in names if n != INSTRUCTION_SHEET] + [n for n in names if n == INSTRUCTION_SHEET])
    first: TicketReadResult | None = None
    for name in candidates:
        bounds = check.bounds.get(name)
        result = TicketReadResult(file=path.name, sheet=name, sheets=list(names))
        _read_sheet(result, SheetRows(path, name, bounds), mapping, categories,
                    bounds.formulas_without_value if bounds else set(), cancel)
        if result.header_row:
            return result
        first = first or result
    assert first is not None
    return first


def _read_sheet(result: TicketReadResult, source: SheetRows, mapping: dict[str, str] | None,
                categories: dict[str, str] | None, formulas: set[tuple[int, int]],
                cancel: Callable[[], bool] | None) -> None:
    rows = source.rows()
    head, filled = header_candidates(rows, source.merged)
    if not head:
        result.errors.append(CellError(result.file, result.sheet, 1, "", "", "工作表是空的，没有表头，也没有工单"))
        return
    found = find_header_row(filled, mapping, synonyms=TICKET_SYNONYMS, required=REQUIRED)
    if found is None:
        found = find_header_row(filled, mapping, synonyms=TICKET_SYNONYMS)
        if found is None or mapping:
            result.errors.append(CellError(result.file, result.sheet, head[0][0], "", "", _no_header_reason(mapping)))
            return
    header_row, values, columns = found
    result.header_row = header_row
    result.headers = [as_text(value).strip() for value in values]
    result.mapping = {name: result.headers[at] for name, at in columns.items()}
    result.labels = {name: column_label(result.headers[at], at) for name, at in columns.items()}
    missing = [name for name in REQUIRED if name not in columns]
    for name in missing:
        column = TICKET_COLUMN[name]
        also = "、".join(column.synonyms[:3])
        result.errors.append(CellError(result.file, result.sheet, header_row, column.header, "",
                                       f"缺少必需的列“{column.header}”（也可以写作：{also}）"))
    if not any(name in columns for name in PLACE_FIELDS):
        missing.append("estate")
        result.errors.append(CellError(result.file, result.sheet, header_row, "所属小区", "",
                                       "缺少“所属小区”或“地址”列（也可以写作：小区、小区名称、事发地址），无法知道工单在哪个小区"))
    if missing:
        return
    parser = _TicketParser(result, columns, categories, formulas)
    body = _chain(((n, v) for n, v in head if n > header_row), rows)
    for count, (number, row) in enumerate(body):
        if cancel is not None and count % CANCEL_EVERY == 0 and cancel():
            raise Cancelled("已取消读取。")
        parser.parse(number, row)
    if "closed_on" not in columns and any(ticket.closed for ticket in result.tickets):
        result.warnings.append(CellError(result.file, result.sheet, header_row, "办结日期", "",
                                         "文件没有“办结日期”列：已办结的工单按答复日期（没有时按导入当天）记为办结日期，"
                                         "办理天数可能不准"))


def _chain(first, rest) -> Iterator[tuple[int, Sequence[object]]]:
    yield from first
    yield from rest


def _no_header_reason(mapping: dict[str, str] | None) -> str:
    if mapping:
        wanted = "、".join(f"“{text}”" for text in mapping.values())
        return f"前{HEADER_SEARCH_ROWS}行中没有同时包含 {wanted} 的表头行"
    names = "、".join(f"“{TICKET_COLUMN[name].header}”" for name in (*REQUIRED, "estate"))
    return f"前{HEADER_SEARCH_ROWS}行中找不到工单的表头行（应包含 {names} 等列名）"


class _TicketParser:
    """Parses data rows in order, remembering the first row of each ticket number."""

    def __init__(self, result: TicketReadResult, columns: dict[str, int], categories: dict[str, str] | None,
                 formulas: set[tuple[int, int]]) -> None:
        self.result, self.columns, self.categories, self.formulas = result, columns, categories, formulas
        self.first_row: dict[str, int] = {}

    def cell(self, values: Sequence[object], name: str) -> object:
        at = self.columns.get(name)
        return values[at] if at is not None and at < len(values) else None

    def text(self, values: Sequence[object], name: str) -> str:
        value = self.cell(values, name)
        if isinstance(value, datetime):
            return value.isoformat(sep=" ", timespec="minutes")
        return as_text(value).strip()

    def add(self, kind: list[CellError], row: int, name: str, value: object, reason: str) -> None:
        label = self.result.labels.get(name, TICKET_COLUMN[name].header)
        shown = value if isinstance(value, str) else _shown(value)
        kind.append(CellError(self.result.file, self.result.sheet, row, label, shown, reason))

    def parse(self, row: int, values: Sequence[object]) -> None:
        if all(is_blank(value) for value in values):
            return
        if is_blank(self.cell(values, "received_at")) and any(
                isinstance(v, str) and v.strip().startswith(_TOTALS) for v in values):
            return  # a totals row under the tickets
        ticket_no = self.ticket_no(row, values)
        self.result.rows += 1
        errors = self.result.errors
        before = len(errors)
        self.check_formulas(row, values)
        received = self.received_at(row, values)
        category_text = self.text(values, "category")
        category = self.category(row, category_text)
        estate, address = self.text(values, "estate"), self.text(values, "address")
        if not estate and not address:
            place = "estate" if "estate" in self.columns else "address"
            self.add(errors, row, place, "", "所属小区和地址不能都为空")
        room_text = self.text(values, "room")
        room = parse_room_entry(room_text) if room_text else None
        if room_text and room is None:
            self.add(self.result.warnings, row, "room", room_text, "看不出是哪间房屋（应如 3-1-502 或 3号楼1单元502室），只保留地址")
        status = status_of_text(self.text(values, "status"))
        if status is None:
            self.add(errors, row, "status", self.text(values, "status"),
                     "办理状态应为 " + "、".join(STEPS) + "（或热线的说法，如 已办结、处理中），认不出这个状态")
        satisfaction = satisfaction_of_text(self.text(values, "satisfaction"))
        if satisfaction is None:
            self.add(errors, row, "satisfaction", self.text(values, "satisfaction"),
                     "满意度应为 " + "、".join(SATISFACTION) + " 或留空")
        source = compact(self.text(values, "source")) or SOURCES[0]
        if source not in SOURCES:
            self.add(errors, row, "source", self.text(values, "source"), "来源应为 " + "、".join(SOURCES) + " 或留空")
        due_on = self.date(row, values, "due_on")
        replied_on = self.date(row, values, "replied_on")
        closed_on = self.date(row, values, "closed_on")
        phone = self.phone(row, values)
        if received and due_on and due_on < date.fromisoformat(received[:10]):
            self.add(errors, row, "due_on", due_on.isoformat(), f"办理时限早于受理时间（{received[:10]}）")
        if len(errors) > before or not ticket_no or not received:
            self.result.invalid_rows.add(row)
            return
        self.result.tickets.append(TicketRow(
            row=row, ticket_no=ticket_no, received_at=received, category=category, category_text=category_text,
            estate_text=estate or address, address=address, room_text=room_text, room=room, text=self.text(values, "text"), due_on=due_on,
            status=status or STEPS[0], reply=self.text(values, "reply"), satisfaction=satisfaction or "",
            complainant=self.text(values, "complainant"), phone=phone, source=source, replied_on=replied_on, closed_on=closed_on))

    def ticket_no(self, row: int, values: Sequence[object]) -> str:
        raw = self.cell(values, "ticket_no")
        text = compact(as_text(raw))
        if isinstance(raw, float) and not raw.is_integer() or looks_like_scientific_notation(text) or (
                isinstance(raw, float) and abs(raw) >= 1e15):
            self.add(self.result.errors, row, "ticket_no", excel_number_text(raw) if isinstance(raw, float) else text,
                     "工单编号被 Excel 当成了数字并显示为科学计数法，末几位可能已经丢失；请把这一列设为文本格式后重新导出")
            return ""
        if not text:
            if any(not is_blank(v) for v in values):
                self.add(self.result.errors, row, "ticket_no", "", "工单编号不能为空")
            return ""
        first = self.first_row.get(text)
        if first is not None:
            self.add(self.result.errors, row, "ticket_no", text, f"与第{first}行的工单编号重复，每个工单只能有一行")
            return ""
        self.first_row[text] = row
        return text

    def received_at(self, row: int, values: Sequence[object]) -> str:
        raw = self.cell(values, "received_at")
        if is_blank(raw):
            self.add(self.result.errors, row, "received_at", "", "受理时间不能为空")
            return ""
        moment = _moment(raw)
        if moment is None:
            self.add(self.result.errors, row, "received_at", raw,
                     "不是日期或日期时间，应如 2024-05-06 或 2024-05-06 09:30")
            return ""
        if isinstance(moment, datetime) and (moment.hour or moment.minute):
            return moment.strftime("%Y-%m-%dT%H:%M")
        return (moment.date() if isinstance(moment, datetime) else moment).isoformat()

    def date(self, row: int, values: Sequence[object], name: str) -> date | None:
        raw = self.cell(values, name)
        if is_blank(raw):
            return None
        moment = _moment(raw)
        if moment is None:
            self.add(self.result.errors, row, name, raw, "不是日期，应如 2024-05-27")
            return None
        return moment.date() if isinstance(moment, datetime) else moment

    def category(self, row: int, text: str) -> str:
        if not text:
            self.add(self.result.errors, row, "category", "", "诉求类别不能为空（不知道时填 其他）")
            return ""
        category, recognised = category_of_text(text, self.categories)
        if not recognised:
            self.add(self.result.warnings, row, "category", text,
                     "认不出这个诉求类别，已归入“其他”；可以在导入时为它指定类别")
        return category

    def phone(self, row: int, values: Sequence[object]) -> str:
        text = self.text(values, "phone")
        if not text or "*" in text:
            return ""  # none, or masked (138****8000, as the complaint register writes it): nothing to keep
        if phone_error(text) is None:
            return normalise_phone(text)
        self.add(self.result.warnings, row, "phone", text, "不像电话号码，按原样保存")
        return text

    def check_formulas(self, row: int, values: Sequence[object]) -> None:
        for name, at in self.columns.items():
            if (row, at) in self.formulas and (at >= len(values) or is_blank(values[at])):
                self.add(self.result.errors, row, name, "", NO_CACHED_VALUE)


def _shown(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    return as_text(value).strip()


def _moment(raw: object) -> date | datetime | None:
    """A cell as a date or a datetime: date cells, Excel serial numbers, or text such as 2024-05-06 09:30,
    2024/5/6, 2024年5月6日; None when it is none of these."""
    if isinstance(raw, datetime):
        return raw
    if isinstance(raw, date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if 20_000 <= raw <= 80_000:  # 1954..2119 as an Excel serial day number
            moment = datetime.combine(EXCEL_EPOCH, datetime.min.time()) + timedelta(days=float(raw))
            return moment.replace(second=0, microsecond=0)
        return None
    return _parse_text_moment(raw) if isinstance(raw, str) else None


def _parse_text_moment(text: str) -> date | datetime | None:
    cleaned = to_half_width(text).strip().replace("T", " ").replace("/", "-").replace(".", "-")
    cleaned = cleaned.replace("年", "-").replace("月", "-").replace("日", " ").replace("号", " ")
    day, _, clock = cleaned.strip().partition(" ")
    parts = day.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        return None
    try:
        found = date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None
    clock = clock.strip()
    if not clock:
        return found
    pieces = clock.split(":")
    if not 2 <= len(pieces) <= 3 or not all(p.isdigit() for p in pieces):
        return None
    hour, minute = int(pieces[0]), int(pieces[1])
    if hour > 23 or minute > 59:
        return None
    return datetime(found.year, found.month, found.day, hour, minute)
