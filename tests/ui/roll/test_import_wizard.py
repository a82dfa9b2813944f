"""The roll import wizard on real workbooks: found header, mapped synonyms, located errors, import or not."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QComboBox, QWizard

from desktop_app.domain.roll_record import RollRecord
from desktop_app.exchange.roll_writer import write_roll
from desktop_app.models import Community, Estate, Owner, Room, Street
from desktop_app.services import settings
from desktop_app.ui.roll.import_wizard import ImportWizard
from tests.ui.conftest import person_id


@pytest.fixture
def estate(database):
    street = Street.create(name="东湖街道")
    community = Community.create(street=street, name="杜鹃社区")
    return Estate.create(community=community, name="杜鹃新村", code="A", pinyin="dujuanxincun")


def hand_made(path) -> None:
    """A community's own layout: a merged title row, synonyms, other column order, two bad rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = "名册"
    sheet.append(["杜鹃新村 房屋业主登记表"])
    sheet.merge_cells("A1:F1")
    sheet.append(["楼号", "单元", "室号", "面积", "姓名", "身份证号", "手机"])
    bad_id = person_id(2)[:-1] + ("0" if person_id(2)[-1] != "0" else "1")
    sheet.append(["3号楼", "1单元", "101", 85.3, "张三", person_id(1), "13800138000"])
    sheet.append(["3号楼", "1单元", "102", "70.125", "李四", person_id(3), ""])
    sheet.append(["3号楼", "1单元", "201", 90, "王五", bad_id, ""])
    sheet.append(["3号楼", "1单元", "202", 90, "赵六", person_id(4), ""])
    book.create_sheet("说明").append(["本表由社区整理"])
    book.save(path)


def next_page(wizard) -> None:
    button = wizard.button(QWizard.WizardButton.CommitButton)
    if not button.isVisible():
        button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled(), wizard.currentPage().title()
    button.click()


def open_wizard(qtbot, runner, path) -> ImportWizard:
    wizard = ImportWizard(None, runner, str(path), today=date.today())
    qtbot.addWidget(wizard)
    wizard.show()
    next_page(wizard)  # file -> sheet
    return wizard


def test_hand_made_roll_shows_every_error_and_writes_nothing(qtbot, estate, runner, tmp_path):
    path = tmp_path / "手工名册.xlsx"
    hand_made(path)
    wizard = open_wizard(qtbot, runner, path)
    assert wizard.currentPage().sheets.currentItem().text().startswith("名册")  # 说明 is not proposed
    next_page(wizard)  # -> header row
    header = wizard.currentPage()
    assert header.spin.value() == 2 and "第 2 行" in header.found.text()
    qtmodel = header.model
    assert qtmodel.marked_row == 1 and qtmodel.index(1, 2).data() == "室号"
    next_page(wizard)  # -> mapping
    mapping = wizard.currentPage()
    assert mapping.combos["room"].currentData() == "室号" and mapping.combos["area"].currentData() == "面积"
    assert mapping.combos["id_number"].currentData() == "身份证号" and mapping.combos["phone"].currentData() == "手机"
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no estate column, none chosen
    assert "小区" in mapping.message.text()
    estate_combo = wizard.findChild(QComboBox, "estate_code")
    estate_combo.setCurrentIndex(estate_combo.findData("A"))
    next_page(wizard)  # -> preview (reads the file through the runner)
    preview = wizard.currentPage()
    errors = [preview.model.rows[row] for row in range(preview.model.rowCount())]
    assert {(sheet, row) for sheet, row, *_rest in errors} == {("名册", "4"), ("名册", "5")}
    area_error = next(e for e in errors if e[1] == "4")
    assert "面积" in area_error[2] and area_error[3] == "70.125"
    id_error = next(e for e in errors if e[1] == "5")
    assert "身份证号" in id_error[2] and "校验位" in id_error[4]
    assert "无误 2 行" in preview.counts.text() and "有错误的行 2 行" in preview.counts.text()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert Room.select().count() == 0 and settings.import_mapping(wizard.headers) is None
    preview.skip_invalid.setChecked(True)
    next_page(wizard)  # 导入
    status = wizard.currentPage().status.text()
    assert "导入完成" in status and wizard.imported
    assert sorted(room.number for room in Room.select()) == ["101", "202"]
    assert Owner.get(name="张三").id_number == person_id(1)
    assert settings.import_mapping(wizard.headers)["room"] == "室号"  # remembered on import


def test_template_layout_imports_cleanly_and_again_changes_nothing(qtbot, estate, runner, tmp_path):
    path = tmp_path / "名册.xlsx"
    records = [RollRecord(building="1", unit="1", room=f"{floor}01", area_centi=8000 + floor, estate_code="A",
                          estate_name="杜鹃新村", floor=floor, owner_name=f"业主{floor}", id_number=person_id(floor))
               for floor in range(1, 7)]
    write_roll(path, records)
    for attempt in range(2):
        wizard = open_wizard(qtbot, runner, path)
        for _ in range(3):
            next_page(wizard)  # sheet -> header -> mapping -> preview
        assert wizard.currentPage().model.rowCount() == 0 and "没有发现错误" in wizard.currentPage().counts.text()
        next_page(wizard)
        assert Room.select().count() == 6
        summary = wizard.summary
        assert (summary.created, summary.unchanged) == ((6, 0) if attempt == 0 else (0, 6))


def test_cancelled_import_writes_nothing(qtbot, estate, runner, tmp_path):
    path = tmp_path / "名册.xlsx"
    write_roll(path, [RollRecord(building="1", unit="", room=str(100 + i), area_centi=5000, estate_code="A",
                                 owner_name=f"业主{i}", id_number=person_id(i)) for i in range(1, 4)])
    wizard = open_wizard(qtbot, runner, path)
    for _ in range(3):
        next_page(wizard)
    runner.cancel_after = len(runner.reports) + 1  # 取消 at the import's first progress report
    next_page(wizard)
    assert "已取消导入" in wizard.currentPage().status.text() and not wizard.imported
    assert Room.select().count() == 0


def test_a_file_that_is_not_a_workbook_is_explained(qtbot, database, runner, tmp_path):
    path = tmp_path / "名册.xlsx"
    path.write_text("不是表格", encoding="utf-8")
    wizard = ImportWizard(None, runner, str(path), today=date.today())
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentId() == 0 and "名册.xlsx" in wizard.currentPage().message.text()


def test_wizard_item_models_pass_the_model_tester(qtbot, qtmodeltester, estate, runner, tmp_path):
    path = tmp_path / "手工名册.xlsx"
    hand_made(path)
    wizard = open_wizard(qtbot, runner, path)
    next_page(wizard)
    qtmodeltester.check(wizard.currentPage().model, force_py=True)
