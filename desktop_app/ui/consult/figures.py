"""统计: the district's consultation and complaint figures (domain.md section 6) for the scope and a date
range, as `services.consult.figures.district_figures` counts them."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop_app.domain.consultation_figures import ConsultationFigures
from desktop_app.domain.ratios import percent_text
from desktop_app.services.changes import Topic
from desktop_app.domain.errors import UserError
from desktop_app.ui.widgets.bar_chart import BarChart
from desktop_app.ui.consult.tab import ConsultTab
from desktop_app.ui.widgets.date_range import DateRange
from desktop_app.ui.pages.base import PageContext
from desktop_app.ui.widgets.plain_table import PlainTableModel

from desktop_app.services.consult.figures import district_figures


def small_table(name: str, model: PlainTableModel) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    return view


class FiguresTab(ConsultTab):
    depends_on = frozenset({Topic.CONSULTATIONS, Topic.OPINIONS, Topic.COMPLAINTS, Topic.ROLL})

    def __init__(self, context: PageContext, dates: DateRange, parent: QWidget | None = None) -> None:
        super().__init__(context, dates, parent)
        self.figures: ConsultationFigures | None = None
        self.headline: dict[str, QLabel] = {}
        self.reach_model = PlainTableModel(parent=self)
        self.category_model = PlainTableModel(parent=self)
        self.kind_model = PlainTableModel(parent=self)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")

        numbers = QGroupBox("主要指标")
        grid = QGridLayout(numbers)
        for index, (key, label) in enumerate((
                ("consultations", "征求意见活动（场）"), ("reached", "走访/反馈户数"), ("reach_share", "户数覆盖率"),
                ("complaints", "投诉（件）"), ("construction_quality", "施工管理与质量安全占比"),
                ("overdue", "逾期（件）"), ("average_days", "平均办结天数"), ("closed", "已办结（件）"))):
            value = QLabel("—")
            value.setObjectName(f"figure_{key}")
            value.setStyleSheet("font-size: 20px; font-weight: bold;")
            grid.addWidget(QLabel(label), index // 4 * 2, index % 4)
            grid.addWidget(value, index // 4 * 2 + 1, index % 4)
            self.headline[key] = value
        self.category_chart = BarChart()
        self.category_chart.setObjectName("category_chart")
        self.category_chart.unit = "件"
        self.category_chart.empty_text = "所选范围和日期内没有投诉"
        tables = QHBoxLayout()
        for title, name, model in (("各小区走访户数", "reach_table", self.reach_model),
                                   ("投诉按类别", "category_table", self.category_model),
                                   ("征求意见活动按方式", "kind_table", self.kind_model)):
            box = QGroupBox(title)
            column = QVBoxLayout(box)
            if name == "category_table":
                column.addWidget(self.category_chart)
            column.addWidget(small_table(name, model))
            tables.addWidget(box, 2 if name != "kind_table" else 1)
        layout = QVBoxLayout(self)
        layout.addWidget(numbers)
        layout.addLayout(tables, 1)
        layout.addWidget(self.message)

    def refresh(self) -> None:
        start, end = self.date_range()
        try:
            figures = district_figures(self.scope, start, end, today=self.today())
        except UserError as error:
            self.message.setText(error.message)
            return
        self.message.setText("")
        self.show_figures(figures)

    def show_figures(self, figures: ConsultationFigures) -> None:
        self.figures = figures
        overdue = f"{figures.overdue}"
        if figures.overdue:
            overdue += f"（未办结 {figures.overdue_open}，超期办结 {figures.closed_late}）"
        values = {
            "consultations": str(figures.consultations),
            "reached": f"{figures.households_reached} / {figures.rooms}",
            "reach_share": percent_text(figures.reach_share),
            "complaints": str(figures.complaints),
            "construction_quality": f"{figures.construction_quality_text}（{figures.construction_quality} 件）",
            "overdue": overdue,
            "average_days": figures.average_days_text,
            "closed": str(figures.closed),
        }
        for key, text in values.items():
            self.headline[key].setText(text)
        self.reach_model.set_rows(("小区", "房屋（户）", "已走访/反馈（户）", "占比"), [
            (e.name, str(e.rooms), str(e.reached), e.share_text) for e in figures.estates])
        self.category_model.set_rows(("类别", "件数", "占比"), [
            (c.category, str(c.count), c.share_text) for c in figures.by_category])
        self.category_chart.set_data([(c.category, [c.count]) for c in figures.by_category if c.count], ["投诉"])
        self.kind_model.set_rows(("方式", "场次"), [(kind, str(count)) for kind, count in figures.by_kind])
