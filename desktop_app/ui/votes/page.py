"""改造表决: the votes of the window's scope on the left, the selected vote on the right.

The right side (`ui.votes.detail.VoteDetail`) enters ballots, checks double entry, lists the rooms not yet
voted and shows the result. The buttons create a vote (the wizard, Ctrl+N), import and export ballots
(`ui.votes.import_dialog`), print ballots and the result notice (`ui.votes.print_actions`), close a vote
(after showing each item's verdict) and reopen it (a reason is required).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit, QMessageBox, QPushButton,
    QSplitter, QStackedWidget, QTableView, QVBoxLayout, QWidget,
)

from desktop_app.domain.tally import summary_text
from desktop_app.services.changes import Changes, Topic
from desktop_app.services.votes import lifecycle as votes
from desktop_app.services.scope import Scope
from desktop_app.ui.pages.base import Page, PageContext
from desktop_app.ui.votes.tally_panel import problem_lines
from desktop_app.ui.votes import import_dialog, print_actions
from desktop_app.ui.votes.detail import RESULT_TAB, VoteDetail
from desktop_app.ui.votes.models import VoteListModel

NEW_VOTE_KEY = QKeySequence("Ctrl+N")


class VotesPage(Page):
    title = "改造表决"
    depends_on = frozenset({Topic.VOTES, Topic.BALLOTS})

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.detail: VoteDetail | None = None
        self.selecting = False
        self.stale = True
        self.sending = False  # our own ballot change is on the bus: this page has followed it already
        self.ask_reason = self._ask_reason  # replaced in tests that do not drive the dialog
        self.model = VoteListModel(self, today=context.workspace.clock.today)
        self.table = QTableView()
        self.table.setObjectName("votes_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((190, 70, 70, 76, 160)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.count = QLabel()
        self.count.setObjectName("votes_count")

        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for name, text, slot in (
                ("new_vote", "新建表决", self.new_vote), ("import", "导入表决票…", self.import_ballots),
                ("export", "导出表决票汇总…", self.export_ballots), ("export_roll", "导出复核名册…", self.export_roll),
                ("print_ballots", "打印表决票…", self.print_ballots),
                ("print_result", "结果公告…", self.print_result), ("close_vote", "结束表决", self.close_vote),
                ("reopen", "重新开启", self.reopen_vote)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[name] = button
        bar.addStretch(1)
        self.buttons["new_vote"].setToolTip("新建表决（Ctrl+N）")
        self.buttons["export_roll"].setToolTip("表决开始时冻结的名册（含证件号码），与表决票汇总一起供 desktop-app tally 复核计票")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("本范围内的表决"))
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)
        self.right = QStackedWidget()
        self.right.setObjectName("vote_detail_stack")
        self.empty = QLabel("请在左侧选择一项表决，或点“新建表决”（Ctrl+N）。")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #666; font-size: 15px;")
        self.right.addWidget(self.empty)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("votes_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([360, 920])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self.refresh()

    # --- Ctrl+N belongs to this page while it has the focus (the window's 新增房屋 has it elsewhere)
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._is_new_vote_key(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if self._is_new_vote_key(event):
            event.accept()
            self.new_vote()
            return
        super().keyPressEvent(event)

    @staticmethod
    def _is_new_vote_key(event: QEvent) -> bool:
        return isinstance(event, QKeyEvent) and QKeySequence(event.keyCombination()) == NEW_VOTE_KEY

    # --- scope and data
    @property
    def vote_id(self) -> int | None:
        return self.detail.session.summary.id if self.detail is not None else None

    @property
    def session(self):
        return self.detail.session if self.detail is not None else None

    def scope_changed(self, scope: Scope) -> None:
        self.refresh()

    def data_changed(self, changes: Changes) -> None:
        if not self.sending:
            super().data_changed(changes)

    def refresh(self) -> None:
        """Re-read the votes of the scope; the selected vote stays selected (and is re-read) if still there.
        A hidden page only notes it (loading a vote's roll costs a moment) and re-reads when shown."""
        if not self.isVisible():
            self.stale = True
            return
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self.stale:
            self.reload()

    def reload(self) -> None:
        self.stale = False
        keep = self.vote_id
        self.model.set_records(votes.list_votes(self.context.scope.scope))
        self.count.setText(f"共 {self.model.rowCount()} 项表决" if self.model.rowCount() else "本范围内还没有表决")
        row = self.model.row_of(keep)
        self.select_row(row if row >= 0 else 0 if self.model.rowCount() else -1)

    def select_vote(self, vote_id: int) -> None:
        if self.stale:
            self.reload()
        self.select_row(self.model.row_of(vote_id))

    def select_row(self, row: int) -> None:
        selection = self.table.selectionModel()
        if row < 0:
            selection.clearSelection()
            self.show_vote(None)
            return
        self.selecting = True
        try:
            selection.setCurrentIndex(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self.selecting = False
        self.show_vote(self.model.vote_id(row))  # also when the row did not change: the data did

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        vote_id = self.model.vote_id(current.row()) if current.isValid() else None
        if not self.selecting and vote_id != self.vote_id:
            self.show_vote(vote_id)

    def show_vote(self, vote_id: int | None) -> None:
        old = self.detail
        tab = old.tabs.currentIndex() if old is not None and old.session.summary.id == vote_id else 0
        self.detail = None
        if vote_id is not None:
            self.detail = VoteDetail(votes.VoteSession(vote_id), self._print_not_voted_action(),
                                     today=self.context.workspace.clock.today())
            self.detail.changed.connect(self._ballots_changed)
            self.right.addWidget(self.detail)
            self.right.setCurrentWidget(self.detail)
            self.detail.show_tab(tab)
        else:
            self.right.setCurrentWidget(self.empty)
        if old is not None:
            self.right.removeWidget(old)
            old.deleteLater()
        self._update_buttons()

    def _print_not_voted_action(self):
        return lambda: print_actions.print_not_voted(self, self.vote_id)

    def _ballots_changed(self) -> None:
        """A ballot was saved or undone: the list's count follows without re-reading every vote (the detail
        has redrawn itself), and the change goes on the bus for whatever else counts ballots."""
        row = self.model.row_of(self.vote_id)
        if row >= 0 and self.detail is not None:
            self.model.records[row] = replace(self.model.records[row], voted=self.detail.voted())
            self.model.dataChanged.emit(self.model.index(row, 5), self.model.index(row, 5))
        if self.detail is not None:
            self.sending = True
            try:
                self.context.changes.emit(self.detail.session.changes)
            finally:
                self.sending = False

    def _update_buttons(self) -> None:
        summary = self.session.summary if self.session is not None else None
        closed = summary is not None and summary.status == votes.VoteState.CLOSED
        states = {
            "import": (summary is not None and not closed, "已结束的表决不能导入表决票"),
            "export": (summary is not None, ""),
            "export_roll": (summary is not None, ""),
            "print_ballots": (summary is not None, ""),
            "print_result": (summary is not None, ""),
            "close_vote": (summary is not None and not closed, "表决已结束"),
            "reopen": (closed, "只有已结束的表决可以重新开启"),
        }
        for name, (enabled, why_not) in states.items():
            button = self.buttons[name]
            button.setEnabled(enabled)
            button.setToolTip("" if enabled or summary is None else why_not)

    # --- actions
    def new_vote(self) -> None:
        from desktop_app.ui.votes.wizard import VoteWizard

        wizard = VoteWizard(self.context, parent=self)
        wizard.exec()
        if wizard.vote_id is not None:
            self.select_vote(wizard.vote_id)  # the wizard's change already re-read the list
            if self.detail is not None:
                self.detail.focus_entry()

    def import_ballots(self) -> None:
        if self.vote_id is not None:
            import_dialog.import_ballots(self, self.vote_id)  # it sends the change when it wrote

    def export_roll(self) -> None:
        if self.vote_id is not None:
            import_dialog.export_vote_roll(self, self.vote_id)

    def export_ballots(self) -> None:
        if self.vote_id is not None:
            import_dialog.export_ballots(self, self.vote_id)

    def print_ballots(self) -> None:
        if self.vote_id is not None:
            print_actions.print_ballots(self, self.vote_id)

    def print_result(self) -> None:
        if self.vote_id is not None:
            print_actions.print_result(self, self.vote_id)

    def close_vote(self) -> None:
        """Show each item's verdict and ask; closing stores the result and locks the ballots."""
        session = self.session
        if session is None:
            return
        outcome = session.tally()
        if outcome.error is not None:
            QMessageBox.warning(self, "不能结束表决", "计票有问题，请先更正：\n\n"
                                + "\n".join(f"• {problem}" for problem in problem_lines(outcome.error)))
            return
        verdicts = "\n".join(f"{number}. {summary_text(item)}"
                             for number, item in enumerate(outcome.result.items, start=1))
        early = ""
        if self.context.workspace.clock.today() < session.summary.closes_on:
            early = (f"注意：表决期到 {session.summary.closes_on:%Y-%m-%d} 才截止，现在结束，尚未交票的业主将不能再表决。"
                     "提前结束须符合议事规则或表决公告的约定。\n\n")
        box = QMessageBox(QMessageBox.Icon.Question, "结束表决",
                          f"{early}结束“{session.summary.title}”后，表决票不能再录入或修改，结果按下列计票保存：\n\n"
                          f"{verdicts}\n\n确定结束表决吗？", parent=self)
        box.setObjectName("confirm_close")
        yes = box.addButton("结束表决", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not yes:
            return
        try:
            votes.close_vote(session.summary.id)
        except votes.VoteError as error:
            QMessageBox.warning(self, "不能结束表决", str(error))
            return
        self.context.changes.emit(Changes.of(Topic.VOTES, ids=(session.summary.id,)))
        if self.detail is not None:
            self.detail.show_tab(RESULT_TAB)

    def reopen_vote(self) -> None:
        session = self.session
        if session is None:
            return
        reason = self.ask_reason()
        if reason is None:
            return
        if not reason.strip():
            QMessageBox.warning(self, "未重新开启", "重新开启表决必须填写原因（将记入变更记录），表决仍为已结束。")
            return
        try:
            changes = votes.reopen_vote(session.summary.id, reason.strip())
        except votes.VoteError as error:
            QMessageBox.warning(self, "未重新开启", str(error))
            return
        self.context.changes.emit(changes)

    def _ask_reason(self) -> str | None:
        """The reason for reopening, "" when left empty, None when cancelled."""
        dialog = QInputDialog(self)
        dialog.setObjectName("reopen_reason")
        dialog.setWindowTitle("重新开启表决")
        dialog.setLabelText("重新开启后可以更正表决票，更正完毕须再次结束表决。\n请填写重新开启的原因（必填，记入变更记录）：")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setOkButtonText("重新开启")
        dialog.setCancelButtonText("取消")
        return dialog.textValue() if dialog.exec() else None
