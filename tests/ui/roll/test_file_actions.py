"""文件 menu: export the roll of the chosen scope and save the template, both readable by the importer."""

from __future__ import annotations

from datetime import date

from desktop_app.exchange.roll_reader import read_roll
from desktop_app.models import Estate
from desktop_app.services.scope import Scope
from desktop_app.ui.roll import file_actions as roll_actions


def test_export_follows_the_scope_and_reads_back(qtbot, window, tmp_path):
    path = tmp_path / "导出.xlsx"
    roll_actions.export_roll(window, window.runner, str(path))
    assert "已导出 15 行" in window.statusBar().currentMessage()
    result = read_roll(path, today=date.today())
    assert len(result.records) == 15 and not result.errors
    window.scope_state.set(Scope("estate", Estate.get(name="梅岭小区").id))
    roll_actions.export_roll(window, window.runner, str(path))
    result = read_roll(path, today=date.today())
    assert sorted(r.room for r in result.records) == ["101", "201", "301"]
    assert {r.estate_name for r in result.records} == {"梅岭小区"}


def test_template_is_saved(qtbot, window, tmp_path):
    path = tmp_path / "模板.xlsx"
    roll_actions.save_template(window, str(path))
    result = read_roll(path, today=date.today())
    assert result.header_row == 1 and result.records == [] and "模板" in window.statusBar().currentMessage()
