"""入户登记: door-to-door opinions entered as fast as ballots. Type the room (3-1-502) and Enter; type the
demand numbers (07, 12; 5–9 alone); Z/X/C for the view of the plan; Tab to the person, tags and text; Enter
saves and goes back to the room field; Ctrl+Z takes the last save back and puts it in the form again."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDateEdit, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QTableView, QVBoxLayout, QWidget,
)

from desktop_app.domain.opinions import DOOR_TO_DOOR, STANCES
from desktop_app.services import catalogue
from desktop_app.services.changes import NONE, Changes, Topic
from desktop_app.services.consult import events as service
from desktop_app.ui.consult.tab import ConsultTab
from desktop_app.ui.widgets.date_range import DateRange
from desktop_app.ui.consult.demand_checklist import DemandChecklist
from desktop_app.ui.pages.base import PageContext
from desktop_app.ui.widgets.plain_table import PlainTableModel

STANCE_KEYS = {Qt.Key.Key_Z: STANCES[0], Qt.Key.Key_X: STANCES[1], Qt.Key.Key_C: STANCES[2]}
LEGEND = ("<b>按键</b><br>"
          "房号：3-1-502 或 3 1 502，回车<br>"
          "需求：输入编号切换，如 07、12；<br>5–9 可直接按一位；1 再按空格 = 01<br>"
          "态度：Z 支持　X 有意见　C 反对<br>（再按一次取消）<br>"
          "Tab：受访人 → 标签 → 意见<br>"
          "回车：保存并回到房号<br>"
          "Ctrl+Z：撤销上一户<br>"
          "Esc：放弃本户，回到房号")
RECENT_ROWS = 100
RECENT_HEADERS = ("房屋", "受访人", "态度", "需求", "标签")
NOTIFY_DELAY_MS = 1500


class EntryTab(ConsultTab):
    depends_on = frozenset({Topic.CONSULTATIONS, Topic.OPINIONS, Topic.ROLL, Topic.CATALOGUE})

    def __init__(self, context: PageContext, dates: DateRange, parent: QWidget | None = None) -> None:
        super().__init__(context, dates, parent)
        self.session: service.OpinionSession | None = None
        self.session_key: tuple | None = None
        self.room = None  # the room being entered (a session room)
        self.stance = ""
        self.recent: list[tuple[str, ...]] = []
        self.saved_rooms: list[int] = []  # rooms saved in this session, in order (what Ctrl+Z takes back)
        self._writing = False
        self._pending: Changes = NONE  # saved, not yet sent
        self.notify_timer = QTimer(self, singleShot=True, interval=NOTIFY_DELAY_MS)
        self.notify_timer.timeout.connect(self.flush)

        self.event_combo = QComboBox()
        self.event_combo.setObjectName("entry_event")
        self.event_combo.setMinimumWidth(260)
        today = self.today()
        self.given_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.given_on.setObjectName("given_on")
        self.given_on.setCalendarPopup(True)
        self.given_on.setDisplayFormat("yyyy-MM-dd")
        self.progress = QLabel()
        self.progress.setObjectName("progress")
        self.progress.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.room_edit = QLineEdit()
        self.room_edit.setObjectName("room_edit")
        self.room_edit.setPlaceholderText("房号，如 3-1-502，回车")
        self.room_edit.setMaximumWidth(260)
        self.room_edit.returnPressed.connect(self.find_room)
        self.room_info = QLabel("请输入房号")
        self.room_info.setObjectName("room_info")
        self.checklist = DemandChecklist()
        self.panel = QFrame()
        self.panel.setObjectName("entry_panel")
        self.panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.panel.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stance_label = QLabel()
        self.stance_label.setObjectName("stance")
        self.typed = QLabel()
        self.person = self._line("person", "受访人姓名（可不填）")
        self.tags = self._line("tags", "其他诉求/标签，用逗号或顿号分隔")
        self.text = self._line("text", "意见原话或说明")
        self.message = QLabel()
        self.message.setObjectName("entry_message")
        self.message.setWordWrap(True)
        self.save_button = QPushButton("保存（回车）")
        self.save_button.setObjectName("save_opinion")
        self.save_button.clicked.connect(self.save)
        self.undo_button = QPushButton("撤销上一户（Ctrl+Z）")
        self.undo_button.setObjectName("undo_opinion")
        self.undo_button.clicked.connect(self.undo)
        self.recent_model = PlainTableModel(RECENT_HEADERS, parent=self)
        self.recent_view = QTableView()
        self.recent_view.setObjectName("recent_table")
        self.recent_view.setModel(self.recent_model)
        self.recent_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.recent_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.recent_view.horizontalHeader().setStretchLastSection(True)
        self.recent_view.verticalHeader().setDefaultSectionSize(22)
        self.overall = QLabel()
        self.overall.setObjectName("overall")
        self.overall.setStyleSheet("color: #555;")
        self._layout()
        for widget in (self.room_edit, self.panel, self.person, self.tags, self.text):
            widget.installEventFilter(self)
        self.setTabOrder(self.room_edit, self.panel)
        self.setTabOrder(self.panel, self.person)
        self.setTabOrder(self.person, self.tags)
        self.setTabOrder(self.tags, self.text)
        self.event_combo.currentIndexChanged.connect(lambda _i: self._session_settings_changed())
        self.given_on.dateChanged.connect(lambda _d: self._session_settings_changed())
        self._show_stance()

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.returnPressed.connect(self.save)
        return edit

    def _layout(self) -> None:
        head = QHBoxLayout()
        head.addWidget(QLabel("关联活动"))
        head.addWidget(self.event_combo)
        head.addWidget(QLabel("走访日期"))
        head.addWidget(self.given_on)
        head.addStretch(1)
        head.addWidget(self.overall)
        head.addWidget(self.progress)
        room_row = QHBoxLayout()
        room_row.addWidget(QLabel("房号"))
        room_row.addWidget(self.room_edit)
        room_row.addWidget(self.room_info, 1)
        inner = QVBoxLayout(self.panel)
        inner.addWidget(self.checklist)
        stance_row = QHBoxLayout()
        stance_row.addWidget(self.stance_label)
        stance_row.addStretch(1)
        stance_row.addWidget(self.typed)
        inner.addLayout(stance_row)
        fields = QGridLayout()
        for row, (label, edit) in enumerate((("受访人", self.person), ("标签", self.tags), ("意见", self.text))):
            fields.addWidget(QLabel(label), row, 0)
            fields.addWidget(edit, row, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.message, 1)
        legend = QLabel(LEGEND)
        legend.setObjectName("legend")
        legend.setAlignment(Qt.AlignmentFlag.AlignTop)
        legend.setStyleSheet("background: #f4f6f8; padding: 8px; border: 1px solid #d0d7de;")
        left = QVBoxLayout()
        left.addLayout(room_row)
        left.addWidget(self.panel)
        left.addLayout(fields)
        left.addLayout(buttons)
        middle = QHBoxLayout()
        middle.addLayout(left, 1)
        middle.addWidget(legend)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(middle)
        layout.addWidget(QLabel("本次录入（最新在上）"))
        layout.addWidget(self.recent_view, 1)

    # --- session
    def refresh(self) -> None:
        current = self.event_combo.currentData()
        self.event_combo.blockSignals(True)
        self.event_combo.clear()
        self.event_combo.addItem("不关联活动", None)
        for event in service.list_events(self.scope, covering=True):
            if event.kind == DOOR_TO_DOOR:
                self.event_combo.addItem(f"{event.held_on.isoformat()} {event.title or event.kind}", event.id)
        self.event_combo.setCurrentIndex(max(0, self.event_combo.findData(current)))
        self.event_combo.blockSignals(False)
        summary = service.demand_summary(self.scope)
        self.overall.setText(f"范围内累计已有意见 {summary.reached} / {summary.rooms} 户　")
        if self._writing:  # our own save or undo: keep the session and its undo history
            self._show_progress()
            return
        entries = catalogue.catalogue()
        if entries != self.checklist.entries:
            self.checklist.set_entries(entries)
        self.session_key = None
        self._ensure_session()

    def choose_event(self, event_id: int) -> None:
        """Enter the opinions of this 入户走访 event (its scope and date), from the room field."""
        index = self.event_combo.findData(event_id)
        if index >= 0:
            self.event_combo.setCurrentIndex(index)
        self.room_edit.setFocus()

    def written(self, changes: Changes) -> None:
        """Send what was saved once the typing pauses (or this tab is hidden): a save costs 8 ms, the scope's
        totals a query each; the other tabs and pages are hidden while entering, and re-read when shown."""
        self._pending = self._pending | changes
        self.notify_timer.start()

    def flush(self) -> None:
        """Send the pending changes now; our own refresh keeps the session and its undo history."""
        if not self._pending:
            return
        pending, self._pending = self._pending, NONE
        self.notify_timer.stop()
        self._writing = True
        try:
            super().written(pending)
        finally:
            self._writing = False

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt API)
        self.flush()
        super().hideEvent(event)

    def _session_settings_changed(self) -> None:
        self._ensure_session()

    def _given_on(self) -> date:
        value = self.given_on.date()
        return date(value.year(), value.month(), value.day())

    def _ensure_session(self) -> service.OpinionSession:
        event_id = self.event_combo.currentData()
        key = (self.scope, event_id, None if event_id is not None else self._given_on())
        if self.session is None or key != self.session_key:
            self.session = service.OpinionSession(key[0], consultation_id=event_id, channel=DOOR_TO_DOOR,
                                                  given_on=key[2], today=self.today())
            self.session_key = key
            self.saved_rooms = []
            if event_id is not None:
                held = self.session.given_on
                self.given_on.blockSignals(True)
                self.given_on.setDate(QDate(held.year, held.month, held.day))
                self.given_on.blockSignals(False)
            self.given_on.setEnabled(event_id is None)
            if self.room is not None:  # a room half entered stays when the new session still holds it
                try:
                    self.room = self.session.room(self.room.room_id)
                except KeyError:
                    self.abandon()
        self._show_progress()
        return self.session

    def _show_progress(self) -> None:
        if self.session is not None:
            where = "本次活动" if self.session.consultation_id is not None else self.session.given_on.isoformat()
            self.progress.setText(f"{where} 已走访 {self.session.reached()} / {len(self.session.rooms)} 户")

    # --- the room
    def find_room(self) -> None:
        text = self.room_edit.text().strip()
        if not text:
            return
        found = self._ensure_session().find(text)
        if not found:
            self._say(f"本范围内没有房屋“{text}”，请检查楼栋、单元和房号。", error=True)
            self.room_edit.selectAll()
            return
        estates = list(dict.fromkeys(room.estate for room in found))
        if len(estates) > 1:
            self._say(f"“{text}”在 {len(estates)} 个小区都有：{'、'.join(estates[:4])}"
                      f"{'等' if len(estates) > 4 else ''}。请先在窗口上方的范围中选择小区。", error=True)
            self.room_edit.selectAll()
            return
        if len(found) > 1:
            labels = "、".join(room.label for room in found[:6]) + ("等" if len(found) > 6 else "")
            self._say(f"“{text}”对应 {len(found)} 套房屋：{labels}。请写明楼栋和单元，如 3-1-502。", error=True)
            self.room_edit.selectAll()
            return
        self.start_room(found[0])

    def start_room(self, room, *, demands=(), stance: str = "", person: str = "", tags=(), text: str = "") -> None:
        self.room = room
        self.room_edit.setText(room.label)
        info = f"{room.estate} {room.label}　业主：{room.owner_names or '（未登记）'}"
        held = self.session.state(room.room_id) if self.session is not None else None
        if held is not None and not demands and not stance and not person and not tags and not text:
            demands, stance, person, tags, text = held.demands, held.stance, held.person, held.tags, held.text
            info += "　<span style='color:#b35c00'>本次已登记过，修改后回车覆盖</span>"
        elif service.opinions_of_room(room.room_id):
            info += "　<span style='color:#b35c00'>以前已有意见，保存后以本次为准</span>"
        self.room_info.setText(info)
        self.checklist.set_checked(demands)
        self.stance = stance
        self.person.setText(person)
        self.tags.setText("，".join(tags))
        self.text.setText(text)
        self._show_stance()
        self._say("")
        self.panel.setFocus()

    def _show_stance(self) -> None:
        marks = [f"{'●' if self.stance == stance else '○'} {stance}（{key}）"
                 for key, stance in zip("ZXC", STANCES)]
        self.stance_label.setText("对改造方案的态度：" + "　".join(marks))
        self.typed.setText(f"已输入编号：{self.checklist.pending}_" if self.checklist.pending else "")

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1a7f37;")
        self.message.setText(text)

    # --- keys
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        if event.matches(QKeySequence.StandardKey.Undo) and (watched is self.panel or not watched.text()):
            self.undo()
            return True
        if event.key() == Qt.Key.Key_Escape and watched is not self.room_edit:
            self.abandon()
            return True
        if watched is self.panel:
            return self.panel_key(event)
        return False

    def panel_key(self, event: QKeyEvent) -> bool:
        key, text = event.key(), event.text()
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        if text.isdigit() and len(text) == 1:
            name = self.checklist.type_digit(text)
            if name is None and not self.checklist.pending:
                self._say("没有这个编号的需求", error=True)
        elif key == Qt.Key.Key_Space:
            self.checklist.settle()
        elif key in STANCE_KEYS:
            self.checklist.settle()
            stance = STANCE_KEYS[Qt.Key(key)]
            self.stance = "" if self.stance == stance else stance
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.checklist.settle()
            self.save()
        elif key == Qt.Key.Key_Backspace:
            self.checklist.pending = ""
        else:
            self.checklist.settle()
            self._show_stance()
            return False
        self._show_stance()
        return True

    # --- saving and undo
    def save(self) -> None:
        self.checklist.settle()
        if self.room is None:
            self._say("请先输入房号并回车。", error=True)
            self.room_edit.setFocus()
            return
        tags = [part.strip() for part in self.tags.text().replace("、", ",").replace("，", ",").split(",")]
        try:
            self._ensure_session().record(self.room.room_id, demands=self.checklist.checked(), stance=self.stance,
                                          person=self.person.text().strip(), tags=[t for t in tags if t],
                                          text=self.text.text().strip())
        except service.ValidationError as error:
            self._say(str(error), error=True)
            return
        self.saved_rooms.append(self.room.room_id)
        row = (self.room.label, self.person.text().strip(), self.stance or "—",
               "、".join(self.checklist.checked()) or "—", "、".join(t for t in tags if t))
        self.recent.insert(0, row)
        del self.recent[RECENT_ROWS:]  # the table shows the latest entries; the session keeps them all
        self.recent_model.set_rows(RECENT_HEADERS, self.recent)
        self.recent_view.resizeColumnsToContents()
        self._say(f"已保存 {self.room.label}")
        self._next_room()
        self.written(self.session.changes if self.session is not None else Changes.of(Topic.OPINIONS))

    def _next_room(self) -> None:
        self.room = None
        self.checklist.clear()
        self.stance = ""
        for edit in (self.person, self.tags, self.text, self.room_edit):
            edit.clear()
        self.room_info.setText("请输入下一户房号")
        self._show_stance()
        self._show_progress()
        self.room_edit.setFocus()

    def abandon(self) -> None:
        if self.room is not None:
            self._say(f"已放弃 {self.room.label}，未保存")
        self._next_room()

    def undo(self) -> None:
        session = self._ensure_session()
        if not session.can_undo or not self.saved_rooms:
            self._say("没有可撤销的登记", error=True)
            return
        room_id = self.saved_rooms.pop()
        undone = session.state(room_id)
        session.undo()
        if self.recent:
            self.recent.pop(0)
            self.recent_model.set_rows(RECENT_HEADERS, self.recent)
        self.recent_view.resizeColumnsToContents()
        self.written(session.changes)
        room = session.room(room_id)
        if undone is None:
            self.start_room(room)
        else:
            self.start_room(room, demands=undone.demands, stance=undone.stance, person=undone.person,
                            tags=undone.tags, text=undone.text)
        self._show_progress()
        self._say(f"已撤销 {room.label} 的登记，可修改后回车重新保存")
