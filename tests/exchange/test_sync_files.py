"""The sync file itself: the 说明 sheet says it holds personal data, text that looks like a formula stays
text, values read back equal, LibreOffice opens it."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from desktop_app.exchange.sync_reader import read_sync_file
from desktop_app.exchange.sync_writer import write_sync_file
from desktop_app.models import Owner
from desktop_app.services.sync import export_info, table_rows, tombstone_rows

TRICKY = ("=1+2", "+8613800000000", "-5", "@SUM(A1)", "=HYPERLINK(\"http://x\")", "007", "  空格  ")


def _write(path):
    write_sync_file(path, export_info(), table_rows(), tombstone_rows())
    return path


def test_formula_like_text_is_written_as_text_and_read_back_equal(database, tmp_path):
    for text in TRICKY:
        Owner.create(name=text, phone=text, note=text)
    path = _write(tmp_path / "同步.xlsx")
    with zipfile.ZipFile(path) as archive:
        xml = b"".join(archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/"))
    assert b"<f>" not in xml and b"<f " not in xml
    workbook = load_workbook(path, read_only=True)
    cells = [row for row in workbook["业主"].iter_rows(min_row=2, values_only=False)]
    assert {row[column].data_type for row in cells for column in (5, 7, 9)} <= {"s", "inlineStr"}
    workbook.close()
    data, errors = read_sync_file(path)
    assert errors == []
    assert sorted(record.values["name"] for record in data.records["owner"]) == sorted(TRICKY)
    assert all(record.values["phone"] == record.values["name"] for record in data.records["owner"])


def test_the_first_sheet_says_the_file_holds_personal_data(database, tmp_path):
    path = _write(tmp_path / "同步.xlsx")
    workbook = load_workbook(path, read_only=True)
    assert workbook.sheetnames[:2] == ["说明", "接收记录"] and workbook.sheetnames[-1] == "删除记录"
    text = " ".join(str(value) for row in workbook["说明"].iter_rows(values_only=True) for value in row if value)
    workbook.close()
    assert "个人信息" in text and "身份证号码" in text and "妥善保管" in text
    assert "社区工作台同步文件" in text and "格式版本" in text


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed")
def test_libreoffice_opens_the_file_and_keeps_the_text(database, tmp_path):
    for text in TRICKY:
        Owner.create(name=text)
    path = _write(tmp_path / "sync.xlsx")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    done = subprocess.run(
        [office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
         "--outdir", str(tmp_path / "csv"), str(path)], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    owners = (tmp_path / "csv" / "sync-业主.csv").read_text(encoding="utf-8")
    for text in TRICKY:
        assert text.replace('"', '""') in owners


def test_a_text_longer_than_a_cell_holds_stops_the_export_and_leaves_no_file(database, tmp_path):
    from desktop_app.exchange.sync_writer import TextTooLong

    Owner.create(name="张三", note="长" * 32_768)
    (tmp_path / "out").mkdir()
    with pytest.raises(TextTooLong, match="业主.*note.*32768 个字"):
        _write(tmp_path / "out" / "同步.xlsx")
    assert list((tmp_path / "out").iterdir()) == []
