"""The complaint dialog: a new complaint or 12345 ticket, or the particulars of one already on record.
Dates are typed (2024-05-23); the room is typed like in door-to-door entry (3-1-502) within the estate;
a blank 办理期限 takes the city's default. Validated as you type by `complaints.complaint_errors`."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QMessageBox, QPlainTextEdit, QWidget

from desktop_app.domain.complaints import CATEGORIES, SOURCES
from desktop_app.domain.dates_text import parse_date
from desktop_app.domain.errors import UserError
from desktop_app.domain.room_entry import matches, parse_room_entry
from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.services import calendar, queries
from desktop_app.services.consult import complaints
from desktop_app.services.consult.opinion_session import session_rooms
from desktop_app.services.scope import Scope
from desktop_app.ui.widgets.forms import ValidatedDialog


def room_of(estate_id: int | None, text: str) -> tuple[int | None, str | None]:
    """(room id, None) for a typed room of the estate; (None, reason) when it names none or several."""
    if not text.strip():
        return None, None
    if estate_id is None:
        return None, "请先选择小区，再填写房号"
    ref = parse_room_entry(text)
    found = [room for room in session_rooms(Scope(ScopeLevel.ESTATE, estate_id))
             if ref is not None and matches(ref, room.building, room.unit, room.number)]
    if not found:
        return None, f"该小区没有房屋“{text.strip()}”"
    if len(found) > 1:
        return None, f"“{text.strip()}”对应 {len(found)} 套房屋，请写明楼栋和单元，如 3-1-502"
    return found[0].room_id, None


class ComplaintDialog(ValidatedDialog):
    def __init__(self, parent: QWidget | None = None, complaint_id: int | None = None,
                 estate_id: int | None = None, *, today: date) -> None:
        super().__init__("编辑投诉" if complaint_id else "登记投诉", parent)
        self.complaint_id = complaint_id
        self.saved_id: int | None = None
        self.today = today
        if complaint_id is not None:
            detail = complaints.complaint_detail(complaint_id, today)
            draft = detail.draft()
            room_text = detail.row.room
        else:
            draft = complaints.ComplaintDraft(received_at=today, estate_id=estate_id)
            room_text = ""
        received = draft.received_at.isoformat()[:10] if draft.received_at else ""
        self.add_line("ticket_no", "工单号", "12345 工单号；来访、来电可不填", draft.ticket_no)
        self.add_combo("source", "来源", [(s, s) for s in SOURCES], draft.source)
        self.add_line("received_at", "受理日期", "如 2024-05-23", received)
        self.add_combo("category", "类别", [("（请选择类别）", "")] + [(c, c) for c in CATEGORIES], draft.category)
        estates = [(name, estate) for estate, name in queries.estate_choices()]
        self.add_combo("estate_id", "小区", [("（不限小区）", None)] + estates, draft.estate_id)
        self.add_line("room", "房号", "如 3-1-502，可不填", room_text)
        self.add_line("address", "地址", "不在名册中的地点，如 小区东门", draft.address)
        self.add_line("complainant", "投诉人", "", draft.complainant)
        self.add_line("phone", "联系电话", "手机或带区号的座机", draft.phone)
        self.content = QPlainTextEdit(draft.text)
        self.content.setObjectName("content")
        self.content.setPlaceholderText("投诉内容")
        self.content.setFixedHeight(90)
        self.content.textChanged.connect(lambda: self.changed("text"))
        self._add_row("text", "内容", self.content)
        days, working = calendar.clock_days("complaint"), calendar.clock_kind("complaint")
        self.add_line("due_on", "办理期限", f"不填按默认期限（{days}{'个工作日' if working else '日'}）计算",
                      draft.due_on.isoformat() if draft.due_on and complaint_id else "")
        self.setMinimumWidth(480)
        self.finish_layout()

    def _date(self, key: str) -> tuple[date | None, str | None]:
        text = self.text(key).strip()
        if not text:
            return None, None
        try:
            return parse_date(text), None
        except UserError as error:
            return None, error.message

    def current_draft(self) -> tuple[complaints.ComplaintDraft, dict[str, str]]:
        """The draft the fields make, and what is wrong in the fields the service cannot see (dates, room)."""
        problems: dict[str, str] = {}
        received, reason = self._date("received_at")
        if reason:
            problems["received_at"] = reason
        due, reason = self._date("due_on")
        if reason:
            problems["due_on"] = reason
        estate_id = self.data("estate_id")
        room_id, reason = room_of(estate_id, self.text("room"))
        if reason:
            problems["room"] = reason
        draft = complaints.ComplaintDraft(
            ticket_no=self.text("ticket_no"), source=self.data("source"), received_at=received,
            category=self.data("category") or "", estate_id=estate_id, room_id=room_id,
            address=self.text("address"), complainant=self.text("complainant"), phone=self.text("phone"),
            text=self.content.toPlainText(), due_on=due)
        return draft, problems

    def field_errors(self) -> dict[str, str]:
        draft, problems = self.current_draft()
        errors = complaints.complaint_errors(draft, self.complaint_id, today=self.today)
        if "received_at" in problems:
            errors.pop("received_at", None)
        if "room_id" in errors:
            errors["room"] = errors.pop("room_id")
        return {**errors, **problems}

    def save(self) -> bool:
        draft, problems = self.current_draft()
        if problems:
            self.show_errors(problems)
            return False
        try:
            self.saved_id = complaints.save_complaint(draft, self.complaint_id, today=self.today)
        except complaints.ValidationError as error:
            self.show_errors(error.errors)
            return False
        except complaints.ComplaintError as error:
            QMessageBox.warning(self, "未保存", str(error))
            return False
        return True
