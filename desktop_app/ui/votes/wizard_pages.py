"""The input pages of the 新建表决 wizard: scope, matter and rule, title and dates (items: `wizard_items.py`).

Each page only holds its widgets; the wizard (`ui.votes.wizard.VoteWizard`) builds the draft from them,
checks it on every change and hands each message back to the field it is about (`show_errors`).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Iterable, Protocol

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QRadioButton, QVBoxLayout, QWidget, QWizardPage,
)

from desktop_app.domain.vocabulary import ESTATE_LEVELS, ScopeLevel
from desktop_app.domain.vote_print_data import RULE_NAMES
from desktop_app.domain.vote_rules import MATTERS, Rule, rule_of_matter
from desktop_app.services import queries
from desktop_app.services.scope import Scope, estate_of_scope
from desktop_app.services.votes.create import DATES, MATTER, RULE_REASON, SCOPE, TITLE
from desktop_app.ui.pages.base import PageContext
from desktop_app.ui.widgets.forms import error_label

NUMERALS = "〇一二三四五六七八九"
DEFAULT_MATTER = 7  # 改建、重建建筑物及其附属设施: renovation works
DEFAULT_DAYS = 14
ItemRole = Qt.ItemDataRole.UserRole + 1


def matter_text(matter: int) -> str:
    """"第七项：改建、重建建筑物及其附属设施"."""
    return f"第{NUMERALS[matter]}项：{MATTERS[matter]}" if matter in MATTERS else f"第{matter}项"


def rule_text(rule: Rule) -> str:
    return f"{RULE_NAMES[rule]}（{rule.label}）"


def other_rule(rule: Rule) -> Rule:
    return Rule.ORDINARY if rule is Rule.SPECIAL else Rule.SPECIAL


def estates_in(scope: Scope) -> list[tuple[int, str]]:
    """The estates inside the window's scope as (id, "社区 · 小区"); every estate above the street level."""
    choices = queries.estate_choices()
    if scope.level.within_estate:
        estate_id = estate_of_scope(scope)
        return [choice for choice in choices if choice[0] == estate_id]
    if scope.level is ScopeLevel.COMMUNITY:
        wanted = {node.scope.id for node in queries.children(scope)}
    elif scope.level is ScopeLevel.STREET:
        wanted = {estate.scope.id for community in queries.children(scope) for estate in queries.children(community.scope)}
    else:
        return choices
    return [choice for choice in choices if choice[0] in wanted]


class WizardHost(Protocol):
    """What the pages need of the wizard that holds them (`ui.votes.wizard.VoteWizard`)."""

    context: PageContext

    def revalidate(self) -> None: ...

    def estate_changed(self) -> None: ...


class WizardPage(QWizardPage):
    """A page whose completeness is 'none of its fields has a message'."""

    def __init__(self, wizard: WizardHost, title: str, subtitle: str) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.messages: dict[str, QLabel] = {}
        self.errors: dict[str, list[str]] = {}

    def message_label(self, field: str) -> QLabel:
        """The label showing the errors whose key is `field` (services.votes.create.FIELDS, or "general")."""
        label = error_label()
        label.setObjectName(f"error_{field}")
        label.setVisible(False)
        self.messages[field] = label
        return label

    def show_errors(self, errors: dict[str, list[str]]) -> None:
        self.errors = {field: errors.get(field, []) for field in self.messages}
        for field, label in self.messages.items():
            label.setText("\n".join(self.errors[field]))
            label.setVisible(bool(self.errors[field]))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return not any(self.errors.values())


