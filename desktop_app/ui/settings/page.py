"""The 设置 page: 节假日 on the left; 期限计算器 and 期限计算方式 (日 / 工作日 per legal clock) on the right."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.domain.clocks import BY_NAME, CLOCKS
from desktop_app.services import calendar
from desktop_app.services.changes import Changes, Topic
from desktop_app.ui.pages.base import Page, PageContext
from desktop_app.ui.settings.calculator import DeadlineCalculator
from desktop_app.ui.settings.holidays import HolidaysPanel


class ClockKinds(QGroupBox):
    """One check box per legal clock: checked, counted in working days; unchecked, in calendar days."""

    def __init__(self, page: SettingsPage) -> None:
        super().__init__("期限计算方式", page)
        self.page = page
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        note = QLabel("勾选的期限只计工作日，未勾选的按日计算。")
        note.setStyleSheet("color: #666;")
        layout.addWidget(note)
        for clock in CLOCKS:
            box = QCheckBox()
            box.setObjectName(f"clock_{clock.name}")
            box.setToolTip(clock.description)
            box.toggled.connect(lambda checked, name=clock.name: self.page.set_clock_kind(name, checked))
            layout.addWidget(box)
            self.boxes[clock.name] = box
        self.refresh()

    def refresh(self) -> None:
        for name, box in self.boxes.items():
            box.setText(f"{BY_NAME[name].label}（{calendar.clock_days(name)}天）按工作日计算")
            box.blockSignals(True)
            box.setChecked(calendar.clock_kind(name))
            box.blockSignals(False)


class SettingsPage(Page):
    title = "设置"
    depends_on = frozenset({Topic.SETTINGS})

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        today = context.workspace.clock.today()
        self.holidays = HolidaysPanel(today.year, self)
        self.holidays.changed.connect(self.wrote)
        self.calculator = DeadlineCalculator(today, self)
        self.clocks = ClockKinds(self)
        right = QVBoxLayout()
        right.addWidget(self.calculator)
        right.addWidget(self.clocks)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.holidays, 3)
        layout.addLayout(right, 2)

    def wrote(self, changes: Changes) -> None:
        self.context.changes.emit(changes)

    def set_clock_kind(self, name: str, working: bool) -> None:
        self.wrote(calendar.set_clock_kind(name, working))

    def refresh(self) -> None:
        self.holidays.refresh()
        self.calculator.refresh()
        self.clocks.refresh()
