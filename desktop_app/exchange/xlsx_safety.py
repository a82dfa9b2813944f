"""Look inside an untrusted .xlsx before any parser touches it.

A workbook is a zip of XML files, so a hostile or broken file can try to exhaust memory (a zip bomb, a
declared size that lies, one stray cell at XFD1048576 that makes a dense reader allocate the whole
grid) or expand entities (a DTD). `check_workbook` streams every XML member once, with hard limits,
and returns for each sheet the bounds of its cells and the formula cells that carry no cached value.
Anything that is not a plain .xlsx (an .xls, an encrypted workbook, a corrupt zip) is a ReadFailure
naming the file.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree as SafeTree

from desktop_app.domain.errors import os_error_text
from desktop_app.exchange.errors import ReadFailure

MAX_MEMBERS = 10_000
# Bytes of XML a workbook may expand to. The application's own export of the report's city (196,900
# rooms, openpyxl inline strings) is 166 MB of sheet XML; Excel's shared strings make it smaller.
MAX_UNCOMPRESSED = 300 * 1024 * 1024
# A sync file of the same city carries every table with uids and timestamps (594 MB of inline-string XML);
# its reader passes this larger budget, the other limits (ratio, members, grid size) unchanged.
MAX_UNCOMPRESSED_SYNC = 1536 * 1024 * 1024
MAX_RATIO = 1_000  # deflate cannot do much better honestly; more is a crafted bomb
RATIO_FLOOR = 10 * 1024 * 1024  # small members may have any ratio
CHUNK = 4 * 1024 * 1024

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")

_ROW_REF = re.compile(rb'r="(\d{1,9})"')
_WIDE_CELL_REF = re.compile(rb'r="([A-Z]{2,3})\d{1,7}"[^/>]*>')  # a cell from column AA on, not an empty <c .../>
_FORMULA_NO_VALUE = re.compile(
    rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>)\s*"
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>|</(?:\w+:)?c>)"
)
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d{1,9})"')
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass
class SheetBounds:
    """Upper bounds of a sheet's used grid, and formula cells (row, 0-based column) with no cached value."""

    rows: int = 0
    columns: int = 0
    formulas_without_value: set[tuple[int, int]] = field(default_factory=set)

    @property
    def cells(self) -> int:
        return self.rows * self.columns


@dataclass
class WorkbookCheck:
    sheet_names: list[str]
    bounds: dict[str, SheetBounds]  # by sheet name; a sheet missing here has unknown bounds


def column_index(letters: bytes | str) -> int:
    """0-based index of column letters: "A" -> 0, "AA" -> 26."""
    if isinstance(letters, bytes):
        letters = letters.decode("ascii")
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


def _refuse_other_formats(path: Path, head: bytes) -> None:
    name = path.name
    if head.startswith(OLE_MAGIC):
        with path.open("rb") as handle:
            body = handle.read(MAX_UNCOMPRESSED)
        if ENCRYPTED_MARK in body:
            raise ReadFailure(f"“{name}”是设置了打开密码的加密工作簿，无法读取。请在 Excel 或 WPS 中取消密码并另存为 .xlsx 后再导入。")
        raise ReadFailure(f"“{name}”是旧版 Excel（.xls）文件，无法直接读取。请在 Excel 或 WPS 中另存为 .xlsx 后再导入。")
    if not head.startswith(ZIP_MAGIC):
        raise ReadFailure(f"“{name}”不是 Excel 工作簿（.xlsx），无法读取。请确认选择的是名册的 .xlsx 文件。")


class _MemberScanner:
    """Streams one zip member, counting real bytes against the workbook budget."""

    def __init__(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int], file_name: str,
                 limit: int):
        self.archive, self.info, self.budget, self.file_name = archive, info, budget, file_name
        self.limit = limit

    def chunks(self):
        seen = 0
        with self.archive.open(self.info) as stream:
            head = stream.read(4)
            if head.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise ReadFailure(f"“{self.file_name}”中的 {self.info.filename} 使用了不支持的 UTF-16 编码，无法安全读取。")
            carry = head
            while True:
                data = stream.read(CHUNK)
                seen += len(data)
                self.budget[0] -= len(data)
                if self.budget[0] < 0:
                    raise ReadFailure(f"“{self.file_name}”解压后超过 {self.limit // 1024 // 1024} MB，"
                                      "可能是恶意构造的文件，已拒绝读取。")
                if seen > RATIO_FLOOR and seen > MAX_RATIO * max(self.info.compress_size, 1):
                    raise ReadFailure(f"“{self.file_name}”中的 {self.info.filename} 压缩比异常，可能是恶意构造的文件，已拒绝读取。")
                block = carry + data
                if b"<!DOCTYPE" in block or b"<!ENTITY" in block:
                    raise ReadFailure(f"“{self.file_name}”中含有文档类型定义（DTD）或实体声明（{self.info.filename}），"
                                      "正常的 Excel 文件不会有这些内容，已拒绝读取。")
                if not data:
                    if block:
                        yield block
                    return
                cut = block.rfind(b"</row>")
                cut = cut + 6 if cut >= 0 else block.rfind(b">") + 1
                if cut <= 0:
                    carry = block
                    continue
                yield block[:cut]
                carry = block[cut:]


