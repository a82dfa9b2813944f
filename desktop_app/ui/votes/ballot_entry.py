"""Keyboard-first entry of paper ballots into an open vote (改造表决 page).

The room is typed (`3-1-502`, `3 1 502`, `502`) and Enter finds it; several matches open a small list
(↑↓, Enter; Esc goes back). Then one key per item: 1 同意, 2 反对, 3 弃权, 0 or Space 空白, each moving to
the next item; ↑/↓ move, Backspace steps back and clears. F2 cycles the method (纸质 → 现场 → 委托 → 入户);
委托 needs the proxy's name. Enter saves through `VoteSession.record` and returns to the room field;
Ctrl+Z undoes the last saves one by one (`VoteSession.restore`); Esc drops the ballot being typed.
The received date stays as set between ballots. With entry="check" a second person enters the same
paper ballots for the double-entry check and never sees the first entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QSizePolicy,
    QVBoxLayout, QWidget,
)

from desktop_app.domain.area import format_area
from desktop_app.domain.masking import mask_name
from desktop_app.domain.room_entry import parse_room_entry
from desktop_app.domain.tally import ABSTAIN, AGREE, BLANK, OPPOSE
from desktop_app.domain.vocabulary import METHODS, PROXY_METHOD, BallotEntry
from desktop_app.services.votes.lifecycle import BallotState, RollRoom, VoteError, VoteSession

UNDO_LEVELS = 50
CLOSED_TEXT = "本表决已结束，不能再录入或更正表决票；如需更正，请先重新开启表决并填写原因。"
KEY_CHOICES = {Qt.Key.Key_1: AGREE, Qt.Key.Key_2: OPPOSE, Qt.Key.Key_3: ABSTAIN, Qt.Key.Key_0: BLANK,
               Qt.Key.Key_Space: BLANK}
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
CHOICE_COLOURS = {AGREE: "#1e8e3e", OPPOSE: "#c0392b", ABSTAIN: "#b26a00", BLANK: "#777777", None: "#b0b0b0"}
ERROR_STYLE, DONE_STYLE = "color: #c0392b;", "color: #1e8e3e; font-weight: bold;"
CURRENT_ROW, CURRENT_ROW_UNFOCUSED = QColor("#cfe2fb"), QColor("#dde2e8")
HINT = ("房号回车 · 1 同意 · 2 反对 · 3 弃权 · 0/空格 空白 · ↑↓ 移动 · Backspace 退回 · F2 表决方式 · "
        "回车 保存 · Ctrl+Z 撤销上一张 · Esc 重输房号")


def choice_text(choice: str | None) -> str:
    if choice is None:
        return "—"
    return choice or "空白"


def owners_text(room: RollRoom) -> str:
    """Owners as entry shows them: people masked (张*), organisations and the developer in full."""
    person = room.owner_kind == "person"
    names = [mask_name(name) if person else name for name in room.owner_names if name]
    return "、".join(names) if names else "（无业主信息）"


def ballot_text(state: BallotState) -> str:
    how = state.method + (f"，代理人 {state.proxy}" if state.proxy else "")
    when = f"，{state.received_on.isoformat()} 收到" if state.received_on else ""
    return f"{'、'.join(choice_text(choice) for choice in state.choices)}（{how}{when}）"


@dataclass(frozen=True)
class Saved:
    """One save that Ctrl+Z can take back: the room and the ballot it replaced (None: there was none)."""

    room: RollRoom
    previous: BallotState | None


class ChoiceList(QFrame):
    """The items of the vote, one per row, with the answer typed for each and the current row marked.

    Painted in one widget: a keypress changes one row and repaints, it never relays out the page."""

    save_requested = Signal()

    def __init__(self, items: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("choices")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.items = list(items)
        self.choices: list[str | None] = [None] * len(items)
        self.current = 0
        self.row_height = self.fontMetrics().height() + 8
        self.bold = QFont(self.font())
        self.bold.setBold(True)
        self.setMinimumHeight(self.row_height * (len(items) + 1) + 2 * self.frameWidth() + 8)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(320, self.minimumHeight())

    def set_choices(self, choices: list[str | None]) -> None:
        self.choices = list(choices)
        self.current = 0
        self.update()

    def move_to(self, position: int) -> None:
        """Rows 0..n-1 are the items; n means "past the last item, ready to save"."""
        self.current = max(0, min(position, len(self.items)))
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        painter = QPainter(self)
        area = self.contentsRect().adjusted(4, 4, -4, -4)
        enabled = self.isEnabled()
        plain = self.palette().color(QPalette.ColorRole.WindowText) if enabled else QColor("#a0a0a0")
        left, width = area.left(), area.width()
        middle = int(Qt.AlignmentFlag.AlignVCenter)
        metrics = self.fontMetrics()
        for index, (name, choice) in enumerate(zip(self.items, self.choices)):
            top = area.top() + index * self.row_height
            if enabled and index == self.current:
                painter.fillRect(QRect(left, top, width, self.row_height),
                                 CURRENT_ROW if self.hasFocus() else CURRENT_ROW_UNFOCUSED)
            painter.setPen(plain)
            painter.setFont(self.font())
            painter.drawText(QRect(left + 6, top, 30, self.row_height), middle, f"{index + 1}.")
            painter.drawText(QRect(left + 34, top, width - 110, self.row_height), middle,
                             metrics.elidedText(name, Qt.TextElideMode.ElideRight, width - 110))
            painter.setPen(QColor(CHOICE_COLOURS[choice]) if enabled else plain)
            painter.setFont(self.bold)
            painter.drawText(QRect(left + width - 70, top, 64, self.row_height),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), choice_text(choice))
        if enabled and self.current == len(self.items):
            painter.setPen(QColor("#1f5f99"))
            painter.setFont(self.font())
            painter.drawText(QRect(left + 6, area.top() + len(self.items) * self.row_height, width - 12,
                                   self.row_height), middle, "全部事项已录入，按回车保存")
        painter.end()

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().focusOutEvent(event)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        key = Qt.Key(event.key())
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier
        if plain and key in KEY_CHOICES:
            if self.current < len(self.items):
                self.choices[self.current] = KEY_CHOICES[key]
                self.move_to(self.current + 1)
        elif key == Qt.Key.Key_Up:
            self.move_to(self.current - 1)
        elif key == Qt.Key.Key_Down:
            self.move_to(self.current + 1)
        elif key == Qt.Key.Key_Backspace:
            self.move_to(self.current - 1)
            if self.current < len(self.items):
                self.choices[self.current] = None
        elif key in ENTER_KEYS:
            self.save_requested.emit()
        else:
            super().keyPressEvent(event)


class BallotEntryWidget(QWidget):
    """Ballot entry for one `VoteSession`; `changed` is emitted after every save and undo."""

    changed = Signal()

    def __init__(self, session: VoteSession, *, entry: str = BallotEntry.FIRST, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.entry = entry
        self.room: RollRoom | None = None
        self.matches: list[RollRoom] = []
        self.undo_stack: list[Saved] = []
        self.showing_previous = False  # method, proxy and date on screen come from a saved ballot
        self.item_names = [item.name for item in session.items]

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fdecea; color: #a12622; padding: 6px; font-weight: bold;")
        checking = entry == BallotEntry.CHECK
        title = QLabel("核对录入（第二人录入同一批纸质表决票）" if checking else "表决票录入")
        title.setStyleSheet("font-size: 16px; font-weight: bold;" + (" color: #1f5f99;" if checking else ""))
        self.count = QLabel()
        self.room_field = QLineEdit()
        self.room_field.setObjectName("room_field")
        self.room_field.setPlaceholderText("房号，如 3-1-502 或 3 1 502，回车")
        self.room_field.setStyleSheet("font-size: 16px;")
        self.message = QLabel()
        self.message.setObjectName("entry_message")
        self.message.setWordWrap(True)
        self.chooser = QListWidget()
        self.chooser.setObjectName("room_chooser")
        self.chooser.setMaximumHeight(140)
        self.chooser.setVisible(False)
        self.room_info = QLabel("请输入房号")
        self.room_info.setStyleSheet("font-size: 14px; font-weight: bold;")
        self.previous_info = QLabel()
        self.previous_info.setWordWrap(True)
        self.previous_info.setStyleSheet("color: #b26a00;")
        self.choice_list = ChoiceList(self.item_names)
        self.method = QComboBox()
        self.method.addItems(METHODS)
        self.proxy = QLineEdit()
        self.proxy.setPlaceholderText("委托时填写代理人姓名")
        self.usual_date = QDate(today.year, today.month, today.day)  # kept between ballots; a correction shows its own date
        self.received = QDateEdit(self.usual_date)
        self.received.setDisplayFormat("yyyy-MM-dd")
        self.received.setCalendarPopup(True)
        self.status = QLabel()
        self.status.setObjectName("entry_status")
        self.status.setStyleSheet(DONE_STYLE)
        hint = QLabel(HINT)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")

        head = QHBoxLayout()
        head.addWidget(title, 1)
        head.addWidget(self.count)
        room_line = QHBoxLayout()
        room_line.addWidget(QLabel("房号"))
        room_line.addWidget(self.room_field, 1)
        how = QGridLayout()
        how.addWidget(QLabel("表决方式（F2）"), 0, 0)
        how.addWidget(self.method, 0, 1)
        how.addWidget(QLabel("收到日期"), 0, 2, Qt.AlignmentFlag.AlignRight)
        how.addWidget(self.received, 0, 3)
        how.addWidget(QLabel("代理人"), 1, 0)
        how.addWidget(self.proxy, 1, 1, 1, 3)
        how.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(head)
        layout.addLayout(room_line)
        layout.addWidget(self.message)
        layout.addWidget(self.chooser)
        layout.addWidget(self.room_info)
        layout.addWidget(self.previous_info)
        layout.addWidget(self.choice_list)
        layout.addLayout(how)
        layout.addWidget(self.status)
        layout.addWidget(hint)
        layout.addStretch(1)
        for first, second in ((self.room_field, self.choice_list), (self.choice_list, self.method),
                              (self.method, self.proxy), (self.proxy, self.received)):
            QWidget.setTabOrder(first, second)

        self.choice_list.save_requested.connect(self.save)
        self.method.currentTextChanged.connect(self._method_changed)
        for widget in (self.room_field, self.chooser, self.choice_list, self.method, self.proxy, self.received):
            widget.installEventFilter(self)
        self.voted = sum(1 for room in session.rooms if session.ballot(room.roll_id, entry) is not None)
        self.clear_ballot()
        self.refresh()

    # ------------------------------------------------------------ keys
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() != QEvent.Type.KeyPress:
            return False
        key, modifiers = Qt.Key(event.key()), event.modifiers()
        if key == Qt.Key.Key_Z and modifiers & Qt.KeyboardModifier.ControlModifier:
            self.undo()
            return True
        if key == Qt.Key.Key_F2:
            self.cycle_method()
            return True
        if key == Qt.Key.Key_Escape:
            self.cancel_chooser() if watched is self.chooser else self.clear_ballot()
            return True
        if key in ENTER_KEYS:
            if watched is self.room_field:
                self.look_up()
            elif watched is self.chooser:
                self.choose()
            elif watched is not self.choice_list:
                self.save()
            else:
                return False
            return True
        return False

    # ------------------------------------------------------------ room
    def look_up(self) -> None:
        if self.session.closed:
            return self._closed()
        text = self.room_field.text().strip()
        if not text:
            return self._error("请输入房号，如 3-1-502 或 3 1 502")
        if parse_room_entry(text) is None:
            return self._retype(f"无法识别“{text}”：请按 楼-单元-房号 输入，如 3-1-502 或 3 1 502")
        found = self.session.find(text)
        if not found:
            return self._retype(f"本表决范围内没有房屋“{text}”，请核对后重新输入")
        if len(found) == 1:
            return self.load_room(found[0])
        self.matches = found
        self.chooser.clear()
        for room in found:
            QListWidgetItem(f"{room.label}  {format_area(room.area_centi)}㎡  业主 {owners_text(room)}", self.chooser)
        self.chooser.setCurrentRow(0)
        self.chooser.setVisible(True)
        self._error(f"“{text}”对应 {len(found)} 户，请用 ↑↓ 选择后回车（Esc 重输）", colour="color: #1f5f99;")
        self.chooser.setFocus()

    def choose(self) -> None:
        row = self.chooser.currentRow()
        if 0 <= row < len(self.matches):
            self.load_room(self.matches[row])

    def cancel_chooser(self) -> None:
        self.chooser.setVisible(False)
        self.matches = []
        self._retype("")

    def load_room(self, room: RollRoom) -> None:
        """Show a room and its items, ready for the answers (the page may call this, e.g. from 未表决户)."""
        self.chooser.setVisible(False)
        self.matches = []
        self.room = room
        self.message.clear()
        self.room_field.setText(room.label)
        self.room_info.setText(f"{room.label}　{format_area(room.area_centi)}㎡　业主 {owners_text(room)}")
        previous = self.session.ballot(room.roll_id, self.entry)
        shown_previous, self.showing_previous = self.showing_previous, previous is not None
        if previous is not None:
            self.previous_info.setText(f"已录入，将更正：{ballot_text(previous)}")
            self.choice_list.set_choices(list(previous.choices))
            self.method.setCurrentText(previous.method)
            self.proxy.setText(previous.proxy)
            if previous.received_on is not None:
                self.received.setDate(QDate(previous.received_on))
        else:  # a method chosen (F2) before the room was typed stays; one shown from a corrected ballot goes
            self.previous_info.clear()
            self.choice_list.set_choices([None] * len(self.item_names))
            if shown_previous:
                self.method.setCurrentText(METHODS[0])
                self.proxy.clear()
            self.received.setDate(self.usual_date)
        self.choice_list.setEnabled(True)
        self.choice_list.setFocus()

    def clear_ballot(self) -> None:
        """Drop the ballot being typed and go back to the room field (the received date stays)."""
        self.room = None
        self.showing_previous = False
        self.chooser.setVisible(False)
        self.matches = []
        self.room_field.clear()
        self.room_info.setText("请输入房号")
        self.previous_info.clear()
        self.choice_list.set_choices([None] * len(self.item_names))
        self.choice_list.setEnabled(False)
        self.method.setCurrentText(METHODS[0])
        self.proxy.clear()
        self.received.setDate(self.usual_date)
        self.room_field.setFocus()

    # ------------------------------------------------------------ method
    def cycle_method(self) -> None:
        self.method.setCurrentIndex((self.method.currentIndex() + 1) % len(METHODS))

    def _method_changed(self, method: str) -> None:
        self.proxy.setEnabled(method == PROXY_METHOD)

    # ------------------------------------------------------------ save and undo
    def save(self) -> None:
        if self.room is None:
            return self._retype("请先输入房号并回车")
        missing = [index for index, choice in enumerate(self.choice_list.choices) if choice is None]
        if missing:
            self.choice_list.move_to(missing[0])
            self.choice_list.setFocus()
            return self._error(f"第 {missing[0] + 1} 项“{self.item_names[missing[0]]}”尚未录入"
                               f"（共 {len(missing)} 项未录）：按 1 同意、2 反对、3 弃权，0 或空格记为空白")
        method, proxy = self.method.currentText(), self.proxy.text().strip()
        if method == PROXY_METHOD and not proxy:
            self.proxy.setFocus()
            return self._error("委托表决须填写代理人姓名：请输入后回车保存")
        room, choices, received = self.room, tuple(self.choice_list.choices), self.received.date()
        try:
            previous = self.session.record(room.roll_id, choices, method=method,
                                           proxy=proxy if method == PROXY_METHOD else "",
                                           received_on=received.toPython(), entry=self.entry)
        except VoteError as error:  # record() checks the vote's status in its transaction
            if self.session.closed:
                return self._closed()
            self.refresh()
            return self._error(str(error))
        self.undo_stack = (self.undo_stack + [Saved(room, previous)])[-UNDO_LEVELS:]
        self.voted += previous is None
        if previous is None:
            self.usual_date = received
        self.clear_ballot()
        self.message.clear()
        self.status.setText(f"已保存 {room.label}" + ("（已更正）" if previous is not None else ""))
        self._show_count()
        self.changed.emit()

    def undo(self) -> None:
        if not self.undo_stack:
            return self._error("没有可撤销的录入")
        saved = self.undo_stack[-1]
        try:
            self.session.restore(saved.room.roll_id, saved.previous, self.entry)
        except VoteError as error:  # record() checks the vote's status in its transaction
            if self.session.closed:
                return self._closed()
            self.refresh()
            return self._error(str(error))
        self.undo_stack.pop()
        self.voted -= saved.previous is None
        self.clear_ballot()
        self.message.clear()
        self.status.setText(f"已撤销 {saved.room.label} 的录入"
                            + ("，恢复为更正前的表决票" if saved.previous is not None else ""))
        self._show_count()
        self.changed.emit()

    # ------------------------------------------------------------ state
    def refresh(self) -> None:
        """Follow the vote's status (closed: read-only with a banner) and recount the ballots entered."""
        closed = self.session.closed
        self.banner.setText(CLOSED_TEXT)
        self.banner.setVisible(closed)
        for widget in (self.room_field, self.choice_list, self.method, self.proxy, self.received):
            widget.setEnabled(not closed)
        if not closed:
            self.choice_list.setEnabled(self.room is not None)
            self.proxy.setEnabled(self.method.currentText() == PROXY_METHOD)
        self._show_count()

    def _closed(self) -> None:
        self.refresh()
        self._error(CLOSED_TEXT)

    def recount(self) -> None:
        """After ballots were written elsewhere (an import): count again; the undo history no longer applies."""
        self.voted = sum(1 for room in self.session.rooms if self.session.ballot(room.roll_id, self.entry))
        self.undo_stack.clear()
        self.refresh()

    def count_again(self) -> None:
        """Ballots of this entry were written elsewhere on the page (the double-entry check adopted one):
        count them again; the undo history stays."""
        self.voted = sum(1 for room in self.session.rooms if self.session.ballot(room.roll_id, self.entry))
        self._show_count()

    def _show_count(self) -> None:
        self.count.setText(f"已录入 {self.voted:,} / {len(self.session.rooms):,} 户")

    def _error(self, text: str, colour: str = ERROR_STYLE) -> None:
        self.message.setStyleSheet(colour)
        self.message.setText(text)
        if text:
            self.status.clear()

    def _retype(self, text: str) -> None:
        self._error(text)
        self.room_field.setFocus()
        self.room_field.selectAll()
