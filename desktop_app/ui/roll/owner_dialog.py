"""The owner dialog: who the owner is, and every room they own or co-own."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QWidget
from PySide6.QtCore import Qt

from desktop_app.services.roll import rooms
from desktop_app.ui.widgets.forms import ValidatedDialog
from desktop_app.ui.roll.history_dialog import HistoryDialog
from desktop_app.ui.roll.room_dialog import OWNER_KIND_ITEMS


class OwnerDialog(ValidatedDialog):
    def __init__(self, parent: QWidget | None, owner_id: int, *, today: date) -> None:
        super().__init__("业主信息", parent)
        self.owner_id = owner_id
        self.today = today  # ID numbers born after this day are refused
        form = rooms.owner_form(owner_id)
        self.add_combo("kind", "业主类型", OWNER_KIND_ITEMS, form.kind)
        self.add_line("name", "姓名/单位名称", "", form.name)
        self.add_line("id_number", "证件号码", "18位身份证号码或统一社会信用代码", form.id_number)
        self.add_line("phone", "联系电话", "手机或带区号的座机", form.phone)
        self.add_line("note", "备注", "", form.note)
        owned = rooms.owner_rooms(owner_id)
        self.layout_.addWidget(QLabel(f"名下房屋（{len(owned)} 套）："))
        self.rooms_list = QListWidget()
        self.rooms_list.setObjectName("owner_rooms")
        for room in owned:
            item = QListWidgetItem(f"{room.label}　{room.area}㎡　{room.role}")
            item.setData(Qt.ItemDataRole.UserRole, room.room_id)
            self.rooms_list.addItem(item)
        self.rooms_list.setMaximumHeight(140)
        self.layout_.addWidget(self.rooms_list)
        history = QPushButton("变更记录…")
        history.clicked.connect(lambda: HistoryDialog(self, "owner", owner_id).exec())
        self.layout_.addWidget(history)
        self.setMinimumWidth(460)
        self.finish_layout()

    def current_form(self) -> rooms.OwnerForm:
        return rooms.OwnerForm(self.data("kind"), self.text("name"), self.text("id_number"),
                               self.text("phone"), self.text("note"))

    def field_errors(self) -> dict[str, str]:
        return rooms.owner_form_errors(self.current_form(), self.owner_id, today=self.today)

    def save(self) -> bool:
        try:
            rooms.save_owner(self.current_form(), self.owner_id, today=self.today)
        except rooms.ValidationError as error:
            self.show_errors(error.errors)
            return False
        return True
