"""The window's plan import and export driven like a user: the file dialog answered, the preview read,
导入 confirmed (or not), the database and the change signal read back; the real import runs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.models import Community, Estate, Street
from desktop_app.models.project_tables import Project
from desktop_app.services.changes import Topic
from desktop_app.services.scope import find_by_code
from desktop_app.ui.pages.base import ChangeBus, PageContext, ScopeState
from desktop_app.ui.projects.plan_files import PlanImportDialog, export_plan, import_plan
from tests.exchange.plan_workbooks import good_plan, with_cell, write_plan_workbook
from tests.ui.conftest import answer_next_box
from tests.ui.modal import when_modal

SHOTS = Path(os.environ.get("PLAN_SHOTS", "/tmp/shots"))


@pytest.fixture
def estates(database):
    community = Community.create(street=Street.create(name="东街街道", code="350402"), name="幸福里社区",
                                 code="350402100")
    Estate.create(community=community, code="350402001", name="幸福里小区", pinyin="xingfuli")
    Estate.create(community=community, code="350402002", name="和平小区", pinyin="heping")


@pytest.fixture
def context(qapp, runner, workspace):
    return PageContext(runner, ScopeState(), ChangeBus(), workspace)


@pytest.fixture
def parent(qtbot):
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def keep():
    """Dialogs whose models qtmodeltester checks: asked for before qtmodeltester, so they are closed after
    its teardown has disconnected from their models (qtbot would delete them before)."""
    dialogs: list[PlanImportDialog] = []
    yield dialogs
    for dialog in dialogs:
        dialog.close()
        dialog.deleteLater()


def answer_open(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def test_the_preview_lists_what_would_change(keep, qtmodeltester, context, estates, tmp_path):
    dialog = PlanImportDialog(context, str(write_plan_workbook(tmp_path / "计划.xlsx", good_plan())))
    keep.append(dialog)
    for model in (dialog.errors, dialog.projects, dialog.estates):
        qtmodeltester.check(model, force_py=True)
    assert "共 3 个项目：新增 3 个，更新 0 个，未变 0 个；新建小区 2 个" in dialog.counts.text()
    assert [dialog.tabs.tabText(i) for i in range(3)] == ["错误（0）", "将新增或更新的项目（3）", "将新建的小区（2）"]
    assert dialog.projects.rows[0][:4] == ("2", "XM2024-001", "幸福里小区老旧小区改造", "新增")
    assert [row[:4] for row in dialog.estates.rows] == [("350402009", "新华小区", "东街街道", "和平社区"),
                                                        ("350499001", "河滨小区", "河滨街道", "河滨社区")]
    assert dialog.import_button.isEnabled() and Project.select().count() == 0


def test_errors_are_located_and_block_the_import(keep, qtmodeltester, context, estates, tmp_path):
    plan = with_cell(good_plan(), "资金", 0, "已支付(元)", 900_000)
    plan = with_cell(plan, "改造内容", 2, "类别", None)
    dialog = PlanImportDialog(context, str(write_plan_workbook(tmp_path / "计划.xlsx", plan)))
    keep.append(dialog)
    qtmodeltester.check(dialog.errors, force_py=True)
    assert [row[:4] for row in dialog.errors.rows] == [("改造内容", "4", "类别（C列）", ""),
                                                       ("资金", "2", "已支付(元)（E列）", "900000")]
    assert dialog.tabs.currentIndex() == 0 and dialog.tabs.tabText(0) == "错误（2）"
    assert "发现 2 处错误" in dialog.counts.text() and "不会写入任何数据" in dialog.counts.text()
    assert not dialog.import_button.isEnabled() and dialog.projects.rowCount() == 0


@pytest.mark.parametrize("name, plan", [
    ("plan_preview", good_plan()),
    ("plan_errors", with_cell(with_cell(good_plan(), "资金", 0, "已支付(元)", 900_000), "项目", 2, "项目编号", "XM2024-001")),
])
def test_screenshots_at_1366_by_768(qtbot, context, estates, tmp_path, name, plan):
    dialog = PlanImportDialog(context, str(write_plan_workbook(tmp_path / "计划.xlsx", plan)))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.width() <= 1366 and dialog.height() <= 768
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SHOTS / f"{name}.png"))


def test_a_file_that_is_not_a_workbook_is_named(qtbot, context, estates, tmp_path):
    path = tmp_path / "计划.xlsx"
    path.write_text("不是表格", encoding="utf-8")
    dialog = PlanImportDialog(context, str(path))
    qtbot.addWidget(dialog)
    assert "“计划.xlsx”不是 Excel 工作簿" in dialog.counts.text() and not dialog.import_button.isEnabled()


def test_import_plan_asks_confirms_imports_and_tells_the_window(qtbot, context, parent, estates, tmp_path,
                                                                monkeypatch):
    answer_open(monkeypatch, write_plan_workbook(tmp_path / "计划.xlsx", good_plan()))
    emitted = []
    context.changes.changed.connect(emitted.append)
    seen: list[str] = []
    outcome = {}

    def take(dialog) -> bool:
        if not isinstance(dialog, PlanImportDialog):
            return False
        answer_next_box("导入", seen)
        dialog.import_button.click()
        outcome["counts"] = dialog.counts.text()
        outcome["enabled"] = dialog.import_button.isEnabled()
        dialog.close_button.click()
        return True

    when_modal(take)
    import_plan(context, parent)
    assert "将新增 3 个项目，更新 0 个，新建小区 2 个" in seen[0]
    assert "导入完成：新增 3 个项目" in outcome["counts"] and outcome["enabled"] is False
    assert Project.select().count() == 3 and Estate.select().count() == 4
    assert len(emitted) == 1 and emitted[0].topics == {Topic.PROJECTS, Topic.ROLL}

    def nothing_to_do(dialog) -> bool:  # the same file again: nothing to write, no 导入
        if not isinstance(dialog, PlanImportDialog):
            return False
        outcome["again"] = (dialog.counts.text(), dialog.import_button.isEnabled(), dialog.close_button.text())
        dialog.close_button.click()
        return True

    when_modal(nothing_to_do)
    import_plan(context, parent)
    text, enabled, close = outcome["again"]
    assert "未变 3 个" in text and "没有需要写入的变化" in text and not enabled and close == "关闭"
    assert len(emitted) == 1


def test_cancelling_the_confirmation_writes_nothing(qtbot, context, parent, estates, tmp_path, monkeypatch):
    answer_open(monkeypatch, write_plan_workbook(tmp_path / "计划.xlsx", good_plan()))

    def take(dialog) -> bool:
        if not isinstance(dialog, PlanImportDialog):
            return False
        answer_next_box("取消")
        dialog.import_button.click()
        dialog.close_button.click()
        return True

    when_modal(take)
    import_plan(context, parent)
    assert Project.select().count() == 0 and Estate.select().count() == 2
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    import_plan(context, parent)  # no file chosen: nothing happens


def test_export_plan_writes_the_scope_and_says_where(qtbot, context, parent, estates, tmp_path, monkeypatch):
    from desktop_app.operations.projects import check_plan_file, import_plan as apply

    apply(check_plan_file(write_plan_workbook(tmp_path / "计划.xlsx", good_plan())))
    out = tmp_path / "导出.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    context.scope.set(find_by_code("350402001"))
    seen: list[str] = []

    def take(box) -> bool:
        if not isinstance(box, QMessageBox):
            return False
        seen.append(box.text())
        box.buttons()[0].click()
        return True

    when_modal(take)
    export_plan(context, parent)
    assert "已导出 1 个项目" in seen[0] and str(out) in seen[0]
    checked = check_plan_file(out)
    assert checked.projects == 1 and checked.preview.unchanged == 1
