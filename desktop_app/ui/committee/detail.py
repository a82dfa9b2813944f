"""A case's detail: the stages with their dates, each clock, the preparatory group, candidates and the
election, the committee with its terms, the filing; and the estate's management modes."""

from __future__ import annotations


from PySide6.QtWidgets import QHBoxLayout, QLabel, QTableView, QTabWidget, QVBoxLayout, QWidget, QHeaderView

from desktop_app.domain.committee import DONE, DONE_LATE, OVERDUE, TOO_EARLY, Clock, Election, timeline
from desktop_app.services.committee import Candidate, CaseSummary, GroupMemberInput, Management, MemberInput
from desktop_app.ui.committee.models import day_text
from desktop_app.ui.widgets.plain_table import PlainTableModel

TIMELINE_TAB, GROUP_TAB, ELECTION_TAB, MEMBERS_TAB, MODES_TAB = range(5)


def table(model: PlainTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    return view


def clock_state_text(clock: Clock) -> str:
    if clock.state == DONE:
        return "按期完成"
    if clock.state == DONE_LATE:
        return f"逾期 {clock.days} 天完成"
    if clock.state == OVERDUE:
        return f"已逾期 {clock.days} 天"
    if clock.state == TOO_EARLY:
        return "早于最早日期"
    if clock.not_before:
        return f"距最早日期 {clock.days} 天" if clock.open else "可以召开"
    return f"还有 {clock.days} 天到期"


class CaseDetail(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stages = PlainTableModel(("阶段", "日期"))
        self.clocks = PlainTableModel(("期限", "期限日", "计法", "状态", "说明"))
        self.group = PlainTableModel(("姓名", "职务", "单位", "业主代表"))
        self.candidates = PlainTableModel(("候选人", "房屋", "条件确认"))
        self.election = PlainTableModel(("候选人", "结果", "同意人数", "同意面积(㎡)"))
        self.members = PlainTableModel(("姓名", "职务", "任期开始", "任期届满"))
        self.modes = PlainTableModel(("管理方式", "单位", "开始", "结束"))
        self.election_text = QLabel("")
        self.election_text.setWordWrap(True)
        self.filing_text = QLabel("")
        self.filing_text.setWordWrap(True)
        self.addTab(self.side_by_side(table(self.stages), table(self.clocks), 1, 3), "进度与期限")
        self.addTab(table(self.group), "筹备组")
        result = self.pair(table(self.election), self.election_text, 3)
        election = self.side_by_side(table(self.candidates), result, 1, 1)
        self.addTab(election, "候选人与选举")
        members = self.pair(table(self.members), self.filing_text, 3)
        self.addTab(members, "委员会与备案")
        self.mode_view = table(self.modes)
        self.addTab(self.mode_view, "管理方式")

    @staticmethod
    def side_by_side(left: QWidget, right: QWidget, left_stretch: int, right_stretch: int) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(left, left_stretch)
        layout.addWidget(right, right_stretch)
        return box

    @staticmethod
    def pair(first: QWidget, second: QWidget, first_stretch: int) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(first, first_stretch)
        layout.addWidget(second, 0 if isinstance(second, QLabel) else 1)
        return box

    def show_case(self, case: CaseSummary | None, clocks: list[Clock], group: list[GroupMemberInput],
                  candidates: list[Candidate], members: list[MemberInput]) -> None:
        if case is None:
            for model in (self.stages, self.clocks, self.group, self.candidates, self.members):
                model.set_rows(model.headers, [])
            self.filing_text.setText("")
            self.show_election(None, "")
            return
        self.stages.set_rows(self.stages.headers, [(stage, day_text(day) or "—") for stage, day in timeline(case.dates)])
        if case.stage:
            from desktop_app.domain.committee import STAGES

            self.stages.mark(STAGES.index(case.stage))
        self.clocks.set_rows(self.clocks.headers, [
            (c.name, day_text(c.due.end), c.due.kind, clock_state_text(c), c.text) for c in clocks])
        self.group.set_rows(self.group.headers, [
            (m.name, m.role, m.unit, "是" if m.owner_representative else "") for m in group])
        self.candidates.set_rows(self.candidates.headers, [
            (c.name, c.room_label, "已确认" if c.conditions_confirmed else "未确认") for c in candidates])
        self.members.set_rows(self.members.headers, [
            (m.name, m.role, day_text(m.term_start), day_text(m.term_end)) for m in members])
        filed = (f"备案：{case.filing_authority}，{day_text(case.dates.filing)}，{case.filing_number}"
                 if case.dates.filing else "尚未备案")
        self.filing_text.setText(filed)

    def show_election(self, election: Election | None, message: str) -> None:
        if election is None:
            self.election.set_rows(self.election.headers, [])
            self.election_text.setText(message)
            return
        rows = []
        for label, group in (("当选", election.elected), ("同票待定", election.tie),
                             ("未当选", election.runners_up), ("未通过", election.not_passed)):
            rows += [(c.name, label, str(c.agree_heads), f"{c.agree_area_centi / 100:.2f}") for c in group]
        self.election.set_rows(self.election.headers, rows)
        text = f"应选 {election.seats} 名，当选 {len(election.elected)} 名"
        if election.tie:
            text += (f"；最后席位同票：{'、'.join(c.name for c in election.tie)}，"
                     f"尚有 {election.open_seats} 个席位由业主大会决定")
        elif election.open_seats:
            text += f"；尚有 {election.open_seats} 个席位空缺"
        self.election_text.setText(text)

    def show_modes(self, modes: list[Management]) -> None:
        self.modes.set_rows(self.modes.headers, [
            (m.mode, m.company, day_text(m.from_on), day_text(m.to_on) or "至今") for m in modes])
