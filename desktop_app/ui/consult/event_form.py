"""The form of one consultation event: kind, title, date, place, organiser, attendance, minutes and
attachments. It validates as you type (`consultations.event_errors`), warns about missing attachment
files, and saves through the service."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QDate, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from desktop_app.domain.opinions import KINDS
from desktop_app.services.consult import events as service
from desktop_app.services.scope import ALL, Scope, scope_label
from desktop_app.ui.widgets.forms import error_label


class EventForm(QGroupBox):
    saved = Signal(int)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__("活动详情", parent)
        self.today = today  # the workspace's clock
        self.event_id: int | None = None
        self.scope: Scope = ALL
        self.dirty = False
        self.touched: set[str] = set()
        self._loading = False
        self.ask_files: Callable[[], list[str]] = self._ask_files  # tests answer for the user
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.kind = QComboBox()
        self.kind.addItems(KINDS)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("如：杜鹃新村改造方案居民座谈会")
        shown = today()
        self.held_on = QDateEdit(QDate(shown.year, shown.month, shown.day))
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("yyyy-MM-dd")
        self.place = QLineEdit()
        self.organiser = QLineEdit()
        self.attendance = QLineEdit("0")
        self.minutes = QPlainTextEdit()
        self.minutes.setPlaceholderText("会议纪要、主要意见和答复")
        self.attachments = QListWidget()
        self.attachments.setMaximumHeight(90)
        self.scope_text = QLabel()
        self.messages: dict[str, QLabel] = {}
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #a15c00;")
        self.status = QLabel()
        self.save_button = QPushButton("保存活动")
        self.save_button.setObjectName("save_event")
        self.save_button.clicked.connect(self.save)
        form = QFormLayout()
        for key, label, widget in (("kind", "方式", self.kind), ("title", "主题", self.title_edit),
                                   ("held_on", "日期", self.held_on), ("place", "地点", self.place),
                                   ("organiser", "组织者", self.organiser), ("attendance", "参加人数", self.attendance),
                                   ("minutes", "纪要", self.minutes)):
            widget.setObjectName(f"event_{key}")
            form.addRow(label, self._with_message(key, widget))
        form.addRow("范围", self.scope_text)
        files = QVBoxLayout()
        files.addWidget(self.attachments)
        buttons = QHBoxLayout()
        for text, slot, name in (("添加文件…", self.add_files, "add_files"), ("打开", self.open_file, "open_file"),
                                 ("移除", self.remove_file, "remove_file")):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        files.addLayout(buttons)
        files_box = QWidget()
        files_box.setLayout(files)
        form.addRow("附件", self._with_message("attachments", files_box))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warnings)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        layout.addLayout(bottom)
        self.kind.currentIndexChanged.connect(lambda _i: self.changed("kind"))
        self.held_on.dateChanged.connect(lambda _d: self.changed("held_on"))
        self.minutes.textChanged.connect(lambda: self.changed("minutes"))
        for key, edit in (("title", self.title_edit), ("place", self.place), ("organiser", self.organiser),
                          ("attendance", self.attendance)):
            edit.textEdited.connect(lambda _t, key=key: self.changed(key))
        self.start_new(ALL)

    def _with_message(self, key: str, widget: QWidget) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        message = error_label()
        message.setObjectName(f"error_event_{key}")
        message.setVisible(False)
        column.addWidget(message)
        self.messages[key] = message
        return box

    # --- loading
    def start_new(self, scope: Scope) -> None:
        self._fill(None, service.EventDraft(held_on=self.today(), scope=scope))
        self.status.setText("新建活动：填写后点“保存活动”")

    def load(self, event_id: int) -> None:
        self._fill(event_id, service.event_draft(event_id))
        self.status.setText("")

    def _fill(self, event_id: int | None, draft: service.EventDraft) -> None:
        self._loading = True
        try:
            self.event_id = event_id
            self.scope = draft.scope
            self.kind.setCurrentText(draft.kind)
            self.title_edit.setText(draft.title)
            held = draft.held_on or self.today()
            self.held_on.setDate(QDate(held.year, held.month, held.day))
            self.place.setText(draft.place)
            self.organiser.setText(draft.organiser)
            self.attendance.setText(str(draft.attendance))
            self.minutes.setPlainText(draft.minutes)
            self.attachments.clear()
            self.attachments.addItems(draft.attachments)
            self.scope_text.setText(scope_label(draft.scope))
        finally:
            self._loading = False
        self.dirty = False
        self.touched = set()
        self.setTitle("活动详情" if event_id is not None else "新建活动")
        self.validate()

    def focus_first(self) -> None:
        self.title_edit.setFocus()

    # --- validation
    def draft(self) -> service.EventDraft:
        value = self.held_on.date()
        text = self.attendance.text().strip()
        attendance: int | str = int(text) if text.isdigit() else text
        return service.EventDraft(self.kind.currentText(), date(value.year(), value.month(), value.day()),
                                  self.scope, self.title_edit.text(), self.place.text(), self.organiser.text(),
                                  attendance, self.minutes.toPlainText(),  # type: ignore[arg-type]
                                  [self.attachments.item(i).text() for i in range(self.attachments.count())])

    def changed(self, key: str) -> None:
        if self._loading:
            return
        self.dirty = True
        self.touched.add(key)
        self.status.setText("有未保存的修改")
        self.validate()

    def validate(self, show_all: bool = False) -> dict[str, str]:
        draft = self.draft()
        errors = service.event_errors(draft)
        for key, label in self.messages.items():
            message = errors.get(key) if show_all or key in self.touched else None
            label.setText(message or "")
            label.setVisible(bool(message))
        if "scope" in errors:
            self.status.setText(errors["scope"])
        self.warnings.setText("\n".join(service.event_warnings(draft)))
        self.save_button.setEnabled(not errors and (self.dirty or self.event_id is None))
        return errors

    # --- saving
    def save(self) -> None:
        if self.validate(show_all=True):
            return
        try:
            event_id = service.save_event(self.draft(), self.event_id)
        except service.ValidationError as error:
            for key, text in error.errors.items():
                label = self.messages.get(key)
                if label is not None:
                    label.setText(text)
                    label.setVisible(True)
            self.status.setText(str(error))
            return
        self.event_id = event_id
        self.dirty = False
        self.setTitle("活动详情")
        self.validate()
        self.status.setText("已保存")
        self.saved.emit(event_id)

    # --- attachments
    def _ask_files(self) -> list[str]:
        paths, _filter = QFileDialog.getOpenFileNames(self, "添加附件", str(Path.home()), "所有文件 (*)")
        return paths

    def add_files(self) -> None:
        present = {self.attachments.item(i).text() for i in range(self.attachments.count())}
        added = [path for path in self.ask_files() if path not in present]
        if added:
            self.attachments.addItems(added)
            self.changed("attachments")

    def open_file(self) -> None:
        item = self.attachments.currentItem()
        if item is None:
            self.status.setText("请先在附件列表中选择一个文件")
            return
        if not Path(item.text()).exists():
            self.status.setText(f"附件“{item.text()}”不存在（可能已移动或在其他电脑上）")
            return
        self.open_url(QUrl.fromLocalFile(item.text()))

    def remove_file(self) -> None:
        row = self.attachments.currentRow()
        if row >= 0:
            self.attachments.takeItem(row)
            self.changed("attachments")
