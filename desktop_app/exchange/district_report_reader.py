"""Read a district report workbook back into `domain.district_report.Report` (for a merge).

Every file goes through `xlsx_safety.check_workbook` first (zip bombs, entity expansion, grids too large);
what fails there, or cannot be opened, is a `ReadFailure`. A workbook that opens but is not a district
report of this format version (another program's workbook, a roll, a report of another version, a report
whose fact sheets were damaged by hand) is a `NotAReport` naming the file, the sheet, the row and the
column. Only the fact sheets and the 说明 sheet's report data are read; 汇总 and the derived columns are
recomputed by the merge.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

import python_calamine

from desktop_app.domain.district_report import COMMUNITY, ESTATE, FORMAT_VERSION, REPORT_KIND, STREET, TOTAL, \
    Cover, EstateFacts, Fund, Item, Meta, OwnCounts, Place, Project, Report, Stamp, VoteItemResult, VoteResult
from desktop_app.domain.errors import UserError
from desktop_app.domain.projects import Schedule
from desktop_app.domain.vote_rules import Rule
from desktop_app.exchange.district_report_columns import (
    COLUMNS, COMPLAINT_COLUMNS, COMPLAINTS, CONSULT, COVERS, ESTATES, FACT_SHEETS, FUNDS, ITEMS, META_AS_OF,
    META_FIRST_YEAR, META_INPUT, META_INSTALLATION_ID, META_INSTALLATION_NAME, META_KIND, META_LAST_YEAR,
    META_MADE_AT, META_OPERATOR, META_SCOPE, META_VERSION, NO, NOTES, PATH_SEPARATOR, PROJECTS, VOTES, YES,
)
from desktop_app.exchange.errors import ReadFailure, column_label, column_letter
from desktop_app.exchange.sheet_rows import MAX_GRID_CELLS, is_blank
from desktop_app.exchange.xlsx_safety import check_workbook
from desktop_app.domain.complaints import CATEGORIES as COMPLAINT_CATEGORIES
from desktop_app.domain.opinions import KINDS

LEVELS = (STREET, COMMUNITY, ESTATE, TOTAL)
_RULES = {rule.label: rule.value for rule in Rule}


class NotAReport(UserError):
    """A workbook that is not a district report this version can merge (the message names the file)."""


class _Sheet:
    """One fact sheet: its rows as dicts by header, with the place of each value for messages."""

    def __init__(self, file: str, title: str, grid: list[list[object]], headers: Sequence[str]) -> None:
        self.file, self.title = file, title
        if not grid:
            raise NotAReport(f"“{file}”的工作表“{title}”是空的，不是本程序生成的区级报表。")
        found = {str(h).strip(): i for i, h in enumerate(grid[0]) if not is_blank(h)}
        missing = [h for h in headers if h not in found]
        if missing:
            raise NotAReport(f"“{file}”的工作表“{title}”缺少列：{'、'.join(missing)}。不是本程序生成的区级报表，或已被改动。")
        self.index = found
        self.grid = grid

    def rows(self) -> Iterator[_Row]:
        for number, values in enumerate(self.grid[1:], start=2):
            if all(is_blank(v) for v in values):
                continue
            yield _Row(self, number, values)


class _Row:
    def __init__(self, sheet: _Sheet, number: int, values: Sequence[object]) -> None:
        self.sheet, self.number, self.values = sheet, number, values

    def _raw(self, header: str) -> object:
        index = self.sheet.index[header]
        return self.values[index] if index < len(self.values) else None

    def fail(self, header: str, reason: str) -> NotAReport:
        where = column_label(header, self.sheet.index[header])
        return NotAReport(f"“{self.sheet.file}”的工作表“{self.sheet.title}”第{self.number}行{where}：{reason}")

    def text(self, header: str) -> str:
        value = self._raw(header)
        if is_blank(value):
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    def whole(self, header: str, *, optional: bool = False) -> int | None:
        value = self._raw(header)
        if is_blank(value):
            if optional:
                return None
            raise self.fail(header, "不能为空")
        try:
            number = Decimal(repr(value) if isinstance(value, float) else str(value).strip())
        except InvalidOperation:
            raise self.fail(header, f"“{value}”不是整数") from None
        if number != number.to_integral_value() or number < 0 or isinstance(value, bool):
            raise self.fail(header, f"“{value}”不是非负整数")
        return int(number)

    def count(self, header: str) -> int:
        value = self.whole(header)
        assert value is not None
        return value

    def hundredths(self, header: str) -> int:
        """Money in 元 or an area in m², as exact hundredths."""
        value = self._raw(header)
        if is_blank(value):
            return 0
        try:
            number = Decimal(repr(value) if isinstance(value, float) else str(value).replace(",", "").strip()) * 100
        except InvalidOperation:
            raise self.fail(header, f"“{value}”不是数值") from None
        if number != number.to_integral_value() or number < 0:
            raise self.fail(header, f"“{value}”不是精确到分的非负数")
        return int(number)

    def day(self, header: str, *, optional: bool = True) -> date | None:
        value = self._raw(header)
        if is_blank(value):
            if optional:
                return None
            raise self.fail(header, "不能为空")
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip()[:10])
        except ValueError:
            raise self.fail(header, f"“{value}”不是日期") from None

    def flag(self, header: str) -> bool:
        value = self.text(header)
        if value not in (YES, NO):
            raise self.fail(header, f"应为“{YES}”或“{NO}”")
        return value == YES

    def stamp(self) -> Stamp:
        made_at = self.text("来源制表时间")
        if not made_at:
            raise self.fail("来源制表时间", "不能为空")
        return Stamp(made_at, self.text("来源安装标识"))


def _grid(workbook: python_calamine.CalamineWorkbook, file: str, title: str) -> list[list[object]]:
    try:
        return [list(row) for row in workbook.get_sheet_by_name(title).to_python(skip_empty_area=False)]
    except Exception as error:  # calamine raises its own family of errors
        raise ReadFailure(f"读取“{file}”的工作表“{title}”失败，文件可能已损坏。") from error


def _meta(file: str, grid: list[list[object]]) -> Meta:
    values: dict[str, list[object]] = defaultdict(list)
    for row in grid[1:]:
        if len(row) >= 2 and isinstance(row[0], str) and row[0].strip():
            values[row[0].strip()].append(row[1])
        elif len(row) >= 1 and is_blank(row[0]):
            break  # the report's data ends at the first blank row
    if [str(v).strip() for v in values.get(META_KIND, [])] != [REPORT_KIND]:
        raise NotAReport(f"“{file}”不是区级报表（“说明”工作表中没有“{META_KIND}：{REPORT_KIND}”）。")
    version_values = values.get(META_VERSION, [None])
    try:
        version = int(Decimal(str(version_values[0]).strip()))
    except (InvalidOperation, ValueError):
        raise NotAReport(f"“{file}”的报表格式版本“{version_values[0]}”无法识别。") from None
    if version != FORMAT_VERSION:
        raise NotAReport(f"“{file}”是格式版本 {version} 的区级报表，本程序只能读取版本 {FORMAT_VERSION} 的报表。")

    def one(label: str) -> object:
        found = values.get(label, [None])
        return found[0]

    def text(label: str) -> str:
        value = one(label)
        return "" if is_blank(value) else str(value).strip()

    def year(label: str) -> int | None:
        value = one(label)
        if is_blank(value):
            return None
        try:
            return int(Decimal(repr(value) if isinstance(value, float) else str(value).strip()))
        except (InvalidOperation, ValueError):
            raise NotAReport(f"“{file}”的“{label}”“{value}”不是年度。") from None

    as_of = one(META_AS_OF)
    try:
        day = as_of.date() if isinstance(as_of, datetime) else as_of if isinstance(as_of, date) \
            else date.fromisoformat(str(as_of).strip()[:10])
    except ValueError:
        raise NotAReport(f"“{file}”的统计日期“{as_of}”不是日期。") from None
    if not text(META_MADE_AT):
        raise NotAReport(f"“{file}”没有制表时间。")
    return Meta(made_at=text(META_MADE_AT), operator=text(META_OPERATOR), installation_id=text(META_INSTALLATION_ID),
                installation_name=text(META_INSTALLATION_NAME), scope=text(META_SCOPE),
                years=(year(META_FIRST_YEAR), year(META_LAST_YEAR)), as_of=day, version=version,
                inputs=tuple(str(v) for v in values.get(META_INPUT, []) if not is_blank(v)))


def _place(row: _Row, level: str, prefix: str = "") -> Place:
    key = row.text(f"{prefix}标识")
    if not key:
        raise row.fail(f"{prefix}标识", "不能为空")
    return Place(level, key, row.text(f"{prefix}编码"), row.text(f"{prefix}名称"))


def read_report(path: str | Path) -> Report:
    """The report in `path`; ReadFailure when the file cannot be read safely, NotAReport when it is not a
    district report of this format version."""
    path = Path(path)
    file = path.name
    check = check_workbook(path)
    if NOTES not in check.sheet_names:
        raise NotAReport(f"“{file}”不是区级报表（没有“{NOTES}”工作表）。")
    for title in (NOTES, *FACT_SHEETS):
        bounds = check.bounds.get(title)
        if title in check.sheet_names and (bounds is None or bounds.cells > MAX_GRID_CELLS):
            raise ReadFailure(f"“{file}”的工作表“{title}”过大，已拒绝读取。")
        if bounds is not None and bounds.formulas_without_value:
            row, column = min(bounds.formulas_without_value)
            raise NotAReport(f"“{file}”的工作表“{title}”第{row}行{column_letter(column)}列是公式，"
                             "本程序生成的区级报表中没有公式，可能已被改动。")
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as error:
        raise ReadFailure(f"读取“{file}”失败，文件可能已损坏。") from error
    meta = _meta(file, _grid(workbook, file, NOTES))
    missing = [title for title in FACT_SHEETS if title not in check.sheet_names]
    if missing:
        raise NotAReport(f"“{file}”缺少工作表：{'、'.join(missing)}，不是完整的区级报表。")
    sheets = {title: _Sheet(file, title, _grid(workbook, file, title), COLUMNS[title]) for title in FACT_SHEETS}
    return Report(meta, _estates(sheets), _counts(sheets), _projects(sheets))


def _votes(sheet: _Sheet) -> dict[str, list[VoteResult]]:
    grouped: dict[tuple[str, int], list[_Row]] = defaultdict(list)
    for row in sheet.rows():
        grouped[(row.text("小区标识"), row.count("表决序号"))].append(row)
    found: dict[str, list[VoteResult]] = defaultdict(list)
    for (estate, _), rows in sorted(grouped.items()):
        first = rows[0]
        rule = first.text("表决规则")
        items = tuple(VoteItemResult(
            r.text("事项"), r.hundredths("参与面积(㎡)"), r.count("参与人数"), r.hundredths("同意面积(㎡)"),
            r.count("同意人数"), r.hundredths("反对面积(㎡)"), r.count("反对人数"), r.hundredths("弃权面积(㎡)"),
            r.count("弃权人数"), r.flag("达到参与门槛"), r.text("结果") == "通过") for r in rows)
        closes = first.day("截止日期", optional=False)
        assert closes is not None
        found[estate].append(VoteResult(first.text("表决名称"), first.count("表决事项"), _RULES.get(rule, rule), closes,
                                        first.hundredths("总面积(㎡)"), first.count("总人数"), items))
    return found


def _estates(sheets: dict[str, _Sheet]) -> tuple[EstateFacts, ...]:
    votes = _votes(sheets[VOTES])
    estates = []
    seen: set[str] = set()
    for row in sheets[ESTATES].rows():
        estate = _place(row, ESTATE, "小区")
        if estate.key in seen:
            raise row.fail("小区标识", f"小区“{estate.key}”重复")
        seen.add(estate.key)
        estates.append(EstateFacts(estate, _place(row, COMMUNITY, "社区"), _place(row, STREET, "街道"),
                                   row.count("名册楼栋数"), row.count("名册户数"), tuple(votes.get(estate.key, ())),
                                   row.stamp()))
    return tuple(estates)


def _counts(sheets: dict[str, _Sheet]) -> tuple[OwnCounts, ...]:
    complaints = {}
    for row in sheets[COMPLAINTS].rows():
        complaints[(row.text("层级"), row.text("标识"))] = row
    counts = []
    for row in sheets[CONSULT].rows():
        level = row.text("层级")
        if level not in LEVELS:
            raise row.fail("层级", f"“{level}”不是{'、'.join(LEVELS)}之一")
        place = _place(row, level)
        other = complaints.pop((level, place.key), None)
        if other is None:
            raise row.fail("标识", f"在工作表“{COMPLAINTS}”中没有对应的行")
        parents = tuple(key for key in row.text("上级标识").split(PATH_SEPARATOR) if key)
        path = () if level == TOTAL else (*parents, place.key)
        estate = level == ESTATE
        counts.append(OwnCounts(
            place, path, tuple(row.count(f"{kind}次数") for kind in KINDS),
            tuple(other.count(f"投诉·{c}") for c in COMPLAINT_CATEGORIES), other.count("逾期未办结"),
            other.count("超期办结"), other.count("已办结"), other.count("办结天数合计"),
            rooms=row.count("房屋数") if estate else 0, reached=row.count("提出意见户数") if estate else 0,
            stamp=row.stamp()))
    for row in complaints.values():
        raise row.fail(COMPLAINT_COLUMNS[1], f"在工作表“{CONSULT}”中没有对应的行")
    return tuple(counts)


def _projects(sheets: dict[str, _Sheet]) -> tuple[Project, ...]:
    covers: dict[str, list[Cover]] = defaultdict(list)
    for row in sheets[COVERS].rows():
        covers[row.text("项目编号")].append(Cover(_place(row, ESTATE, "小区"), row.whole("申报楼栋数", optional=True),
                                                row.whole("申报户数", optional=True)))
    items: dict[str, list[Item]] = defaultdict(list)
    for row in sheets[ITEMS].rows():
        items[row.text("项目编号")].append(Item(row.text("改造内容"), row.text("类别"), row.hundredths("计划投资(元)")))
    funds: dict[str, list[Fund]] = defaultdict(list)
    for row in sheets[FUNDS].rows():
        funds[row.text("项目编号")].append(Fund(row.text("资金来源"), row.hundredths("计划(元)"), row.hundredths("下达(元)"),
                                              row.hundredths("已支付(元)")))
    projects = []
    for row in sheets[PROJECTS].rows():
        code = row.text("项目编号")
        if not code:
            raise row.fail("项目编号", "不能为空")
        if not covers.get(code):
            raise row.fail("项目编号", f"项目“{code}”在工作表“{COVERS}”中没有小区")
        projects.append(Project(
            code=code, name=row.text("项目名称"), plan_year=row.count("年度"),
            schedule=Schedule(row.day("计划开工"), row.day("计划完工"), row.day("实际开工"), row.day("实际完工"),
                              row.day("竣工验收")),
            covers=tuple(covers[code]), items=tuple(items.get(code, ())), funds=tuple(funds.get(code, ())),
            declared_buildings=row.whole("片区申报楼栋数", optional=True),
            declared_households=row.whole("片区申报户数", optional=True), stamp=row.stamp()))
    return tuple(projects)
