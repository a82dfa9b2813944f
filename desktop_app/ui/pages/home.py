"""首页: the roll's counts of the chosen scope, and the district's indicators of its renovation projects,
funds, complaints and consultations for a range of plan years as of a day, each opening its records.

Project figures open on the 项目与资金 page (`show_projects(ids, title)` through `context.navigator`);
when the window has no such page, and for items, fund rows and estates, a dialog lists the records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop_app.domain.area import format_area_grouped as area_text
from desktop_app.services import queries
from desktop_app.services.changes import Topic
from desktop_app.services.scope import scope_label
from desktop_app.ui.pages.base import Page, PageContext

if TYPE_CHECKING:  # the indicators panel and its services load after the first paint (see `indicators`)
    from desktop_app.services.projects import ScopeIndicators
    from desktop_app.ui.indicators import Drill, IndicatorsPanel, RecordsDialog

CARDS = (
    ("estates", "小区"), ("buildings", "楼栋"), ("units", "单元"), ("rooms", "房屋（套）"),
    ("owner_heads", "业主（人数，按表决计数规则）"), ("area_centi", "专有面积合计（㎡）"),
    ("residents", "居民（人）"), ("elderly", "60岁以上老人（人）"), ("disabled", "残疾人（人）"),
)
ROLL_COLUMNS = 5
PROJECTS_PAGE = "项目与资金"


class HomePage(Page):
    title = "首页"
    depends_on = frozenset({Topic.ROLL, Topic.PROJECTS, Topic.COMPLAINTS, Topic.CONSULTATIONS, Topic.OPINIONS})

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.figures: ScopeIndicators | None = None
        self.asked = 0  # the latest indicators asked for; an answer to an older question is dropped
        self.records_dialog: RecordsDialog | None = None
        content = QWidget()
        layout = QVBoxLayout(content)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 20px; font-weight: bold;")
        layout.addWidget(self.heading)
        grid = QGridLayout()
        grid.setSpacing(6)
        self.values: dict[str, QLabel] = {}
        for position, (key, caption) in enumerate(CARDS):
            card = QFrame()
            card.setFrameShape(QFrame.Shape.StyledPanel)
            inner = QVBoxLayout(card)
            inner.setContentsMargins(6, 2, 6, 2)
            inner.setSpacing(0)
            value = QLabel("…")
            value.setObjectName(key)
            value.setStyleSheet("font-size: 20px; font-weight: bold; color: #1f5f99;")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            text = QLabel(caption)
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner.addWidget(value)
            inner.addWidget(text)
            grid.addWidget(card, position // ROLL_COLUMNS, position % ROLL_COLUMNS)
            self.values[key] = value
        note = QLabel("业主人数按《民法典》第278条及司法解释计算：一人拥有多套房屋计为一人，"
                      "建设单位未出售的房屋合计为一人，共有的房屋计为一人。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        grid.addWidget(note, 1, 4, 1, 1)
        layout.addLayout(grid)
        layout.addSpacing(6)
        self.content_layout = layout
        self.panel: IndicatorsPanel | None = None
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.refresh()

    @property
    def indicators(self) -> IndicatorsPanel:
        """The indicators panel, built when first needed: at start-up once the roll's counts are shown, so
        that its imports and widgets do not delay the window's first paint."""
        if self.panel is None:
            from desktop_app.ui.indicators import IndicatorsPanel

            self.panel = IndicatorsPanel(self.context.workspace.clock.today())
            self.panel.period_changed.connect(self.refresh_indicators)
            self.panel.drill_requested.connect(self.open_records)
            self.content_layout.insertWidget(self.content_layout.count() - 1, self.panel)
        return self.panel

    # --- reading
    def refresh(self) -> None:
        scope, today = self.context.scope.scope, self.context.workspace.clock.today()
        self.heading.setText(f"统计范围：{scope_label(scope)}")
        if self.panel is not None:
            self.panel.follow_today(today)
        # The indicators are asked for once the counts are in: at start-up their imports and reads then run after
        # the first paint instead of competing with it (the two reads share one interpreter lock anyway).
        self.context.runner.run("正在统计……", lambda progress: queries.scope_counts(scope, today),
                                self.show_counts_then_indicators, parent=self, write=False)

    def refresh_indicators(self) -> None:
        scope, years, as_of = self.context.scope.scope, self.indicators.years(), self.indicators.as_of_date()
        self.asked += 1
        asked = self.asked

        def done(figures: ScopeIndicators) -> None:
            if asked == self.asked:
                self.show_indicators(figures)

        def compute(progress) -> ScopeIndicators:
            from desktop_app.services.projects import scope_indicators

            return scope_indicators(scope, years, as_of=as_of)

        self.context.runner.run("正在计算统计指标……", compute, done, parent=self, write=False)

    def show_counts_then_indicators(self, counts: queries.ScopeCounts) -> None:
        self.show_counts(counts)
        self.refresh_indicators()

    def show_counts(self, counts: queries.ScopeCounts) -> None:
        for key, label in self.values.items():
            value = getattr(counts, key)
            label.setText(area_text(value) if key == "area_centi" else f"{value:,}")

    def show_indicators(self, figures: ScopeIndicators) -> None:
        self.figures = figures
        self.indicators.show_figures(figures)

    # --- the records behind a figure
    def open_records(self, drill: Drill) -> None:
        navigator = self.context.navigator
        if drill.page is not None:
            page, request, argument = drill.page
            navigator.open(page, request, argument)
            return
        if drill.kind == "projects" and navigator.open(PROJECTS_PAGE, "show_projects", list(drill.ids),
                                                     f"首页：{drill.title}"):
            return
        as_of = self.figures.as_of if self.figures is not None else self.indicators.as_of_date()

        def read(progress):
            from desktop_app.ui.indicators import record_table

            return record_table(drill.kind, drill.ids, as_of)

        self.context.runner.run("正在读取明细……", read, lambda table: self.show_records(drill.title, table),
                                parent=self, write=False)

    def show_records(self, title: str, table) -> None:
        from desktop_app.ui.indicators import RecordsDialog

        if self.records_dialog is not None:
            self.records_dialog.close()
            self.records_dialog.deleteLater()
        self.records_dialog = RecordsDialog(title, table, self)
        self.records_dialog.open()
