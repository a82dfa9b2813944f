"""Read the district's 改造计划 workbook (sheets 项目, 改造内容, 资金) into checked plan records and located errors.

Nothing is written anywhere. The file goes through `xlsx_safety` before any parser sees it, rows come from
`sheet_rows`, headers are found by their synonyms below any title rows (as for the roll). A formula in a
cell is an error: a plan states amounts and dates, it does not compute them. The rules of each cell are
`domain.plan_record`'s; this module knows which cell holds what and the rules spanning rows (a 项目编号
twice, an item of a project the 项目 sheet does not list, a source given twice for one project).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence, TypeVar

from openpyxl import load_workbook

from desktop_app.domain import plan_record as rules
from desktop_app.domain.catalogue import CatalogueEntry
from desktop_app.domain.errors import Cancelled
from desktop_app.domain.plan_record import PlanCellError, PlanEstate, PlanFund, PlanItem, PlanProject
from desktop_app.domain.projects import Schedule, schedule_error
from desktop_app.domain.text import as_text
from desktop_app.exchange.errors import CellError, ReadFailure, column_label
from desktop_app.exchange.plan_columns import (
    COLUMNS, DATE_FIELDS, FUND_SHEET, ITEM_SHEET, PROJECT_SHEET, REQUIRED, SHEETS, SYNONYMS,
)
from desktop_app.exchange.roll_columns import HEADER_SEARCH_ROWS, find_header_row, header_candidates
from desktop_app.exchange.sheet_rows import SheetRows, is_blank
from desktop_app.exchange.xlsx_safety import WorkbookCheck, check_workbook_sheet

CANCEL_EVERY = 500
FORMULA = "单元格是公式；改造计划只接受数值和文字，请复制后“选择性粘贴为数值”再导入"
_TOTALS = ("合计", "总计", "小计")
T = TypeVar("T")


@dataclass
class PlanReadResult:
    file: str
    projects: list[PlanProject] = field(default_factory=list)
    items: list[PlanItem] = field(default_factory=list)
    funds: list[PlanFund] = field(default_factory=list)
    project_rows: dict[str, int] = field(default_factory=dict)  # 项目编号 -> its row on 项目 (first seen)
    paid_places: dict[tuple[str, str], tuple[int, str]] = field(default_factory=dict)  # (code, source) -> row, 已支付 column
    rows: int = 0  # project rows in the file (blank rows not counted)
    errors: list[CellError] = field(default_factory=list)


def read_plan(path: str | Path, *, catalogue: list[CatalogueEntry],
              cancel: Callable[[], bool] | None = None) -> PlanReadResult:
    """Every row of the three sheets checked against the rules and `catalogue`, every error located.

    Raises ReadFailure when the file cannot be read at all, Cancelled when `cancel()` says so."""
    path = Path(path)
    check = check_workbook_sheet(path)
    result = PlanReadResult(file=path.name)
    sheets = {name.strip(): name for name in check.sheet_names}
    missing = [name for name in SHEETS if name not in sheets]
    if missing:
        result.errors.extend(CellError(path.name, name, 1, "", "", f"缺少工作表“{name}”（改造计划应有 "
                                       f"{'、'.join(SHEETS)} 三个工作表）") for name in missing)
        return result
    formulas = _formula_cells(path, [sheets[name] for name in SHEETS])
    reader = _PlanSheets(result, check, path, catalogue, cancel)
    for name in SHEETS:
        reader.read(name, sheets[name], formulas.get(sheets[name], {}))
    return result


def _formula_cells(path: Path, sheets: list[str]) -> dict[str, dict[tuple[int, int], str]]:
    """(row, 0-based column) -> formula text of every formula cell of `sheets`, streamed."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as error:
        raise ReadFailure(f"读取“{path.name}”失败，文件可能已损坏。") from error
    found: dict[str, dict[tuple[int, int], str]] = {}
    try:
        for name in sheets:
            worksheet = workbook[name]
            worksheet.reset_dimensions()
            cells: dict[tuple[int, int], str] = {}
            for number, row in enumerate(worksheet.iter_rows(), start=1):
                for index, cell in enumerate(row):
                    if getattr(cell, "data_type", None) == "f":
                        cells[(number, index)] = str(cell.value)
            found[name] = cells
    finally:
        workbook.close()
    return found


