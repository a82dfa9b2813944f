"""The district report workbook written and read back; text that looks like a formula stays text; what is not
a report of this version is refused by name (and a merge of it writes nothing)."""

from __future__ import annotations

import csv
import io
import shutil
import struct
import subprocess
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from desktop_app.domain.district_report import COMMUNITY, ESTATE, STREET, Cover, EstateFacts, Fund, Item, Meta, \
    OwnCounts, Place, Project, Report, Stamp, VoteItemResult, VoteResult
from desktop_app.domain.projects import Schedule
from desktop_app.exchange.district_report_reader import NotAReport, read_report
from desktop_app.exchange.district_report_writer import write_report
from desktop_app.exchange.errors import ReadFailure
from tests.exchange.workbooks import good_rows, insert_doctype, write_workbook

HOSTILE = "=HYPERLINK(\"http://example.com\",\"点我\")"
STAMP = Stamp("2025-01-05 09:00:00", "install-1")


def sample(name: str = HOSTILE, made_at: str = "2025-01-05 09:00:00") -> Report:
    street, community = Place(STREET, "S1", "S1", "+街道"), Place(COMMUNITY, "C1", "C1", "-社区")
    estate = Place(ESTATE, "E1", "E1", name)
    other = Place(ESTATE, "uid:abc", "", "@别处小区")
    vote = VoteResult("=SUM(A1)表决", 7, "special", date(2024, 6, 1), 123456, 40, (
        VoteItemResult("@事项", 100050, 30, 90025, 25, 5000, 3, 5025, 2, True, True),))
    project = Project("=P1", "+项目", 2024, Schedule(date(2024, 3, 1), date(2024, 9, 30), date(2024, 3, 2), None),
                      (Cover(estate, 3, 60), Cover(other)), (Item("-屋面", "基础类", 123456789),),
                      (Fund("中央财政补助", 100, 99, 1),), declared_buildings=None, declared_households=7,
                      stamp=Stamp(made_at))
    counts = (OwnCounts(estate, ("S1", "C1", "E1"), (1, 0, 2, 0, 0), (1, 0, 0, 0, 0, 0, 0, 3), 1, 0, 2, 7, 50, 3,
                        stamp=Stamp(made_at)),
              OwnCounts(community, ("S1", "C1"), (0, 1, 0, 0, 0), (0,) * 8, stamp=Stamp(made_at)))
    meta = Meta(made_at, "=操作员", "install-1", "-本机", "@范围", (2024, None), date(2024, 12, 31))
    return Report(meta, (EstateFacts(estate, community, street, 2, 50, (vote,), Stamp(made_at)),), counts, (project,))


def test_a_report_reads_back_as_written(tmp_path):
    report = sample()
    write_report(tmp_path / "r.xlsx", report)
    assert read_report(tmp_path / "r.xlsx") == report


