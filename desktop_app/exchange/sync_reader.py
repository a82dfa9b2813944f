"""Read a sync file written by `sync_writer`, after the safety scan: refuse what is not a sync file or is
of a newer format version (ReadFailure for an unreadable workbook, SyncFileRefused for the others), and
locate every bad cell (CellError) instead of guessing."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Callable

from desktop_app.domain.errors import UserError
from desktop_app.domain.sync_merge import FORMAT_VERSION
from desktop_app.exchange.errors import CellError, column_label
from desktop_app.exchange.sheet_rows import SheetRows, is_blank
from desktop_app.exchange.sync_writer import (
    FILE_KIND, INFO_KEYS, INFO_SHEET, INFO_TITLE, RECEIPT_HEADER, RECEIPTS_SHEET, TOMBSTONE_HEADER, TOMBSTONES_SHEET,
)
from desktop_app.exchange.xlsx_safety import MAX_UNCOMPRESSED_SYNC, check_workbook_sheet
from desktop_app.services.sync import ORDERED, TABLES, Column, FileRecord, FileTombstone, SyncData, normal

MAX_ERRORS = 200


class SyncFileRefused(UserError):
    """A readable workbook that must not be imported (not a sync file, a newer format); nothing written."""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_sync_file(path: str | Path) -> tuple[SyncData, list[CellError]]:
    """The file's content and the errors found in it (an empty list: it can be merged)."""
    path = Path(path)
    name = path.name
    check = check_workbook_sheet(path, max_uncompressed=MAX_UNCOMPRESSED_SYNC)
    if INFO_SHEET not in check.sheet_names:
        raise SyncFileRefused(f"“{name}”不是同步文件（没有“{INFO_SHEET}”工作表），未导入任何数据。")
    info = _info(SheetRows(path, INFO_SHEET, check.bounds.get(INFO_SHEET)))
    if info.get("文件类型") != FILE_KIND:
        raise SyncFileRefused(f"“{name}”不是同步文件（“{INFO_SHEET}”中没有“{FILE_KIND}”的标记），未导入任何数据。")
    missing = [key for key in INFO_KEYS if not info.get(key)]
    version_text = info.get("格式版本", "")
    if not version_text.isdigit() or missing:
        raise SyncFileRefused(f"“{name}”的文件信息不完整（{'、'.join(missing) or '格式版本'}），未导入任何数据。")
    version = int(version_text)
    if version > FORMAT_VERSION:
        raise SyncFileRefused(f"“{name}”由更新版本的程序导出（格式版本 {version}，本程序支持到 {FORMAT_VERSION}），"
                              "请先升级本程序再导入。未导入任何数据。")
    data = SyncData(name, version, info["导出安装"], info["导出时间"], info["范围"], {})
    errors: list[CellError] = _formulas(path)
    if errors:
        return data, errors
    for row_number, values in _sheet(path, check, RECEIPTS_SHEET, RECEIPT_HEADER, errors):
        origin, received_at = _text(values[0]), _text(values[1])
        if origin and received_at:
            data.receipts[origin] = received_at
    for table in ORDERED:
        records: list[FileRecord] = []
        seen: set[str] = set()
        header = table.header
        columns = [None, None, None, None, *table.columns, *(None for _ in table.extras)]
        converters = [(index, header[index], _converter(columns[index])) for index in range(4, len(header))]
        for row_number, values in _sheet(path, check, table.sheet, header, errors):
            key = values[0] if values[0].__class__ is str else _text(values[0])
            if not key or key in seen or any(is_blank(values[i]) for i in range(1, 4)):
                reason = "同一 uid 出现了两次" if key in seen else "uid、created_at、updated_at、origin 不能为空"
                errors.append(CellError(name, table.sheet, row_number, column_label(header[0], 0), key, reason))
                continue
            seen.add(key)
            converted: dict[str, object] = {}
            for index, field_name, convert in converters:
                try:
                    converted[field_name] = convert(values[index])
                except ValueError:
                    errors.append(CellError(name, table.sheet, row_number, column_label(header[index], index),
                                            _text(values[index]), "应为整数"))
            records.append(FileRecord(row_number, key, _text(values[1]), _text(values[2]), _text(values[3]),
                                      converted))
            if len(errors) >= MAX_ERRORS:
                return data, errors
        data.records[table.name] = records
    for row_number, values in _sheet(path, check, TOMBSTONES_SHEET, TOMBSTONE_HEADER, errors):
        table_name, uid = _text(values[0]), _text(values[1])
        if table_name not in TABLES or not uid:
            errors.append(CellError(name, TOMBSTONES_SHEET, row_number, column_label("table_name", 0), table_name,
                                    "不是可同步的表，或 uid 为空"))
            continue
        data.tombstones.append(FileTombstone(table_name, uid, _text(values[2]), _text(values[3])))
    return data, errors


