"""The 数据交换 page driven as a user would: a district report written and two reports merged, a sync file
exported and one imported with a conflict taken from the other side, the history of exchanges."""

from __future__ import annotations

from datetime import date

import pytest
import python_calamine
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.models import Community, Consultation, Owner, Street
from desktop_app.services.demo.street import create_demo
from desktop_app.services.scope import Scope
from desktop_app.ui.data_exchange import DataExchangePage
from desktop_app.ui.data_exchange.conflicts_model import TAKE_THEIRS
from desktop_app.ui.pages.base import ChangeBus, PageContext, ScopeState
from desktop_app.ui.widgets.tasks import SyncTaskRunner
from tests.operations.sync.installations import Installations, small_roll


def make_page(qtbot, workspace) -> DataExchangePage:
    page = DataExchangePage(PageContext(SyncTaskRunner(), ScopeState(), ChangeBus(), workspace))
    qtbot.addWidget(page)
    return page


@pytest.fixture
def answer_yes(monkeypatch):
    """The confirmation is answered with its accepting button (the default button is 取消)."""
    def exec_(box):
        accept = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
        assert box.defaultButton() is not accept
        accept.click()
        return 0
    monkeypatch.setattr(QMessageBox, "exec", exec_)


def test_a_sync_file_with_a_conflict_is_previewed_and_imported_taking_theirs(qtbot, qtmodeltester, tmp_path,
                                                                            answer_yes):
    sites = Installations(tmp_path)
    with sites.at("A"):
        small_roll()
    sites.send("A", "B")
    sites.send("B", "A")
    for site, phone in (("A", "13911111111"), ("B", "13922222222")):
        with sites.at(site):
            owner = Owner.get(name="张三")
            owner.phone = phone
            owner.save()
    path = sites.export("B")
    with sites.at("A") as workspace:
        page = make_page(qtbot, workspace)
        page.import_sync(str(path))
        dialog = page.sync_dialog
        assert "冲突 1 处" in dialog.summary.text()
        qtmodeltester.check(dialog.conflicts)
        row = next(r for r, c in enumerate(dialog.conflicts.conflicts) if c.table == "owner")
        assert (dialog.conflicts.conflicts[row].ours, dialog.conflicts.conflicts[row].theirs) == \
            ("13911111111", "13922222222")
        dialog.conflicts.setData(dialog.conflicts.index(row, TAKE_THEIRS), Qt.CheckState.Checked.value,
                                 Qt.ItemDataRole.CheckStateRole)
        with qtbot.waitSignal(page.context.changes.changed):
            dialog.import_button.click()
        assert Owner.get(name="张三").phone == "13922222222"
        assert dialog.summary.text().startswith("已导入")
        page.refresh()
        assert [row[1] for row in page.history.rows][:1] == ["导入"]


def test_a_file_of_this_installation_is_refused_with_a_message(qtbot, workspace, tmp_path, monkeypatch):
    messages = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: messages.append(box.text()) or 0)
    page = make_page(qtbot, workspace)
    path = tmp_path / "本机.xlsx"
    page.export_sync(str(path))
    assert path.exists()
    assert page.history.rows[0][1] == "导出"
    page.import_sync(str(path))
    assert "本机导出" in messages[0]
    assert not page.sync_dialog.import_button.isEnabled()


def test_the_district_report_of_each_community_merges_into_the_street(qtbot, workspace, tmp_path):
    create_demo(today=date(2026, 11, 25), vote=False)
    # the demo's street-wide 公示反馈 belongs to the street, to neither community: the union of the communities'
    # records is the street's records without it
    Consultation.delete().where(Consultation.scope.startswith("street")).execute()
    page = make_page(qtbot, workspace)
    paths = []
    for community in Community.select():
        page.context.scope.set(Scope("community", community.id))
        paths.append(str(tmp_path / f"{community.name}.xlsx"))
        page.write_report(paths[-1])
    for path in paths:
        assert "汇总" in python_calamine.CalamineWorkbook.from_path(path).sheet_names
    page.merge_reports(paths)
    dialog = page.merge_dialog
    assert dialog.save_button.isEnabled()
    assert "可合并 2 份报表，共 2 个社区" in dialog.summary.text()
    merged = tmp_path / "街道.xlsx"
    dialog.save(str(merged))
    assert merged.exists()
    page.context.scope.set(Scope("street", Street.get().id))
    street = tmp_path / "街道自己的.xlsx"
    page.write_report(str(street))
    def figures(path) -> list[list]:  # every row of 汇总 but the total's title, which names the inputs
        rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("汇总").to_python()
        return [row[:2] + row[3:] if row[0] == "合计" else row for row in rows]

    assert figures(merged) == figures(street)