class ScopePage(WizardPage):
    """Which rooms vote: one estate of the window's scope, whole or some of its buildings or units."""

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__(wizard, "第1步：表决范围", "哪些房屋的业主参加表决？表决开始时将冻结这些房屋的名册。")
        self.estate = QComboBox()
        self.estate.setObjectName("estate")
        self.mode_group = QButtonGroup(self)
        self.modes: dict[ScopeLevel, QRadioButton] = {}
        modes = QHBoxLayout()
        for mode, text in zip(ESTATE_LEVELS, ("整个小区", "选定的楼栋", "选定的单元")):
            button = QRadioButton(text)
            button.setObjectName(f"mode_{mode}")
            self.modes[mode] = button
            self.mode_group.addButton(button)
            modes.addWidget(button)
        modes.addStretch(1)
        self.modes[ScopeLevel.ESTATE].setChecked(True)
        self.parts = QListWidget()
        self.parts.setObjectName("parts")
        self.checked: set[Scope] = set()
        form = QFormLayout()
        form.addRow("小区", self.estate)
        form.addRow("范围", modes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.parts, 1)
        layout.addWidget(self.message_label(SCOPE))
        self._fill_estates(wizard.context.scope.scope)
        self.estate.currentIndexChanged.connect(self._estate_changed)
        self.mode_group.buttonToggled.connect(lambda _button, on: on and self._fill_parts())
        self.parts.itemChanged.connect(self._part_changed)

    def _fill_estates(self, scope: Scope) -> None:
        for estate_id, label in estates_in(scope):
            self.estate.addItem(label, estate_id)
        if scope.level in (ScopeLevel.BUILDING, ScopeLevel.UNIT):  # start from the part the window shows
            self.checked.add(scope)
            self.modes[scope.level].setChecked(True)
        self._fill_parts()

    @property
    def estate_id(self) -> int | None:
        return self.estate.currentData()

    @property
    def estate_name(self) -> str:
        return self.estate.currentText().split(" · ")[-1]

    def mode(self) -> ScopeLevel:
        return next(mode for mode, button in self.modes.items() if button.isChecked())

    def _parts(self) -> Iterable[tuple[Scope, str]]:
        if self.estate_id is None:
            return
        for building in queries.children(Scope(ScopeLevel.ESTATE, self.estate_id)):
            if self.mode() is ScopeLevel.BUILDING:
                yield building.scope, building.label
            else:
                for unit in queries.children(building.scope):
                    yield unit.scope, f"{building.label}{unit.label}"

    def _fill_parts(self) -> None:
        self.parts.blockSignals(True)
        self.parts.clear()
        if self.mode() is not ScopeLevel.ESTATE:
            for scope, label in self._parts():
                item = QListWidgetItem(label)
                item.setData(ItemRole, scope)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if scope in self.checked else Qt.CheckState.Unchecked)
                self.parts.addItem(item)
        self.parts.setEnabled(self.mode() is not ScopeLevel.ESTATE)
        self.parts.blockSignals(False)
        self.wiz.revalidate()

    def _estate_changed(self) -> None:
        self.checked.clear()
        self._fill_parts()
        self.wiz.estate_changed()

    def _part_changed(self, item: QListWidgetItem) -> None:
        scope = item.data(ItemRole)
        if item.checkState() == Qt.CheckState.Checked:
            self.checked.add(scope)
        else:
            self.checked.discard(scope)
        self.wiz.revalidate()

    def set_checked(self, scopes: Iterable[Scope]) -> None:
        """Check these buildings or units (for code that drives the wizard)."""
        wanted = set(scopes)
        for row in range(self.parts.count()):
            item = self.parts.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(ItemRole) in wanted else Qt.CheckState.Unchecked)

    def scopes(self) -> list[Scope]:
        if self.estate_id is None:
            return []
        if self.mode() is ScopeLevel.ESTATE:
            return [Scope(ScopeLevel.ESTATE, self.estate_id)]
        return [self.parts.item(row).data(ItemRole) for row in range(self.parts.count())
                if self.parts.item(row).checkState() == Qt.CheckState.Checked]

    def scope_text(self) -> str:
        if self.mode() is ScopeLevel.ESTATE:
            return f"{self.estate_name}（整个小区）"
        labels = [self.parts.item(row).text() for row in range(self.parts.count())
                  if self.parts.item(row).checkState() == Qt.CheckState.Checked]
        return f"{self.estate_name} " + "、".join(labels)


