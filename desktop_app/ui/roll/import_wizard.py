"""The roll import wizard: file → sheet → header row → column mapping → preview of every error → import.

Nothing is written before the last page; reading and writing run through the task runner (progress,
取消). The confirmed column mapping is remembered per header row (services.settings) on import.
"""

from __future__ import annotations

from datetime import date
from itertools import islice

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_app.domain.text import as_text
from desktop_app.exchange.errors import ReadFailure, column_letter
from desktop_app.exchange.roll_columns import HEADER_SEARCH_ROWS, fill_merged, find_header_row
from desktop_app.exchange.roll_reader import INSTRUCTION_SHEET
from desktop_app.exchange.sheet_rows import SheetRows
from desktop_app.exchange.xlsx_safety import WorkbookCheck, check_workbook
from desktop_app.ui.roll.import_pages import ImportPage, MappingPage, PreviewPage
from desktop_app.ui.widgets.plain_table import PlainTableModel
from desktop_app.ui.widgets.forms import error_label
from desktop_app.ui.widgets.wizard_parts import WaitCursor, table_view


class FilePage(QWizardPage):
    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle("第1步：选择名册文件")
        self.setSubTitle("选择要导入的 Excel 名册（.xlsx）。可以使用本程序的名册模板，也可以是自己制作的表格。")
        self.path = QLineEdit(wizard.path)
        self.path.setObjectName("path")
        self.path.textChanged.connect(self.completeChanged)
        browse = QPushButton("浏览…")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.message = error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择名册文件", self.path.text(), "Excel 工作簿 (*.xlsx)")
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        path = self.path.text().strip()
        try:
            with WaitCursor():
                self.wiz.check = check_workbook(path)
        except ReadFailure as error:
            self.message.setText(str(error))
            return False
        if not self.wiz.check.sheet_names:
            self.message.setText("该文件中没有工作表。")
            return False
        self.message.clear()
        self.wiz.path = path
        return True


class SheetPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle("第2步：选择工作表")
        self.setSubTitle("名册在哪一个工作表上？")
        self.sheets = QListWidget()
        self.sheets.setObjectName("sheets")
        self.sheets.currentRowChanged.connect(lambda _row: self.completeChanged.emit())
        self.message = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.sheets)
        layout.addWidget(self.message)

    def initializePage(self) -> None:
        check: WorkbookCheck = self.wiz.check  # type: ignore[assignment]
        self.sheets.clear()
        for name in check.sheet_names:
            bounds = check.bounds.get(name)
            self.sheets.addItem(f"{name}（约 {bounds.rows:,} 行）" if bounds else name)
        preferred = [i for i, name in enumerate(check.sheet_names) if name != INSTRUCTION_SHEET]
        self.sheets.setCurrentRow(preferred[0] if preferred else 0)

    def isComplete(self) -> bool:
        return self.sheets.currentRow() >= 0

    def validatePage(self) -> bool:
        check: WorkbookCheck = self.wiz.check  # type: ignore[assignment]
        sheet = check.sheet_names[self.sheets.currentRow()]
        try:
            with WaitCursor():
                self.wiz.head = head_rows(self.wiz.path, sheet, check)
        except ReadFailure as error:
            self.message.setText(str(error))
            return False
        if not self.wiz.head:
            self.message.setText(f"工作表“{sheet}”是空的，请选择名册所在的工作表。")
            return False
        self.wiz.sheet = sheet
        return True


def head_rows(path: str, sheet: str, check: WorkbookCheck) -> list[tuple[int, list[object]]]:
    """The first non-empty rows of a sheet (where the header must be), merged header cells filled in."""
    source = SheetRows(path, sheet, check.bounds.get(sheet))
    above: dict[int, list[object]] = {}
    rows = []
    for number, values in islice(source.rows(), HEADER_SEARCH_ROWS):
        rows.append((number, fill_merged(number, values, source.merged, above)))
        above[number] = list(values)
    return rows


class HeaderPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle("第3步：确认表头行")
        self.setSubTitle("表头是写着“楼栋”“房号”“专有面积”等列名的那一行；它上方的标题行不会导入。")
        self.found = QLabel()
        self.found.setWordWrap(True)
        self.spin = QSpinBox()
        self.spin.setObjectName("header_row")
        self.spin.valueChanged.connect(self._mark)
        self.model = PlainTableModel(parent=self)
        self.table = table_view(self.model, "sheet_preview")
        row = QHBoxLayout()
        row.addWidget(QLabel("表头在第"))
        row.addWidget(self.spin)
        row.addWidget(QLabel("行"))
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.found)
        layout.addLayout(row)
        layout.addWidget(self.table)

    def initializePage(self) -> None:
        head = self.wiz.head
        width = max(len(values) for _n, values in head)
        self.model.set_rows([column_letter(i) for i in range(width)],
                            [[as_text(v) for v in values] for _n, values in head], [str(n) for n, _v in head])
        self.spin.setRange(head[0][0], head[-1][0])
        found = find_header_row(head)
        if found is None:
            self.found.setText("没有自动找到表头行，请在下面指定表头所在的行。")
            self.spin.setValue(head[0][0])
        else:
            self.found.setText(f"已自动找到表头：第 {found[0]} 行（黄色）。如果不对，请修改。")
            self.spin.setValue(found[0])
        self._mark()

    def _row_index(self) -> int:
        numbers = [number for number, _values in self.wiz.head]
        return numbers.index(self.spin.value()) if self.spin.value() in numbers else -1

    def _mark(self) -> None:
        self.model.mark(self._row_index())
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        index = self._row_index()
        return index >= 0 and any(as_text(v).strip() for v in self.wiz.head[index][1])

    def validatePage(self) -> bool:
        self.wiz.header_row = self.spin.value()
        self.wiz.headers = [as_text(v).strip() for v in self.wiz.head[self._row_index()][1]]
        return True


class ImportWizard(QWizard):
    """Holds what the pages decided; `imported` is True once the import has been written."""

    def __init__(self, parent: QWidget | None, runner, path: str | None = None, *, today: date) -> None:
        super().__init__(parent)
        self.today = today  # ID numbers born after this day are errors
        self.setWindowTitle("导入房屋业主名册")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        for button, text in ((QWizard.WizardButton.NextButton, "下一步 >"), (QWizard.WizardButton.BackButton, "< 上一步"),
                             (QWizard.WizardButton.FinishButton, "完成"), (QWizard.WizardButton.CancelButton, "取消")):
            self.setButtonText(button, text)
        self.runner = runner
        self.path = path or ""
        self.check: WorkbookCheck | None = None
        self.sheet = ""
        self.head: list[tuple[int, list[object]]] = []
        self.header_row = 0
        self.headers: list[str] = []
        self.mapping: dict[str, str] = {}
        self.estate_code: str | None = None
        self.community_id: int | None = None
        self.result = None
        self.summary = None
        self.imported = False
        for page in (FilePage(self), SheetPage(self), HeaderPage(self), MappingPage(self), PreviewPage(self),
                     ImportPage(self)):
            self.addPage(page)
        self.resize(900, 640)
