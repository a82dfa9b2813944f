"""The small dialogs of a project's detail: an item (picked from the catalogue or typed), a fund source's
planned and allocated amounts, a payment (登记付款), a quality inspection. Each validates as the user types
through the `*_errors` of services.projects.records and writes through the same module when 确定 is
pressed; `changes` then holds what the write changed (the panel sends it on the window's bus)."""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QPlainTextEdit, QWidget

from desktop_app.domain.catalogue import CATEGORIES
from desktop_app.domain.errors import UserError
from desktop_app.domain.money import yuan_grouped
from desktop_app.domain.projects import FUND_SOURCES, INSPECTION_RESULTS
from desktop_app.services import catalogue
from desktop_app.services.changes import NONE, Changes
from desktop_app.services.projects import records
from desktop_app.services.projects.details import FundLine, InspectionLine, ItemLine
from desktop_app.ui.widgets.forms import ValidatedDialog


def yuan_input(fen: int) -> str:
    """An amount to edit: 123456789 -> "1,234,567.89" (read back by parse_fen), 0 -> ""."""
    return yuan_grouped(fen) if fen else ""


class WriteDialog(ValidatedDialog):
    """A ValidatedDialog whose save() calls one write and keeps its Changes."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.changes: Changes = NONE
        self.setMinimumWidth(440)

    def validate(self, show_all: bool = False) -> dict[str, str]:
        errors = super().validate(show_all)
        if self.isVisible():  # a shown or hidden reason changes the height the wrapped labels need
            self.layout_.activate()
            self.resize(self.width(), max(self.height(), self.layout_.totalHeightForWidth(self.width())
                                          if self.layout_.hasHeightForWidth() else self.sizeHint().height()))
        return errors

    def write(self, action: Callable[[], Changes]) -> bool:
        try:
            self.changes = action()
        except UserError as error:
            if error.field and error.field in self.messages:
                self.show_errors({error.field: error.message})
            else:
                QMessageBox.warning(self, "未保存", error.message)
            return False
        return True


class ItemDialog(WriteDialog):
    """改造内容: the name is picked from the catalogue (its category follows) or typed freely."""

    def __init__(self, project_id: int, item: ItemLine | None = None, parent: QWidget | None = None) -> None:
        super().__init__("修改改造内容" if item else "添加改造内容", parent)
        self.project_id, self.item = project_id, item
        self.categories = {entry.name: entry.category for entry in catalogue.catalogue()}
        self.name = QComboBox()
        self.name.setEditable(True)
        self.name.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.name.addItem("")
        for name, category in self.categories.items():
            self.name.addItem(f"{name}", name)
        self.name.setCurrentIndex(0)
        self.name.setEditText(item.name if item else "")
        self.name.lineEdit().setPlaceholderText("从目录中选择，或直接输入")
        self.name.editTextChanged.connect(self._name_changed)
        self._add_row("name", "改造内容", self.name)
        self.add_combo("category", "类别", [("（请选择类别）", "")] + [(c, c) for c in CATEGORIES],
                       item.category if item else "")
        self.add_line("quantity", "工程量", "如 1200 或 35.5，可不填", item.quantity if item else "")
        self.add_line("unit", "单位", "如 米、部、平方米", item.unit if item else "")
        self.add_line("planned", "计划投资(元)", "如 350000.00", yuan_input(item.planned_fen) if item else "")
        self.finish_layout()

    def _name_changed(self, text: str) -> None:
        category = self.categories.get(text.strip())
        if category is not None:
            combo = self.inputs["category"]
            assert isinstance(combo, QComboBox)
            combo.setCurrentIndex(combo.findData(category))
        self.changed("name")

    def draft(self) -> records.ItemDraft:
        return records.ItemDraft(self.name.currentText(), self.data("category") or "", self.text("quantity"),
                                 self.text("unit"), self.text("planned"))

    def field_errors(self) -> dict[str, str]:
        errors = records.item_errors(self.draft())
        if not self.data("category") and "category" in errors:
            errors["category"] = "请选择类别（目录中的改造内容会自动带出类别）"
        return errors

    def save(self) -> bool:
        if self.item is None:
            return self.write(lambda: records.add_item(self.project_id, self.draft()))
        item_id = self.item.id
        return self.write(lambda: records.update_item(item_id, self.draft()))


class FundDialog(WriteDialog):
    """A source's planned and allocated (下达) amounts."""

    def __init__(self, project_id: int, fund: FundLine | None = None, parent: QWidget | None = None,
                 taken: tuple[str, ...] = ()) -> None:
        super().__init__(f"资金：{fund.source}" if fund else "添加资金来源", parent)
        self.project_id = project_id
        sources = [fund.source] if fund else [s for s in FUND_SOURCES if s not in taken]
        self.add_combo("source", "资金来源", [(s, s) for s in sources])
        self.inputs["source"].setEnabled(fund is None)
        self.add_line("planned", "计划(元)", "如 1000000", yuan_input(fund.planned_fen) if fund else "")
        self.add_line("allocated", "已下达(元)", "已下达到项目的金额", yuan_input(fund.allocated_fen) if fund else "")
        if fund is not None and fund.payments:
            paid = sum(payment.amount_fen for payment in fund.payments)
            self.form.addRow("", _note(f"已登记付款 {yuan_grouped(paid)} 元，已下达不能少于此数"))
        self.finish_layout()

    def field_errors(self) -> dict[str, str]:
        return records.fund_errors(self.project_id, self.text("source"), self.text("planned"), self.text("allocated"))

    def save(self) -> bool:
        return self.write(lambda: records.set_fund(self.project_id, self.text("source"), self.text("planned"),
                                                   self.text("allocated")))