class MatterPage(WizardPage):
    """The Art. 278 matter, the rule it implies (or another one, with a reason), blank ballots, double entry."""

    def __init__(self, wizard: WizardHost, blank_default: bool) -> None:
        super().__init__(wizard, "第2步：表决事项类别与规则",
                         "按《民法典》第二百七十八条选择本次表决属于哪一类事项，程序据此确定表决规则。")
        self.matter = QComboBox()
        self.matter.setObjectName("matter")
        for number in MATTERS:
            self.matter.addItem(matter_text(number), number)
        self.matter.setCurrentIndex(self.matter.findData(DEFAULT_MATTER))
        self.rule_label = QLabel()
        self.rule_label.setObjectName("rule_label")
        self.rule_label.setWordWrap(True)
        self.override = QCheckBox("不采用上述法定规则，改按另一规则表决（须说明原因，并记入变更记录）")
        self.override.setObjectName("override")
        self.reason = QLineEdit()
        self.reason.setObjectName("rule_reason")
        self.reason.setPlaceholderText("例如：业主大会议事规则另有约定（须注明条款）")
        self.blank = QCheckBox("空白票、无法辨认的票计入参与表决的面积和人数（不计入同意）")
        self.blank.setObjectName("blank_participates")
        self.blank.setChecked(blank_default)
        self.double_entry = QCheckBox("双人核对录入：两人分别录入同一批纸质表决票，不一致之处全部核对后才能结束表决")
        self.double_entry.setObjectName("double_entry")
        form = QFormLayout()
        form.addRow("事项类别", self.matter)
        form.addRow("表决规则", self.rule_label)
        form.addRow("", self.override)
        reason_box = QVBoxLayout()
        reason_box.addWidget(self.reason)
        reason_box.addWidget(self.message_label(RULE_REASON))
        form.addRow("调整原因", reason_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message_label(MATTER))
        layout.addSpacing(12)
        layout.addWidget(self.blank)
        layout.addWidget(self.double_entry)
        layout.addStretch(1)
        self.matter.currentIndexChanged.connect(self._changed)
        self.override.toggled.connect(self._changed)
        self.reason.textChanged.connect(lambda _text: self.wiz.revalidate())
        self._show_rule()

    def matter_number(self) -> int:
        return int(self.matter.currentData())

    def rule(self) -> Rule | None:
        """None: the matter's own rule; otherwise the other one (an override)."""
        return other_rule(rule_of_matter(self.matter_number())) if self.override.isChecked() else None

    def effective_rule(self) -> Rule:
        return self.rule() or rule_of_matter(self.matter_number())

    def _show_rule(self) -> None:
        own = rule_of_matter(self.matter_number())
        text = f"法定规则：{rule_text(own)}"
        if self.override.isChecked():
            text = f"改按：{rule_text(other_rule(own))}\n（{text}）"
        self.rule_label.setText(text)
        self.reason.setEnabled(self.override.isChecked())

    def _changed(self) -> None:
        self._show_rule()
        self.wiz.revalidate()


class DetailsPage(WizardPage):
    """Title, opening and closing dates, issuer and a note."""

    def __init__(self, wizard: WizardHost, today: date) -> None:
        super().__init__(wizard, "第4步：名称与表决期", "表决名称印在表决票和结果公告上；表决期内收回的表决票有效。")
        self.title_edited = False
        self.issuer_edited = False
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("title")
        self.title_edit.textEdited.connect(self._title_edited)
        self.opens_on = self._date_edit("opens_on", today)
        self.closes_on = self._date_edit("closes_on", today + timedelta(days=DEFAULT_DAYS))
        self.issuer = QLineEdit()
        self.issuer.setObjectName("issuer")
        self.issuer.setPlaceholderText("发放和收回表决票的单位，如：杜鹃社区居民委员会")
        self.issuer.textEdited.connect(self._issuer_edited)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText("选填，如：业主大会第二次会议")
        self.note.textChanged.connect(lambda _text: self.wiz.revalidate())
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, widget, field in (("表决名称", self.title_edit, TITLE), ("开始日期", self.opens_on, None),
                                     ("截止日期", self.closes_on, DATES), ("发起单位", self.issuer, None),
                                     ("备注", self.note, None)):
            if field is None:
                form.addRow(label, widget)
                continue
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(self.message_label(field))
            form.addRow(label, box)

    def _date_edit(self, name: str, value: date) -> QDateEdit:
        edit = QDateEdit(QDate(value.year, value.month, value.day))
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(lambda _date: self.wiz.revalidate())
        return edit

    def _title_edited(self, _text: str) -> None:
        self.title_edited = True
        self.wiz.revalidate()

    def _issuer_edited(self, _text: str) -> None:
        self.issuer_edited = True
        self.wiz.revalidate()

    def set_defaults(self, estate_name: str, issuer: str) -> None:
        """The title and issuer follow the estate until the user types their own."""
        if not self.title_edited:
            self.title_edit.setText(f"{estate_name}老旧小区改造内容表决" if estate_name else "")
        if not self.issuer_edited:
            self.issuer.setText(issuer)

    @staticmethod
    def day(edit: QDateEdit) -> date:
        value = edit.date()
        return date(value.year(), value.month(), value.day())
