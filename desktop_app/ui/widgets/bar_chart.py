"""A horizontal stacked bar chart drawn with QPainter (QtCharts is not installed): one bar per row,
one coloured segment per series (a building), the total written after the bar, a legend on top.

A bar may carry its own text (written instead of "total unit") and the chart may be clickable: a press on
a bar's row emits `clicked(row)` (the 首页 opens the records behind a bar)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac")
BAR_HEIGHT = 18
ROW_GAP = 6
MARGIN = 8


@dataclass(frozen=True)
class Bar:
    label: str
    values: tuple[int, ...]  # one per series
    text: str | None = None  # written after the bar instead of "total unit"

    @property
    def total(self) -> int:
        return sum(self.values)


def series_colour(index: int) -> QColor:
    return QColor(PALETTE[index % len(PALETTE)])


class BarChart(QWidget):
    """`set_data(bars, series)`; the bars are drawn in the order given, longest scale = largest total.
    A bar is (label, values) or (label, values, text)."""

    clicked = Signal(int)  # the row of the bar pressed, when `clickable`

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.series: list[str] = []
        self.empty_text = "没有数据"
        self.unit = "户"
        self.text_width = 0  # room kept after the bars for their texts (0: as wide as "0000 户")
        self.clickable = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)

    def set_data(self, bars: Sequence[tuple[str, Sequence[int]] | tuple[str, Sequence[int], str]],
                 series: Sequence[str]) -> None:
        self.series = list(series)
        self.bars = [Bar(bar[0], tuple(bar[1]), bar[2] if len(bar) > 2 else None) for bar in bars]  # type: ignore[misc]
        self.updateGeometry()
        self.update()

    # --- geometry
    def _legend_height(self) -> int:
        return QFontMetrics(self.font()).height() + 2 * ROW_GAP if len(self.series) > 1 else ROW_GAP

    def sizeHint(self) -> QSize:
        rows = max(1, len(self.bars))
        return QSize(520, self._legend_height() + rows * (BAR_HEIGHT + ROW_GAP) + 2 * MARGIN)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(bar.label) for bar in self.bars), default=0)
        return min(widest + 12, max(80, self.width() // 3))

    def bar_rects(self) -> list[list[QRectF]]:
        """The rectangle of every segment, per bar (what paintEvent fills; tests read it too)."""
        metrics = QFontMetrics(self.font())
        top = MARGIN + self._legend_height()
        left = MARGIN + self.label_width()
        scale_max = max((bar.total for bar in self.bars), default=0)
        text_room = self.text_width or metrics.horizontalAdvance("0000 户")
        room = max(10, self.width() - left - MARGIN - text_room - 8)
        rects: list[list[QRectF]] = []
        for row, bar in enumerate(self.bars):
            y = top + row * (BAR_HEIGHT + ROW_GAP)
            x = float(left)
            segments = []
            for value in bar.values:
                width = room * value / scale_max if scale_max else 0.0
                segments.append(QRectF(x, y, width, BAR_HEIGHT))
                x += width
            rects.append(segments)
        return rects

    # --- painting
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            text_colour = self.palette().color(self.foregroundRole())
            metrics = QFontMetrics(self.font())
            if not self.bars:
                painter.setPen(QColor("#888888"))
                painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
                return
            self._paint_legend(painter, metrics, text_colour)
            label_width = self.label_width()
            for bar, segments in zip(self.bars, self.bar_rects()):
                y = segments[0].top() if segments else 0.0
                painter.setPen(text_colour)
                label_rect = QRectF(MARGIN, y, label_width - 8, BAR_HEIGHT)
                painter.drawText(label_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 8))
                painter.setPen(Qt.PenStyle.NoPen)
                for index, rect in enumerate(segments):
                    if rect.width() > 0:
                        painter.setBrush(series_colour(index))
                        painter.drawRect(rect)
                end = segments[-1].right() if segments else MARGIN + label_width
                painter.setPen(text_colour)
                painter.drawText(QRectF(end + 6, y, max(200, self.text_width), BAR_HEIGHT),
                                 Qt.AlignmentFlag.AlignVCenter,
                                 bar.text if bar.text is not None else f"{bar.total} {self.unit}")
        finally:
            painter.end()

    # --- clicks
    def bar_at(self, point: QPointF) -> int | None:
        """The row of the bar at `point` (anywhere on its line, label included), or None."""
        top = MARGIN + self._legend_height()
        for row in range(len(self.bars)):
            y = top + row * (BAR_HEIGHT + ROW_GAP)
            if y - ROW_GAP / 2 <= point.y() < y + BAR_HEIGHT + ROW_GAP / 2:
                return row
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        row = self.bar_at(event.position()) if self.clickable else None
        if row is None:
            super().mousePressEvent(event)
            return
        self.clicked.emit(row)

    def set_clickable(self, clickable: bool) -> None:
        self.clickable = clickable
        self.setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor)

    def _paint_legend(self, painter: QPainter, metrics: QFontMetrics, text_colour: QColor) -> None:
        if len(self.series) <= 1:
            return
        x = MARGIN + self.label_width()
        y = MARGIN
        box = metrics.height() - 4
        for index, name in enumerate(self.series):
            width = box + 4 + metrics.horizontalAdvance(name) + 14
            if x + width > self.width() - MARGIN and x > MARGIN + self.label_width():
                break  # the legend is one line; the table names every building anyway
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(series_colour(index))
            painter.drawRect(QRectF(x, y + 2, box, box))
            painter.setPen(text_colour)
            painter.drawText(QRectF(x + box + 4, y, width, metrics.height()), Qt.AlignmentFlag.AlignVCenter, name)
            x += width
