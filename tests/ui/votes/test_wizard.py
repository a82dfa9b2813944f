"""新建表决 driven like a user on the demo street: scope, matter, items, dates, the frozen roll, validation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWizard

from desktop_app.domain.errors import UserError
from desktop_app.domain.headcount import build_scope_roll
from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.domain.vote_rules import Rule
from desktop_app.services import queries
from desktop_app.services.votes import lifecycle as votes
from desktop_app.services.scope import Scope
from desktop_app.ui.votes.page import VotesPage
from desktop_app.ui.votes.wizard import GENERAL, VoteWizard, route_errors
from tests.ui.conftest import type_text
from tests.ui.votes.votes_ui_fixtures import building, community_of, context, demo_db, demo_template, estate  # noqa: F401

NEXT, FINISH = QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton


def make_wizard(qtbot, context, **kwargs) -> VoteWizard:
    wizard = VoteWizard(context.context, today=date(2026, 11, 25), **kwargs)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def click_next(wizard) -> None:
    button = wizard.button(NEXT)
    assert button.isEnabled(), (wizard.currentPage().title(), wizard.messages())
    button.click()


def check_catalogue(wizard, name: str) -> None:
    wizard.items_page.entries[name].setCheckState(0, Qt.CheckState.Checked)


def test_wizard_creates_a_vote_on_chosen_buildings_and_it_appears_in_the_list(qtbot, context):
    """Ctrl+N on the page opens the wizard; two buildings, two catalogue items and one typed item."""
    context.context.scope.set(community_of("杜鹃新村"))
    page = VotesPage(context.context)
    context.pages.append(page)
    qtbot.addWidget(page)
    page.show()
    assert page.model.rowCount() == 0
    buildings = [building("杜鹃新村", "1").id, building("杜鹃新村", "2").id]
    chosen = [Scope("building", b) for b in buildings]
    entries = [entry for scope in chosen for entry in queries.roll_entries(scope)]
    seen: dict[str, object] = {}

    def drive() -> None:
        wizard = QApplication.activeModalWidget()
        if not isinstance(wizard, VoteWizard):
            QTimer.singleShot(20, drive)
            return
        try:
            fill(wizard)
        except BaseException as error:  # close the wizard so the test fails instead of waiting forever
            seen["error"] = error
            wizard.reject()

    def fill(wizard: VoteWizard) -> None:
        scope_page = wizard.scope_page
        scope_page.estate.setCurrentIndex(scope_page.estate.findData(estate("杜鹃新村").id))
        scope_page.modes["building"].click()
        assert not wizard.button(NEXT).isEnabled()  # no building checked yet
        seen["scope_message"] = visible_text_of(wizard, "error_scope")
        scope_page.set_checked(chosen)
        click_next(wizard)
        assert wizard.matter_page.rule_label.text().startswith("法定规则：双四分之三")
        click_next(wizard)
        check_catalogue(wizard, "雨污分流")
        check_catalogue(wizard, "适老化改造")
        free = wizard.findChild(QLineEdit, "free_item")
        free.setFocus()
        type_text(qtbot, free, "1号楼北侧挡土墙加固")
        qtbot.keyClick(free, Qt.Key.Key_Return)  # adds the item and stays on the page
        assert wizard.currentPage() is wizard.items_page and free.text() == ""
        type_text(qtbot, free, "雨污分流")
        wizard.findChild(QPushButton, "add_item").click()
        assert wizard.findChild(QLabel, "error_free_item").text() == "“雨污分流”已在表决事项中"
        wizard.items_page.chosen.setCurrentRow(2)
        wizard.findChild(QPushButton, "move_up").click()  # the typed item second
        click_next(wizard)
        assert wizard.details_page.title_edit.text() == "杜鹃新村老旧小区改造内容表决"
        assert wizard.details_page.issuer.text() == "杜鹃社区居民委员会"
        click_next(wizard)
        seen["summary"] = wizard.summary_page.text.text()
        seen["counted"] = (wizard.summary_page.rooms, wizard.summary_page.heads)
        assert wizard.button(FINISH).isEnabled()
        wizard.button(FINISH).click()

    QTimer.singleShot(0, drive)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    if "error" in seen:
        raise seen["error"]
    assert seen["scope_message"].startswith("请选择表决范围")
    assert seen["counted"] == (len(entries), build_scope_roll(entries).total_heads)
    assert f"{len(entries):,}</b> 套房屋" in seen["summary"]
    assert page.model.rowCount() == 1 and context.changes == 1
    summary = votes.vote_summary(page.vote_id)
    assert summary.title == "杜鹃新村老旧小区改造内容表决"
    assert summary.scope_label == "1号楼、2号楼" and summary.rooms == len(entries)
    assert summary.total_heads == seen["counted"][1]  # the summary page showed what was frozen
    assert [(item.name, item.category) for item in summary.items] == [
        ("雨污分流", "基础类"), ("1号楼北侧挡土墙加固", ""), ("适老化改造", "完善类")]
    assert (summary.matter, summary.rule, summary.opens_on, summary.closes_on) == (
        7, Rule.SPECIAL, date.today(), date.today() + timedelta(days=14))
    assert page.model.index(0, 0).data() == summary.title
    assert page.model.index(0, 5).data() == f"0 / {len(entries)}"


def visible_text_of(wizard, name: str) -> str:
    label = wizard.currentPage().findChild(QLabel, name)
    return label.text() if label is not None and label.isVisible() else ""


def test_an_invalid_draft_keeps_next_and_finish_disabled_and_says_why(qtbot, context):
    context.context.scope.set(Scope("estate", estate("杜鹃新村").id))
    wizard = make_wizard(qtbot, context)
    click_next(wizard)
    matter = wizard.matter_page
    matter.override.click()  # the other rule needs a reason
    assert "改用其他表决规则须填写原因" in visible_text_of(wizard, "error_rule_reason")
    assert not wizard.button(NEXT).isEnabled()
    matter.reason.setFocus()
    type_text(qtbot, matter.reason, "议事规则第十二条约定")
    assert visible_text_of(wizard, "error_rule_reason") == "" and wizard.button(NEXT).isEnabled()
    click_next(wizard)
    assert visible_text_of(wizard, "error_items") == "请至少添加一个表决事项"
    assert not wizard.button(NEXT).isEnabled()
    check_catalogue(wizard, "雨污分流")
    click_next(wizard)
    details = wizard.details_page
    details.title_edit.setFocus()
    details.title_edit.selectAll()
    qtbot.keyClick(details.title_edit, Qt.Key.Key_Delete)
    assert visible_text_of(wizard, "error_title") == "请填写表决名称"
    details.closes_on.setDate(details.opens_on.date().addDays(-1))
    assert visible_text_of(wizard, "error_dates") == "表决截止日期不能早于开始日期"
    assert not wizard.button(NEXT).isEnabled()
    wizard.next()  # code can step past a page; 完成 still waits for a valid draft
    assert wizard.currentPage() is wizard.summary_page
    assert not wizard.button(FINISH).isEnabled()
    listed = visible_text_of(wizard, "error_general")
    assert "请填写表决名称" in listed and "表决截止日期不能早于开始日期" in listed
    wizard.accept()
    assert wizard.vote_id is None and votes.list_votes(Scope()) == []
    wizard.back()
    type_text(qtbot, details.title_edit, "改造表决")
    details.closes_on.setDate(details.opens_on.date().addDays(7))
    wizard.next()
    assert wizard.button(FINISH).isEnabled()
    wizard.button(FINISH).click()
    summary = votes.vote_summary(wizard.vote_id)
    assert (summary.title, summary.rule, summary.rule_reason) == ("改造表决", Rule.ORDINARY, "议事规则第十二条约定")


def test_initial_items_are_preselected_and_the_window_scope_is_the_start(qtbot, context):
    unit = queries.children(Scope("building", building("杜鹃新村", "2").id))[0].scope
    context.context.scope.set(unit)
    wizard = make_wizard(qtbot, context, initial_items=[VoteItem("雨污分流", "基础类"), VoteItem("楼道堆物清理")])
    assert [wizard.scope_page.estate.itemData(i) for i in range(wizard.scope_page.estate.count())] == [
        estate("杜鹃新村").id]
    assert wizard.scope_page.mode() == "unit" and wizard.scope_page.scopes() == [unit]
    assert wizard.items_page.items() == [VoteItem("雨污分流", "基础类"), VoteItem("楼道堆物清理", "")]
    assert wizard.items_page.entries["雨污分流"].checkState(0) == Qt.CheckState.Checked
    wizard.items_page.entries["雨污分流"].setCheckState(0, Qt.CheckState.Unchecked)
    assert wizard.items_page.items() == [VoteItem("楼道堆物清理", "")]
    assert wizard.items_page.add(VoteItem("楼道堆物清理")) == "“楼道堆物清理”已在表决事项中"
    # a name the 表决票汇总 would read back as one of its own columns is refused where it is typed
    for column in ("备注", "房号", "代理人"):
        assert "列名相同" in wizard.items_page.add(VoteItem(column))
    assert wizard.items_page.items() == [VoteItem("楼道堆物清理", "")]


def test_messages_go_to_their_fields():
    errors = [UserError("请填写表决名称", "title"), UserError("表决截止日期不能早于开始日期", "dates"),
              UserError("表决范围不能跨小区", "scope"), UserError("别的问题"), UserError("另一个问题", "elsewhere")]
    assert route_errors(errors, ["title", "dates", "scope", GENERAL]) == {
        "title": ["请填写表决名称"], "dates": ["表决截止日期不能早于开始日期"], "scope": ["表决范围不能跨小区"],
        GENERAL: ["别的问题", "另一个问题"]}


# The message names other fields on purpose: only the key decides where it is shown.
MISLEADING = "表决名称、表决范围、第二百七十八条、原因、事项、日期"


@pytest.mark.parametrize("key,page_name", [
    ("title", "details_page"), ("dates", "details_page"), ("scope", "scope_page"), ("matter", "matter_page"),
    ("rule_reason", "matter_page"), ("items", "items_page"), (None, "summary_page"), ("unknown", "summary_page"),
])
def test_an_error_is_shown_at_the_field_its_key_names(qtbot, context, monkeypatch, key, page_name):
    context.context.scope.set(Scope("estate", estate("杜鹃新村").id))
    wizard = make_wizard(qtbot, context)
    monkeypatch.setattr(votes, "draft_errors", lambda draft: [UserError(MISLEADING, key)])
    wizard.revalidate()
    label = f"error_{key}" if page_name != "summary_page" else f"error_{GENERAL}"
    shown = {(name, child.objectName()) for name in ("scope_page", "matter_page", "items_page", "details_page",
                                                     "summary_page")
             for child in getattr(wizard, name).findChildren(QLabel)
             if child.objectName().startswith("error_") and child.text() == MISLEADING and not child.isHidden()}
    assert (page_name, label) in shown
    assert shown - {(page_name, label), ("summary_page", f"error_{GENERAL}")} == set()  # 完成 lists everything
    assert getattr(wizard, page_name).isComplete() is False
    assert all(getattr(wizard, name).isComplete() for name in ("scope_page", "matter_page", "items_page",
                                                               "details_page") if name != page_name)


def test_a_real_draft_error_reaches_its_field(qtbot, context):
    context.context.scope.set(Scope("estate", estate("杜鹃新村").id))
    wizard = make_wizard(qtbot, context)
    wizard.details_page.title_edit.clear()
    wizard.details_page._title_edited("")
    title = wizard.details_page.findChild(QLabel, "error_title")
    assert title.text() == "请填写表决名称" and not title.isHidden()
    assert wizard.errors["title"] == ["请填写表决名称"]


def test_cancelling_the_creation_writes_nothing(qtbot, context):
    context.context.scope.set(Scope("estate", estate("梅岭小区").id))
    wizard = make_wizard(qtbot, context, initial_items=[VoteItem("雨污分流", "基础类")])
    for _ in range(4):
        click_next(wizard)
    context.context.runner.cancel_after = 1
    wizard.button(FINISH).click()
    assert wizard.vote_id is None and votes.list_votes(Scope()) == [] and context.changes == 0
    assert wizard.summary_page.failure.text() == "已取消，没有创建表决。" and wizard.isVisible()
    assert wizard.button(FINISH).isEnabled()
