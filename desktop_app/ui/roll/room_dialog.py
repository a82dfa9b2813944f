"""The room dialog: where the room is, its area, and its owner (found by ID number or created)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFormLayout, QGroupBox, QWidget

from desktop_app.domain.roll_record import AREA_SOURCES, OWNER_KIND_LABELS
from desktop_app.services import queries
from desktop_app.services.roll import rooms
from desktop_app.ui.widgets.forms import ValidatedDialog

OWNER_KIND_ITEMS = [(label, kind) for kind, label in OWNER_KIND_LABELS.items()]


class RoomDialog(ValidatedDialog):
    """New room (room_id None, placed in `estate_id` when given) or edit an existing one."""

    def __init__(self, parent: QWidget | None = None, room_id: int | None = None,
                 estate_id: int | None = None, *, today: date) -> None:
        super().__init__("编辑房屋" if room_id else "新增房屋", parent)
        self.room_id = room_id
        self.today = today  # ID numbers born after this day are refused
        self.saved_id: int | None = None
        form = rooms.room_form(room_id) if room_id else rooms.RoomForm(estate_id=estate_id)
        estates = [(name, estate) for estate, name in queries.estate_choices()]
        self.add_combo("estate_id", "小区", [("（请选择小区）", None)] + estates, form.estate_id)
        self.add_line("building", "楼栋", "如 3 或 3号楼", form.building)
        self.add_line("unit", "单元", "如 1；不分单元可不填", form.unit)
        self.add_line("number", "房号", "如 502", form.number)
        self.add_line("floor", "楼层", "可不填，按房号推算", form.floor)
        self.add_line("area", "专有面积(㎡)", "如 85.30", form.area)
        self.add_combo("area_source", "面积来源", [(s, s) for s in AREA_SOURCES], form.area_source)
        self.add_line("note", "备注", "", form.note)
        group = QGroupBox("业主")
        owner_form = QFormLayout(group)
        self.add_combo("owner_kind", "业主类型", OWNER_KIND_ITEMS, form.owner_kind, layout=owner_form)
        self.add_line("owner_name", "姓名/单位名称", "", form.owner_name, layout=owner_form)
        self.add_line("id_number", "证件号码", "18位身份证号码或统一社会信用代码", form.id_number,
                      layout=owner_form)
        self.add_line("phone", "联系电话", "手机或带区号的座机", form.phone, layout=owner_form)
        self.layout_.addWidget(group)
        self.setMinimumWidth(460)
        self.finish_layout()

    def current_form(self) -> rooms.RoomForm:
        return rooms.RoomForm(
            estate_id=self.data("estate_id"), building=self.text("building"), unit=self.text("unit"),
            number=self.text("number"), floor=self.text("floor"), area=self.text("area"),
            area_source=self.data("area_source"), note=self.text("note"), owner_kind=self.data("owner_kind"),
            owner_name=self.text("owner_name"), id_number=self.text("id_number"), phone=self.text("phone"))

    def field_errors(self) -> dict[str, str]:
        return rooms.room_form_errors(self.current_form(), self.room_id, today=self.today)

    def save(self) -> bool:
        try:
            self.saved_id = rooms.save_room(self.current_form(), self.room_id, today=self.today)
        except rooms.ValidationError as error:
            self.show_errors(error.errors)
            return False
        return True
