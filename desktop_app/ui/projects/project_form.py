"""基本信息: the form of a project's head (code, name, year, dates, contractor, supervisor, declared counts,
note) and the estates it covers, picked from the roll with a search. Validated as the user types through
`records.project_errors`; used in the 新建项目 dialog and in the detail's first tab."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QVBoxLayout, QWidget,
)

from desktop_app.domain.errors import UserError
from desktop_app.services import queries
from desktop_app.services.changes import NONE, Changes
from desktop_app.services.projects import records
from desktop_app.services.projects.records import ProjectDraft
from desktop_app.ui.widgets.forms import error_label

# (key, label, placeholder) in the two columns of the form
LEFT = (("code", "项目编号", "如 XM-2025-001"), ("name", "项目名称", ""), ("planned_start", "计划开工", "如 2025-03-01"),
        ("actual_start", "实际开工", "未开工不填"), ("accepted_on", "竣工验收", "验收后填写"),
        ("contractor", "施工单位", ""), ("declared_buildings", "申报楼栋数", "名册中没有的小区用"))
RIGHT = (("plan_year", "年度", "如 2025"), ("note", "备注", ""), ("planned_end", "计划完工", "如 2025-10-31"),
         ("actual_end", "实际完工", "未完工不填"), ("", "", ""), ("supervisor", "监理单位", ""),
         ("declared_households", "申报户数", "名册中没有的小区用"))


def _text(value: object) -> str:
    return "" if value is None else str(value)


class EstatePicker(QWidget):
    """The estates of the roll with check boxes, narrowed by a search; the order of checking is kept."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("estate_search")
        self.search.setPlaceholderText("搜索小区或社区")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.list = QListWidget()
        self.list.setObjectName("estate_list")
        self.chosen_label = QLabel()
        self.chosen_label.setWordWrap(True)
        self.chosen_label.setObjectName("estates_chosen")
        self.chosen: list[int] = []
        self.names: dict[int, str] = {}
        self.reload()
        self.list.itemChanged.connect(self._item_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.chosen_label)
        self._show_chosen()

    def reload(self) -> None:
        """(Re-)read the estates of the roll; the chosen ones stay chosen."""
        self.list.blockSignals(True)
        self.list.clear()
        self.names.clear()
        for estate_id, label in queries.estate_choices():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, estate_id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if estate_id in self.chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
            self.names[estate_id] = label.split(" · ")[-1]
        self.list.blockSignals(False)
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        text = text.strip()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(text) and text not in item.text())

    def _item_changed(self, item: QListWidgetItem) -> None:
        estate_id = item.data(Qt.ItemDataRole.UserRole)
        checked = item.checkState() == Qt.CheckState.Checked
        if checked and estate_id not in self.chosen:
            self.chosen.append(estate_id)
        elif not checked and estate_id in self.chosen:
            self.chosen.remove(estate_id)
        self._show_chosen()
        self.changed.emit()

    def set_chosen(self, estate_ids: tuple[int, ...]) -> None:
        self.list.blockSignals(True)
        self.chosen = [estate_id for estate_id in estate_ids]
        for row in range(self.list.count()):
            item = self.list.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in self.chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self._show_chosen()

    def choose(self, estate_id: int, checked: bool = True) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == estate_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _show_chosen(self) -> None:
        names = [self.names.get(estate_id, "?") for estate_id in self.chosen]
        self.chosen_label.setText(f"已选 {len(names)} 个：" + "、".join(names) if names else "未选小区（片区项目可选多个）")


class ProjectForm(QWidget):
    """The head of a project and its estates; `draft()` is what the fields make, `validate()` shows the
    reasons under the fields the user has touched."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project_id: int | None = None
        self.inputs: dict[str, QLineEdit] = {}
        self.messages: dict[str, QLabel] = {}
        self.touched: set[str] = set()
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        for half, fields in enumerate((LEFT, RIGHT)):
            for row, (key, label, placeholder) in enumerate(fields):
                if not key:
                    continue
                edit = QLineEdit()
                edit.setObjectName(key)
                edit.setPlaceholderText(placeholder)
                edit.textEdited.connect(lambda _text, key=key: self._changed(key))
                caption = QLabel(label)
                caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                caption.setContentsMargins(0, 4, 0, 0)
                grid.addWidget(caption, row, half * 2)
                grid.addWidget(self._with_message(key, edit), row, half * 2 + 1)
                self.inputs[key] = edit
        grid.setColumnMinimumWidth(2, 72)
        grid.setRowStretch(len(LEFT), 1)
        self.inputs["plan_year"].setMaximumWidth(90)
        self.picker = EstatePicker()
        self.picker.changed.connect(lambda: self._changed("estates"))
        picker_box = QWidget()
        picker_layout = QVBoxLayout(picker_box)
        picker_layout.setContentsMargins(0, 0, 0, 0)
        picker_layout.setSpacing(2)
        picker_layout.addWidget(QLabel("所含小区："))
        picker_layout.addWidget(self._with_message("estates", self.picker), 1)
        grid.addWidget(picker_box, 0, 4, len(LEFT) + 1, 1)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 3)
        grid.setColumnStretch(4, 2)
        self.general = error_label()
        self.general.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid, 1)
        layout.addWidget(self.general)

    def _with_message(self, key: str, widget: QWidget) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(widget, 1 if isinstance(widget, EstatePicker) else 0)
        message = error_label()
        message.setObjectName(f"error_{key}")
        message.setVisible(False)
        column.addWidget(message)
        self.messages[key] = message
        return box

    def _changed(self, key: str) -> None:
        self.touched.add(key)
        self.validate()
        self.edited.emit()

    def load(self, draft: ProjectDraft, project_id: int | None) -> None:
        self.project_id = project_id
        for key, edit in self.inputs.items():
            edit.setText(_text(getattr(draft, key)))
        self.picker.set_chosen(tuple(draft.estate_ids))
        self.touched.clear()
        self.validate()

    def draft(self) -> ProjectDraft:
        values = {key: edit.text() for key, edit in self.inputs.items()}
        return ProjectDraft(estate_ids=tuple(self.picker.chosen), **values)  # type: ignore[arg-type]

    def validate(self, show_all: bool = False) -> dict[str, str]:
        errors = records.project_errors(self.draft(), self.project_id)
        for key, label in self.messages.items():
            message = errors.get(key) if show_all or key in self.touched else None
            label.setText(message or "")
            label.setVisible(bool(message))
        return errors

    def show_error(self, error: UserError) -> None:
        label = self.messages.get(error.field or "", self.general)
        label.setText(error.message)
        label.setVisible(True)

    def save(self) -> Changes:
        """Create or update the project; NONE (with the reasons shown) when the form is not right."""
        if self.validate(show_all=True):
            return NONE
        try:
            if self.project_id is None:
                return records.create_project(self.draft())
            return records.update_project(self.project_id, self.draft())
        except UserError as error:
            self.show_error(error)
            return NONE


class NewProjectDialog(QDialog):
    """新建项目: the project form in a dialog; `changes` names the new project once saved."""

    def __init__(self, plan_year: int, estate_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建项目")
        self.changes: Changes = NONE
        self.form = ProjectForm()
        self.form.load(ProjectDraft(code="", name="", plan_year=plan_year,
                                    estate_ids=(estate_id,) if estate_id else ()), None)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("创建项目")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.form, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.resize(1000, 440)
        self.form.inputs["code"].setFocus()

    def try_accept(self) -> None:
        self.changes = self.form.save()
        if self.changes:
            self.accept()