class PaymentDialog(WriteDialog):
    """登记付款: the fund, the date (today unless changed), the amount, the voucher number."""

    def __init__(self, funds: tuple[FundLine, ...], today: date, parent: QWidget | None = None,
                 fund_id: int | None = None) -> None:
        super().__init__("登记付款", parent)
        self.funds = {fund.id: fund for fund in funds}
        self.add_combo("fund", "资金来源", [(f"{fund.source}（可支付 {yuan_grouped(max(fund.available_fen, 0))} 元）", fund.id)
                                         for fund in funds], fund_id)
        self.add_line("paid_on", "付款日期", "如 2025-05-20", today.isoformat())
        self.add_line("amount", "金额(元)", "如 120000.00")
        self.add_line("voucher", "凭证号", "如 记-2025-0012")
        self.add_line("note", "备注")
        self.finish_layout()
        self.inputs["amount"].setFocus()

    def draft(self) -> records.PaymentDraft:
        return records.PaymentDraft(self.text("paid_on"), self.text("amount"), self.text("voucher"), self.text("note"))

    def field_errors(self) -> dict[str, str]:
        fund_id = self.data("fund")
        if fund_id is None:
            return {"fund": "请先在上方添加资金来源并填写已下达金额"}
        return records.payment_errors(fund_id, self.draft())

    def save(self) -> bool:
        fund_id = self.data("fund")
        return self.write(lambda: records.add_payment(fund_id, self.draft()))


class InspectionDialog(WriteDialog):
    def __init__(self, project_id: int, today: date, inspection: InspectionLine | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("修改质量检查" if inspection else "登记质量检查", parent)
        self.project_id, self.inspection = project_id, inspection
        draft = inspection.draft() if inspection else records.InspectionDraft(today, "", INSPECTION_RESULTS[0])
        self.add_line("inspected_on", "检查日期", "如 2025-06-01", str(draft.inspected_on or ""))
        self.add_line("inspector", "检查人", "姓名或单位", draft.inspector)
        result = self.add_combo("result", "结果", [(r, r) for r in INSPECTION_RESULTS], draft.result)
        result.currentIndexChanged.connect(lambda _i: self.changed("problems"))  # 限期整改 asks for the problems
        self.problems = QPlainTextEdit(draft.problems)
        self.problems.setPlaceholderText("发现的问题（结果为限期整改或不合格时必填）")
        self.problems.setFixedHeight(80)
        self.problems.setTabChangesFocus(True)
        self.problems.textChanged.connect(lambda: self.changed("problems"))
        self._add_row("problems", "发现的问题", self.problems)
        self.add_line("rectified_on", "整改完成日期", "整改完成后填写", str(draft.rectified_on or ""))
        self.finish_layout()

    def draft(self) -> records.InspectionDraft:
        return records.InspectionDraft(self.text("inspected_on"), self.text("inspector"), self.data("result"),
                                       self.problems.toPlainText(), self.text("rectified_on"))

    def field_errors(self) -> dict[str, str]:
        return records.inspection_errors(self.draft())

    def save(self) -> bool:
        if self.inspection is None:
            return self.write(lambda: records.add_inspection(self.project_id, self.draft()))
        inspection_id = self.inspection.id
        return self.write(lambda: records.update_inspection(inspection_id, self.draft()))


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("color: #666;")
    label.setWordWrap(True)
    return label