_FORMULA = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"[^>]*>\s*<(?:\w+:)?f[\s>/]')


def _formulas(path: Path) -> list[CellError]:
    """A formula anywhere (the writer never writes one): the file was edited; each sheet's first is listed."""
    errors: list[CellError] = []
    with zipfile.ZipFile(path) as archive:
        relations = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
        names = re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', archive.read("xl/workbook.xml").decode())
        targets = dict(re.findall(r'Id="([^"]+)"[^>]*Target="([^"]+)"', relations))
        targets.update({key: value for value, key in re.findall(r'Target="([^"]+)"[^>]*Id="([^"]+)"', relations)})
        for sheet, relation in names:
            member = targets.get(relation, "").lstrip("/")
            member = member if member.startswith("xl/") else f"xl/{member}"
            if member not in archive.namelist():
                continue
            with archive.open(member) as handle:
                tail = b""
                while chunk := handle.read(4 * 1024 * 1024):
                    block = tail + chunk
                    # text is escaped ("<" as &lt;), so "<f" is always markup; ":f" may be text, then the
                    # pattern decides
                    found = _FORMULA.search(block) if b"<f" in block or b":f" in block else None
                    if found:
                        errors.append(CellError(path.name, sheet, int(found.group(2)), f"{found.group(1).decode()}列",
                                                "", "同步文件中不应有公式：文件在导出后被修改过，请重新导出"))
                        break
                    tail = chunk[-200:]
    return errors


def _converter(column: Column | None) -> Callable[[object], object]:
    """`normal` for one column, with a fast path for the common cell (text in a text column, a whole float
    in an integer column)."""
    if column is not None and column.integer:
        def integer(value: object) -> object:
            if value.__class__ is float and value.is_integer():
                return int(value)
            return normal(column, value)
        return integer
    blank = None if column is None or column.nullable else ""

    def text(value: object) -> object:
        if value.__class__ is str:
            return value if value else blank
        return normal(column, value)
    return text


def _info(sheet: SheetRows) -> dict[str, str]:
    info: dict[str, str] = {}
    in_block = False
    for _, values in sheet.rows():
        key = _text(values[0]) if values else ""
        if key == INFO_TITLE:
            in_block = True
        elif in_block and key in INFO_KEYS and len(values) > 1:
            info[key] = _text(values[1])
    return info


def _sheet(path: Path, check, sheet: str, header: tuple[str, ...], errors: list[CellError]):
    """(row number, values in `header` order) of a table sheet; a missing sheet or column is an error."""
    if sheet not in check.sheet_names:
        errors.append(CellError(path.name, sheet, 1, "", "", f"缺少工作表“{sheet}”"))
        return
    rows = SheetRows(path, sheet, check.bounds.get(sheet)).rows()
    first = next(rows, None)
    if first is None:
        errors.append(CellError(path.name, sheet, 1, "", "", "工作表是空的，缺少表头"))
        return
    found = [_text(value) for value in first[1]]
    places = []
    for name in header:
        if name not in found:
            errors.append(CellError(path.name, sheet, first[0], name, "", f"缺少“{name}”列"))
            return
        places.append(found.index(name))
    natural = places == list(range(len(header)))
    for number, values in rows:
        if len(values) < len(found):
            values = [*values, *([None] * (len(found) - len(values)))]
        yield number, (values if natural else [values[place] for place in places])
