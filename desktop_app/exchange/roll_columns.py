"""The columns of the room and owner roll (房屋业主名册): names, synonyms, and finding the header row.

Community rolls are laid out by hand, so a header is recognised by its synonyms in any column order,
below any number of title rows, with merged cells, full-width brackets, `*` marks for required
columns and units in brackets (`专有面积（平方米）`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

from desktop_app.domain.roll_record import AREA_SOURCES, OWNER_KINDS


@dataclass(frozen=True)
class RollColumn:
    field: str  # the RollRecord field it fills ("area" for area_centi)
    header: str  # what the application writes
    synonyms: tuple[str, ...]  # also accepted, most specific first
    width: int  # column width in characters when written
    explanation: str  # for the 说明 sheet


ROLL_COLUMNS: tuple[RollColumn, ...] = (
    RollColumn("estate_code", "小区编码", ("小区代码", "小区编号"), 12,
               "区里给小区的编码。文件只含一个小区并在导入时选定小区时可以不填；不填时按小区名称识别。"),
    RollColumn("estate_name", "小区名称", ("小区名", "小区"), 18, "小区名称；小区编码为空时必填。"),
    RollColumn("building", "楼栋", ("楼号", "栋号", "幢号", "楼栋号", "楼幢", "栋", "幢", "楼"), 8,
               "必填。如 3 或 3号楼；3、3号楼、3栋、3幢 视为同一栋楼。"),
    RollColumn("unit", "单元", ("单元号",), 8, "可空（没有单元的楼）。如 1 或 1单元。"),
    RollColumn("floor", "楼层", ("所在楼层", "层"), 8, "整数；为空时由房号推出（502 为 5 层，1203 为 12 层）。"),
    RollColumn("room", "房号", ("室号", "门牌号", "房间号", "房屋号", "户号"), 10,
               "必填。如 502；同一楼栋、单元内不能重复。"),
    RollColumn("area", "专有面积(㎡)", ("专有面积", "专有部分面积", "建筑面积", "房屋面积", "面积"), 14,
               "必填。大于 0，最多两位小数，单位平方米。"),
    RollColumn("area_source", "面积来源", (), 12, "不动产登记 / 实测 / 合同，为空按 不动产登记。"),
    RollColumn("owner_kind", "业主类型", ("产权类型", "业主性质"), 14, "个人 / 单位 / 建设单位未售，为空按 个人。"),
    RollColumn("owner_name", "业主姓名", ("姓名", "业主名称", "业主", "产权人", "权利人", "产权人姓名"), 16,
               "个人或单位的名称；业主类型为 建设单位未售 时可以不填。"),
    RollColumn("id_number", "证件号码", ("身份证号码", "身份证号", "统一社会信用代码", "证件号", "身份证"), 22,
               "18 位身份证号码（含校验位）或统一社会信用代码，请设为文本格式。同一业主的多套房屋填写相同的证件号码。"),
    RollColumn("phone", "联系电话", ("手机号码", "手机号", "手机", "电话", "电话号码", "联系方式"), 16,
               "可空。11 位手机号，或带区号的座机号，如 0591-87654321。"),
    RollColumn("co_owners", "共有人", ("共有权人", "共同共有人"), 18, "可空。多个共有人用 、 或 ; 分隔。"),
    RollColumn("note", "备注", ("说明",), 20, "可空，任意文字。"),
    RollColumn("street", "街道", ("所属街道", "街道名称"), 12, "可空。小区所属街道，新小区按此归类。"),
    RollColumn("community", "社区", ("所属社区", "社区名称", "居委会"), 12, "可空。小区所属社区，新小区按此归类。"),
)
COLUMN_BY_FIELD = {column.field: column for column in ROLL_COLUMNS}
REQUIRED_FIELDS = ("building", "room", "area", "owner_name")
HEADER_SEARCH_ROWS = 30
MIN_HEADER_FIELDS = 3
AREA_SOURCE_CHOICES = AREA_SOURCES
OWNER_KIND_CHOICES = tuple(OWNER_KINDS)

_DROPPED = re.compile(r"[\s*:：]+")
_BRACKETED = re.compile(r"\(.*?\)")


def header_key(text: object) -> str:
    """A header as compared: NFKC (full-width brackets, ㎡ -> m2), no spaces, `*` or colons, lower case."""
    if text is None:
        return ""
    return _DROPPED.sub("", unicodedata.normalize("NFKC", str(text))).lower()


Synonyms = dict[str, tuple[str, int]]  # header key -> (field, rank)


def build_synonyms(columns: Iterable[RollColumn]) -> Synonyms:
    """The header lookup of a sheet layout (the roll's, or another sheet's such as the ballot summary)."""
    table: Synonyms = {}
    for column in columns:
        for rank, text in enumerate((column.header, *column.synonyms)):
            table.setdefault(header_key(text), (column.field, rank))
    return table


SYNONYMS = build_synonyms(ROLL_COLUMNS)


def field_of_header(text: object, synonyms: Synonyms | None = None) -> tuple[str, int] | None:
    """(field, rank) for a header text, rank 0 = the exact header; None when not a column of the layout
    (`synonyms`, default the roll's)."""
    table = SYNONYMS if synonyms is None else synonyms
    key = header_key(text)
    if not key:
        return None
    found = table.get(key)
    if found is None:
        bare = _BRACKETED.sub("", key)
        found = table.get(bare) if bare else None
    return found


def match_headers(headers: Sequence[object], mapping: dict[str, str] | None = None,
                  synonyms: Synonyms | None = None) -> dict[str, int]:
    """field -> 0-based column index for one header row; `mapping` (field -> header text) wins."""
    result: dict[str, int] = {}
    taken: set[int] = set()
    keys = [header_key(text) for text in headers]
    for field, mapped in (mapping or {}).items():
        wanted = header_key(mapped)
        if wanted and wanted in keys:
            result[field] = keys.index(wanted)
            taken.add(result[field])
    best: dict[str, tuple[int, int]] = {}
    for index, text in enumerate(headers):
        found = field_of_header(text, synonyms) if index not in taken else None
        if found is None or found[0] in result or found[0] in (mapping or {}):
            continue
        field, rank = found
        if field not in best or rank < best[field][0]:
            best[field] = (rank, index)
    result.update({field: index for field, (_, index) in best.items()})
    return result


def find_header_row(rows: Iterable[tuple[int, Sequence[object]]],
                    mapping: dict[str, str] | None = None, *, synonyms: Synonyms | None = None,
                    required: Sequence[str] = ()) -> tuple[int, Sequence[object], dict[str, int]] | None:
    """The (row number, header values, field -> column) of the row naming the most roll columns.

    With a `mapping`, only a row holding every mapped header text qualifies; with `required` (another
    layout's `synonyms`), only a row naming every required field."""
    best = None
    for searched, (number, values) in enumerate(rows):
        if searched >= HEADER_SEARCH_ROWS:
            break
        columns = match_headers(values, mapping, synonyms)
        if mapping:
            qualifies = all(field in columns for field in mapping)
        elif required:
            qualifies = all(field in columns for field in required)
        else:
            qualifies = len(columns) >= MIN_HEADER_FIELDS
        if qualifies and (best is None or len(columns) > len(best[2])):
            best = (number, values, columns)
    return best


def fill_merged(number: int, values: Sequence[object], merged, above: dict[int, Sequence[object]]) -> list[object]:
    """A header row with the value of every merged range that covers one of its empty cells.

    `merged` holds 0-based inclusive ranges; `above` maps row numbers to the values of earlier rows."""
    filled = list(values)
    for (top, left), (bottom, right) in merged:
        if not top + 1 <= number <= bottom + 1:
            continue
        source = values if top + 1 == number else above.get(top + 1, ())
        value = source[left] if left < len(source) else None
        for column in range(left, right + 1):
            while len(filled) <= column:
                filled.append(None)
            if filled[column] in (None, ""):
                filled[column] = value
    return filled


def header_candidates(rows: Iterable[tuple[int, Sequence[object]]], merged) -> tuple[
        list[tuple[int, Sequence[object]]], list[tuple[int, list[object]]]]:
    """The first HEADER_SEARCH_ROWS non-empty rows as read, and the same rows with merged cells filled
    (what `find_header_row` searches). Consumes only those rows of `rows`."""
    head: list[tuple[int, Sequence[object]]] = []
    for item in rows:
        head.append(item)
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    above: dict[int, Sequence[object]] = {}
    filled = []
    for number, values in head:
        filled.append((number, fill_merged(number, values, merged, above)))
        above[number] = values
    return head, filled
