"""The opinion and complaint registers: written, read back (openpyxl, calamine, LibreOffice), masked."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, datetime, timedelta

import pytest
import python_calamine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from desktop_app.domain.complaints import CATEGORIES, SATISFACTION, SOURCES, STEPS
from desktop_app.domain.consultation_print_data import ComplaintLine, OpinionLine
from desktop_app.exchange.register_writer import (
    COMPLAINT_COLUMNS, COMPLAINT_SHEET, OPINION_COLUMNS, OPINION_SHEET, write_complaint_register,
    write_opinion_register,
)
from desktop_app.exchange.ticket_reader import read_tickets

FULL_PHONE = re.compile(r"1[3-9]\d{9}")


def opinions():
    return [
        OpinionLine(date(2024, 5, 6), "幸福里小区", "3", "1", "502", "张伟", "入户走访", "支持",
                    ("屋面防水", "加装电梯"), ("楼下菜市场太吵",), "希望尽快开工", "5月入户走访", "李社工"),
        OpinionLine(date(2024, 5, 7), "幸福里小区", "12", "", "1203", "欧阳娜娜", "座谈会", "", (), (), "", "", "李社工"),
    ]


def complaints():
    return [
        ComplaintLine("GD2024050600001", "12345", "2024-05-06T09:30", "扬尘噪音", "幸福里小区", "3号楼1单元502室",
                      "幸福里小区 3-1-502", "张伟", "13800138000", "夜间施工噪音大", date(2024, 5, 27), "办理", None,
                      "", "", "逾期未办结", None),
        ComplaintLine("", "来访", "2024-05-07", "质量安全", "", "", "东街88号", "王芳", "0591-87654321",
                      "外墙脱落", date(2024, 5, 28), "办结", date(2024, 5, 30), "已返工", "满意", "超期办结", 23),
    ]


def test_opinion_register(tmp_path):
    path = tmp_path / "意见.xlsx"
    assert write_opinion_register(path, opinions()) == 2
    book = load_workbook(path)
    sheet = book[OPINION_SHEET]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == [column.header for column in OPINION_COLUMNS]
    first = [c.value for c in sheet[2]]
    assert first[:8] == [datetime(2024, 5, 6), "幸福里小区", "3", "1", "502", "张*", "入户走访", "支持"]
    assert first[8:] == ["屋面防水、加装电梯", "楼下菜市场太吵", "希望尽快开工", "5月入户走访", "李社工"]
    assert sheet["A2"].number_format == "yyyy-mm-dd" and sheet["C2"].number_format == "@"
    assert [c.value for c in sheet[3]][5] == "欧阳**"
    ranges = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert ranges["G2"] == '"座谈会,入户走访,问卷,公示反馈,线上"' and ranges["H2"] == '"支持,有意见,反对"'
    assert sheet.column_dimensions["I"].width == 36
    notes = [row[0] for row in book["说明"].iter_rows(values_only=True) if row[0]]
    assert "对方案态度" in notes and any("隐去" in note for note in notes)


def test_complaint_register_masks_and_reads_back_as_a_ticket_export(tmp_path):
    path = tmp_path / "投诉.xlsx"
    assert write_complaint_register(path, complaints()) == 2
    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(COMPLAINT_SHEET).to_python()
    assert sheet[0] == [column.header for column in COMPLAINT_COLUMNS]
    first, second = sheet[1], sheet[2]
    assert first[:4] == ["GD2024050600001", "12345", datetime(2024, 5, 6, 9, 30), "扬尘噪音"]
    assert (first[7], first[8], first[10], first[14]) == ("张*", "138****8000", date(2024, 5, 27), "逾期未办结")
    assert (second[0], second[2], second[8], second[12], second[13]) == \
        ("", date(2024, 5, 7), "0591-****4321", date(2024, 5, 30), 23)
    assert not any(FULL_PHONE.search(str(cell)) for row in sheet for cell in row)
    book = load_workbook(path)
    assert book[COMPLAINT_SHEET]["C2"].number_format == "yyyy-mm-dd hh:mm"
    assert book[COMPLAINT_SHEET]["C3"].number_format == "yyyy-mm-dd"
    choices = {str(v.sqref).split(":")[0] for v in book[COMPLAINT_SHEET].data_validations.dataValidation}
    assert choices == {"B2", "D2", "L2", "Q2"}
    read = read_tickets(path)  # the register as a ticket export: the row without a number is the only error
    assert [t.ticket_no for t in read.tickets] == ["GD2024050600001"]
    assert read.tickets[0].phone == "" and read.tickets[0].status == "办理"
    assert [(e.row, e.column) for e in read.errors] == [(3, "工单编号（A列）")]
    assert read.mapping["estate"] == "所属小区" and read.mapping["address"] == "地址"


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed")
def test_libreoffice_opens_both_registers(tmp_path):
    write_opinion_register(tmp_path / "opinions.xlsx", opinions())
    write_complaint_register(tmp_path / "complaints.xlsx", complaints())
    office = shutil.which("soffice") or shutil.which("libreoffice")
    for name in ("opinions", "complaints"):
        done = subprocess.run(
            [office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
             "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
             "--outdir", str(tmp_path / "csv"), str(tmp_path / f"{name}.xlsx")],
            capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
    lines = (tmp_path / "csv" / f"complaints-{COMPLAINT_SHEET}.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("工单编号,来源,受理时间,诉求类别")
    assert lines[1].startswith("GD2024050600001,12345,2024-05-06 09:30,扬尘噪音,幸福里小区,3号楼1单元502室")
    assert "138****8000" in lines[1] and "2024-05-27" in lines[1]
    opinion_lines = (tmp_path / "csv" / f"opinions-{OPINION_SHEET}.csv").read_text(encoding="utf-8").splitlines()
    assert opinion_lines[1].startswith("2024-05-06,幸福里小区,3,1,502,张*,入户走访,支持,屋面防水、加装电梯")


@st.composite
def complaint_line(draw, number: int) -> ComplaintLine:
    received = draw(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)))
    with_time = draw(st.booleans()) and (received.hour or received.minute)
    received_at = received.strftime("%Y-%m-%dT%H:%M") if with_time else received.date().isoformat()
    status = draw(st.sampled_from(STEPS))
    due = draw(st.none() | st.integers(0, 60).map(lambda days: received.date() + timedelta(days)))
    closed = received.date() + timedelta(draw(st.integers(0, 90))) if status == "办结" else None
    estate = draw(st.sampled_from(["幸福里小区", "和平小区", ""]))
    return ComplaintLine(
        ticket_no=f"GD{number:08d}", source=draw(st.sampled_from(SOURCES)), received_at=received_at,
        category=draw(st.sampled_from(CATEGORIES)), estate=estate, room=draw(st.sampled_from(["", "3号楼1单元502室"])),
        address=draw(st.sampled_from(["东街88号", ""])) or ("" if estate else "西街1号"), complainant="张伟",
        phone="13800138000", text=draw(st.text(alphabet="施工噪音漏水 ,，", max_size=10)), due_on=due,
        status=status, closed_on=closed, reply="", satisfaction=draw(st.sampled_from(("", *SATISFACTION))),
        overdue_state="", days_to_close=None)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(1, 6).flatmap(lambda n: st.tuples(*(complaint_line(i) for i in range(n)))))
def test_any_register_reads_back_as_the_same_tickets(tmp_path, lines):
    path = tmp_path / "r.xlsx"
    write_complaint_register(path, lines)
    read = read_tickets(path)
    assert read.errors == [] and not [w for w in read.warnings if w.row > 1]
    assert [(t.ticket_no, t.source, t.received_at, t.category, t.status, t.satisfaction, t.due_on, t.closed_on,
             t.estate_text, t.phone) for t in read.tickets] == \
        [(l.ticket_no, l.source, l.received_at, l.category, l.status, l.satisfaction, l.due_on, l.closed_on,
          l.estate or l.address, "") for l in lines]
