"""首页: the counts of the chosen scope."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.domain.area import format_area_grouped as area_text
from desktop_app.services import queries
from desktop_app.services.changes import Topic
from desktop_app.services.scope import scope_label
from desktop_app.ui.pages.base import Page, PageContext

CARDS = (
    ("estates", "小区"), ("buildings", "楼栋"), ("units", "单元"), ("rooms", "房屋（套）"),
    ("owner_heads", "业主（人数，按表决计数规则）"), ("area_centi", "专有面积合计（㎡）"),
    ("residents", "居民（人）"), ("elderly", "60岁以上老人（人）"), ("disabled", "残疾人（人）"),
)


class HomePage(Page):
    title = "首页"
    depends_on = frozenset({Topic.ROLL})  # the cards count the roll only

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 20px; font-weight: bold;")
        layout.addWidget(self.heading)
        grid = QGridLayout()
        self.values: dict[str, QLabel] = {}
        for position, (key, caption) in enumerate(CARDS):
            card = QFrame()
            card.setFrameShape(QFrame.Shape.StyledPanel)
            card.setMinimumHeight(96)
            inner = QVBoxLayout(card)
            value = QLabel("…")
            value.setObjectName(key)
            value.setStyleSheet("font-size: 28px; font-weight: bold; color: #1f5f99;")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            text = QLabel(caption)
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner.addWidget(value)
            inner.addWidget(text)
            grid.addWidget(card, position // 3, position % 3)
            self.values[key] = value
        layout.addLayout(grid)
        note = QLabel("业主人数按《民法典》第278条及司法解释计算：一人拥有多套房屋计为一人，"
                      "建设单位未出售的房屋合计为一人，共有的房屋计为一人。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        layout.addWidget(note)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        scope, today = self.context.scope.scope, self.context.workspace.clock.today()
        self.heading.setText(f"统计范围：{scope_label(scope)}")
        self.context.runner.run("正在统计……", lambda progress: queries.scope_counts(scope, today), self.show_counts,
                                parent=self, write=False)

    def show_counts(self, counts: queries.ScopeCounts) -> None:
        for key, label in self.values.items():
            value = getattr(counts, key)
            label.setText(area_text(value) if key == "area_centi" else f"{value:,}")
