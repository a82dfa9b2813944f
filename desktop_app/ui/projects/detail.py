"""A project's detail in five tabs: 基本信息 (the form), 改造内容 (items), 进度 (the schedule against plan with
the marks and days late as of today), 资金 (per source with payments and 登记付款), 质量检查 (inspections).

The panel writes through services.projects.records and hands each write's Changes to `wrote`; the page
sends it on the window's bus and re-reads (the panel with it, keeping the tab)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QProgressBar, QPushButton,
    QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from desktop_app.domain.catalogue import CATEGORIES
from desktop_app.domain.errors import UserError
from desktop_app.domain.money import yuan_grouped
from desktop_app.domain.projects import LATE_COMPLETION, LATE_START
from desktop_app.domain.ratios import share
from desktop_app.services.changes import Changes
from desktop_app.services.projects import records
from desktop_app.services.projects.details import ProjectDetail, payments_of, project_detail
from desktop_app.ui.projects.dialogs import FundDialog, InspectionDialog, ItemDialog, PaymentDialog
from desktop_app.ui.projects.models import (
    LATE_TEXT_COLOUR, FundsModel, InspectionsModel, ItemsModel, PaymentsModel, RowsModel, day_text, progress_text,
    state_text,
)
from desktop_app.ui.projects.project_form import ProjectForm

INFO_TAB, ITEMS_TAB, SCHEDULE_TAB, FUNDS_TAB, INSPECTIONS_TAB = range(5)
MUTED = "color: #666;"


def confirm(parent: QWidget, title: str, text: str, action: str) -> bool:
    """Ask before a destructive action; the destructive button is not the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.setObjectName("confirm_delete")
    yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    no = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def make_table(model: RowsModel, name: str, widths: tuple[int, ...], stretch: int | None = None) -> QTableView:
    """A read-only, row-selecting table; `stretch` is the column that takes the spare width (default: the last)."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    if stretch is not None:
        table.horizontalHeader().setStretchLastSection(False)
        table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def selected_record(table: QTableView):
    index = table.currentIndex()
    model = table.model()
    return model.record(index.row()) if index.isValid() and isinstance(model, RowsModel) else None


class ProjectDetailPanel(QWidget):
    wrote = Signal(object)  # services.changes.Changes

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.detail: ProjectDetail | None = None
        self.heading = QLabel()
        self.heading.setObjectName("project_heading")
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("project_tabs")
        self.buttons: dict[str, QPushButton] = {}
        self.tabs.addTab(self._info_tab(), "基本信息")
        self.tabs.addTab(self._items_tab(), "改造内容")
        self.tabs.addTab(self._schedule_tab(), "进度")
        self.tabs.addTab(self._funds_tab(), "资金")
        self.tabs.addTab(self._inspections_tab(), "质量检查")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)

    def _button(self, name: str, text: str, slot, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        row.addWidget(button)
        self.buttons[name] = button
        return button

    # --- tabs
    def _info_tab(self) -> QWidget:
        tab = QWidget()
        self.form = ProjectForm()
        self.form.edited.connect(self._form_edited)
        row = QHBoxLayout()
        self.form_state = QLabel()
        self.form_state.setStyleSheet(MUTED)
        row.addWidget(self.form_state, 1)
        self._button("revert_project", "撤销修改", self.revert_form, row)
        self._button("save_project", "保存修改", self.save_form, row).setDefault(True)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(6, 6, 6, 4)
        layout.addWidget(self.form, 1)
        layout.addLayout(row)
        return tab

    def _items_tab(self) -> QWidget:
        tab = QWidget()
        self.items_model = ItemsModel(self)
        self.items_table = make_table(self.items_model, "items_table", (44, 220, 70, 90, 60, 130), stretch=1)
        self.items_table.doubleClicked.connect(lambda _index: self.edit_item())
        row = QHBoxLayout()
        for name, text, slot in (("add_item", "添加改造内容…", self.add_item), ("edit_item", "修改…", self.edit_item),
                                 ("delete_item", "删除", self.delete_item), ("item_up", "上移", lambda: self.move_item(-1)),
                                 ("item_down", "下移", lambda: self.move_item(1))):
            self._button(name, text, slot, row)
        self.items_summary = QLabel()
        self.items_summary.setObjectName("items_summary")
        row.addWidget(self.items_summary, 1)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(6, 6, 6, 4)
        layout.addLayout(row)
        layout.addWidget(self.items_table, 1)
        return tab

    def _schedule_tab(self) -> QWidget:
        tab = QWidget()
        grid = QGridLayout(tab)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        self.schedule_labels: dict[str, QLabel] = {}
        for column, text in enumerate(("", "计划", "实际", "对照计划")):
            header = QLabel(text)
            header.setStyleSheet("font-weight: bold;")
            grid.addWidget(header, 0, column)
        for row, (key, text) in enumerate((("start", "开工"), ("end", "完工"), ("accepted", "竣工验收")), start=1):
            grid.addWidget(QLabel(text), row, 0)
            for column, part in enumerate(("planned", "actual", "verdict"), start=1):
                label = QLabel()
                label.setObjectName(f"schedule_{key}_{part}")
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(label, row, column)
                self.schedule_labels[f"{key}_{part}"] = label
        self.schedule_state = QLabel()
        self.schedule_state.setObjectName("schedule_state")
        self.schedule_state.setStyleSheet("font-size: 14px;")
        grid.addWidget(self.schedule_state, 4, 0, 1, 4)
        note = QLabel("按今天的日期判断：计划开工日已到而未开工为“逾期未开工”；计划完工日已到而未完工，"
                      "或完工晚于计划，为“未按期完工”。日期在“基本信息”中修改。")
        note.setWordWrap(True)
        note.setStyleSheet(MUTED)
        grid.addWidget(note, 5, 0, 1, 4)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(6, 1)
        return tab

    def _funds_tab(self) -> QWidget:
        tab = QWidget()
        self.funds_model = FundsModel(self)
        self.funds_table = make_table(self.funds_model, "funds_table", (130, 130, 130, 130, 80, 130), stretch=0)
        self.funds_table.doubleClicked.connect(lambda _index: self.edit_fund())
        self.payments_model = PaymentsModel(self)
        self.payments_table = make_table(self.payments_model, "payments_table", (150, 130, 120, 140))
        top = QHBoxLayout()
        for name, text, slot in (("add_fund", "添加资金来源…", self.add_fund), ("edit_fund", "修改金额…", self.edit_fund),
                                 ("delete_fund", "删除来源", self.delete_fund)):
            self._button(name, text, slot, top)
        self.funds_summary = QLabel()
        self.funds_summary.setObjectName("funds_summary")
        top.addWidget(self.funds_summary, 1)
        self.funds_progress = QProgressBar()
        self.funds_progress.setObjectName("funds_progress")
        self.funds_progress.setRange(0, 10000)
        self.funds_progress.setFixedWidth(160)
        self.funds_progress.setTextVisible(True)
        top.addWidget(self.funds_progress)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel("付款记录"))
        self._button("add_payment", "登记付款…", self.add_payment, bottom)
        self._button("delete_payment", "删除付款", self.delete_payment, bottom)
        bottom.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(6, 6, 6, 4)
        layout.addLayout(top)
        layout.addWidget(self.funds_table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.payments_table, 1)
        return tab

    def _inspections_tab(self) -> QWidget:
        tab = QWidget()
        self.inspections_model = InspectionsModel(self)
        self.inspections_table = make_table(self.inspections_model, "inspections_table", (100, 120, 80, 360, 100), stretch=3)
        self.inspections_table.doubleClicked.connect(lambda _index: self.edit_inspection())
        row = QHBoxLayout()
        for name, text, slot in (("add_inspection", "登记质量检查…", self.add_inspection),
                                 ("edit_inspection", "修改…", self.edit_inspection),
                                 ("delete_inspection", "删除", self.delete_inspection)):
            self._button(name, text, slot, row)
        self.inspections_summary = QLabel()
        row.addWidget(self.inspections_summary, 1)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(6, 6, 6, 4)
        layout.addLayout(row)
        layout.addWidget(self.inspections_table, 1)
        return tab

    # --- showing
    @property
    def project_id(self) -> int | None:
        return self.detail.id if self.detail is not None else None

    def show_project(self, project_id: int, today: date) -> None:
        """(Re-)read the project as of `today`; the form keeps unsaved edits of the same project."""
        self.today = today
        same = self.detail is not None and self.detail.id == project_id
        detail = project_detail(project_id, today)
        self.detail = detail
        marks = f"（{'、'.join(detail.marks)}）" if detail.marks else ""
        self.heading.setText(f"{detail.code}　{detail.name}　{detail.draft.plan_year}年度　{detail.state}{marks}")
        if not same or not self.form.touched:
            self.form.load(detail.draft, detail.id)
            self._form_edited()
        self._show_items(detail)
        self._show_schedule(detail)
        self._show_funds(detail)
        self._show_inspections(detail)

    def _show_items(self, detail: ProjectDetail) -> None:
        keep = selected_record(self.items_table)
        self.items_model.set_records(detail.items)
        by_category = Counter(item.category for item in detail.items)
        parts = "、".join(f"{c} {by_category[c]} 项" for c in CATEGORIES if by_category[c])
        self.items_summary.setText(f"共 {len(detail.items)} 项（{parts}），计划投资 {yuan_grouped(detail.planned_investment_fen)} 元"
                                   if detail.items else "还没有改造内容")
        self._reselect(self.items_table, keep)

    def _show_schedule(self, detail: ProjectDetail) -> None:
        schedule, labels = detail.schedule, self.schedule_labels
        labels["start_planned"].setText(day_text(schedule.planned_start) or "未填")
        labels["start_actual"].setText(day_text(schedule.actual_start) or "未开工")
        labels["end_planned"].setText(day_text(schedule.planned_end) or "未填")
        labels["end_actual"].setText(day_text(schedule.actual_end) or "未完工")
        labels["accepted_planned"].setText("")
        labels["accepted_actual"].setText(day_text(schedule.accepted_on) or "未验收")
        labels["accepted_verdict"].setText("")
        start, end = labels["start_verdict"], labels["end_verdict"]
        if detail.start_days_late is not None:
            self._verdict(start, f"{LATE_START}，已逾期 {detail.start_days_late} 天", late=True)
        elif schedule.actual_start and schedule.planned_start:
            delay = (schedule.actual_start - schedule.planned_start).days
            self._verdict(start, f"晚于计划 {delay} 天开工" if delay > 0 else "按期开工", late=False)
        else:
            self._verdict(start, "未到计划开工日" if schedule.planned_start else "", late=False)
        if detail.completion_days_late is not None:
            finished = schedule.actual_end is not None and schedule.actual_end <= detail.day
            text = (f"{LATE_COMPLETION}，晚于计划 {detail.completion_days_late} 天完工" if finished
                    else f"{LATE_COMPLETION}，已超过计划完工日 {detail.completion_days_late} 天")
            self._verdict(end, text, late=True)
        elif schedule.actual_end and schedule.planned_end:
            self._verdict(end, "按期完工", late=False)
        else:
            self._verdict(end, "未到计划完工日" if schedule.planned_end else "", late=False)
        self.schedule_state.setText(f"今天（{detail.day:%Y-%m-%d}）的状态：{state_text(detail.state, detail.marks)}")

    @staticmethod
    def _verdict(label: QLabel, text: str, *, late: bool) -> None:
        label.setText(text)
        label.setStyleSheet(f"color: {LATE_TEXT_COLOUR.name()}; font-weight: bold;" if late else "")

    def _show_funds(self, detail: ProjectDetail) -> None:
        keep_fund, keep_payment = selected_record(self.funds_table), selected_record(self.payments_table)
        self.funds_model.set_records(detail.funds)
        self.payments_model.set_records(payments_of(detail))
        progress = share(detail.paid_fen, detail.allocated_fen)
        self.funds_summary.setText(
            f"合计：计划 {yuan_grouped(detail.fund_planned_fen)}，已下达 {yuan_grouped(detail.allocated_fen)}，"
            f"已支付 {yuan_grouped(detail.paid_fen)} 元")
        self.funds_progress.setValue(int(progress * 10000) if progress is not None else 0)
        self.funds_progress.setFormat(f"支付进度 {progress_text(detail.paid_fen, detail.allocated_fen)}")
        self._reselect(self.funds_table, keep_fund)
        self._reselect(self.payments_table, keep_payment)

    def _show_inspections(self, detail: ProjectDetail) -> None:
        self.inspections_model.set_records(detail.inspections)
        open_ = sum(1 for i in detail.inspections if i.result != "合格" and i.rectified_on is None)
        self.inspections_summary.setText(
            f"共 {len(detail.inspections)} 次检查" + (f"，{open_} 次待整改" if open_ else "") if detail.inspections
            else "还没有质量检查记录")

    @staticmethod
    def _reselect(table: QTableView, record) -> None:
        model = table.model()
        if record is None or not isinstance(model, RowsModel):
            return
        row = model.row_of(record.id)
        if row >= 0:
            table.selectRow(row)

    # --- writes
    def _send(self, changes: Changes) -> None:
        if changes:
            self.wrote.emit(changes)

    def _write(self, title: str, action) -> None:
        try:
            changes = action()
        except UserError as error:
            QMessageBox.warning(self, title, error.message)
            return
        self._send(changes)

    def _form_edited(self) -> None:
        dirty = bool(self.form.touched)
        self.form_state.setText("有未保存的修改" if dirty else "")
        self.buttons["save_project"].setEnabled(dirty)
        self.buttons["revert_project"].setEnabled(dirty)

    def save_form(self) -> None:
        changes = self.form.save()
        if changes:
            self.form.touched.clear()
            self._form_edited()
            self._send(changes)

    def revert_form(self) -> None:
        if self.detail is not None:
            self.form.load(self.detail.draft, self.detail.id)
            self._form_edited()

    def _dialog(self, dialog) -> None:
        if dialog.exec():
            self._send(dialog.changes)

    def add_item(self) -> None:
        if self.detail is not None:
            self._dialog(ItemDialog(self.detail.id, parent=self))

    def edit_item(self) -> None:
        item = selected_record(self.items_table)
        if self.detail is not None and item is not None:
            self._dialog(ItemDialog(self.detail.id, item, parent=self))

    def delete_item(self) -> None:
        item = selected_record(self.items_table)
        if item is not None and confirm(self, "删除改造内容", f"删除改造内容“{item.name}”（{item.category}，计划投资 "
                                        f"{yuan_grouped(item.planned_fen)} 元）吗？", "删除"):
            self._write("未删除", lambda: records.delete_item(item.id))

    def move_item(self, offset: int) -> None:
        item = selected_record(self.items_table)
        if item is not None:
            self._write("未移动", lambda: records.move_item(item.id, offset))

    def add_fund(self) -> None:
        if self.detail is not None:
            taken = tuple(fund.source for fund in self.detail.funds)
            self._dialog(FundDialog(self.detail.id, parent=self, taken=taken))

    def edit_fund(self) -> None:
        fund = selected_record(self.funds_table)
        if self.detail is not None and fund is not None:
            self._dialog(FundDialog(self.detail.id, fund, parent=self))

    def delete_fund(self) -> None:
        fund = selected_record(self.funds_table)
        if fund is not None and confirm(
                self, "删除资金来源", f"删除资金来源“{fund.source}”吗？\n其 {len(fund.payments)} 笔付款记录"
                f"（共 {yuan_grouped(sum(p.amount_fen for p in fund.payments))} 元）将一并删除。", "删除"):
            self._write("未删除", lambda: records.delete_fund(fund.id))

    def add_payment(self) -> None:
        if self.detail is None:
            return
        if not self.detail.funds:
            QMessageBox.information(self, "登记付款", "请先点“添加资金来源…”，填写该来源的已下达金额，再登记付款。")
            return
        fund = selected_record(self.funds_table)
        self._dialog(PaymentDialog(self.detail.funds, self.today, parent=self,
                                   fund_id=fund.id if fund is not None else None))

    def delete_payment(self) -> None:
        payment = selected_record(self.payments_table)
        if payment is not None and confirm(
                self, "删除付款", f"删除 {day_text(payment.paid_on) or '未注明日期'} {payment.source} 付款 "
                f"{yuan_grouped(payment.amount_fen)} 元（凭证 {payment.voucher or '无'}）吗？", "删除"):
            self._write("未删除", lambda: records.delete_payment(payment.id))

    def add_inspection(self) -> None:
        if self.detail is not None:
            self._dialog(InspectionDialog(self.detail.id, self.today, parent=self))

    def edit_inspection(self) -> None:
        inspection = selected_record(self.inspections_table)
        if self.detail is not None and inspection is not None:
            self._dialog(InspectionDialog(self.detail.id, self.today, inspection, parent=self))

    def delete_inspection(self) -> None:
        inspection = selected_record(self.inspections_table)
        if inspection is not None and confirm(self, "删除质量检查", f"删除 {day_text(inspection.inspected_on)} "
                                              f"{inspection.inspector} 的检查记录（{inspection.result}）吗？", "删除"):
            self._write("未删除", lambda: records.delete_inspection(inspection.id))
