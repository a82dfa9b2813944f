"""征求意见 driven like a user on the demo street: keyboard-only door-to-door entry and undo, the demand
summary (chart = table) seeding a vote, households not reached, events, the complaints board and the figures."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from desktop_app.models import Estate, Opinion, open_database
from desktop_app.services.workspace import Workspace
from desktop_app.services.consult import complaints
from desktop_app.services.consult import events as consultations
from desktop_app.services.consult.figures import district_figures
from desktop_app.services.scope import Scope
from desktop_app.ui.consult.models import OVERDUE_BACKGROUND
from desktop_app.ui.pages.base import ChangeBus, PageContext, ScopeState
from desktop_app.ui.consult.page import ConsultationsPage
from desktop_app.ui.widgets.tasks import SyncTaskRunner
from tests.ui.conftest import answer_next_box, type_text

TODAY = date.today()


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    """The demo street written once per module, without the demo's consultation round (these tests count
    their own records); each test works on its own copy."""
    from desktop_app.models import Complaint, Consultation, Opinion
    from desktop_app.services.demo.street import create_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    database = open_database(path)
    create_demo(today=date.today())
    for model in (Opinion, Complaint, Consultation):
        model.delete().execute()
    database.close()
    return path


@pytest.fixture
def demo(demo_template, db_path, clock):
    shutil.copy(demo_template, db_path)
    workspace = Workspace.open(db_path, clock)
    yield workspace
    workspace.close()


@pytest.fixture
def page(qtbot, demo):
    state = ScopeState()
    pages: list[ConsultationsPage] = []
    notified: list[int] = []

    bus = ChangeBus()
    bus.changed.connect(lambda _changes: notified.append(1))
    page = ConsultationsPage(PageContext(SyncTaskRunner(), state, bus, demo))
    page.notified = notified
    pages.append(page)
    qtbot.addWidget(page)
    page.resize(1200, 780)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    state.set(Scope("estate", Estate.get(name="双园新村").id))
    return page


def opinions_here() -> int:
    """Opinions of 双园新村 (the estate the tests enter; other estates may carry demo opinions)."""
    from desktop_app.models import Building, Room, Unit

    return (Opinion.select().join(Room).join(Unit).join(Building)
            .where(Building.estate == Estate.get(name="双园新村").id).count())


def keys(qtbot, text: str) -> None:
    """Type into whatever has the focus, as a user at the keyboard does."""
    for char in text:
        qtbot.keyClicks(QApplication.focusWidget(), char)


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def enter_rooms(qtbot, page):
    entry = page.tab("入户登记")
    entry.room_edit.setFocus()
    # 1-1-101: 03 雨污分流, 31 加装电梯, Z 支持
    keys(qtbot, "1-1-101")
    press(qtbot, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is entry.panel
    keys(qtbot, "0331z")
    press(qtbot, Qt.Key.Key_Return)
    # 1-1-102: 03, 7 (07 at once: no item 70), X 有意见, Tab to the person, Enter there saves
    keys(qtbot, "1 1 102")
    press(qtbot, Qt.Key.Key_Return)
    keys(qtbot, "037x")
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is entry.person
    type_text(qtbot, entry.person, "林燕红")
    press(qtbot, Qt.Key.Key_Return)
    # 2-1-101: 31, 1 then Space (= 01), C 反对, a free tag and a remark
    keys(qtbot, "2-1-101")
    press(qtbot, Qt.Key.Key_Return)
    keys(qtbot, "311 c")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is entry.tags
    type_text(qtbot, entry.tags, "路灯")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, entry.text, "楼道太暗")
    press(qtbot, Qt.Key.Key_Return)
    return entry


def test_door_to_door_entry_by_keyboard_then_the_summary_counts_it(qtbot, page):
    entry = enter_rooms(qtbot, page)
    assert page.notified == [] and entry.notify_timer.isActive()  # not re-reading every page per keystroke
    assert QApplication.focusWidget() is entry.room_edit and entry.room_edit.text() == ""
    assert entry.progress.text() == f"{TODAY.isoformat()} 已走访 3 / 242 户"
    assert entry.recent_model.rowCount() == 3 and entry.recent_model.index(0, 0).data() == "2号楼1单元101室"
    estate = Estate.get(name="双园新村")
    saved = {o.room.number + "/" + o.room.unit.building.name: o for o in Opinion.select()
             if o.room.unit.building.estate_id == estate.id}
    assert set(saved) == {"101/1", "102/1", "101/2"}
    first = consultations.opinions_of_room(saved["101/1"].room_id)[0]
    assert (first.stance, first.catalogue_demands, first.channel) == ("支持", ["雨污分流", "加装电梯"], "入户走访")
    second = consultations.opinions_of_room(saved["102/1"].room_id)[0]
    assert (second.stance, second.person, second.catalogue_demands) == ("有意见", "林燕红", ["雨污分流", "供气设施改造"])
    third = consultations.opinions_of_room(saved["101/2"].room_id)[0]
    assert (third.stance, third.catalogue_demands, third.tags, third.text) == (
        "反对", ["供水设施改造", "加装电梯"], ["路灯"], "楼道太暗")

    summary = page.tab("需求汇总")
    model = summary.model
    rows = {model.index(r, 0).data(): [model.index(r, c).data() for c in range(1, model.columnCount())]
            for r in range(model.rowCount())}
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:6] == ["需求", "类别", "户数", "占已走访户", "1号楼", "2号楼"]
    assert rows["雨污分流"][:5] == ["基础类", "2", "66.67%", "2", "0"]
    assert rows["加装电梯"][:5] == ["完善类", "2", "66.67%", "1", "1"]
    assert rows["路灯"][:3] == ["自定义", "1", "33.33%"]
    assert set(rows) == {"雨污分流", "加装电梯", "供气设施改造", "供水设施改造", "路灯"}
    assert len(page.notified) == 1  # the other pages were told once, when the entry tab was left
    assert "已走访/反馈 3 户" in summary.totals.text()


def test_ctrl_z_takes_the_last_room_back_into_the_form(qtbot, page):
    entry = enter_rooms(qtbot, page)
    qtbot.waitUntil(lambda: len(page.notified) == 1, timeout=5000)  # the pause told the pages; undo survives it
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert opinions_here() == 2
    assert entry.room.label == "2号楼1单元101室" and entry.room_edit.text() == "2号楼1单元101室"
    assert entry.checklist.checked() == ["供水设施改造", "加装电梯"] and entry.stance == "反对"
    assert entry.tags.text() == "路灯" and "已撤销" in entry.message.text()
    assert entry.progress.text().endswith("已走访 2 / 242 户")
    assert QApplication.focusWidget() is entry.panel
    keys(qtbot, "31")  # drop 加装电梯, then save again
    press(qtbot, Qt.Key.Key_Return)
    assert opinions_here() == 3
    room_id = entry.session.find("2-1-101")[0].room_id
    assert consultations.opinions_of_room(room_id)[0].catalogue_demands == ["供水设施改造"]
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert opinions_here() == 0
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert entry.message.text() == "没有可撤销的登记"


def test_rooms_that_name_none_or_several_are_refused(qtbot, page):
    entry = page.tab("入户登记")
    entry.room_edit.setFocus()
    keys(qtbot, "9-9-909")
    press(qtbot, Qt.Key.Key_Return)
    assert "没有房屋“9-9-909”" in entry.message.text() and entry.room is None
    entry.room_edit.clear()
    keys(qtbot, "101")
    press(qtbot, Qt.Key.Key_Return)
    assert "对应" in entry.message.text() and "请写明楼栋和单元" in entry.message.text()
    assert QApplication.focusWidget() is entry.room_edit
    page.context.scope.set(Scope("community", Estate.get(name="双园新村").community_id))
    entry.room_edit.clear()
    keys(qtbot, "1-1-101")
    press(qtbot, Qt.Key.Key_Return)
    assert "个小区都有" in entry.message.text() and "双园新村" in entry.message.text() and entry.room is None
    press(qtbot, Qt.Key.Key_Return)  # nothing found: Enter in the panel would have nothing to save
    assert opinions_here() == 0


def test_the_chart_paints_the_numbers_of_the_table(qtbot, page):
    enter_rooms(qtbot, page)
    summary = page.tab("需求汇总")
    chart, model = summary.chart, summary.model
    image = chart.grab()
    assert not image.isNull() and image.height() >= chart.sizeHint().height() - 1

    def table_numbers() -> list[tuple[str, tuple[int, ...]]]:
        return [(model.index(r, 0).data(), tuple(int(model.index(r, c).data()) for c in range(4, model.columnCount())))
                for r in range(model.rowCount())]

    assert [(bar.label, bar.values) for bar in chart.bars] == table_numbers()
    assert [bar.total for bar in chart.bars] == [int(model.index(r, 2).data()) for r in range(model.rowCount())]
    assert chart.series == [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4, model.columnCount())]
    widths = [sum(rect.width() for rect in segments) for segments in chart.bar_rects()]
    assert widths[0] == max(widths) and widths[-1] < widths[0]  # most wanted first, scaled to the largest
    summary.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [(bar.label, bar.values) for bar in chart.bars] == table_numbers()
    assert [bar.label for bar in chart.bars] == sorted(bar.label for bar in chart.bars)
    page.context.scope.set(Scope("community", Estate.get(name="双园新村").community_id))  # 3 estates, 20+ buildings
    assert chart.series == ["合计"] and model.columnCount() > 14
    assert [(bar.label, bar.total) for bar in chart.bars] == [
        (model.index(r, 0).data(), int(model.index(r, 2).data())) for r in range(model.rowCount())]


def test_summary_seeds_the_vote_wizard(qtbot, page):
    enter_rooms(qtbot, page)
    summary = page.tab("需求汇总")
    assert summary.vote_button.isEnabled()
    seen: list[list] = []

    def look() -> None:
        wizard = QApplication.activeModalWidget()
        if wizard is None or wizard.objectName() != "vote_wizard":
            QTimer.singleShot(20, look)
            return
        seen.append(wizard.items_page.items())
        wizard.reject()

    summary.min_share.setValue(50)
    QTimer.singleShot(0, look)
    summary.vote_button.click()
    assert [(item.name, item.category) for item in seen[0]] == [("雨污分流", "基础类"), ("加装电梯", "完善类")]
    summary.min_share.setValue(0)
    summary.catalogue_only.setChecked(False)
    assert "路灯" in [item.name for item in summary.chosen_items()]
    summary.table.selectRow(summary.model.records.index(next(i for i in summary.model.records if i.name == "路灯")))
    assert [item.name for item in summary.chosen_items()] == ["路灯"]


def test_households_not_reached_and_their_visit_forms(qtbot, page, tmp_path):
    from pypdf import PdfReader

    from desktop_app.models import Room

    entry = enter_rooms(qtbot, page)
    room = Room.get_by_id(entry.session.find("2-1-101")[0].room_id)
    tab = page.tab("未走访户")
    assert tab.model.rowCount() == 239 and tab.count.text() == "未走访 239 户"
    labels = {tuple(tab.model.index(r, c).data() for c in (1, 2, 3)) for r in range(tab.model.rowCount())}
    assert ("1", "1", "101") not in labels and ("2", "1", "101") not in labels and ("1", "2", "101") in labels
    page.context.scope.set(Scope("building", room.unit.building_id))
    rooms = tab.model.rowCount()
    assert 0 < rooms < 60
    target = tmp_path / "forms.pdf"
    tab.ask_save_path = lambda _suggested: str(target)
    tab.print_button.click()
    assert len(PdfReader(target).pages) == rooms and tab.status.text() == f"已保存到“{target}”，共 {rooms} 页。"


def test_unreached_forms_that_cannot_be_written_are_said_in_chinese(qtbot, page, tmp_path):
    from desktop_app.models import Room

    tab = page.tab("未走访户")
    page.context.scope.set(Scope("building", Room.select().first().unit.building_id))
    target = tmp_path / "没有这个文件夹" / "forms.pdf"
    tab.ask_save_path = lambda _suggested: str(target)
    seen: list[str] = []
    answer_next_box("OK", seen)
    tab.print_button.click()
    assert seen and seen[0].startswith("无法写入文件") and "Errno" not in seen[0]
    assert tab.status.text() == "未能生成入户走访登记表。" and not target.exists()


def test_events_form_validates_saves_and_deletes(qtbot, page):
    tab = page.tab("活动")
    form = tab.form
    assert form.event_id is None and tab.model.rowCount() == 0
    form.title_edit.setFocus()
    type_text(qtbot, form.title_edit, "双园新村改造方案座谈会")
    form.attendance.clear()
    form.attendance.setFocus()
    type_text(qtbot, form.attendance, "3a")
    error = form.findChild(QLabel, "error_event_attendance")
    assert error.isVisible() and "参加人数" in error.text() and not form.save_button.isEnabled()
    form.attendance.clear()
    type_text(qtbot, form.attendance, "28")
    assert not error.isVisible() and form.save_button.isEnabled()
    missing = "/nonexistent/纪要.docx"
    form.ask_files = lambda: [missing]
    form.findChild(QLineEdit, "event_place").setText("社区活动室")
    form.add_files()
    assert "不存在" in form.warnings.text() and form.save_button.isEnabled()
    form.save_button.click()
    assert tab.model.rowCount() == 1 and tab.model.index(0, 2).data() == "双园新村改造方案座谈会"
    saved = consultations.event(form.event_id)
    assert (saved.attendance, saved.attachments, saved.scope) == (28, (missing,), page.context.scope.scope)
    tab.confirm = lambda _parent, _text: False
    tab.delete_button.click()
    assert tab.model.rowCount() == 1
    asked: list[str] = []
    tab.confirm = lambda _parent, text: asked.append(text) or True
    tab.delete_button.click()
    assert tab.model.rowCount() == 0 and "双园新村改造方案座谈会" in asked[0] and form.event_id is None


def add_complaint(estate: str, category: str, received: date, due: date | None = None, ticket: str = "") -> int:
    return complaints.save_complaint(complaints.ComplaintDraft(
        ticket_no=ticket, received_at=received, category=category, estate_id=Estate.get(name=estate).id,
        complainant="居民", text=f"{category}问题", due_on=due), today=date.today())


def test_closing_an_overdue_complaint_lifts_the_red_row(qtbot, page):
    overdue = add_complaint("双园新村", "施工管理", TODAY - timedelta(days=30), TODAY - timedelta(days=5), "T1")
    add_complaint("双园新村", "质量安全", TODAY - timedelta(days=2), TODAY + timedelta(days=10), "T2")
    board = page.tab("投诉台账")
    model = board.model
    row = model.row_of_id(overdue)
    assert model.index(row, 4).data() == "逾期未办结"
    assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND
    assert model.index(1 - row, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    board.select(overdue)
    panel = board.panel
    assert [step for step, button in panel.buttons.items() if button.isEnabled()] == ["转办", "办理", "答复", "办结"]
    panel.buttons["办结"].click()
    assert panel.error.text() == "办结前须填写答复内容"
    panel.reply.setPlainText("已督促施工单位整改")
    panel.actor.setText("王主任")
    panel.buttons["办结"].click()
    row = model.row_of_id(overdue)
    assert model.index(row, 3).data() == "办结" and model.index(row, 4).data() == "超期办结"
    assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert not any(button.isEnabled() for button in panel.buttons.values())
    steps = [(panel.steps_model.index(r, 0).data(), panel.steps_model.index(r, 2).data())
             for r in range(panel.steps_model.rowCount())]
    assert steps[-1] == ("办结", "王主任") and steps[0][0] == "受理"
    assert "逾期未办结 0 件" in board.count.text() and "超期办结 1 件" in board.count.text()


def test_complaint_filters(qtbot, page):
    add_complaint("双园新村", "施工管理", TODAY - timedelta(days=40), ticket="A")
    add_complaint("双园新村", "扬尘噪音", TODAY - timedelta(days=3), ticket="B")
    add_complaint("杜鹃新村", "施工管理", TODAY - timedelta(days=3), ticket="C")
    page.context.scope.set(Scope())
    board = page.tab("投诉台账")

    def shown() -> list[str]:  # the tickets of this test (the demo street may carry demo complaints)
        return sorted(ticket for r in range(board.model.rowCount())
                      if (ticket := board.model.index(r, 0).data()) in {"A", "B", "C"})

    assert shown() == ["A", "B", "C"]
    board.category_filter.setCurrentText("施工管理")
    assert shown() == ["A", "C"]
    board.estate_filter.setCurrentIndex(board.estate_filter.findText("杜鹃新村"))
    assert shown() == ["C"]
    board.estate_filter.setCurrentIndex(0)
    page.dates.preset.setCurrentText("近30天")
    board = page.tab("投诉台账")
    assert shown() == ["C"]
    page.dates.preset.setCurrentText("不限")
    board.category_filter.setCurrentIndex(0)
    board.status_filter.setCurrentText("办结")
    assert shown() == []
    board.status_filter.setCurrentText(complaints.OPEN)
    assert shown() == ["A", "B", "C"]
    page.context.scope.set(Scope("estate", Estate.get(name="双园新村").id))
    assert shown() == ["A", "B"]


def test_new_complaint_dialog_validates_and_saves(qtbot, page):
    from desktop_app.ui.consult.complaint_dialog import ComplaintDialog

    dialog = ComplaintDialog(page, estate_id=Estate.get(name="双园新村").id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()  # no category yet
    dialog.inputs["category"].setCurrentText("管线破坏")
    room = dialog.inputs["room"]
    room.setFocus()
    type_text(qtbot, room, "101")
    assert "请写明楼栋和单元" in dialog.messages["room"].text() and not ok.isEnabled()
    room.clear()
    type_text(qtbot, room, "3-2-101")
    assert not dialog.messages["room"].isVisible() and ok.isEnabled()
    due = dialog.inputs["due_on"]
    type_text(qtbot, due, "2020-1-1")
    assert "早于受理日期" in dialog.messages["due_on"].text()
    due.clear()
    type_text(qtbot, due, "2020-13-1")
    assert "不存在" in dialog.messages["due_on"].text()
    due.clear()
    dialog.changed("due_on")
    ok.click()
    row = complaints.complaint_detail(dialog.saved_id, today=date.today()).row
    assert (row.category, row.room, row.estate, row.status) == ("管线破坏", "3号楼2单元101室", "双园新村", "受理")
    assert row.due_on == complaints.default_due_on(TODAY)


def test_figures_tab_shows_the_service_figures(qtbot, page):
    enter_rooms(qtbot, page)
    add_complaint("双园新村", "施工管理", TODAY - timedelta(days=30), TODAY - timedelta(days=5), "F1")
    add_complaint("双园新村", "物业", TODAY - timedelta(days=2), ticket="F2")
    tab = page.tab("统计")
    figures = district_figures(page.context.scope.scope, None, None, today=date.today())
    assert tab.figures == figures
    assert tab.headline["reached"].text() == "3 / 242" and tab.headline["complaints"].text() == "2"
    assert tab.headline["construction_quality"].text() == "50.00%（1 件）"
    assert tab.headline["overdue"].text().startswith("1") and tab.headline["reach_share"].text() == "1.24%"
    reach = tab.reach_model
    assert [reach.index(0, c).data() for c in range(4)] == ["双园新村", "242", "3", "1.24%"]
    categories = {tab.category_model.index(r, 0).data(): tab.category_model.index(r, 1).data()
                  for r in range(tab.category_model.rowCount())}
    assert categories["施工管理"] == "1" and categories["物业"] == "1" and categories["资金"] == "0"
    assert [(bar.label, bar.total) for bar in tab.category_chart.bars] == [("施工管理", 1), ("物业", 1)]
    assert not tab.category_chart.grab().isNull()


def test_every_model_passes_the_model_tester(qtmodeltester, qtbot, page):
    enter_rooms(qtbot, page)
    add_complaint("双园新村", "施工管理", TODAY - timedelta(days=30), TODAY - timedelta(days=5), "M1")
    add_complaint("双园新村", "进度", TODAY, ticket="M2")
    consultations.save_event(consultations.EventDraft("座谈会", TODAY, page.context.scope.scope, "座谈"))
    page.refresh()
    for title, attribute in (("活动", "model"), ("需求汇总", "model"), ("未走访户", "model"), ("投诉台账", "model")):
        model = getattr(page.tab(title), attribute)
        assert model.rowCount() > 0, title
        qtmodeltester.check(model, force_py=True)
        model.sort(1, Qt.SortOrder.DescendingOrder)
        model.sort(0, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(page.tab("入户登记").recent_model, force_py=True)


def test_the_page_plugs_into_the_main_window(qtbot, window):
    page = window.page_titled("征求意见")
    assert isinstance(page, ConsultationsPage)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "活动", "入户登记", "需求汇总", "未走访户", "投诉台账", "统计"]
    assert page.scope_text.text() == "范围：全部"


def test_a_half_entered_room_outside_the_new_scope_is_dropped(qtbot, page):
    entry = page.tab("入户登记")
    entry.room_edit.setFocus()
    keys(qtbot, "1-1-101")
    press(qtbot, Qt.Key.Key_Return)
    keys(qtbot, "03")
    page.context.scope.set(Scope("community", Estate.get(name="双园新村").community_id))
    assert entry.room is not None and entry.checklist.checked() == ["雨污分流"]  # still inside: kept
    page.context.scope.set(Scope("estate", Estate.get(name="杜鹃新村").id))
    assert entry.room is None and entry.checklist.checked() == [] and "未保存" in entry.message.text()
    assert opinions_here() == 0


def test_the_ticket_import_button_rereads_the_board_after_an_import(qtbot, page):
    board = page.tab("投诉台账")
    before = board.model.rowCount()
    asked: list[object] = []

    def import_one(tab) -> bool:  # stands in for the user going through consult-exchange's import dialog
        asked.append(tab)
        add_complaint("双园新村", "资金", TODAY, ticket="IMPORTED-1")
        return True

    board.import_tickets = import_one
    board.findChild(QPushButton, "import_tickets").setEnabled(True)
    board.findChild(QPushButton, "import_tickets").click()
    assert asked == [board] and asked[0].context is page.context
    assert board.model.rowCount() == before + 1 and board.model.index(0, 0).data() == "IMPORTED-1"
    board.import_tickets = lambda tab: False  # cancelled: nothing re-read
    page.notified.clear()
    board.findChild(QPushButton, "import_tickets").click()
    assert page.notified == []


def test_export_the_complaint_register_from_the_files_menu(qtbot, page, tmp_path):
    from openpyxl import load_workbook
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QFileDialog

    add_complaint("双园新村", "施工管理", TODAY - timedelta(days=3), ticket="REG-1")
    add_complaint("杜鹃新村", "物业", TODAY - timedelta(days=3), ticket="REG-2")
    target = tmp_path / "投诉登记簿.xlsx"
    seen: list[str] = []

    def save_as() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, save_as)
            return
        dialog.selectFile(str(target))
        dialog.accept()
        answer_next_box("OK", seen)

    QTimer.singleShot(0, save_as)
    page.files_button.menu().findChild(QAction, "export_complaint_register").trigger()
    rows = [[cell for cell in row if cell is not None] for row in load_workbook(target).active.iter_rows(values_only=True)]
    tickets = {value for row in rows for value in row if str(value).startswith("REG-")}
    assert tickets == {"REG-1"}  # the scope is 双园新村
    assert seen and "已导出" in seen[0]


def test_a_door_to_door_event_opens_its_entry(qtbot, page):
    scope = page.context.scope.scope
    event_id = consultations.save_event(consultations.EventDraft("入户走访", TODAY - timedelta(days=7), scope, "第一轮入户"))
    consultations.save_event(consultations.EventDraft("座谈会", TODAY, scope, "座谈"))
    page.refresh()
    tab = page.tab("活动")
    tab.table.selectRow(tab.model.row_of_id(event_id))
    assert tab.form.event_id == event_id and tab.enter_button.isEnabled()
    tab.enter_button.click()
    entry = page.tabs.currentWidget()
    assert entry is page.tab_pages["入户登记"] and entry.event_combo.currentData() == event_id
    assert QApplication.focusWidget() is entry.room_edit and not entry.given_on.isEnabled()
    keys(qtbot, "1-1-101")
    press(qtbot, Qt.Key.Key_Return)
    keys(qtbot, "03")
    press(qtbot, Qt.Key.Key_Return)
    room_id = entry.session.find("1-1-101")[0].room_id
    saved = consultations.opinions_of_room(room_id)[0]
    assert (saved.consultation_id, saved.given_on) == (event_id, TODAY - timedelta(days=7))
    assert entry.progress.text() == "本次活动 已走访 1 / 242 户"
    page.tab("活动")
    tab.table.selectRow(tab.model.row_of_id(event_id))
    assert tab.model.index(tab.model.row_of_id(event_id), 4).data() == "1"  # 登记意见
    other = next(r for r in tab.model.records if r.kind == "座谈会")
    tab.table.selectRow(tab.model.row_of_id(other.id))
    assert not tab.enter_button.isEnabled()