class _Row:
    """One data row of a sheet: cell values by field, and the errors found in it."""

    def __init__(self, owner: "_PlanSheets", sheet: str, number: int, values: Sequence[object],
                 columns: dict[str, int], labels: dict[str, str], formulas: dict[tuple[int, int], str]) -> None:
        self.owner, self.sheet, self.number = owner, sheet, number
        self.values, self.columns, self.labels = values, columns, labels
        self.failed: set[str] = set()
        for field_name, index in columns.items():
            formula = formulas.get((number, index))
            if formula is not None:
                self.error(field_name, formula, FORMULA)

    def raw(self, field_name: str) -> object:
        index = self.columns.get(field_name)
        if index is None or index >= len(self.values):
            return None
        return self.values[index]

    def error(self, field_name: str, value: object, reason: str) -> None:
        if field_name in self.failed:
            return
        self.failed.add(field_name)
        label = self.labels.get(field_name) or next(c.header for c in COLUMNS[self.sheet] if c.field == field_name)
        shown = value if isinstance(value, str) else rules.cell_text(value)
        self.owner.result.errors.append(CellError(self.owner.result.file, self.sheet, self.number, label,
                                                  shown.strip(), reason))

    def take(self, field_name: str, check: Callable[[object], T]) -> T | None:
        """`check(raw value)`, or None after recording its error (or the formula error already recorded)."""
        if field_name in self.failed:
            return None
        value = self.raw(field_name)
        try:
            return check(value)
        except PlanCellError as error:
            self.error(field_name, value, str(error))
            return None

    @property
    def ok(self) -> bool:
        return not self.failed


