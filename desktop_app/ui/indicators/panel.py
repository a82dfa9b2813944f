"""The district's indicators on the 首页: the plan-year range and as-of date, a card per figure and the
charts (items by category, by investment, late projects by year, payment progress per source). Every card
and bar is clickable: `drill_requested(Drill)` says which records are behind it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from desktop_app.domain.dates_text import date_text
from desktop_app.ui.indicators.figures import (
    LATE_SERIES, PAYMENT_SERIES, Card, ChartBar, Drill, cards, category_bars, investment_bars, late_bars,
    payment_bars,
)
from desktop_app.ui.widgets.bar_chart import BarChart

if TYPE_CHECKING:  # the indicator services load when the figures are first computed, not at start-up
    from desktop_app.services.projects import ScopeIndicators

ALL_YEARS = "全部"
FIRST_YEAR = 2000
CARD_COLUMNS = 5


class FigureCard(QFrame):
    """One figure: its value large, the caption, a detail line; the meaning as tooltip; clickable, and
    opened from the keyboard too (Tab to it, Enter or Space)."""

    clicked = Signal()

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"figure_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(f"#figure_{key}:focus {{ border: 2px solid #1f5f99; }}")
        self.value = QLabel("…")
        self.value.setStyleSheet("font-size: 22px; font-weight: bold; color: #1f5f99;")
        self.caption = QLabel()
        self.caption.setStyleSheet("font-weight: bold;")
        self.detail = QLabel()
        self.detail.setStyleSheet("color: #555;")
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(0)
        for label in (self.value, self.caption, self.detail):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)

    def show_card(self, card: Card) -> None:
        self.value.setText(card.value)
        self.caption.setText(card.caption)
        self.detail.setText(card.detail)
        self.setToolTip(card.meaning + "\n点击查看明细。")

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        else:
            super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
        else:
            super().keyPressEvent(event)


class ChartBox(QGroupBox):
    """A titled clickable bar chart of `ChartBar`s."""

    drill_requested = Signal(object)

    def __init__(self, title: str, series: tuple[str, ...], tooltip: str, text_width: int = 150,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.series = series
        self.bars: list[ChartBar] = []
        self.chart = BarChart()
        self.chart.text_width = text_width
        self.chart.set_clickable(True)
        self.chart.setToolTip(tooltip + "\n点击条形查看明细。")
        self.chart.clicked.connect(lambda row: self.drill_requested.emit(self.bars[row].drill))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.chart)

    def set_bars(self, bars: list[ChartBar]) -> None:
        self.bars = bars
        self.chart.set_data([(bar.label, bar.values, bar.text) for bar in bars], self.series)


class IndicatorsPanel(QWidget):
    period_changed = Signal()
    drill_requested = Signal(object)  # a figures.Drill

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first_year = self._year_box(today)
        self.last_year = self._year_box(today)
        self.as_of = QDateEdit(QDate(today.year, today.month, today.day))
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy年M月d日")
        self.today_button = QPushButton("今天")
        self.today = today
        self.today_button.clicked.connect(lambda: self.set_as_of(self.today))
        controls = QHBoxLayout()
        heading = QLabel("改造项目与资金")
        heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        controls.addWidget(heading)
        controls.addSpacing(16)
        for widget in (QLabel("计划年度"), self.first_year, QLabel("至"), self.last_year, QLabel("统计日期"),
                       self.as_of, self.today_button):
            controls.addWidget(widget)
        controls.addStretch(1)
        self.note = QLabel()
        self.note.setStyleSheet("color: #666;")
        controls.addWidget(self.note)
        for signal in (self.first_year.currentIndexChanged, self.last_year.currentIndexChanged,
                       self.as_of.dateChanged):
            signal.connect(lambda *_args: self.period_changed.emit())

        self.cards: dict[str, FigureCard] = {}
        self.card_drills: dict[str, Drill] = {}
        self.card_grid = QGridLayout()
        self.card_grid.setSpacing(6)

        self.category_chart = ChartBox("改造内容类别（项数）", ("项数",), "改造内容按类别计数，各类占全部改造内容的比例。")
        self.investment_chart = ChartBox("改造内容类别（按计划投资）", ("计划投资",),
                                         "各类改造内容的计划投资之和，占全部计划投资的比例。", 190)
        self.late_chart = ChartBox("未按期完工（按计划年度）", LATE_SERIES,
                                   "计划完工日期在统计日及以前的项目，按计划年度；条形为应完工项目数。", 190)
        self.payment_chart = ChartBox("资金支付进度（按资金来源：计划 / 下达 / 已支付）", PAYMENT_SERIES,
                                      "各资金来源的计划、已下达、已支付金额；支付进度 = 已支付 ÷ 已下达。", 300)
        self.late_chart.chart.unit = "个"
        charts = QGridLayout()
        charts.addWidget(self.category_chart, 0, 0)
        charts.addWidget(self.investment_chart, 0, 1)
        charts.addWidget(self.late_chart, 0, 2)
        charts.addWidget(self.payment_chart, 1, 0, 1, 3)
        for box in (self.category_chart, self.investment_chart, self.late_chart, self.payment_chart):
            box.drill_requested.connect(self.drill_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addLayout(self.card_grid)
        layout.addLayout(charts)

    def _year_box(self, today: date) -> QComboBox:
        box = QComboBox()
        box.addItem(ALL_YEARS, None)
        for year in range(today.year + 2, FIRST_YEAR - 1, -1):
            box.addItem(f"{year}年", year)
        return box

    # --- the period chosen
    def years(self) -> tuple[int | None, int | None]:
        first, last = self.first_year.currentData(), self.last_year.currentData()
        if first is not None and last is not None and first > last:
            first, last = last, first
        return first, last

    def set_years(self, first: int | None, last: int | None) -> None:
        for box, year in ((self.first_year, first), (self.last_year, last)):
            box.setCurrentIndex(max(0, box.findData(year)))

    def as_of_date(self) -> date:
        value = self.as_of.date()
        return date(value.year(), value.month(), value.day())

    def follow_today(self, today: date) -> None:
        """A new day on the clock: the as-of date follows it unless the user chose another day."""
        if self.as_of_date() == self.today and today != self.today:
            self.as_of.blockSignals(True)
            self.set_as_of(today)
            self.as_of.blockSignals(False)
        self.today = today

    def set_as_of(self, day: date) -> None:
        self.as_of.setDate(QDate(day.year, day.month, day.day))

    # --- figures
    def show_figures(self, figures: ScopeIndicators) -> None:
        for position, card in enumerate(cards(figures)):
            if card.key not in self.cards:
                widget = FigureCard(card.key)
                widget.clicked.connect(lambda key=card.key: self.drill_requested.emit(self.card_drills[key]))
                self.card_grid.addWidget(widget, position // CARD_COLUMNS, position % CARD_COLUMNS)
                self.cards[card.key] = widget
            self.cards[card.key].show_card(card)
            self.card_drills[card.key] = card.drill
        self.category_chart.set_bars(category_bars(figures))
        self.investment_chart.set_bars(investment_bars(figures))
        self.late_chart.set_bars(late_bars(figures))
        self.payment_chart.set_bars(payment_bars(figures))
        self.late_chart.chart.empty_text = "统计日前没有应完工的项目"
        self.payment_chart.chart.empty_text = "没有资金记录"
        first, last = figures.years
        span = "全部年度" if first is None and last is None else \
            f"{first or '…'}–{last or '…'}年度" if first != last else f"{first}年度"
        self.note.setText(f"{span}，截至{date_text(figures.as_of)}")
