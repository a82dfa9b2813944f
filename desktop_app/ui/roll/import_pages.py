"""The later pages of the roll import wizard: column mapping, the preview of every error, and the import."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_app.exchange.errors import ReadFailure
from desktop_app.exchange.roll_columns import REQUIRED_FIELDS, ROLL_COLUMNS, match_headers
from desktop_app.exchange.roll_reader import RollReadResult
from desktop_app.operations.roll import RollImported, can_import, import_roll, read_roll_file
from desktop_app.services import queries, settings
from desktop_app.ui.widgets.import_review import ERROR_COLUMNS, error_rows, fill_column_choices, mapped_twice
from desktop_app.ui.widgets.plain_table import PlainTableModel
from desktop_app.ui.widgets.forms import error_label
from desktop_app.ui.widgets.wizard_parts import review_table


class MappingPage(QWizardPage):
    def __init__(self, wizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle("第4步：对应各列")
        self.setSubTitle("已按列名自动对应（带 * 的必须对应）。可以逐项修改；确认导入后，下次遇到相同表头会自动沿用。")
        self.combos: dict[str, QComboBox] = {}
        inner = QWidget()
        form = QFormLayout(inner)
        for column in ROLL_COLUMNS:
            combo = QComboBox()
            combo.setObjectName(f"map_{column.field}")
            combo.currentIndexChanged.connect(lambda _i: self._changed())
            form.addRow(column.header + (" *" if column.field in REQUIRED_FIELDS else ""), combo)
            self.combos[column.field] = combo
        self.estate = QComboBox()
        self.estate.setObjectName("estate_code")
        self.estate.currentIndexChanged.connect(lambda _i: self._changed())
        form.addRow("文件没有小区列时导入到", self.estate)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.message = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.message)

    def initializePage(self) -> None:
        headers = self.wiz.headers
        remembered = settings.import_mapping(headers)
        mapping = remembered if remembered is not None else {
            field: headers[index] for field, index in match_headers(headers).items()}
        for field, combo in self.combos.items():
            combo.blockSignals(True)
            fill_column_choices(combo, headers, mapping.get(field))
            combo.blockSignals(False)
        self.estate.blockSignals(True)
        self.estate.clear()
        self.estate.addItem("（不指定，按文件中的小区列）", None)
        for code, label in queries.estate_code_choices():
            self.estate.addItem(label, code)
        self.estate.blockSignals(False)
        self.remembered = remembered is not None
        self._changed()

    def mapping(self) -> dict[str, str]:
        return {field: combo.currentData() for field, combo in self.combos.items() if combo.currentData()}

    def problems(self) -> list[str]:
        mapping = self.mapping()
        problems = []
        missing = [c.header for c in ROLL_COLUMNS if c.field in REQUIRED_FIELDS and c.field not in mapping]
        if missing:
            problems.append(f"请为必需的列选择对应：{'、'.join(missing)}")
        if not ({"estate_code", "estate_name"} & mapping.keys()) and self.estate.currentData() is None:
            problems.append("请对应“小区编码”或“小区名称”列，或者在最下面选择要导入到的小区")
        return problems + mapped_twice(ROLL_COLUMNS, mapping)

    def _changed(self) -> None:
        problems = self.problems()
        note = "（已沿用上次确认的对应关系）" if getattr(self, "remembered", False) else ""
        self.message.setText("\n".join(problems) if problems else "")
        self.setSubTitle("已按列名自动对应（带 * 的必须对应）。可以逐项修改；确认导入后，下次遇到相同表头会自动沿用。"
                         + note)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.problems()

    def validatePage(self) -> bool:
        self.wiz.mapping = self.mapping()
        self.wiz.estate_code = self.estate.currentData()
        return True


class PreviewPage(QWizardPage):
    def __init__(self, wizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle("第5步：检查结果")
        self.setSubTitle("下面列出文件中的每一处错误。在点“导入”之前，数据库不会有任何改变。")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "导入")
        self.counts = QLabel()
        self.counts.setObjectName("counts")
        self.counts.setWordWrap(True)
        self.model = PlainTableModel(ERROR_COLUMNS, parent=self)
        self.table = review_table(self.model, "errors")
        self.skip_invalid = QCheckBox("只导入无误的行（有错误的行不导入）")
        self.skip_invalid.setObjectName("skip_invalid")
        self.skip_invalid.toggled.connect(lambda _on: self.completeChanged.emit())
        self.community = QComboBox()
        self.community.setObjectName("community")
        form = QFormLayout()
        form.addRow("新小区归入", self.community)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.skip_invalid)
        layout.addLayout(form)

    def initializePage(self) -> None:
        self.wiz.result = None
        self.model.set_rows(ERROR_COLUMNS, [])
        self.skip_invalid.setChecked(False)
        self.skip_invalid.setEnabled(False)
        self.community.clear()
        self.community.addItem("按文件中的街道、社区列（没有时归入“未分组社区”）", None)
        for community_id, label in queries.community_choices():
            self.community.addItem(label, community_id)
        self.counts.setText("正在读取和检查……")
        wiz = self.wiz
        path, sheet, mapping, code, today = wiz.path, wiz.sheet, dict(wiz.mapping), wiz.estate_code, wiz.today

        def job(progress) -> RollReadResult:
            return read_roll_file(path, sheet=sheet, mapping=mapping, estate_code=code,
                                  cancel=lambda: not progress(0, 0), today=today)

        wiz.runner.run("正在读取和检查名册……", job, self.show_result, parent=self, write=False,
                       on_error=self.failed, on_cancel=lambda: self.counts.setText("已取消读取。"))

    def failed(self, error: BaseException) -> None:
        if isinstance(error, ReadFailure):
            self.counts.setText(str(error))
        else:
            raise error

    def show_result(self, result: RollReadResult) -> None:
        self.wiz.result = result
        self.model.set_rows(ERROR_COLUMNS, error_rows(result.errors))
        text = (f"工作表“{result.sheet}”，表头在第 {result.header_row} 行。共 {result.rows:,} 行数据："
                f"无误 {len(result.records):,} 行，有错误的行 {len(result.invalid_rows):,} 行，错误 {len(result.errors):,} 处。")
        if result.errors:
            text += "\n有错误时不会写入任何数据：请改正文件后重新导入，或勾选“只导入无误的行”。"
        elif result.records:
            text += "\n没有发现错误，可以导入。"
        if not result.records:
            text += "\n没有可以导入的行。"
        self.counts.setText(text)
        self.skip_invalid.setEnabled(bool(result.errors) and bool(result.records))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        result = self.wiz.result
        return bool(result and can_import(result, skip_invalid=self.skip_invalid.isChecked()))

    def validatePage(self) -> bool:
        self.wiz.community_id = self.community.currentData()
        return True


class ImportPage(QWizardPage):
    def __init__(self, wizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle("第6步：导入")
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.status)
        self.done = False

    def initializePage(self) -> None:
        self.done = False
        wiz = self.wiz
        result, headers, mapping, community = wiz.result, list(wiz.headers), dict(wiz.mapping), wiz.community_id
        self.status.setText(f"正在导入 {len(result.records):,} 行……")

        def job(progress) -> RollImported:
            return import_roll(result, community_id=community, headers=headers, mapping=mapping, progress=progress)

        wiz.runner.run("正在导入名册……", job, self.imported, parent=self, write=True,
                       on_cancel=lambda: self.finish("已取消导入，数据库没有任何改变。"))

    def imported(self, done: RollImported) -> None:
        summary = done.summary
        self.wiz.imported = True
        self.wiz.summary = summary
        self.finish(f"导入完成：共 {summary.rows:,} 行，新增或更新 {summary.imported:,} 行"
                    f"（新增房屋 {summary.created:,} 套，更新 {summary.updated:,} 套），未变 {summary.unchanged:,} 行。")

    def finish(self, text: str) -> None:
        self.status.setText(text)
        self.done = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.done
