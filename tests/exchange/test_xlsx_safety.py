"""Files that are not plain, safe workbooks are refused with a Chinese message naming the file;
formatted empty space costs next to nothing."""

from __future__ import annotations

import struct
import time
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook

from desktop_app.exchange import xlsx_safety
from desktop_app.exchange.errors import ReadFailure
from desktop_app.exchange.roll_reader import read_roll
from desktop_app.exchange.sheet_rows import SheetRows
from tests.exchange.workbooks import (
    HEADERS, SHEET1, append_empty_styled_rows, good_rows, insert_doctype, write_workbook,
)


def refused(path, *words):
    with pytest.raises(ReadFailure) as caught:
        read_roll(path, today=date.today())
    message = str(caught.value)
    assert f"“{path.name}”" in message, message
    for word in words:
        assert word in message, message
    return message


def test_a_text_file_is_not_a_workbook(tmp_path):
    path = tmp_path / "名册.xlsx"
    path.write_text("楼栋,房号\n3,502\n", encoding="utf-8")
    refused(path, "不是 Excel 工作簿")


def test_an_empty_file_is_not_a_workbook(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    refused(path, "不是 Excel 工作簿")


def test_a_truncated_zip_is_corrupt(tmp_path):
    path = write_workbook(tmp_path / "roll.xlsx", good_rows())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    refused(path, "已损坏")


def test_damaged_compressed_data_is_corrupt(tmp_path):
    path = write_workbook(tmp_path / "roll.xlsx", good_rows())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(SHEET1)
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 20, start + 60):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    refused(path, "已损坏")


def test_a_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    refused(path, "缺少工作簿结构")


OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def test_an_old_xls_file_is_refused(tmp_path):
    path = tmp_path / "roll.xls"
    path.write_bytes(OLE_HEADER + "Workbook".encode("utf-16-le") + bytes(1000))
    refused(path, ".xls", "另存为 .xlsx")


def test_a_password_protected_workbook_is_refused(tmp_path):
    path = tmp_path / "roll.xlsx"
    path.write_bytes(OLE_HEADER + "EncryptionInfo".encode("utf-16-le") + bytes(64)
                     + "EncryptedPackage".encode("utf-16-le") + bytes(1000))
    refused(path, "密码", "取消密码")


def test_a_dtd_in_the_sheet_is_refused(tmp_path):
    path = write_workbook(tmp_path / "roll.xlsx", good_rows())
    insert_doctype(path)
    refused(path, "DTD")


def test_a_workbook_expanding_beyond_the_limit_is_refused(tmp_path, monkeypatch):
    path = write_workbook(tmp_path / "roll.xlsx", good_rows())
    append_empty_styled_rows(path, 20_000)
    monkeypatch.setattr(xlsx_safety, "MAX_UNCOMPRESSED", 2 * 1024 * 1024)
    refused(path, "超过上限")


def _set_sizes(path, member: str, size: int) -> None:
    """Make the zip directory claim `member` expands to `size` bytes (a lie about a bigger member)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    struct.pack_into("<I", data, info.header_offset + 22, size)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_length] == member.encode():
            struct.pack_into("<I", data, central + 24, size)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def test_a_member_whose_declared_size_lies_is_refused(tmp_path):
    path = write_workbook(tmp_path / "roll.xlsx", good_rows())
    append_empty_styled_rows(path, 2_000)
    _set_sizes(path, SHEET1, 1000)
    refused(path, "已损坏")


def test_one_stray_cell_at_the_far_corner_is_streamed_not_allocated(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(HEADERS))
    for row in good_rows():
        sheet.append(list(row))
    sheet["XFD1048576"] = "x"
    workbook.save(tmp_path / "roll.xlsx")
    check = xlsx_safety.check_workbook(tmp_path / "roll.xlsx")
    bounds = check.bounds["Sheet"]
    assert bounds.rows >= 1_048_576 and bounds.columns >= 16_384
    assert SheetRows(tmp_path / "roll.xlsx", "Sheet", bounds).streamed
    started = time.perf_counter()
    result = read_roll(tmp_path / "roll.xlsx", today=date.today())
    assert time.perf_counter() - started < 30
    assert result.errors == [] and result.rows == 6


def test_100000_empty_formatted_rows_are_quick(tmp_path):
    path = write_workbook(tmp_path / "roll.xlsx", good_rows())
    append_empty_styled_rows(path, 100_000)
    assert xlsx_safety.check_workbook(path).bounds["名册"].rows == 100_007
    started = time.perf_counter()
    result = read_roll(path, today=date.today())
    assert time.perf_counter() - started < 30
    assert result.errors == [] and result.rows == 6 and len(result.records) == 6


def test_the_streaming_reader_stops_after_a_long_empty_run(tmp_path):
    path = write_workbook(tmp_path / "roll.xlsx", good_rows())
    append_empty_styled_rows(path, 5_000)
    rows = list(SheetRows(path, "名册", None).rows())  # unknown bounds: streamed with openpyxl
    assert [number for number, _ in rows] == list(range(1, 8))


def test_formula_cells_without_cached_values_are_found(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "=1+2"
    sheet["B2"] = '=""&"x"'
    sheet["C3"] = 5
    workbook.save(tmp_path / "f.xlsx")
    bounds = xlsx_safety.check_workbook(tmp_path / "f.xlsx").bounds["Sheet"]
    assert bounds.formulas_without_value == {(1, 0), (2, 1)}
    assert bounds.rows == 3


def test_formatted_empty_cells_far_right_do_not_widen_the_grid(tmp_path):
    path = write_workbook(tmp_path / "roll.xlsx", good_rows())
    append_empty_styled_rows(path, 10, columns=60)
    bounds = xlsx_safety.check_workbook(path).bounds["名册"]
    assert bounds.columns == 26 and bounds.rows == 17
