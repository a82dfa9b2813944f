"""The scope selector at the top of the window: cascading combos 街道 › 社区 › 小区 › 楼栋 › 单元."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from desktop_app.services import queries
from desktop_app.services.scope import ALL, LEVEL_LABELS, LEVELS, Scope, scope_path
from desktop_app.ui.pages.base import ScopeState

LEVEL_ORDER = LEVELS[1:]  # street .. unit


class ScopeBar(QWidget):
    """Each combo lists the children of the choice to its left; "全部…" selects the level above."""

    def __init__(self, state: ScopeState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel("范围："))
        self.combos: list[QComboBox] = []
        for position, level in enumerate(LEVEL_ORDER):
            if position:
                layout.addWidget(QLabel("›"))
            combo = QComboBox()
            combo.setObjectName(f"scope_{level}")
            combo.setMinimumContentsLength(8)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.activated.connect(lambda _i, position=position: self._chosen(position))
            layout.addWidget(combo)
            self.combos.append(combo)
        layout.addStretch(1)
        state.changed.connect(self.show_scope)
        self.show_scope(state.scope)

    def _fill(self, position: int, parent: Scope | None, selected: Scope | None) -> None:
        combo = self.combos[position]
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(f"全部{LEVEL_LABELS[LEVEL_ORDER[position]]}", None)
        if parent is not None:
            for node in queries.children(parent):
                combo.addItem(node.label, node.scope.to_text())
        combo.setCurrentIndex(max(0, combo.findData(selected.to_text())) if selected else 0)
        combo.setEnabled(parent is not None and combo.count() > 1)
        combo.blockSignals(False)

    def show_scope(self, scope: Scope) -> None:
        path = scope_path(scope)
        parent: Scope | None = ALL
        for position in range(len(self.combos)):
            selected = path[position] if position < len(path) else None
            self._fill(position, parent, selected)
            parent = selected

    def _chosen(self, position: int) -> None:
        data = self.combos[position].currentData()
        if data is not None:
            scope = Scope.from_text(data)
        else:
            above = self.combos[position - 1].currentData() if position else None
            scope = Scope.from_text(above) if above else ALL
        self.state.set(scope)
        self.show_scope(scope)

    def reload(self) -> None:
        self.show_scope(self.state.scope)
