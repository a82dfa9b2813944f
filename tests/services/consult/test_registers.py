"""Register lines from a real database, written and read back; the complaint register re-imports unchanged."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from desktop_app.exchange.register_writer import write_complaint_register, write_opinion_register
from desktop_app.exchange.ticket_reader import read_tickets
from desktop_app.services.consult.registers import complaint_lines, opinion_lines
from desktop_app.services.scope import ALL, Scope
from desktop_app.services.consult.tickets import preview_ticket_import
from tests.services.consult.consultation_data import TODAY, build


@pytest.fixture
def data(database, tmp_path):
    return build(tmp_path)


def test_opinion_lines_of_a_scope_and_period(data):
    lines = opinion_lines(Scope("estate", data["happy"].id))
    assert [(l.given_on, l.room, l.stance) for l in lines] == [
        (date(2024, 5, 6), "502", "支持"), (date(2024, 5, 6), "101", "有意见"), (date(2024, 5, 9), "101", "反对")]
    first = lines[0]
    assert (first.estate, first.building, first.unit, first.demands, first.tags) == \
        ("幸福里小区", "3", "1", ("屋面修缮", "外墙修缮"), ("菜市场太吵",))
    assert len(opinion_lines(ALL)) == 4
    assert [l.given_on for l in opinion_lines(ALL, date(2024, 5, 7), date(2024, 5, 31))] == [date(2024, 5, 9)]


def test_complaint_lines_oldest_first_with_overdue_and_days(data):
    lines = complaint_lines(ALL, today=date(2024, 5, 28))
    assert [l.ticket_no[-1] for l in lines] == ["1", "2", "3", "4", "5"]
    noise, quality = lines[0], lines[1]
    assert (noise.overdue_state, noise.days_to_close, noise.phone) == ("逾期未办结", None, "138****8000")
    assert (quality.status, quality.closed_on, quality.days_to_close) == ("办结", TODAY, 25)
    assert quality.overdue_state == "超期办结"  # closed 2024-06-01, due 2024-05-28
    assert [l.ticket_no for l in complaint_lines(Scope("estate", data["peace"].id), today=date.today())] == ["GD2024050800003"]
    assert len(complaint_lines(ALL, date(2024, 5, 7), date(2024, 5, 8), today=date.today())) == 2


def test_registers_written_from_the_database_and_the_complaint_register_reimports_unchanged(data, tmp_path):
    assert write_opinion_register(tmp_path / "o.xlsx", opinion_lines(ALL)) == 4
    assert write_complaint_register(tmp_path / "c.xlsx", complaint_lines(ALL, today=TODAY)) == 5
    values = [row for row in load_workbook(tmp_path / "c.xlsx").active.iter_rows(values_only=True)]
    text = repr(values) + repr(list(load_workbook(tmp_path / "o.xlsx").active.iter_rows(values_only=True)))
    assert "13800138000" not in text and "张伟" not in text and "欧阳娜娜" not in text and "350402199001011234" not in text
    read = read_tickets(tmp_path / "c.xlsx")
    assert read.errors == [] and len(read.tickets) == 5
    preview = preview_ticket_import(read, today=TODAY)
    assert (preview.new, preview.updated, preview.unchanged) == (0, 0, 5)
