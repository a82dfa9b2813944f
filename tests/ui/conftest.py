"""UI fixtures: a small roll built through the room service, isolated QSettings, the synchronous runner."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.domain.identity import id_check_char
from desktop_app.models import Community, Estate, Street
from desktop_app.services.roll import rooms
from desktop_app.ui.widgets.tasks import SyncTaskRunner
from tests.ui.modal import next_test, when_modal


def person_id(serial: int) -> str:
    first17 = f"11010519800101{serial:03d}"
    return first17 + id_check_char(first17)


@pytest.fixture(autouse=True, scope="session")
def bundled_font(qapp):
    from desktop_app.ui.app import install_fonts

    return install_fonts(qapp)


@pytest.fixture
def roll(database):
    """杜鹃新村 (buildings 1 and 2, 12 rooms) and 梅岭小区 (3 rooms); 张三 owns 101 and 102 of building 1."""
    street = Street.create(name="东湖街道")
    community = Community.create(street=street, name="杜鹃社区")
    estates = [Estate.create(community=community, name="杜鹃新村", code="A", pinyin="dujuanxincun"),
               Estate.create(community=community, name="梅岭小区", code="B", pinyin="meilingxiaoqu")]
    names = ["张三", "张三", "李四", "王五", "赵六", "孙七", "周八", "吴九", "郑十", "钱一", "陈二", "冯三"]
    for index, name in enumerate(names):
        rooms.save_room(rooms.RoomForm(
            estate_id=estates[0].id, building=str(index // 6 + 1), unit="1", number=f"{index % 6 // 2 + 1}0{index % 2 + 1}",
            area=f"{60 + index}.5", owner_name=name, id_number=person_id(1 if name == "张三" else index + 1),
            phone=f"1380000{index:04d}"), today=date.today())
    for index in range(3):
        rooms.save_room(rooms.RoomForm(estate_id=estates[1].id, building="1", number=f"{index + 1}01", area="100",
                                       owner_name=f"业主{index}", id_number=person_id(50 + index)), today=date.today())
    return estates


@pytest.fixture
def ui_settings(tmp_path):
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def runner(qapp):
    return SyncTaskRunner()


@pytest.fixture
def window(qtbot, roll, runner, ui_settings, workspace):
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(runner, ui_settings, workspace=workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def answer_next_box(button_text: str, seen: list[str] | None = None) -> None:
    """Click `button_text` in the next modal message box (the tests' hand on the mouse)."""

    def take(box) -> bool:
        if not isinstance(box, QMessageBox):
            return False
        if seen is not None:
            seen.append(box.text())
        for button in box.buttons():
            if button.text() == button_text:
                button.click()
                return True
        buttons = box.buttons()
        if seen is not None:
            seen.append(f"no button {button_text!r} in {[b.text() for b in buttons]}")
        buttons[-1].click()  # close it anyway, so a failing test fails instead of waiting forever
        return True

    when_modal(take)


@pytest.fixture(autouse=True)
def _modal_pollers_end_with_their_test():
    yield
    next_test()


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user: ASCII as key presses, Chinese as an input method commits it (QTest cannot)."""
    from PySide6.QtGui import QInputMethodEvent

    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)