def test_text_beginning_with_a_formula_sign_is_text_everywhere(tmp_path):
    path = tmp_path / "r.xlsx"
    write_report(path, sample())
    workbook = load_workbook(path)
    texts = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row
             if isinstance(cell.value, str) and cell.value[:1] in "=+-@"]
    assert {cell.value for cell in texts} >= {HOSTILE, "=P1", "+项目", "-屋面", "@事项", "=SUM(A1)表决", "=操作员"}
    assert all(cell.data_type == "s" for cell in texts)
    with zipfile.ZipFile(path) as archive:
        assert not any(b"<f>" in archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets"))


def test_numbers_are_numbers_with_their_formats(tmp_path):
    path = tmp_path / "r.xlsx"
    write_report(path, sample())
    workbook = load_workbook(path)
    summary = workbook["汇总"]
    header = [cell.value for cell in summary[1]]
    estate_row = next(row for row in summary.iter_rows(min_row=2) if row[0].value == "小区")
    cell = dict(zip(header, estate_row))
    assert cell["资金已支付(元)"].value == 0.01 and cell["资金已支付(元)"].number_format == "#,##0.00"
    assert cell["资金支付进度"].value == pytest.approx(0.0101) and cell["资金支付进度"].number_format == "0.00%"
    assert cell["社会资本支付进度"].value == "—"
    assert cell["基础类计划投资(元)"].value == 1234567.89
    assert cell["改造户数"].value == 50 and cell["改造户数"].number_format == "0"
    assert workbook["汇总"].freeze_panes == "A2"
    notes = [row for row in workbook["说明"].iter_rows(values_only=True)]
    assert ("格式版本", 1) in [(r[0], r[1]) for r in notes]
    assert any(r[0] == "改造项目数" and r[1] for r in notes)


def test_every_definition_is_in_the_notes_word_for_word(tmp_path):
    from desktop_app.domain.indicator_report import DEFINITIONS, NOTE_ROUNDING

    path = tmp_path / "r.xlsx"
    write_report(path, sample())
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("说明").to_python()
    pairs = {(r[0], r[1]) for r in rows if len(r) >= 2}
    for name, meaning in DEFINITIONS.values():
        assert (name, meaning) in pairs
    assert any(NOTE_ROUNDING in r for r in rows)


def _check_refused(path, pattern, error=NotAReport):
    with pytest.raises(error, match=pattern):
        read_report(path)


def test_a_roll_workbook_is_not_a_report(tmp_path):
    path = write_workbook(tmp_path / "roll.xlsx", good_rows())
    _check_refused(path, "“roll.xlsx”不是区级报表")


def test_a_report_of_another_version_is_refused_by_name(tmp_path):
    path = tmp_path / "r.xlsx"
    write_report(path, sample())
    workbook = load_workbook(path)
    notes = workbook["说明"]
    for row in notes.iter_rows():
        if row[0].value == "格式版本":
            row[1].value = 2
    workbook.save(path)
    _check_refused(path, "“r.xlsx”是格式版本 2 的区级报表，本程序只能读取版本 1")


def test_a_damaged_fact_sheet_names_the_cell(tmp_path):
    path = tmp_path / "r.xlsx"
    write_report(path, sample())
    workbook = load_workbook(path)
    workbook["小区"]["J2"].value = "很多"
    workbook.save(path)
    _check_refused(path, "“r.xlsx”的工作表“小区”第2行名册楼栋数（J列）：“很多”不是整数")


def test_a_missing_sheet_is_refused(tmp_path):
    path = tmp_path / "r.xlsx"
    write_report(path, sample())
    workbook = load_workbook(path)
    del workbook["资金"]
    workbook.save(path)
    _check_refused(path, "缺少工作表：资金")


def test_a_zip_bomb_is_refused_before_expanding(tmp_path):
    path = tmp_path / "bomb.xlsx"
    write_report(path, sample())
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/bomb.xml", b"<a>" + b" " * 1_000_000 + b"</a>")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/bomb.xml")
    huge = 400 * 1024 * 1024
    struct.pack_into("<I", data, info.header_offset + 22, huge)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + length] == b"xl/bomb.xml":
            struct.pack_into("<I", data, central + 24, huge)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    _check_refused(path, "超过上限", ReadFailure)


def test_entity_expansion_is_refused(tmp_path):
    path = tmp_path / "r.xlsx"
    write_report(path, sample())
    insert_doctype(path)
    with pytest.raises(ReadFailure):
        read_report(path)


def test_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"this is not a workbook")
    with pytest.raises(ReadFailure, match="r.xlsx"):
        read_report(path)


def test_the_merged_input_list_reads_back(tmp_path):
    report = sample()
    meta = Meta(report.meta.made_at, "某人", "i", "n", "合并：甲、乙", (2024, None), date(2024, 12, 31),
                inputs=("a.xlsx｜统计范围：甲", "b.xlsx｜统计范围：乙"))
    merged = Report(meta, report.estates, report.counts, report.projects)
    write_report(tmp_path / "m.xlsx", merged)
    assert read_report(tmp_path / "m.xlsx").meta.inputs == meta.inputs


def test_a_report_made_now_reads_with_its_made_at(tmp_path):
    made = datetime(2025, 3, 4, 5, 6, 7).strftime("%Y-%m-%d %H:%M:%S")
    write_report(tmp_path / "r.xlsx", sample(made_at=made))
    assert read_report(tmp_path / "r.xlsx").meta.made_at == made


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed")
def test_libreoffice_opens_the_report_with_the_same_values(tmp_path):
    write_report(tmp_path / "report.xlsx", sample())
    office = shutil.which("soffice") or shutil.which("libreoffice")
    done = subprocess.run(
        [office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
         "--outdir", str(tmp_path / "csv"), str(tmp_path / "report.xlsx")],
        capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    def rows(sheet: str) -> list[list[str]]:
        text = (tmp_path / "csv" / f"report-{sheet}.csv").read_text(encoding="utf-8")
        return list(csv.reader(io.StringIO(text)))

    summary = rows("汇总")
    assert summary[0][:6] == ["层级", "编码", "名称", "所属街道", "所属社区", "改造项目数"]
    estate = next(row for row in summary if row[0] == "小区")
    assert estate[:9] == ["小区", "E1", HOSTILE, "+街道", "-社区", "1", "1", "2", "50"]
    assert rows("项目")[1][:3] == ["=P1", "+项目", "2024"]


def test_a_formula_typed_into_a_fact_sheet_is_refused(tmp_path):
    path = tmp_path / "r.xlsx"
    write_report(path, sample())
    workbook = load_workbook(path)
    workbook["小区"]["K2"].value = "=J2*100"
    workbook.save(path)
    _check_refused(path, "“r.xlsx”的工作表“小区”第2行K列是公式")