class _PlanSheets:
    def __init__(self, result: PlanReadResult, check: WorkbookCheck, path: Path, catalogue: list[CatalogueEntry],
                 cancel: Callable[[], bool] | None) -> None:
        self.result, self.check, self.path = result, check, path
        self.catalogue = catalogue
        self.cancel = cancel
        self.codes: set[str] = set()  # every 项目编号 of the 项目 sheet, rows with errors included
        self.fund_rows: dict[tuple[str, str], int] = {}
        self.count = 0

    def read(self, sheet: str, actual_name: str, formulas: dict[tuple[int, int], str]) -> None:
        source = SheetRows(self.path, actual_name, self.check.bounds.get(actual_name))
        rows = source.rows()
        head, filled = header_candidates(rows, source.merged)
        found = find_header_row(filled, synonyms=SYNONYMS[sheet], required=REQUIRED[sheet])
        if found is None:
            names = "、".join(f"“{c.header}”" for c in COLUMNS[sheet] if c.field in REQUIRED[sheet])
            self.result.errors.append(CellError(self.result.file, sheet, 1, "", "",
                                                f"前{HEADER_SEARCH_ROWS}行中找不到表头行（应包含 {names} 等列名）"))
            return
        header_row, header_values, columns = found
        labels = {f: column_label(as_text(header_values[i]), i) for f, i in columns.items()}
        parse = {PROJECT_SHEET: self._project, ITEM_SHEET: self._item, FUND_SHEET: self._fund}[sheet]
        body = _chain(((n, v) for n, v in head if n > header_row), rows)
        for number, values in body:
            self.count += 1
            if self.cancel is not None and self.count % CANCEL_EVERY == 0 and self.cancel():
                raise Cancelled("已取消读取。")
            if _is_empty(values, columns):
                continue
            parse(_Row(self, sheet, number, values, columns, labels, formulas))

    # ------------------------------------------------------------ 项目
    def _project(self, row: _Row) -> None:
        self.result.rows += 1
        code = row.take("code", rules.project_code)
        if code is not None:
            self.codes.add(code)
            first = self.result.project_rows.setdefault(code, row.number)
            if first != row.number:
                row.error("code", code, f"项目编号“{code}”与第{first}行重复；每个项目只能有一行")
        name = row.take("name", lambda v: rules.required_text(v, "项目名称"))
        year = row.take("plan_year", rules.plan_year)
        place = "estate_code" if "estate_code" in row.columns else "estate_name"
        estates = row.take(place, lambda _v: rules.estates_of(row.raw("estate_code"), row.raw("estate_name"))) or []
        size = len(estates)
        buildings = households = streets = communities = None
        if estates:  # how many counts or places a row may list depends on its estates
            buildings = row.take("buildings", lambda v: rules.counts_for(v, size, "楼栋数"))
            households = row.take("households", lambda v: rules.counts_for(v, size, "户数"))
            streets = row.take("street", lambda v: rules.places_for(v, size, "街道"))
            communities = row.take("community", lambda v: rules.places_for(v, size, "社区"))
        dates = {f: row.take(f, rules.plan_date) for f in DATE_FIELDS}
        schedule = Schedule(planned_start=dates["planned_start"], planned_end=dates["planned_end"],
                            actual_start=dates["actual_start"], actual_end=dates["actual_end"])
        if not any(f in row.failed for f in DATE_FIELDS):
            problem = schedule_error(schedule)
            if problem:
                row.error(problem[0], row.raw(problem[0]), problem[1])
        contractor = rules.cell_text(row.raw("contractor"))
        supervisor = rules.cell_text(row.raw("supervisor"))
        if not row.ok or code is None or name is None or year is None or not estates or buildings is None \
                or households is None or streets is None or communities is None:
            return
        (total_b, each_b), (total_h, each_h) = buildings, households
        plan_estates = tuple(
            PlanEstate(code=c, name=n, buildings=b, households=h, street=s, community=m)
            for (c, n), b, h, s, m in zip(estates, each_b, each_h, streets, communities)
        )
        self.result.projects.append(PlanProject(
            code=code, name=name, plan_year=year, estates=plan_estates, schedule=schedule,
            contractor=contractor, supervisor=supervisor, declared_buildings=total_b, declared_households=total_h))

    # ------------------------------------------------------------ 改造内容
    def _known_project(self, row: _Row) -> str | None:
        code = row.take("code", rules.project_code)
        if code is not None and code not in self.codes:
            row.error("code", code, f"项目编号“{code}”不在“{PROJECT_SHEET}”工作表中")
            return None
        return code

    def _item(self, row: _Row) -> None:
        code = self._known_project(row)
        name = row.take("name", rules.item_name)
        category = row.take("category", lambda v: rules.item_category(name, v, self.catalogue)) \
            if name is not None else None
        amount = row.take("quantity", rules.quantity)
        unit = rules.cell_text(row.raw("unit"))
        planned = row.take("planned", rules.money)
        if row.ok and code is not None and name is not None and category is not None and amount is not None \
                and planned is not None:
            self.result.items.append(PlanItem(code, name, category, amount, unit, planned))

    # ------------------------------------------------------------ 资金
    def _fund(self, row: _Row) -> None:
        code = self._known_project(row)
        source = row.take("source", rules.source)
        if code is not None and source is not None:
            first = self.fund_rows.setdefault((code, source), row.number)
            if first != row.number:
                row.error("source", row.raw("source"), f"项目“{code}”的资金来源“{source}”与第{first}行重复；"
                          "每个项目每个来源只能有一行")
        planned = row.take("planned", rules.money)
        allocated = row.take("allocated", rules.money)
        paid = row.take("paid", rules.money)
        if allocated is not None and paid is not None:
            allocated_fen, paid_fen = allocated, paid
            row.take("paid", lambda _v: rules.check_paid(allocated_fen, paid_fen))
        if row.ok and code is not None and source is not None and planned is not None and allocated is not None \
                and paid is not None:
            self.result.funds.append(PlanFund(code, source, planned, allocated, paid))
            self.result.paid_places[(code, source)] = (row.number, row.labels.get("paid", "已支付(元)"))


def _is_empty(values: Sequence[object], columns: dict[str, int]) -> bool:
    """Every column of the layout blank, or a totals row (no 项目编号, 合计 in some cell)."""
    size = len(values)
    if all(index >= size or is_blank(values[index]) for index in columns.values()):
        return True
    code = columns.get("code")
    return (code is None or code >= size or is_blank(values[code])) and \
        any(isinstance(value, str) and value.strip().startswith(_TOTALS) for value in values)


def _chain(first, rest) -> Iterator[tuple[int, Sequence[object]]]:
    yield from first
    yield from rest
