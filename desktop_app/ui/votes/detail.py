"""The right side of the 改造表决 page: one vote's header and its tabs (录入, 核对, 未表决户, 表决结果).

Built for one `services.votes.session.VoteSession`; the page builds a new one when another vote is selected or
data changed. After every saved ballot the live tally is redrawn at once; the lists of the other tabs
are re-read when their tab is shown, so a keypress costs one tally.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSplitter, QTableView, QTabWidget,
    QVBoxLayout, QWidget,
)

from desktop_app.domain.area import format_area_grouped as area_text
from desktop_app.domain.vocabulary import BallotEntry
from desktop_app.domain.vote_rules import rule_of_matter
from desktop_app.ui.votes.ballot_differences import BallotDifferencesWidget
from desktop_app.ui.votes.ballot_entry import BallotEntryWidget
from desktop_app.ui.votes.tally_panel import TallyPanel
from desktop_app.ui.votes.models import NotVotedModel, status_text
from desktop_app.ui.votes.wizard_pages import matter_text, rule_text

ENTRY_TAB, CHECK_TAB, NOT_VOTED_TAB, RESULT_TAB = range(4)
BANNER_STYLE = "background: #5f6368; color: white; font-size: 15px; font-weight: bold; padding: 6px 10px;"
NOTE_STYLE = "color: #888; padding: 20px;"


def table(model, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setDefaultSectionSize(22)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class VoteDetail(QWidget):
    """Header, 已结束 banner and tabs of one vote. `changed` after every saved or undone ballot."""

    changed = Signal()

    def __init__(self, session: Any, print_not_voted: Callable[[], None],
                 parent: QWidget | None = None, *, today: date) -> None:
        super().__init__(parent)
        self.session = session
        self.today = today
        summary = session.summary
        self.closed = bool(session.closed)
        self.stale_tabs: set[int] = {CHECK_TAB, NOT_VOTED_TAB, RESULT_TAB}
        self.heading = QLabel(summary.title)
        self.heading.setObjectName("vote_title")
        self.heading.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.facts = QLabel(self.facts_text(summary, today))
        self.facts.setObjectName("vote_facts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner = QLabel("本表决已结束：表决票不能再录入或修改。如需更正，请点“重新开启”并填写原因。")
        self.banner.setObjectName("closed_banner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.setVisible(self.closed)

        self.entry = self._entry_widget(BallotEntry.FIRST)
        self.entry_tally = TallyPanel()
        self.entry_tally.setObjectName("entry_tally")
        entry_tab = QSplitter(Qt.Orientation.Horizontal)
        entry_tab.setObjectName("entry_tab")
        entry_tab.addWidget(self.entry)
        entry_tab.addWidget(self.entry_tally)
        entry_tab.setStretchFactor(0, 1)
        entry_tab.setStretchFactor(1, 1)
        entry_tab.setSizes([400, 560])

        self.check = self._entry_widget(BallotEntry.CHECK) if summary.double_entry else None
        self.differences: BallotDifferencesWidget | None = None  # when double entry is on
        check_tab = QWidget()
        check_layout = QVBoxLayout(check_tab)
        if self.check is None:
            note = QLabel("本表决未启用双人核对录入（新建表决时可以选择）。")
            note.setStyleSheet(NOTE_STYLE)
            check_layout.addWidget(note)
            check_layout.addStretch(1)
        else:
            check_layout.addWidget(QLabel("第二人对照纸质表决票再录入一遍；两次录入不一致或只录入一次的房屋列在下面，"
                                          "全部核对一致后才能结束表决。"))
            split = QSplitter(Qt.Orientation.Vertical)
            split.addWidget(self.check)
            self.differences = BallotDifferencesWidget(session)
            self.differences.setObjectName("differences")
            self.differences.table.setToolTip("双击一行，在上面的核对录入中打开该房屋")
            self.differences.table.activated.connect(self._open_difference)
            self.differences.changed.connect(self.ballots_changed)
            split.addWidget(self.differences)
            split.setSizes([300, 300])
            check_layout.addWidget(split, 1)

        self.not_voted = NotVotedModel(self)
        self.not_voted_count = QLabel()
        self.not_voted_count.setObjectName("not_voted_count")
        self.print_not_voted = QPushButton("打印未表决户清单…")
        self.print_not_voted.setObjectName("print_not_voted")
        self.print_not_voted.clicked.connect(print_not_voted)
        not_voted_tab = QWidget()
        not_voted_layout = QVBoxLayout(not_voted_tab)
        top = QHBoxLayout()
        top.addWidget(self.not_voted_count, 1)
        top.addWidget(self.print_not_voted)
        not_voted_layout.addLayout(top)
        self.not_voted_table = table(self.not_voted, "not_voted")
        self.not_voted_table.setToolTip("双击一行（或回车），在“录入表决票”中打开该房屋")
        self.not_voted_table.activated.connect(self._open_not_voted)
        for column, width in enumerate((200, 50, 100)):
            self.not_voted_table.setColumnWidth(column, width)
        not_voted_layout.addWidget(self.not_voted_table)

        self.result_tally = TallyPanel()
        self.result_tally.setObjectName("result_tally")

        self.tabs = QTabWidget()
        self.tabs.setObjectName("vote_tabs")
        self.tabs.addTab(entry_tab, "录入表决票")
        self.tabs.addTab(check_tab, "核对录入")
        self.tabs.addTab(not_voted_tab, "未表决户")
        self.tabs.addTab(self.result_tally, "表决结果")
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        for widget in (self.entry, self.check):
            if widget is not None:
                widget.setEnabled(not self.closed)
                widget.changed.connect(self.ballots_changed)
        self.entry_tally.show_outcome(session.tally())

    def _entry_widget(self, entry: str) -> BallotEntryWidget:
        widget = BallotEntryWidget(self.session, entry=entry, today=self.today)
        widget.setObjectName(f"ballot_entry_{entry}")
        return widget

    @staticmethod
    def facts_text(summary: Any, today: date) -> str:
        """The lines under the title: matter, rule (and why it was changed), scope, period, status, roll."""
        rule = summary.rule
        overridden = rule != rule_of_matter(summary.matter)
        rule_line = f"表决规则：{rule_text(rule)}"
        if overridden:
            rule_line += f"；未采用法定规则，原因：{summary.rule_reason or '（未填写）'}"
        scope = summary.scope_label or "整个小区"
        lines = [
            f"事项类别：{matter_text(summary.matter)}（《民法典》第二百七十八条）",
            rule_line,
            f"范围：{summary.estate_name} {scope}；{summary.rooms:,} 套房屋，专有面积 "
            f"{area_text(summary.total_area_centi)}㎡，业主 {summary.total_heads:,} 人",
            f"表决期：{summary.opens_on:%Y-%m-%d} 至 {summary.closes_on:%Y-%m-%d}；"
            f"状态：{status_text(summary.status, summary.closes_on, today)}；已表决 {summary.voted:,} 户",
            "空白票" + ("计入参与表决" if summary.blank_participates else "不计入参与表决")
            + ("；双人核对录入" if summary.double_entry else ""),
        ]
        return "\n".join(lines)

    # --- after a ballot was saved or undone
    def ballots_changed(self) -> None:
        """Every figure of this vote follows: the header's 已表决 count and the live tally now, the other
        tabs when they are shown."""
        self.facts.setText(self.facts_text(self.session.summary, self.today))
        self.entry_tally.show_outcome(self.session.tally())
        stale = {NOT_VOTED_TAB, RESULT_TAB}
        if self.sender() is not self.differences:  # the differences widget has re-read itself
            stale.add(CHECK_TAB)
        elif self.differences is not None:  # it wrote one entry or the other: both counts follow
            for widget in (self.entry, self.check):
                if widget is not None:
                    widget.count_again()
        self.stale_tabs.update(stale)
        self._tab_shown(self.tabs.currentIndex())
        self.changed.emit()

    def _tab_shown(self, index: int) -> None:
        if index not in self.stale_tabs:
            return
        self.stale_tabs.discard(index)
        if index == CHECK_TAB and self.differences is not None:
            self.differences.refresh()
        elif index == NOT_VOTED_TAB:
            rooms = self.session.not_voted()
            self.not_voted.set_records(rooms)
            total = len(self.session.rooms)
            self.not_voted_count.setText(f"未表决 {len(rooms):,} 户（共 {total:,} 户，已表决 {total - len(rooms):,} 户）")
        elif index == RESULT_TAB:
            self.result_tally.show_outcome(self.session.tally())

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        self._tab_shown(index)

    def _open_not_voted(self, index) -> None:
        room = self.not_voted.record(index.row())
        if room is not None and self.entry.isEnabled():
            self.show_tab(ENTRY_TAB)
            self.entry.load_room(room)

    def _open_difference(self, index) -> None:
        difference = self.differences.model.difference(index.row())
        if difference is not None and self.check.isEnabled():
            self.check.load_room(difference.room)

    def focus_entry(self) -> None:
        """Put the cursor in the room field of the ballot entry (ready for the first paper ballot)."""
        self.show_tab(ENTRY_TAB)
        field = self.entry.findChild(QLineEdit, "room_field")
        (field or self.entry).setFocus()

    def voted(self) -> int:
        return len(self.session.ballots())
