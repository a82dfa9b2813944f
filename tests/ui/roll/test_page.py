"""房屋与业主, driven like a user: keyboard entry, validation as you type, confirmation, filter and sort."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QLineEdit

from desktop_app.models import Estate, Owner, Room
from desktop_app.services.scope import Scope
from desktop_app.ui.roll.room_dialog import RoomDialog
from tests.ui.conftest import answer_next_box, person_id, type_text


def rooms_page(window):
    return window.page_titled("房屋与业主")


def shown_numbers(page) -> list[str]:
    model = page.model
    return [model.index(row, 3).data() for row in range(model.rowCount())]


def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def type_into(qtbot, dialog, key: str, text: str) -> None:
    edit = dialog.findChild(QLineEdit, key)
    edit.setFocus()
    edit.selectAll()
    type_text(qtbot, edit, text)


def test_room_dialog_validates_as_you_type(qtbot, roll):
    dialog = RoomDialog(None, estate_id=roll[0].id, today=date.today())
    qtbot.addWidget(dialog)
    dialog.show()
    assert not ok_button(dialog).isEnabled()
    error = dialog.findChild(QLabel, "error_id_number")
    bad = person_id(77)[:-1] + ("0" if person_id(77)[-1] != "0" else "1")
    for key, text in (("building", "5"), ("unit", "2"), ("number", "301"), ("area", "77.25"),
                      ("owner_name", "刘新"), ("id_number", bad)):
        type_into(qtbot, dialog, key, text)
    assert error.isVisible() and "校验位错误" in error.text() and "应为" in error.text()
    assert not ok_button(dialog).isEnabled()
    type_into(qtbot, dialog, "area", "77.255")
    assert "专有面积有误" in dialog.findChild(QLabel, "error_area").text()
    type_into(qtbot, dialog, "area", "77.25")
    type_into(qtbot, dialog, "id_number", person_id(77))
    assert not error.isVisible() and ok_button(dialog).isEnabled()
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    room = Room.get_by_id(dialog.saved_id)
    assert (room.number, room.area_centi, room.floor, room.unit.building.name) == ("301", 7725, 3, "5")


def test_new_room_through_the_page_and_keyboard(qtbot, window):
    page = rooms_page(window)
    window.scope_state.set(Scope("estate", Estate.get(name="梅岭小区").id))
    assert shown_numbers(page) == ["101", "201", "301"]

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RoomDialog):
            QTimer.singleShot(20, fill)
            return
        for key, text in (("building", "1"), ("number", "401"), ("area", "88.8"), ("owner_name", "新业主"),
                          ("id_number", person_id(99)), ("phone", "13912345678")):
            type_into(qtbot, dialog, key, text)
        qtbot.keyClick(dialog.findChild(QLineEdit, "phone"), Qt.Key.Key_Return)

    QTimer.singleShot(0, fill)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert shown_numbers(page) == ["101", "201", "301", "401"]
    assert page.model.room_id(page.table.currentIndex().row()) == Room.get(Room.number == "401").id
    row = page.model.room_row(3)
    assert row.cells[7] == "新业主" and row.cells[9] == "139****5678"


def test_delete_asks_and_shows_what_goes(qtbot, window):
    page = rooms_page(window)
    before = page.model.rowCount()
    page.table.setFocus()
    page.table.selectRow(0)
    seen: list[str] = []
    answer_next_box("取消", seen)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.model.rowCount() == before and "杜鹃新村 1号楼1单元101室" in seen[0]
    answer_next_box("删除", seen)
    window.activateWindow()  # the box took the focus; shortcuts work in the active window
    qtbot.waitUntil(window.isActiveWindow)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert len(seen) == 2, seen
    assert page.model.rowCount() == before - 1
    assert "业主关系 1 条（张三" in seen[1]
    assert Room.select().count() == before - 1 and Owner.get(name="张三")  # the owner stays


def test_filter_and_sort_change_the_rows(qtbot, window):
    page = rooms_page(window)
    assert page.model.rowCount() == 15
    window.focus_filter()
    assert page.filter_edit.hasFocus()
    qtbot.keyClicks(page.filter_edit, "zs")
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=3000)
    assert "共 3 套房屋" in page.status.text()
    page.filter_edit.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 15, timeout=3000)
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(5) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    areas = [page.model.index(row, 5).data() for row in range(15)]
    assert areas == sorted(areas, key=float) or areas == sorted(areas, key=float, reverse=True)
    first = areas[0]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert page.model.index(0, 5).data() == areas[-1] != first


def test_tree_and_scope_bar_follow_each_other(qtbot, window):
    page = rooms_page(window)
    tree, model = page.tree, page.tree_model
    estate = model.index_of(Scope("estate", 2))
    tree.setCurrentIndex(estate)
    assert window.scope_state.scope == Scope("estate", 2)
    assert window.scope_bar.combos[2].currentText() == "梅岭小区"
    assert shown_numbers(page) == ["101", "201", "301"]
    combo = window.scope_bar.combos[2]
    combo.setCurrentIndex(combo.findText("杜鹃新村"))
    combo.activated.emit(combo.currentIndex())
    assert page.model.rowCount() == 12
    assert model.scope_of(tree.currentIndex()) == Scope("estate", 1)
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    assert window.scope_state.scope.level == "community" and page.model.rowCount() == 15


def test_owner_dialog_lists_other_rooms_and_history(qtbot, window):
    from desktop_app.ui.roll.history_dialog import HistoryDialog
    from desktop_app.ui.roll.owner_dialog import OwnerDialog

    owner = Owner.get(name="张三")
    dialog = OwnerDialog(window, owner.id, today=date.today())
    qtbot.addWidget(dialog)
    items = [dialog.rooms_list.item(i).text() for i in range(dialog.rooms_list.count())]
    assert len(items) == 2 and all("杜鹃新村 1号楼1单元" in item for item in items)
    type_into(qtbot, dialog, "phone", "12345")
    assert "手机号码" in dialog.findChild(QLabel, "error_phone").text() and not ok_button(dialog).isEnabled()
    type_into(qtbot, dialog, "phone", "13712345678")
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert Owner.get_by_id(owner.id).phone == "13712345678"
    history = HistoryDialog(window, "owner", owner.id)
    qtbot.addWidget(history)
    texts = [history.table.item(row, 4).text() for row in range(history.table.rowCount())]
    assert any("137****5678" in text for text in texts) and not any("13712345678" in t for t in texts)
