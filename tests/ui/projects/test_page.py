"""项目与资金 driven like a user: the list follows the scope and the filters, Ctrl+N creates a project,
items, a fund and a payment are entered through their dialogs and the progress follows, the schedule shows
the marks, a project is deleted after a confirmation whose default is not 删除, and the 首页's
show_projects banner."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop_app.models import AuditLog
from desktop_app.models.project_tables import Project, ProjectItem
from desktop_app.services.changes import Changes, Topic
from desktop_app.services.scope import ALL, Scope
from desktop_app.ui.pages import PAGES
from desktop_app.ui.projects.dialogs import FundDialog, InspectionDialog, ItemDialog, PaymentDialog
from desktop_app.ui.projects.page import ProjectsPage
from desktop_app.ui.projects.project_form import NewProjectDialog
from tests.ui.conftest import type_text
from tests.ui.modal import when_modal
from tests.ui.projects.projects_ui_fixtures import context, make_project, projects  # noqa: F401 (fixtures)


def make_page(qtbot, context) -> ProjectsPage:
    page = ProjectsPage(context.context)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def codes(page) -> list[str]:
    return [page.model.index(row, 0).data() for row in range(page.model.rowCount())]


def cell(page, code: str, column: int) -> str:
    return page.model.index(codes(page).index(code), column).data()


class Answer(list):
    """The dialog answered, and what went wrong inside it (a failed check closes the dialog, so the
    test fails instead of waiting)."""

    error: BaseException | None = None

    def check(self) -> None:
        assert self, "the dialog did not open"
        if self.error is not None:
            raise self.error


def answer(kind, act) -> Answer:
    """Run `act(dialog)` in the next modal dialog of type `kind`."""
    seen = Answer()

    def take(widget) -> bool:
        if not isinstance(widget, kind):
            return False
        seen.append(widget)
        try:
            act(widget)
        except BaseException as error:  # noqa: BLE001 (handed to the test)
            seen.error = error
            widget.reject()
        return True

    when_modal(take)
    return seen


def confirm_with(button_text: str, seen: list) -> None:
    def take(box) -> bool:
        if not isinstance(box, QMessageBox):
            return False
        seen.append(box)
        seen.append(box.text())
        seen.append(box.defaultButton().text() if box.defaultButton() else None)
        next(b for b in box.buttons() if b.text() == button_text).click()
        return True

    when_modal(take)


def ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_the_list_follows_the_scope_and_the_filters(qtbot, context, projects, roll):
    page = make_page(qtbot, context)
    assert codes(page) == ["XM-2024-01", "XM-2025-01", "XM-2026-01"]
    assert page.count.text() == "共 3 个项目，其中未按期完工 1 个、逾期未开工 1 个"
    assert page.project_id == projects["late"]  # the first row is shown
    context.context.scope.set(Scope("estate", roll[1].id))  # 梅岭小区
    assert codes(page) == ["XM-2025-01", "XM-2026-01"]
    context.context.scope.set(ALL)
    qtbot.mouseClick(page.late_only, Qt.MouseButton.LeftButton)
    assert codes(page) == ["XM-2024-01"] and cell(page, "XM-2024-01", 4) == "在建 · 未按期完工"
    qtbot.mouseClick(page.late_only, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.not_started_only, Qt.MouseButton.LeftButton)
    assert codes(page) == ["XM-2025-01"] and cell(page, "XM-2025-01", 4) == "未开工 · 逾期未开工"
    qtbot.mouseClick(page.not_started_only, Qt.MouseButton.LeftButton)
    page.year_from.setValue(2025)
    assert codes(page) == ["XM-2025-01", "XM-2026-01"]
    page.year_to.setValue(2025)
    assert codes(page) == ["XM-2025-01"]
    page.year_from.setValue(page.year_from.minimum())
    page.year_to.setValue(page.year_to.minimum())
    assert page.year_from.text() == "不限"
    page.state.setCurrentIndex(page.state.findData("未开工"))
    assert codes(page) == ["XM-2025-01", "XM-2026-01"]
    page.state.setCurrentIndex(0)
    type_text(qtbot, page.search, "二期")
    assert codes(page) == ["XM-2026-01"] and page.project_id == projects["later"]
    page.search.clear()
    type_text(qtbot, page.search, "不存在")
    assert codes(page) == [] and page.count.text() == "没有符合条件的项目"
    assert page.right.currentWidget() is page.empty and not page.buttons["delete_project"].isEnabled()


def test_a_project_is_created_with_ctrl_n_filled_in_and_its_items_funds_and_payments_entered(qtbot, context, roll):
    page = make_page(qtbot, context)
    assert page.model.rowCount() == 0

    def fill(dialog: NewProjectDialog) -> None:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # empty: refused, reasons shown
        form = dialog.form
        assert form.messages["code"].text() == "请填写项目编号" and form.messages["estates"].text() == "请至少选择一个小区"
        assert dialog.isVisible()
        qtbot.keyClicks(form.inputs["code"], "XM-2025-09")
        type_text(qtbot, form.inputs["name"], "杜鹃新村雨污分流")
        qtbot.keyClicks(form.inputs["planned_start"], "2025-06-01")
        qtbot.keyClicks(form.inputs["planned_end"], "2025-05-01")
        assert form.messages["planned_end"].text() == "计划完工日期早于计划开工日期"
        form.inputs["planned_end"].clear()
        qtbot.keyClicks(form.inputs["planned_end"], "2025-06-30")
        assert form.messages["planned_end"].isHidden()
        type_text(qtbot, form.picker.search, "梅岭")
        visible = [form.picker.list.item(r).text() for r in range(form.picker.list.count())
                   if not form.picker.list.item(r).isHidden()]
        assert visible == ["杜鹃社区 · 梅岭小区"]
        form.picker.search.clear()
        form.picker.choose(roll[0].id)
        assert form.picker.chosen_label.text() == "已选 1 个：杜鹃新村"
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    seen = answer(NewProjectDialog, fill)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    seen.check()
    assert seen[0].result() == NewProjectDialog.DialogCode.Accepted
    project = Project.get(Project.code == "XM-2025-09")
    assert (project.name, project.plan_year, project.planned_end) == ("杜鹃新村雨污分流", 2025, "2025-06-30")
    assert codes(page) == ["XM-2025-09"] and page.project_id == project.id
    assert context.sent[-1] == Changes.of(Topic.PROJECTS, ids=[project.id])
    assert cell(page, "XM-2025-09", 4) == "未开工 · 逾期未开工 · 未按期完工"
    assert page.detail.tabs.currentIndex() == 1  # on to its items

    def item(dialog: ItemDialog) -> None:
        type_text(qtbot, dialog.name.lineEdit(), "雨污分流")  # a catalogue name: its category follows
        assert dialog.data("category") == "基础类"
        qtbot.keyClicks(dialog.inputs["quantity"], "1200")
        type_text(qtbot, dialog.inputs["unit"], "米")
        qtbot.keyClicks(dialog.inputs["planned"], "350000.5")
        ok(dialog)

    item_answer = answer(ItemDialog, item)
    qtbot.mouseClick(page.detail.buttons["add_item"], Qt.MouseButton.LeftButton)
    item_answer.check()

    def free_item(dialog: ItemDialog) -> None:
        type_text(qtbot, dialog.name.lineEdit(), "楼道扶手")  # free text: the category must be chosen
        assert dialog.messages["category"].text() == "" and not dialog.buttons.button(
            QDialogButtonBox.StandardButton.Ok).isEnabled()
        combo = dialog.inputs["category"]
        combo.setCurrentIndex(combo.findData("完善类"))
        qtbot.keyClicks(dialog.inputs["planned"], "49999.5")
        ok(dialog)

    free_item_answer = answer(ItemDialog, free_item)
    qtbot.mouseClick(page.detail.buttons["add_item"], Qt.MouseButton.LeftButton)
    free_item_answer.check()
    assert [(i.name, i.category, i.planned_fen) for i in ProjectItem.select().order_by(ProjectItem.position)] == [
        ("雨污分流", "基础类", 35_000_050), ("楼道扶手", "完善类", 4_999_950)]
    assert page.detail.items_summary.text() == "共 2 项（基础类 1 项、完善类 1 项），计划投资 400,000.00 元"
    assert cell(page, "XM-2025-09", 9) == "40.00"

    page.detail.tabs.setCurrentIndex(3)

    def fund(dialog: FundDialog) -> None:
        dialog.inputs["source"].setCurrentIndex(dialog.inputs["source"].findData("中央财政补助"))
        qtbot.keyClicks(dialog.inputs["planned"], "400000")
        qtbot.keyClicks(dialog.inputs["allocated"], "200,000")
        ok(dialog)

    fund_answer = answer(FundDialog, fund)
    qtbot.mouseClick(page.detail.buttons["add_fund"], Qt.MouseButton.LeftButton)
    fund_answer.check()
    assert page.detail.funds_progress.text() == "支付进度 0.00%" and cell(page, "XM-2025-09", 12) == "0.00%"

    def pay(dialog: PaymentDialog) -> None:
        assert dialog.text("paid_on") == "2025-07-01"  # today
        qtbot.keyClicks(dialog.inputs["amount"], "200000.01")
        assert dialog.messages["amount"].text() == \
               "中央财政补助已支付 200,000.01 元超过已下达 200,000.00 元（还可支付 200,000.00 元）"
        assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        dialog.inputs["amount"].clear()
        qtbot.keyClicks(dialog.inputs["amount"], "50000")
        type_text(qtbot, dialog.inputs["voucher"], "记-0012")
        ok(dialog)

    pay_answer = answer(PaymentDialog, pay)
    qtbot.mouseClick(page.detail.buttons["add_payment"], Qt.MouseButton.LeftButton)
    pay_answer.check()
    assert page.detail.funds_progress.text() == "支付进度 25.00%"
    assert page.detail.funds_model.index(0, 3).data() == "50,000.00"
    assert page.detail.payments_model.index(0, 3).data() == "记-0012"
    assert [cell(page, "XM-2025-09", c) for c in (10, 11, 12)] == ["20.00", "5.00", "25.00%"]
    assert AuditLog.select().where(AuditLog.table_name == "fund_payment").count() == 1


def test_the_schedule_tab_shows_the_marks_and_days_late(qtbot, context, projects):
    page = make_page(qtbot, context)
    page.detail.tabs.setCurrentIndex(2)
    labels = page.detail.schedule_labels
    assert (labels["end_planned"].text(), labels["end_actual"].text()) == ("2024-10-31", "未完工")
    assert labels["start_verdict"].text() == "晚于计划 4 天开工"
    assert labels["end_verdict"].text() == "未按期完工，已超过计划完工日 243 天"
    assert page.detail.schedule_state.text() == "今天（2025-07-01）的状态：在建 · 未按期完工"
    page.select_project(projects["idle"])
    assert labels["start_verdict"].text() == "逾期未开工，已逾期 61 天"
    assert labels["end_verdict"].text() == "未到计划完工日"


def test_the_head_is_edited_in_the_first_tab(qtbot, context, projects):
    page = make_page(qtbot, context)
    form = page.detail.form
    assert not page.detail.buttons["save_project"].isEnabled()
    qtbot.keyClicks(form.inputs["actual_end"], "2024-13-01")
    assert form.messages["actual_end"].text() == "实际完工日期“2024-13-01”不是有效日期（应为 年-月-日，如 2025-03-01）"
    form.inputs["actual_end"].clear()
    qtbot.keyClicks(form.inputs["actual_end"], "2024-11-15")
    qtbot.mouseClick(page.detail.buttons["save_project"], Qt.MouseButton.LeftButton)
    assert Project.get_by_id(projects["late"]).actual_end == "2024-11-15"
    assert cell(page, "XM-2024-01", 4) == "已完工 · 未按期完工" and cell(page, "XM-2024-01", 8) == "2024-11-15"
    assert page.detail.form_state.text() == "" and not page.detail.buttons["save_project"].isEnabled()
    qtbot.keyClicks(form.inputs["code"], "X")
    qtbot.mouseClick(page.detail.buttons["revert_project"], Qt.MouseButton.LeftButton)
    assert form.inputs["code"].text() == "XM-2024-01"


def test_an_inspection_is_recorded(qtbot, context, projects):
    page = make_page(qtbot, context)
    page.detail.tabs.setCurrentIndex(4)

    def inspect(dialog: InspectionDialog) -> None:
        assert dialog.text("inspected_on") == "2025-07-01"
        type_text(qtbot, dialog.inputs["inspector"], "王工")
        dialog.inputs["result"].setCurrentIndex(dialog.inputs["result"].findData("限期整改"))
        assert dialog.messages["problems"].text() == "检查结果为“限期整改”时请填写发现的问题"
        type_text(qtbot, dialog.problems, "井盖松动")
        ok(dialog)

    inspect_answer = answer(InspectionDialog, inspect)
    qtbot.mouseClick(page.detail.buttons["add_inspection"], Qt.MouseButton.LeftButton)
    inspect_answer.check()
    assert [page.detail.inspections_model.index(0, c).data() for c in range(5)] == \
           ["2025-07-01", "王工", "限期整改", "井盖松动", "未整改"]
    assert page.detail.inspections_summary.text() == "共 1 次检查，1 次待整改"


def test_deleting_a_project_says_what_goes_and_does_not_default_to_delete(qtbot, context, projects):
    page = make_page(qtbot, context)
    seen: list = []
    confirm_with("取消", seen)
    qtbot.mouseClick(page.buttons["delete_project"], Qt.MouseButton.LeftButton)
    box, text, default = seen
    assert default == "取消"
    assert text == ("删除项目“XM-2024-01 杜鹃新村综合改造”吗？\n\n将一并删除：改造内容 1 项、资金来源 0 个及其付款记录 0 笔、"
                    "质量检查 0 次。\n所含小区及其房屋名册不受影响。删除后不能恢复。")
    assert Project.select().count() == 3
    seen.clear()
    confirm_with("删除项目", seen)
    qtbot.mouseClick(page.buttons["delete_project"], Qt.MouseButton.LeftButton)
    assert Project.get_or_none(Project.id == projects["late"]) is None
    assert codes(page) == ["XM-2025-01", "XM-2026-01"] and page.project_id == projects["idle"]
    assert context.sent[-1] == Changes.of(Topic.PROJECTS, ids=[projects["late"]])


def test_show_projects_lists_exactly_those_under_a_banner_until_show_all(qtbot, context, projects):
    page = make_page(qtbot, context)
    page.search.setText("二期")
    page.show_projects([projects["late"], projects["idle"]], "首页：未按期完工的项目")
    assert page.banner.isVisible() and page.banner_text.text() == "首页：未按期完工的项目（2个）"
    assert codes(page) == ["XM-2024-01", "XM-2025-01"] and not page.filters.isEnabled()
    context.context.scope.set(Scope("estate", 999))  # the window's scope does not narrow the figure's records
    assert codes(page) == ["XM-2024-01", "XM-2025-01"]
    context.context.scope.set(ALL)
    qtbot.mouseClick(page.findChild(type(page.buttons["new_project"]), "show_all"), Qt.MouseButton.LeftButton)
    assert page.banner.isHidden() and page.filters.isEnabled() and codes(page) == ["XM-2026-01"]


def test_a_change_elsewhere_is_followed_and_a_hidden_page_reads_when_shown(qtbot, context, projects, roll):
    page = make_page(qtbot, context)
    page.hide()
    make_project([roll[0].id], "XM-2025-77", "新项目")
    context.bus.emit(Changes.of(Topic.PROJECTS))
    assert "XM-2025-77" not in codes(page) and page.stale
    page.show()
    assert "XM-2025-77" in codes(page)


def test_items_are_edited_moved_and_deleted_and_a_fund_edited_from_the_detail(qtbot, context, projects):
    from desktop_app.models.project_tables import ProjectFund
    from desktop_app.services.projects import records
    from desktop_app.services.projects.records import ItemDraft, PaymentDraft

    project_id = projects["late"]
    records.add_item(project_id, ItemDraft("加装电梯", "完善类", "2", "部", "800000"))
    records.set_fund(project_id, "中央财政补助", "1000000", "200000")
    records.add_payment(ProjectFund.get().id, PaymentDraft("2025-06-01", "20000", "记-1"))
    context.bus.emit(Changes.of(Topic.PROJECTS, ids=[project_id]))
    page = make_page(qtbot, context)
    panel = page.detail
    panel.tabs.setCurrentIndex(1)
    panel.items_table.selectRow(1)
    qtbot.mouseClick(panel.buttons["item_up"], Qt.MouseButton.LeftButton)
    assert [panel.items_model.index(r, 1).data() for r in range(2)] == ["加装电梯", "雨污分流"]
    assert panel.items_table.currentIndex().row() == 0  # the moved item stays selected

    def rename(dialog: ItemDialog) -> None:
        assert (dialog.name.currentText(), dialog.text("planned")) == ("加装电梯", "800,000.00")
        qtbot.keyClicks(dialog.inputs["quantity"], "0")  # 2 -> 20
        ok(dialog)

    rename_answer = answer(ItemDialog, rename)
    qtbot.mouseClick(panel.buttons["edit_item"], Qt.MouseButton.LeftButton)
    rename_answer.check()
    assert panel.items_model.index(0, 3).data() == "20"
    seen: list = []
    confirm_with("删除", seen)
    qtbot.mouseClick(panel.buttons["delete_item"], Qt.MouseButton.LeftButton)
    assert seen[1] == "删除改造内容“加装电梯”（完善类，计划投资 800,000.00 元）吗？" and seen[2] == "取消"
    assert [panel.items_model.index(r, 1).data() for r in range(panel.items_model.rowCount())] == ["雨污分流"]

    panel.tabs.setCurrentIndex(3)
    panel.funds_table.selectRow(0)

    def lower(dialog: FundDialog) -> None:
        assert dialog.text("allocated") == "200,000.00"
        dialog.inputs["allocated"].clear()
        qtbot.keyClicks(dialog.inputs["allocated"], "10000")
        assert dialog.messages["allocated"].text() == \
               "已下达金额不能少于已支付金额：已支付 20,000.00 元超过已下达 10,000.00 元"
        dialog.inputs["allocated"].clear()
        qtbot.keyClicks(dialog.inputs["allocated"], "40000")
        ok(dialog)

    lower_answer = answer(FundDialog, lower)
    qtbot.mouseClick(panel.buttons["edit_fund"], Qt.MouseButton.LeftButton)
    lower_answer.check()
    assert panel.funds_progress.text() == "支付进度 50.00%"
    panel.payments_table.selectRow(0)
    seen.clear()
    confirm_with("删除", seen)
    qtbot.mouseClick(panel.buttons["delete_payment"], Qt.MouseButton.LeftButton)
    assert seen[1] == "删除 2025-06-01 中央财政补助 付款 20,000.00 元（凭证 记-1）吗？"
    assert panel.payments_model.rowCount() == 0 and panel.funds_progress.text() == "支付进度 0.00%"


def test_in_the_window_ctrl_n_on_this_page_is_a_new_project_not_a_room(qtbot, window):
    page = window.page_titled("项目与资金")
    window.show_page([title for title, _factory in PAGES].index("项目与资金"))
    assert window.current_page() is page and page.isVisible()
    opened = answer(NewProjectDialog, lambda dialog: dialog.reject())
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    opened.check()
    assert isinstance(opened[0], NewProjectDialog)


def test_unsaved_edits_are_not_lost_silently_when_another_project_is_picked(qtbot, context, projects):
    page = make_page(qtbot, context)
    form = page.detail.form
    type_text(qtbot, form.inputs["contractor"], "建工")
    seen: list = []
    confirm_with("取消", seen)
    page.table.selectRow(1)
    assert seen[1] == "项目“XM-2024-01 杜鹃新村综合改造”的基本信息有未保存的修改。"
    assert page.project_id == projects["late"] and page.table.currentIndex().row() == 0
    assert form.inputs["contractor"].text() == "建工"
    seen.clear()
    confirm_with("保存", seen)
    page.table.selectRow(1)
    assert Project.get_by_id(projects["late"]).contractor == "建工"
    assert page.project_id == projects["idle"] and form.inputs["contractor"].text() == ""
    assert context.sent[-1] == Changes.of(Topic.PROJECTS, ids=[projects["late"]])
    type_text(qtbot, form.inputs["contractor"], "监理")
    seen.clear()
    confirm_with("放弃修改", seen)
    page.table.selectRow(2)
    assert page.project_id == projects["later"] and Project.get_by_id(projects["idle"]).contractor == ""


def test_the_home_pages_figures_open_this_page_under_its_banner(qtbot, window, projects):
    window.context.changes.emit(Changes.of(Topic.PROJECTS))  # the projects were written after the window opened
    assert window.context.navigator.open("项目与资金", "show_projects", [projects["idle"], projects["late"]],
                                         "首页：未开工的项目") is True
    page = window.page_titled("项目与资金")
    assert isinstance(page, ProjectsPage) and window.current_page() is page
    assert page.banner.isVisible() and page.banner_text.text() == "首页：未开工的项目（2个）"
    assert codes(page) == ["XM-2024-01", "XM-2025-01"]
    qtbot.mouseClick(page.findChild(type(page.buttons["new_project"]), "show_all"), Qt.MouseButton.LeftButton)
    window.show_page(0)
    home = window.current_page()
    qtbot.mouseClick(home.indicators.cards["late"], Qt.MouseButton.LeftButton)  # as of the window's today
    assert window.current_page() is page and page.banner_text.text().startswith("首页：未按期完工的项目（")
    assert projects["late"] in page.only_ids and page.model.rowCount() == len(page.only_ids)
    assert all(row.is_late for row in page.model.records)
