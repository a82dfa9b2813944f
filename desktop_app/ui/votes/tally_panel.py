"""The live tally of a vote: per item its verdict, both bases against their thresholds, and what is missing.

`TallyPanel.show_outcome(outcome)` takes a `services.votes.records.TallyOutcome` (`.result` a `domain.tally.TallyResult`
or `.error` a `TallyError`). It is called after every saved ballot, so it updates the widgets it already has
(a label whose text did not change costs nothing) and builds rows only when a vote has more items than before.
Percentages are rounded down to 0.1 % so a share below a threshold never reads as reaching it; the exact
figures stand next to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from desktop_app.domain.area import format_area_grouped as area_text
from desktop_app.domain.tally import (
    FAILED, NOT_QUORATE, PASSED, Conflict, ItemResult, TallyError, TallyResult, shortfall_text,
)
from desktop_app.domain.vote_rules import APPROVAL_SHARE, APPROVAL_SIGN, QUORUM_SHARE, Rule

VERDICT_STYLES = {
    PASSED: "background: #1e8e3e; color: white;",
    FAILED: "background: #c0392b; color: white;",
    NOT_QUORATE: "background: #8a8a8a; color: white;",
}
VERDICT_BASE_STYLE = "border-radius: 3px; padding: 1px 8px; font-weight: bold;"
REACHED, SHORT, TRACK, MARK = QColor("#2e9e4f"), QColor("#3b78c4"), QColor("#e6e6e6"), QColor("#202020")
CAPTION = QColor("#555555")
RULE_NAMES = {Rule.SPECIAL: "双四分之三（同意面积、人数均达参与的 3/4 以上）",
              Rule.ORDINARY: "双过半（同意面积、人数均超过参与的 1/2）"}


class Outcome(Protocol):
    """What `show_outcome` reads (services.votes.records.TallyOutcome)."""

    result: TallyResult | None
    error: TallyError | None


def percent_text(share: Fraction) -> str:
    """A share rounded down to 0.1 %: 2/3 -> "66.6%", 3/4 -> "75.0%"."""
    tenths = share.numerator * 1000 // share.denominator
    return f"{tenths // 10}.{tenths % 10}%"


def share(part: int, whole: int) -> Fraction:
    return Fraction(part, whole) if whole else Fraction(0)


def room_text(room_key: str) -> str:
    """"E001 3号楼1单元502室" -> "3号楼1单元502室" (the estate code adds nothing inside one vote)."""
    return room_key.split(" ", 1)[-1]


def conflict_text(conflict: Conflict) -> str:
    """One owner's rooms grouped by answer, the rarest answer first (most likely the typing slip)."""
    by_choice: dict[str, list[str]] = {}
    for room, choice in conflict.rooms:
        by_choice.setdefault(choice, []).append(room_text(room))
    groups = sorted(by_choice.items(), key=lambda pair: len(pair[1]))
    answers = "；".join(f"{choice or '空白'}：{'、'.join(rooms)}" for choice, rooms in groups)
    return (f"事项“{conflict.item}”：同一业主的 {len(conflict.rooms)} 套房屋表决意见不一致（{answers}），"
            "请核实后更正")


def problem_lines(error: TallyError) -> list[str]:
    """Every problem of a TallyError, the conflicts written with the rooms grouped by answer."""
    conflicts = {conflict.describe() for conflict in error.conflicts}
    return [problem for problem in error.problems if problem not in conflicts] \
        + [conflict_text(conflict) for conflict in error.conflicts]


@dataclass(frozen=True)
class Line:
    """One threshold line of an item: caption, share, threshold mark, whether reached, exact figures."""

    caption: str
    value: Fraction
    mark: Fraction
    reached: bool
    text: str