def _scan_sheet(chunks) -> SheetBounds:
    bounds = SheetBounds()
    max_row = widest = references = row_refs = cell_elements = 0
    for chunk in chunks:
        rows = _ROW_REF.findall(chunk)
        if rows:
            max_row = max(max_row, max(map(int, rows)))
            row_refs += len(rows)
        wide = set(_WIDE_CELL_REF.findall(chunk))
        if wide:
            widest = max(widest, max(column_index(letters) for letters in wide) + 1)
        references += chunk.count(b'r="')
        cell_elements += sum(chunk.count(tag) for tag in (b"<c ", b"<c>", b":c ", b":c>"))
        row_elements = chunk.count(b"<row") + chunk.count(b":row")
        max_row += max(0, row_elements - len(rows))  # rows without r follow the previous one
        if b"<f" in chunk or b":f" in chunk:
            for match in _FORMULA_NO_VALUE.finditer(chunk):
                attributes = match.group(1)
                reference = _CELL_REF.search(attributes)
                if reference and b't="str"' not in attributes:
                    bounds.formulas_without_value.add(
                        (int(reference.group(2)), column_index(reference.group(1))))
    without_reference = max(0, cell_elements - (references - row_refs))
    bounds.rows = max_row
    bounds.columns = max(widest, 26) + without_reference
    return bounds


def _sheet_members(archive: zipfile.ZipFile, file_name: str) -> tuple[list[str], dict[str, str]]:
    """Sheet names in workbook order and the zip member of each."""
    workbook_path = "xl/workbook.xml"
    try:
        package_rels = SafeTree.fromstring(archive.read("_rels/.rels"))
        for rel in package_rels.iter(f"{_PKG_REL_NS}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                workbook_path = rel.get("Target", workbook_path).lstrip("/")
        workbook = SafeTree.fromstring(archive.read(workbook_path))
        rels_path = posixpath.join(posixpath.dirname(workbook_path), "_rels",
                                   posixpath.basename(workbook_path) + ".rels")
        targets = {}
        for rel in SafeTree.fromstring(archive.read(rels_path)).iter(f"{_PKG_REL_NS}Relationship"):
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(posixpath.dirname(workbook_path), target))
            targets[rel.get("Id")] = target
    except KeyError as error:
        raise ReadFailure(f"“{file_name}”缺少工作簿结构，不是 .xlsx 工作簿。"
                          "如果是 .ods、.et 等其他格式，请在 WPS 或 Excel 中另存为 .xlsx 后再导入。") from error
    except Exception as error:  # defusedxml refusals and malformed XML alike
        raise ReadFailure(f"“{file_name}”的工作簿结构无法解析，文件可能已损坏。") from error
    names: list[str] = []
    members: dict[str, str] = {}
    for sheet in workbook.iter(f"{_MAIN_NS}sheet"):
        name = sheet.get("name", "")
        names.append(name)
        target = targets.get(sheet.get(f"{_REL_NS}id"))
        if target:
            members[target] = name
    return names, members


def check_workbook(path: str | Path, *, max_uncompressed: int | None = None) -> WorkbookCheck:
    """Refuse what is not a safe, plain .xlsx; return sheet names and the bounds of every sheet.
    `max_uncompressed`: the bytes of XML the workbook may expand to (default MAX_UNCOMPRESSED)."""
    if max_uncompressed is None:
        max_uncompressed = MAX_UNCOMPRESSED
    path = Path(path)
    name = path.name
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise ReadFailure(f"无法打开“{name}”：{os_error_text(error)}") from error
    _refuse_other_formats(path, head)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise ReadFailure(f"“{name}”包含 {len(infos)} 个内部文件，超过上限 {MAX_MEMBERS}，已拒绝读取。")
            declared = sum(info.file_size for info in infos if _is_xml(info.filename))
            if declared > max_uncompressed:
                raise ReadFailure(f"“{name}”解压后约 {declared // 1024 // 1024} MB，超过上限 "
                                  f"{max_uncompressed // 1024 // 1024} MB，已拒绝读取。")
            names, members = _sheet_members(archive, name)
            budget = [max_uncompressed]
            bounds: dict[str, SheetBounds] = {}
            for info in infos:
                if not _is_xml(info.filename):
                    continue
                chunks = _MemberScanner(archive, info, budget, name, max_uncompressed).chunks()
                if info.filename in members:
                    bounds[members[info.filename]] = _scan_sheet(chunks)
                else:
                    for _ in chunks:
                        pass
            return WorkbookCheck(names, bounds)
    except ReadFailure:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as error:
        raise ReadFailure(f"“{name}”已损坏，无法解压。请在 Excel 或 WPS 中重新保存后再导入。") from error
    except OSError as error:
        raise ReadFailure(f"读取“{name}”失败：{os_error_text(error)}") from error


def _is_xml(member: str) -> bool:
    return member.endswith((".xml", ".rels", ".vml"))


def check_workbook_sheet(path: str | Path, sheet: str | None = None, *,
                         max_uncompressed: int | None = None) -> WorkbookCheck:
    """`check_workbook`, also refusing a workbook without sheets or without the requested `sheet`."""
    check = check_workbook(path, max_uncompressed=max_uncompressed)
    name = Path(path).name
    if not check.sheet_names:
        raise ReadFailure(f"“{name}”中没有工作表。")
    if sheet is not None and sheet not in check.sheet_names:
        raise ReadFailure(f"“{name}”中没有名为“{sheet}”的工作表（有：{'、'.join(check.sheet_names)}）。")
    return check
