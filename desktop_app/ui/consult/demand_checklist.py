"""The demand checklist of door-to-door entry: the catalogue items numbered 01, 02, … in catalogue order
(the order of the printed 征求意见表), one column per category, toggled by typing the number.

Typing: two digits name an item (07, 12); a single digit names it at once when no longer number starts
with it (with 42 items, 5–9), else Space (or any other key) settles it (1 then Space = 01).
"""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QWidget

from desktop_app.domain.catalogue import CATEGORIES, CatalogueEntry, entry_codes


class DemandChecklist(QWidget):
    """Checkboxes that never take the focus (the entry panel keeps it); `toggled(name, checked)`."""

    toggled = Signal(str, bool)

    def __init__(self, entries: Sequence[CatalogueEntry] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[CatalogueEntry] = []
        self.boxes: list[QCheckBox] = []
        self.codes: list[int] = []
        self.index_of_code: dict[int, int] = {}
        self.pending = ""
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(1)
        self.set_entries(entries)

    def set_entries(self, entries: Sequence[CatalogueEntry]) -> None:
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        categories = [c for c in CATEGORIES if any(e.category == c for e in entries)]
        categories += sorted({e.category for e in entries} - set(categories))
        self.entries = sorted(entries, key=lambda e: categories.index(e.category))
        self.boxes = []
        rows = {category: 1 for category in categories}
        for column, category in enumerate(categories):
            head = QLabel(category)
            head.setStyleSheet("font-weight: bold;")
            self.grid.addWidget(head, 0, column)
        self.codes = entry_codes(self.entries)
        self.index_of_code = {code: index for index, code in enumerate(self.codes)}
        for number, entry in zip(self.codes, self.entries):
            box = QCheckBox(f"{self.code(number)} {entry.name}")
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            box.toggled.connect(lambda checked, name=entry.name: self.toggled.emit(name, checked))
            column = categories.index(entry.category)
            self.grid.addWidget(box, rows[entry.category], column)
            rows[entry.category] += 1
            self.boxes.append(box)
        self.grid.setRowStretch(max(rows.values(), default=1), 1)
        self.pending = ""

    def code(self, number: int) -> str:
        return f"{number:0{self.digits()}d}"

    def digits(self) -> int:
        return max(1, len(str(self.highest())))

    def highest(self) -> int:
        return max(self.codes, default=0)

    # --- state
    def checked(self) -> list[str]:
        """The names checked, in catalogue order."""
        return [entry.name for entry, box in zip(self.entries, self.boxes) if box.isChecked()]

    def set_checked(self, names: Sequence[str]) -> None:
        wanted = set(names)
        for entry, box in zip(self.entries, self.boxes):
            box.setChecked(entry.name in wanted)
        self.pending = ""

    def clear(self) -> None:
        self.set_checked(())

    def toggle_number(self, number: int) -> str | None:
        """Toggle the item printed with `number`; its name, or None when there is no such item."""
        index = self.index_of_code.get(number)
        if index is None:
            return None
        box = self.boxes[index]
        box.setChecked(not box.isChecked())
        return self.entries[index].name

    # --- typing numbers
    def type_digit(self, digit: str) -> str | None:
        """Add a typed digit; the item toggled when the number is complete (None while it is not, or when
        there is no such item: the typed number is dropped)."""
        self.pending += digit
        number = int(self.pending)
        longer = number == 0 or number * 10 <= self.highest()
        if len(self.pending) < self.digits() and longer:
            return None
        self.pending = ""
        return self.toggle_number(number)

    def settle(self) -> str | None:
        """Settle a pending single digit (Space or another key after "1")."""
        if not self.pending:
            return None
        number, self.pending = int(self.pending), ""
        return self.toggle_number(number)
