"""A dialog base for forms that validate as the user types: a red message under each wrong field."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #c0392b;"


def error_label() -> QLabel:
    """A red, word-wrapped label for saying what is wrong."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    return label


class ValidatedDialog(QDialog):
    """Subclasses add fields and implement `field_errors()`; OK stays disabled while any error remains.

    A message is shown under a field once the user has changed it (or after 确定 was tried), so an
    empty new form does not open covered in red.
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.inputs: dict[str, QWidget] = {}
        self.messages: dict[str, QLabel] = {}
        self.touched: set[str] = set()
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.addLayout(self.form)
        self.general_message = error_label()
        self.general_message.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.general_message)
        self.layout_.addWidget(self.buttons)
        self.validate()

    def _add_row(self, key: str, label: str, widget: QWidget, layout: QFormLayout | None = None) -> None:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        message = error_label()
        message.setVisible(False)
        message.setObjectName(f"error_{key}")
        column.addWidget(message)
        (layout or self.form).addRow(label, box)
        widget.setObjectName(key)
        self.inputs[key] = widget
        self.messages[key] = message

    def add_line(self, key: str, label: str, placeholder: str = "", text: str = "",
                 layout: QFormLayout | None = None) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(lambda _text, key=key: self.changed(key))
        self._add_row(key, label, edit, layout)
        return edit

    def add_combo(self, key: str, label: str, items: list[tuple[str, Any]], current: Any = None,
                  layout: QFormLayout | None = None) -> QComboBox:
        combo = QComboBox()
        for text, data in items:
            combo.addItem(text, data)
        if current is not None:
            combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.currentIndexChanged.connect(lambda _i, key=key: self.changed(key))
        self._add_row(key, label, combo, layout)
        return combo

    def text(self, key: str) -> str:
        widget = self.inputs[key]
        return widget.text() if isinstance(widget, QLineEdit) else widget.currentText()

    def data(self, key: str) -> Any:
        return self.inputs[key].currentData()  # type: ignore[union-attr]

    def changed(self, key: str) -> None:
        self.touched.add(key)
        self.validate()

    def field_errors(self) -> dict[str, str]:
        raise NotImplementedError

    def validate(self, show_all: bool = False) -> dict[str, str]:
        errors = self.field_errors()
        for key, label in self.messages.items():
            message = errors.get(key) if show_all or key in self.touched else None
            label.setText(message or "")
            label.setVisible(bool(message))
        unplaced = [text for key, text in errors.items() if key not in self.messages]
        self.general_message.setText("\n".join(unplaced))
        self.general_message.setVisible(bool(unplaced))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not errors)
        return errors

    def try_accept(self) -> None:
        if self.validate(show_all=True):
            return
        if self.save():
            self.accept()

    def save(self) -> bool:
        """Write the record; return False (after showing why) to keep the dialog open."""
        raise NotImplementedError

    def show_errors(self, errors: dict[str, str]) -> None:
        self.touched.update(errors)
        for key, text in errors.items():
            label = self.messages.get(key, self.general_message)
            label.setText(text)
            label.setVisible(True)
