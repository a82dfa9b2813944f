"""需求汇总: which items how many households want, by building, for the scope and date range: a bar chart
and the table behind it (the same numbers), and 生成表决事项 that seeds a vote's items in one step."""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSpinBox, QSplitter,
    QVBoxLayout, QWidget,
)

from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.services.changes import Topic
from desktop_app.services.consult import events as service
from desktop_app.ui.widgets.bar_chart import PALETTE, BarChart
from desktop_app.ui.consult.models import RecordTableModel, record_view
from desktop_app.ui.consult.tab import ConsultTab
from desktop_app.ui.widgets.date_range import DateRange
from desktop_app.ui.pages.base import PageContext

FIXED_COLUMNS = ("需求", "类别", "户数", "占已走访户")


class DemandSummaryModel(RecordTableModel[service.DemandItem]):
    """One row per demanded item; after the fixed columns, one column per building of the scope."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.summary: service.DemandSummary | None = None
        self.columns = FIXED_COLUMNS

    def set_summary(self, summary: service.DemandSummary) -> None:
        self.summary = summary
        self.set_records(summary.items, FIXED_COLUMNS + tuple(column.label for column in summary.buildings))

    def aligned_right(self, columns: tuple[str, ...]) -> frozenset[int]:
        return frozenset(range(2, len(columns)))

    def cells(self, record: service.DemandItem) -> tuple[str, ...]:
        buildings = self.summary.buildings if self.summary is not None else ()
        return (record.name, record.category or "自定义", str(record.households), record.share_text,
                *(str(record.in_building(column.building_id)) for column in buildings))

    def record_id(self, record: service.DemandItem) -> None:
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal \
                and self.summary is not None and len(FIXED_COLUMNS) <= section < len(self.columns):
            column = self.summary.buildings[section - len(FIXED_COLUMNS)]
            return f"{column.label}：{column.rooms} 户，已走访 {column.reached} 户"
        return super().headerData(section, orientation, role)

    def chart_data(self) -> tuple[list[tuple[str, list[int]]], list[str]]:
        """The bars (item, households per building) and the series (buildings), in the table's row order;
        one total per item when the scope has more buildings than the chart has colours."""
        if self.summary is None:
            return [], []
        buildings = self.summary.buildings
        if len(buildings) > len(PALETTE):  # colours would repeat: one bar per item, the table splits it
            return [(item.name, [item.households]) for item in self.records], ["合计"]
        bars = [(item.name, [item.in_building(column.building_id) for column in buildings]) for item in self.records]
        return bars, [column.label for column in buildings]


class SummaryTab(ConsultTab):
    depends_on = frozenset({Topic.OPINIONS, Topic.ROLL, Topic.CATALOGUE})

    def __init__(self, context: PageContext, dates: DateRange, parent: QWidget | None = None) -> None:
        super().__init__(context, dates, parent)
        self.model = DemandSummaryModel(self)
        self.table = record_view("summary_table", self.model)  # most wanted first until a header is clicked
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.horizontalHeader().setStretchLastSection(False)  # building columns stay narrow
        self.model.layoutChanged.connect(self._show_chart)
        self.chart = BarChart()
        self.chart.setObjectName("demand_chart")
        self.chart.empty_text = "所选范围和日期内还没有登记需求"
        chart_area = QScrollArea()
        chart_area.setWidgetResizable(True)
        chart_area.setWidget(self.chart)
        self.totals = QLabel()
        self.totals.setObjectName("summary_totals")
        self.min_share = QSpinBox()
        self.min_share.setObjectName("min_share")
        self.min_share.setRange(0, 100)
        self.min_share.setSuffix("%")
        self.catalogue_only = QCheckBox("只取目录内的改造内容")
        self.catalogue_only.setObjectName("catalogue_only")
        self.catalogue_only.setChecked(True)
        self.vote_button = QPushButton("生成表决事项…")
        self.vote_button.setObjectName("make_vote")
        self.vote_button.clicked.connect(self.make_vote)
        hint = QLabel("选中表格中的行只用这些需求；不选则取下列条件的全部需求")
        hint.setStyleSheet("color: #666;")
        bar = QHBoxLayout()
        bar.addWidget(self.totals, 1)
        bar.addWidget(QLabel("至少"))
        bar.addWidget(self.min_share)
        bar.addWidget(QLabel("的已走访户提出"))
        bar.addWidget(self.catalogue_only)
        bar.addWidget(self.vote_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(chart_area)
        splitter.addWidget(self.table)
        splitter.setSizes([360, 280])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)

    def refresh(self) -> None:
        summary = service.demand_summary(self.scope, *self.date_range())
        self.model.set_summary(summary)
        self.table.resizeColumnsToContents()
        self._show_chart()
        self.totals.setText(f"房屋 {summary.rooms} 户，已走访/反馈 {summary.reached} 户，"
                            f"提出 {len(summary.items)} 项需求")

    def _show_chart(self) -> None:
        self.chart.set_data(*self.model.chart_data())

    def chosen_items(self) -> list[VoteItem]:
        """The selected rows' items, else every item meeting the share and catalogue conditions."""
        summary = self.model.summary
        if summary is None:
            return []
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if rows:
            items = [self.model.records[row] for row in rows]
            return [VoteItem(item.name, item.category) for item in items]
        return service.vote_items_from_demands(summary, Fraction(self.min_share.value(), 100),
                                               catalogue_only=self.catalogue_only.isChecked())

    def make_vote(self) -> None:
        from desktop_app.ui.votes import VoteWizard  # imported when 生成表决事项 is first used, not at start-up

        wizard = VoteWizard(self.context, initial_items=self.chosen_items(), parent=self)
        wizard.setObjectName("vote_wizard")
        if wizard.exec() and wizard.vote_id is not None:
            self.totals.setText(self.totals.text() + "；已建立表决，请到“改造表决”页查看")
