"""打印中心: pick a template and a scope, fill the fields, preview, print or save as PDF; the history.

The preview shows the pages of the very PDF that is saved or printed (rendered with PDFium), so
paper equals preview. Producing runs on the task runner with progress and 取消 (a form for every
room of an estate is a batch of thousands of pages).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QScrollArea, QSplitter, QStackedWidget, QTableView, QVBoxLayout, QWidget,
)

from desktop_app.services.changes import Changes, Topic
from desktop_app.domain.errors import UserError, os_error_text
from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.operations.printing import PrintRequest, Produced, produce, record_printed, save
from desktop_app.services.printing import gather as printing
from desktop_app.services.scope import Scope, scope_label
from desktop_app.ui.pages.base import Page, PageContext
from desktop_app.ui.printing.fields import (
    PROJECT_DOCUMENTS, NoticeFields, ProjectDocumentFields, RollFields, TemplateFields, VisitFormFields, describe,
)
from desktop_app.ui.printing.history_model import PrintHistoryModel
from desktop_app.ui.printing.render import PREVIEW_DPI, RenderUnavailable, a4_printer, print_pdf, render_pages
from desktop_app.ui.widgets.saved_files import safe_file_name

PREVIEW_PAGES = 10
MIN_PREVIEW_DPI = 40.0
EXPECTED_ERRORS = (UserError, OSError)


class PrintCenterPage(Page):
    title = "打印中心"
    depends_on = frozenset({Topic.ROLL, Topic.PRINTS, Topic.PROJECTS})

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.produced: Produced | None = None
        self.ask_save_path: Callable[[str], str] = self._ask_save_path
        self.ask_printer: Callable[[], QPrinter | None] = self._ask_printer
        today = context.workspace.clock.today()
        self.fields: list[TemplateFields] = [NoticeFields("通知", today), NoticeFields("公告", today),
                                             NoticeFields("公示", today), RollFields(today), VisitFormFields()]
        self.fields += [ProjectDocumentFields(template, today) for template in PROJECT_DOCUMENTS]
        self.template = QComboBox()
        self.template.addItems(["通知", "公告", "公示", "楼栋业主名册", "入户走访登记表", *PROJECT_DOCUMENTS.values()])
        self.stack = QStackedWidget()
        for fields in self.fields:
            self.stack.addWidget(fields)
            fields.changed.connect(self.fields_changed)
        self.scope_text = QLabel()
        self.scope_text.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.preview_button = QPushButton("预览")
        self.print_button = QPushButton("打印…")
        self.save_button = QPushButton("另存为 PDF…")
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        self.template.currentIndexChanged.connect(self.template_changed)

        form = QWidget()
        form_layout = QVBoxLayout(form)
        head = QFormLayout()
        head.addRow("文书", self.template)
        head.addRow("范围", self.scope_text)
        form_layout.addLayout(head)
        form_layout.addWidget(self.stack, 1)
        form_layout.addWidget(self.problem)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.save_button):
            buttons.addWidget(button)
        form_layout.addLayout(buttons)
        form_layout.addWidget(self.status)

        self.pages_box = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_box)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.preview_area = QScrollArea()
        self.preview_area.setWidgetResizable(True)
        self.preview_area.setWidget(self.pages_box)
        self.preview_area.setStyleSheet("QScrollArea { background: #808080; }")
        self.pages_label = QLabel("点“预览”查看打印效果")
        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_layout.addWidget(self.pages_label)
        preview_layout.addWidget(self.preview_area, 1)

        self.history_model = PrintHistoryModel(self)
        self.history = QTableView()
        self.history.setModel(self.history_model)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.horizontalHeader().setStretchLastSection(True)
        history_box = QWidget()
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(QLabel("打印记录（何时、为哪个范围生成了哪份文书）"))
        history_layout.addWidget(self.history)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(form)
        top.addWidget(preview)
        top.setStretchFactor(1, 1)
        outer = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(top)
        outer.addWidget(history_box)
        outer.setStretchFactor(0, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(outer)
        self.refresh()

    # --- state
    @property
    def scope(self) -> Scope:
        return self.context.scope.scope

    def current_fields(self) -> TemplateFields:
        return self.fields[self.template.currentIndex()]

    def data_changed(self, changes: Changes) -> None:
        """The roll re-reads the page; a recorded print only the history (the fields stay as typed); a
        change of projects makes a project table produced before it out of date."""
        if changes.touches({Topic.PROJECTS}) and self.produced is not None \
                and self.produced.request.template in PROJECT_DOCUMENTS:
            self.produced = None
        if changes.touches({Topic.ROLL}):
            super().data_changed(changes)
        elif changes.touches({Topic.PRINTS}):
            self.history_model.set_records(printing.print_history())

    def refresh(self) -> None:
        scope = self.scope
        self.scope_text.setText(scope_label(scope))
        issuer = printing.default_issuer(scope)
        for fields in self.fields:
            fields.set_issuer(issuer)
        visit = self.fields[4]
        assert isinstance(visit, VisitFormFields)
        visit.set_count(printing.rooms_count(scope) if scope.level is not ScopeLevel.ALL else 0)
        self.history_model.set_records(printing.print_history())
        self.fields_changed()

    def template_changed(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.fields_changed()

    def fields_changed(self) -> None:
        problem = self.current_fields().problem(self.scope)
        self.problem.setText(problem)
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(not problem)
        if self.produced is not None and not problem and self.produced.request != self.request():
            self.pages_label.setText("内容已修改，点“预览”查看新的打印效果")

    def request(self) -> PrintRequest:
        return replace(self.current_fields().request(self.scope), today=self.context.workspace.clock.today())

    # --- producing
    def produce_then(self, then: Callable[[Produced], None]) -> None:
        """Use the PDF already produced for exactly this request, else produce it in the background."""
        if self.current_fields().problem(self.scope):
            return
        request = self.request()
        if self.produced is not None and self.produced.request == request:
            then(self.produced)
            return
        self.status.setText(f"正在生成：{describe(request)}")

        def done(produced: Produced) -> None:
            self.produced = produced
            self.status.setText(f"已生成“{produced.title}”，共 {produced.pages} 页。")
            then(produced)

        self.context.runner.run(f"正在生成{describe(request)}", lambda progress: produce(request, progress), done,
                                parent=self, write=False, on_error=self.failed,
                                on_cancel=lambda: self.status.setText("已取消，未生成文件。"))

    def failed(self, error: BaseException) -> None:
        if not isinstance(error, EXPECTED_ERRORS):
            raise error
        self.problem.setText(str(error))
        self.status.setText("")

    def preview(self) -> None:
        self.produce_then(self.show_preview)

    def show_preview(self, produced: Produced) -> None:
        while self.pages_layout.count():
            widget = self.pages_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        try:
            images = list(render_pages(produced.pdf, self.preview_dpi(), 0, PREVIEW_PAGES))
        except RenderUnavailable as error:
            self.failed(error)
            return
        for image in images:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setFixedSize(image.width() + 12, image.height() + 12)
            label.setStyleSheet("background: white; margin: 6px;")
            self.pages_layout.addWidget(label)
        self.pages_layout.activate()
        self.preview_area.verticalScrollBar().setValue(0)
        more = f"，下面是前 {len(images)} 页" if produced.pages > len(images) else ""
        self.pages_label.setText(f"“{produced.title}”共 {produced.pages} 页{more}。")

    def preview_dpi(self) -> float:
        """Pages as wide as the preview area (A4 is 210 mm = 8.27 in wide, 297 mm on its side)."""
        width = self.preview_area.viewport().width() - 60
        paper = 297 if self.produced is not None and self.produced.request.template in PROJECT_DOCUMENTS else 210
        return max(MIN_PREVIEW_DPI, min(PREVIEW_DPI, width / (paper / 25.4)))

    def save_pdf(self) -> None:
        self.produce_then(self.write_pdf)

    def write_pdf(self, produced: Produced) -> None:
        path = self.ask_save_path(safe_file_name(produced.title, "文书"))
        if not path:
            return
        try:
            saved = save(produced, path)
        except OSError as error:
            self.failed(OSError(f"无法保存到“{path}”：{os_error_text(error)}"))
            return
        self.context.changes.emit(saved.changes)  # re-reads our history too
        self.status.setText(f"已保存到“{path}”，共 {produced.pages} 页。")

    def print_document(self) -> None:
        self.produce_then(self.send_to_printer)

    def send_to_printer(self, produced: Produced) -> None:
        printer = self.ask_printer()
        if printer is None:
            return
        if produced.request.template in PROJECT_DOCUMENTS:  # the wide tables are laid out on landscape A4
            printer.setPageOrientation(QPageLayout.Orientation.Landscape)

        def done(sent: int) -> None:
            self.record(produced, printer.printerName() or printer.outputFileName(), sent)
            self.status.setText(f"已发送到打印机：{sent} 页。")

        def job(progress) -> int:
            return print_pdf(produced.pdf, produced.pages, printer, progress)

        self.context.runner.run(f"正在打印“{produced.title}”", job, done, parent=self, write=False, on_error=self.failed,
                                on_cancel=lambda: self.status.setText("已取消打印。"))

    def record(self, produced: Produced, where: str, pages: int) -> None:
        self.context.changes.emit(record_printed(produced, where, pages).changes)  # re-reads our history too

    # --- dialogs (replaced in tests)
    def _ask_save_path(self, suggested: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(self, "另存为 PDF", str(Path.home() / suggested), "PDF 文件 (*.pdf)")
        return path

    def _ask_printer(self) -> QPrinter | None:
        printer = a4_printer(QPrinter(QPrinter.PrinterMode.HighResolution))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印")
        return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None
