"""Import a 12345 hotline ticket export: column mapping, every located error and remark, then the import.

`import_tickets(page) -> bool` asks for the file and shows the dialog. The file is read
(`exchange.ticket_reader`) and matched against the estates (`services.consult.tickets.preview_ticket_import`)
in the background; the columns are matched by their names and can be re-mapped, and category texts no
rule knows can be given a category, then 重新检查 reads again. The errors and remarks are listed in the
roll import's table (工作表, 行, 列, 值, 原因), with the tickets that would be added or updated; nothing
is written before 导入 or 只导入无误的行 (one transaction, cancellable; re-importing changes nothing).
"""

from __future__ import annotations

from datetime import date

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
    QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from desktop_app.domain.complaints import CATEGORIES
from desktop_app.domain.errors import UserError, os_error_text
from desktop_app.exchange.errors import ReadFailure
from desktop_app.exchange.ticket_reader import REQUIRED, TICKET_COLUMNS, TicketReadResult, read_tickets
from desktop_app.exchange.xlsx_safety import check_workbook_sheet
from desktop_app.services.consult.tickets import (
    NEW, UPDATED, TicketImportPreview, TicketImportSummary,
    apply_ticket_import, preview_ticket_import,
)
from desktop_app.ui.widgets.import_review import ERROR_COLUMNS, error_rows, fill_column_choices, mapped_twice
from desktop_app.ui.widgets.plain_table import PlainTableModel
from desktop_app.ui.widgets.forms import error_label
from desktop_app.ui.widgets.wizard_parts import import_buttons, review_table

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
CHANGE_COLUMNS = ("行", "工单编号", "变化", "受理时间", "类别", "小区", "状态", "说明")
AUTO_CATEGORY = "（按规则归类）"
PLACE_REQUIRED = ("estate", "address")


def import_tickets(page) -> bool:
    """Ask for a ticket export and import it after the preview; True when something was written.
    `page` has `.context.runner` (the caller tells the other pages that data changed)."""
    path, _ = QFileDialog.getOpenFileName(page, "导入12345工单", "", XLSX_FILTER)
    if not path:
        return False
    dialog = TicketImportDialog(page.context.runner, path, parent=page, today=page.context.workspace.clock.today())
    dialog.exec()
    return dialog.imported