class Gauges(QWidget):
    """An item's four threshold lines painted in one widget: caption, a bar with its mark (green once
    reached) and the exact figures. Painted rather than built from labels so that a new tally is one
    repaint and never a relayout (the panel follows every keypress). Where the figures leave the bar
    too little room, each line takes two rows: caption and figures, then the bar across the width."""

    MIN_BAR = 100

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: tuple[Line, ...] = ()
        self.caption_width = self.fontMetrics().horizontalAdvance("同意面积 ≥3/4") + 10
        self.text_width = 0
        self.line_height = self.fontMetrics().height() + 4
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def wide(self, width: int) -> bool:
        return width - self.caption_width - self.text_width - 10 >= self.MIN_BAR

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        return self.line_height * (1 if self.wide(width) else 2) * max(1, len(self.lines))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        width = self.caption_width + 10 + self.MIN_BAR + 60 + self.text_width
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(self.caption_width + 60, self.heightForWidth(self.caption_width + 60))

    def set_lines(self, lines: tuple[Line, ...], text_width: int) -> None:
        """Show new lines; `text_width` is the figures column the panel shares between items. Only the
        lines that changed are repainted (in the wide form, not even their captions)."""
        if len(lines) != len(self.lines) or text_width != self.text_width:
            self.text_width = text_width
            self.lines = lines
            self.updateGeometry()
            self.update()
        elif lines != self.lines:
            changed = [index for index, (old, new) in enumerate(zip(self.lines, lines)) if old != new]
            self.lines = lines
            wide = self.wide(self.width())
            for index in changed:
                if wide:
                    self.update(QRect(self.caption_width, index * self.line_height,
                                      self.width() - self.caption_width, self.line_height))
                else:
                    self.update(QRect(0, 2 * index * self.line_height, self.width(), 2 * self.line_height))
        else:
            return
        self.setToolTip("\n".join(line.text for line in lines))

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        wide, height, width = self.wide(self.width()), self.line_height, self.width()
        dirty = event.rect()
        for index, line in enumerate(self.lines):
            top = index * height * (1 if wide else 2)
            if top > dirty.bottom() or top + height * (1 if wide else 2) <= dirty.top():
                continue
            if wide:
                bar = QRectF(self.caption_width + 0.5, top + 4.5, width - self.caption_width - self.text_width - 11,
                             height - 9)
                text = QRectF(width - self.text_width, top, self.text_width, height)
                align = Qt.AlignmentFlag.AlignLeft
            else:
                bar = QRectF(0.5, top + height + 4.5, width - 1, height - 9)
                text = QRectF(self.caption_width, top, width - self.caption_width, height)
                align = Qt.AlignmentFlag.AlignRight
            if dirty.left() < self.caption_width:
                painter.setPen(CAPTION)
                painter.drawText(QRectF(0, top, self.caption_width, height),
                                 int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line.caption)
            self.paint_bar(painter, bar, line)
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(text, int(align | Qt.AlignmentFlag.AlignVCenter), line.text)
        painter.end()

    @staticmethod
    def paint_bar(painter: QPainter, track: QRectF, line: Line) -> None:
        painter.fillRect(track, TRACK)
        filled = QRectF(track)
        filled.setWidth(track.width() * float(min(line.value, Fraction(1))))
        painter.fillRect(filled, REACHED if line.reached else SHORT)
        painter.setPen(QPen(QColor("#9a9a9a"), 1))
        painter.drawRect(track)
        x = round(track.left() + track.width() * float(line.mark))
        painter.setPen(QPen(MARK, 2))
        painter.drawLine(x, round(track.top()) - 2, x, round(track.bottom()) + 2)