class TicketImportDialog(QDialog):
    def __init__(self, runner, path: str, parent: QWidget | None = None, *, today: date) -> None:
        super().__init__(parent)
        self.runner, self.path = runner, path
        self.today = today  # overdue judged on this day (the workspace clock)
        self.read: TicketReadResult | None = None
        self.preview: TicketImportPreview | None = None
        self.summary: TicketImportSummary | None = None
        self.imported = False
        self.setWindowTitle(f"导入12345工单 — {Path(path).name}")
        self.sheet = QComboBox()
        self.sheet.setObjectName("sheet")
        self.combos: dict[str, QComboBox] = {}
        mapping = QGroupBox("各列对应（已按列名自动对应，带 * 的必须对应；“所属小区”和“地址”至少对应一个）")
        grid = QGridLayout(mapping)
        for index, column in enumerate(TICKET_COLUMNS):
            combo = QComboBox()
            combo.setObjectName(f"map_{column.field}")
            star = " *" if column.field in REQUIRED else ""
            grid.addWidget(QLabel(column.header + star), index // 3, (index % 3) * 2)
            grid.addWidget(combo, index // 3, (index % 3) * 2 + 1)
            self.combos[column.field] = combo
        self.categories = QGroupBox("认不出的诉求类别（可以指定归入哪一类）")
        self.categories.setObjectName("categories")
        self.category_form = QFormLayout(self.categories)
        self.category_combos: dict[str, QComboBox] = {}
        self.check_again = QPushButton("重新检查")
        self.check_again.setObjectName("check_again")
        self.check_again.clicked.connect(lambda: self.start_read(mapped=True))
        self.counts = QLabel("正在读取和检查……")
        self.counts.setObjectName("counts")
        self.counts.setWordWrap(True)
        self.message = error_label()
        self.message.setObjectName("message")
        self.errors = PlainTableModel(ERROR_COLUMNS, parent=self)
        self.warnings = PlainTableModel(ERROR_COLUMNS, parent=self)
        self.changes = PlainTableModel(CHANGE_COLUMNS, parent=self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        for model, name in ((self.errors, "errors"), (self.warnings, "warnings"), (self.changes, "changes")):
            self.tabs.addTab(review_table(model, name), "")
        self.import_all, self.import_valid, self.close_button = import_buttons(self.start_import, self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel("工作表"))
        top.addWidget(self.sheet, 1)
        top.addStretch(2)
        top.addWidget(self.check_again)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for button in (self.import_all, self.import_valid, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(mapping)
        layout.addWidget(self.categories)
        layout.addWidget(self.counts)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.resize(980, 680)
        self.categories.hide()
        self._set_buttons()
        try:
            names = check_workbook_sheet(path).sheet_names
        except ReadFailure as error:
            self.counts.setText(str(error))
            return
        self.sheet.addItems(names)
        self.sheet.currentIndexChanged.connect(lambda _i: self.start_read(mapped=False))
        self.start_read(mapped=False, sheet=None)

    # ------------------------------------------------------------ reading
    def mapping(self) -> dict[str, str]:
        return {field: combo.currentData() for field, combo in self.combos.items() if combo.currentData()}

    def category_overrides(self) -> dict[str, str]:
        return {text: combo.currentData() for text, combo in self.category_combos.items() if combo.currentData()}

    def mapping_problems(self) -> list[str]:
        mapping = self.mapping()
        problems = [f"请为“{column.header}”选择对应的列" for column in TICKET_COLUMNS
                    if column.field in REQUIRED and column.field not in mapping]
        if not any(field in mapping for field in PLACE_REQUIRED):
            problems.append("请为“所属小区”或“地址”选择对应的列")
        return problems + mapped_twice(TICKET_COLUMNS, mapping)

    def start_read(self, *, mapped: bool, sheet: str | None | bool = False) -> None:
        if mapped and (problems := self.mapping_problems()):
            self.message.setText("；".join(problems))
            return
        path = self.path
        chosen = self.sheet.currentText() if sheet is False else sheet
        mapping = self.mapping() if mapped else None
        categories = self.category_overrides() if mapped else None
        self.message.clear()
        self.preview = None
        self._set_buttons()
        self.counts.setText("正在读取和检查……")

        def job(progress) -> tuple[TicketReadResult, TicketImportPreview]:
            read = read_tickets(path, sheet=chosen, mapping=mapping, categories=categories,
                                cancel=lambda: not progress(0, 0))
            return read, preview_ticket_import(read, today=self.today)

        self.runner.run("正在读取和检查12345工单……", job, self.show_preview, parent=self, write=False,
                        on_error=self.failed, on_cancel=lambda: self.counts.setText("已取消读取。"))

    def failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self.message.setText(str(error))
        elif isinstance(error, OSError):
            self.message.setText(f"无法读取文件：{os_error_text(error)}")
        else:
            raise error
        self._set_buttons()

    def show_preview(self, result: tuple[TicketReadResult, TicketImportPreview]) -> None:
        self.read, self.preview = result
        read, preview = result
        self._fill_mapping(read)
        self._fill_categories(read)
        self.errors.set_rows(ERROR_COLUMNS, error_rows(preview.errors))
        self.warnings.set_rows(ERROR_COLUMNS, error_rows(preview.warnings))
        changing = [plan for plan in preview.plans if plan.kind in (NEW, UPDATED)]
        self.changes.set_rows(CHANGE_COLUMNS, [
            (str(p.ticket.row), p.ticket.ticket_no, p.kind, p.ticket.received_at.replace("T", " "), p.ticket.category,
             p.estate_name or "（未对应）", p.ticket.status, _change_text(p)) for p in changing])
        self.tabs.setTabText(0, f"错误（{len(preview.errors):,}）")
        self.tabs.setTabText(1, f"提示（{len(preview.warnings):,}）")
        self.tabs.setTabText(2, f"将新增或更新的工单（{len(changing):,}）")
        self.tabs.setCurrentIndex(0 if preview.errors else 2)
        self.counts.setText(_counts_text(read, preview))
        self._set_buttons()

    def _fill_mapping(self, read: TicketReadResult) -> None:
        self.sheet.blockSignals(True)
        self.sheet.setCurrentText(read.sheet)
        self.sheet.blockSignals(False)
        for field, combo in self.combos.items():
            fill_column_choices(combo, read.headers, read.mapping.get(field))
            combo.setEnabled(bool(read.headers))

    def _fill_categories(self, read: TicketReadResult) -> None:
        chosen = self.category_overrides()
        texts = sorted({t.category_text for t in read.tickets if t.category == "其他" and t.category_text != "其他"}
                       | set(chosen))
        while self.category_form.rowCount():
            self.category_form.removeRow(0)
        self.category_combos = {}
        for text in texts:
            combo = QComboBox()
            combo.setObjectName(f"category_{text}")
            combo.addItem(AUTO_CATEGORY, None)
            for category in CATEGORIES:
                combo.addItem(category, category)
            combo.setCurrentIndex(max(0, combo.findData(chosen.get(text))))
            self.category_form.addRow(f"“{text}”归入", combo)
            self.category_combos[text] = combo
        self.categories.setVisible(bool(texts))

    # ------------------------------------------------------------ import
    def _set_buttons(self) -> None:
        preview = self.preview
        done = self.summary is not None
        changing = bool(preview and (preview.new or preview.updated))
        self.import_all.setEnabled(bool(preview and not done and changing and not preview.errors))
        self.import_valid.setEnabled(bool(preview and not done and changing and preview.errors))
        self.check_again.setEnabled(not done and self.sheet.count() > 0)
        self.close_button.setText("关闭" if done else "取消")

    def start_import(self, only_valid: bool) -> None:
        preview = self.preview
        if preview is None:
            return

        def job(progress) -> TicketImportSummary:
            return apply_ticket_import(preview, only_valid=only_valid, progress=progress)

        self.runner.run("正在导入12345工单……", job, self.finished_import, parent=self, write=True,
                        on_error=self.failed,
                        on_cancel=lambda: self.message.setText("已取消导入，数据库没有任何改变。"))

    def finished_import(self, summary: TicketImportSummary) -> None:
        self.summary = summary
        self.imported = bool(summary.created or summary.updated)
        self.counts.setText(f"导入完成：新增 {summary.created:,} 件，更新 {summary.updated:,} 件，"
                            f"未变 {summary.unchanged:,} 件；补记办理环节 {summary.steps_added:,} 个。")
        self._set_buttons()


def _change_text(plan) -> str:
    if plan.kind == NEW:
        return "、".join(step for step, _on in plan.steps)
    names = {"status": "状态", "reply": "答复", "satisfaction": "满意度", "due_on": "时限", "closed_on": "办结日期",
             "text": "内容", "complainant": "来电人", "phone": "电话", "address": "地址", "estate": "小区",
             "room": "房屋"}
    return "改" + "、".join(names.get(name, name) for name in plan.values)


def _counts_text(read: TicketReadResult, preview: TicketImportPreview) -> str:
    if not read.header_row:
        return "没有找到工单的表头：请在上面选择工作表，或者检查文件。"
    text = (f"工作表“{read.sheet}”，表头在第 {read.header_row} 行，共 {read.rows:,} 行工单："
            f"新增 {preview.new:,} 件，更新 {preview.updated:,} 件，未变 {preview.unchanged:,} 件；"
            f"有错误的行 {len(preview.invalid_rows):,} 行（错误 {len(preview.errors):,} 处），提示 {len(preview.warnings):,} 处。")
    if preview.errors:
        text += "\n有错误时不会写入任何数据：请改正文件后重新导入，或点“只导入无误的行”。"
    elif not (preview.new or preview.updated):
        text += "\n没有需要写入的变化。"
    return text