class TextLines(QWidget):
    """A few lines of text painted without relayout (elided at the width, the whole text as tooltip)."""

    def __init__(self, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colour = QColor(colour)
        self.lines: tuple[str, ...] = ()
        self.line_height = self.fontMetrics().height() + 2
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(0)

    def text(self) -> str:
        return "；".join(self.lines)

    def set_lines(self, lines: tuple[str, ...]) -> None:
        if lines == self.lines:
            return
        if len(lines) != len(self.lines):
            self.setFixedHeight(self.line_height * len(lines))
        self.lines = lines
        self.setToolTip("\n".join(lines))
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setPen(self.colour)
        metrics = self.fontMetrics()
        for index, line in enumerate(self.lines):
            painter.drawText(QRectF(0, index * self.line_height, self.width(), self.line_height),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             metrics.elidedText(line, Qt.TextElideMode.ElideRight, self.width()))
        painter.end()


class ItemRow(QFrame):
    """One item of the vote: name, verdict, four threshold lines, the other answers, the shortfall."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name = QLabel()
        font = self.name.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.name.setFont(font)
        self.name.setWordWrap(True)
        self.verdict = QLabel()
        self.verdict_shown = ""
        head = QHBoxLayout()
        head.addWidget(self.name, 1)
        head.addWidget(self.verdict, 0, Qt.AlignmentFlag.AlignTop)
        self.gauges = Gauges()
        self.others = TextLines("#555555")
        self.shortfall = TextLines("#a84300")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        layout.addLayout(head)
        layout.addWidget(self.gauges)
        layout.addWidget(self.others)
        layout.addWidget(self.shortfall)

    @staticmethod
    def lines_of(item: ItemResult) -> tuple[Line, ...]:
        total, part, agree, missing = item.total, item.participating, item.agree, item.shortfall
        approval, sign = APPROVAL_SHARE[item.rule], APPROVAL_SIGN[item.rule]
        shares = (share(part.area_centi, total.area_centi), share(part.heads, total.heads),
                  share(agree.area_centi, part.area_centi), share(agree.heads, part.heads))
        texts = (f"参与 {area_text(part.area_centi)}㎡ / {area_text(total.area_centi)}㎡",
                 f"参与 {part.heads:,} / {total.heads:,} 人",
                 f"同意 {area_text(agree.area_centi)}㎡ / {area_text(part.area_centi)}㎡",
                 f"同意 {agree.heads:,} / {part.heads:,} 人")
        reached = (missing.participation_area == 0, missing.participation_heads == 0,
                   part.heads > 0 and missing.agree_area == 0, part.heads > 0 and missing.agree_heads == 0)
        captions = ("参与面积 ≥2/3", "参与人数 ≥2/3", f"同意面积 {sign}", f"同意人数 {sign}")
        marks = (QUORUM_SHARE, QUORUM_SHARE, approval, approval)
        return tuple(Line(caption, value, mark, ok, f"{text} · {percent_text(value)}")
                     for caption, value, mark, ok, text in zip(captions, shares, marks, reached, texts))

    def show_item(self, item: ItemResult, lines: tuple[Line, ...], text_width: int) -> None:
        self.name.setText(item.item)
        verdict = item.verdict
        if verdict != self.verdict_shown:
            self.verdict.setText(verdict)
            self.verdict.setStyleSheet(VERDICT_BASE_STYLE + VERDICT_STYLES[verdict])
            self.verdict_shown = verdict
        self.gauges.set_lines(lines, text_width)
        self.others.set_lines(("，".join(f"{name} {votes.heads:,} 人 {area_text(votes.area_centi)}㎡" for name, votes
                                         in (("反对", item.oppose), ("弃权", item.abstain), ("空白", item.blank))),))
        self.shortfall.set_lines(() if item.passed else tuple(part for part in shortfall_text(item).split("；") if part))


class TallyPanel(QWidget):
    """实时计票: totals of the roll, then one `ItemRow` per item; a TallyError lists its problems instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: TallyResult | None = None
        self.error: TallyError | None = None
        title = QLabel("实时计票")
        title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.totals = QLabel("尚未选择表决")
        self.totals.setWordWrap(True)
        self.rule = QLabel()
        self.rule.setStyleSheet("color: #555;")
        self.rule.setWordWrap(True)
        self.problems = QLabel()
        self.problems.setObjectName("tally_problems")
        self.problems.setStyleSheet("color: #c0392b;")
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems.setVisible(False)
        self.rows: list[ItemRow] = []
        self.text_width = 0
        self.rows_box = QWidget()
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.rows_box)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.totals)
        layout.addWidget(self.rule)
        layout.addWidget(self.problems)
        layout.addWidget(scroll, 1)

    def show_outcome(self, outcome: Outcome | None) -> None:
        error = outcome.error if outcome is not None else None
        result = outcome.result if outcome is not None else None
        if error is not None:
            self.show_error(error)
        elif result is not None:
            self.show_result(result)
        else:
            self.clear()

    def show_result(self, result: TallyResult) -> None:
        self.result, self.error = result, None
        self.problems.setVisible(False)
        self.totals.setText(f"表决范围：专有面积 {area_text(result.total.area_centi)}㎡，"
                            f"业主 {result.total.heads:,} 人（按表决计数规则）")
        self.rule.setText(f"{RULE_NAMES[result.rule]}；参与须面积、人数均达 2/3 以上")
        self.rule.setVisible(True)
        while len(self.rows) < len(result.items):
            row = ItemRow()
            self.rows_layout.insertWidget(len(self.rows), row)
            self.rows.append(row)
        lines = [ItemRow.lines_of(item) for item in result.items]
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(line.text) for item in lines for line in item), default=0)
        if widest > self.text_width or widest < self.text_width - 40:
            self.text_width = widest + 20  # a little room, so a growing figure seldom widens the column
        for index, row in enumerate(self.rows):
            if index < len(result.items):
                row.show_item(result.items[index], lines[index], self.text_width)
            if row.isHidden() == (index < len(result.items)):
                row.setVisible(index < len(result.items))

    def show_error(self, error: TallyError) -> None:
        self.result, self.error = None, error
        self.totals.setText("计票暂停：表决票有问题")
        self.rule.clear()
        self.rule.setVisible(False)
        self.problems.setText("无法计票，请先更正以下问题：\n" + "\n".join(f"• {problem}" for problem in problem_lines(error)))
        self.problems.setVisible(True)
        for row in self.rows:
            row.setVisible(False)

    def clear(self) -> None:
        self.result = self.error = None
        self.totals.setText("尚未选择表决")
        self.rule.setText("")
        self.problems.setVisible(False)
        for row in self.rows:
            row.setVisible(False)

    def verdicts(self) -> list[tuple[str, str]]:
        """(item, verdict) as shown, for tests and the page's status line."""
        return [(row.name.text(), row.verdict.text()) for row in self.rows if not row.isHidden()]
