"""项目与资金: the projects of the window's scope on top (filtered by plan years, state, the late and
not-started marks and a search), the selected project's detail below (ui.projects.detail).

新建项目 (Ctrl+N while the page has the focus) opens the project form in a dialog; 删除项目 says what goes
with the project and asks, 删除 not being the default. The 改造计划 workbook is read and written by
ui.projects.plan_files, imported when its button is pressed. The 首页 opens the records behind a figure
with `show_projects(ids, title)`: the list then shows exactly those projects under a banner until
显示全部 is pressed."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFrame, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox,
    QPushButton, QSpinBox, QSplitter, QStackedWidget, QTableView, QVBoxLayout, QWidget,
)

from desktop_app.domain.projects import MAX_YEAR, MIN_YEAR, STATES
from desktop_app.domain.errors import UserError
from desktop_app.services.changes import NONE, Changes, Topic
from desktop_app.services.projects import ProjectFilter, list_projects, project_rows, records
from desktop_app.services.scope import Scope, estate_of_scope
from desktop_app.ui.pages.base import Page, PageContext
from desktop_app.ui.projects.detail import ProjectDetailPanel, confirm
from desktop_app.ui.projects.models import ProjectListModel
from desktop_app.ui.projects.project_form import NewProjectDialog

NEW_PROJECT_KEY = QKeySequence("Ctrl+N")
COLUMN_WIDTHS = (96, 168, 42, 120, 132, 80, 80, 80, 80, 92, 84, 84, 64)
BANNER_STYLE = "QFrame#projects_banner { background: #e8f1fb; border: 1px solid #9ec3ea; border-radius: 3px; }"


class ProjectsPage(Page):
    title = "项目与资金"
    depends_on = frozenset({Topic.PROJECTS, Topic.ROLL})

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.stale = True
        self.only_ids: tuple[int, ...] | None = None  # show_projects: exactly these projects
        self.only_title = ""
        self.roll_changed = False
        self.saved_on_leaving: Changes = NONE

        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for name, text, slot in (("new_project", "新建项目", self.new_project), ("delete_project", "删除项目…", self.delete_project),
                                 ("import_plan", "导入改造计划…", self.import_plan),
                                 ("export_plan", "导出改造计划…", self.export_plan)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[name] = button
        self.buttons["new_project"].setToolTip("新建项目（Ctrl+N）")
        self.buttons["import_plan"].setToolTip("从区里的改造计划工作簿导入或更新项目（按项目编号）")
        self.buttons["export_plan"].setToolTip("把本范围内的项目导出为改造计划工作簿，格式与导入相同")
        bar.addStretch(1)

        self.filters = QWidget()
        self.filters.setObjectName("projects_filters")
        filters = QHBoxLayout(self.filters)
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(QLabel("年度"))
        self.year_from = self._year_box("year_from")
        self.year_to = self._year_box("year_to")
        filters.addWidget(self.year_from)
        filters.addWidget(QLabel("至"))
        filters.addWidget(self.year_to)
        filters.addSpacing(8)
        filters.addWidget(QLabel("状态"))
        self.state = QComboBox()
        self.state.setObjectName("state_filter")
        self.state.addItem("全部", None)
        for state in STATES:
            self.state.addItem(state, state)
        self.state.currentIndexChanged.connect(lambda _i: self.reload())
        filters.addWidget(self.state)
        self.late_only = QCheckBox("仅未按期完工")
        self.late_only.setObjectName("late_only")
        self.not_started_only = QCheckBox("仅逾期未开工")
        self.not_started_only.setObjectName("not_started_only")
        for box in (self.late_only, self.not_started_only):
            box.toggled.connect(lambda _checked: self.reload())
            filters.addWidget(box)
        self.search = QLineEdit()
        self.search.setObjectName("project_search")
        self.search.setPlaceholderText("搜索项目编号、名称或小区")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self.reload())
        filters.addWidget(self.search, 1)

        self.banner = QFrame()
        self.banner.setObjectName("projects_banner")
        self.banner.setStyleSheet(BANNER_STYLE)
        banner = QHBoxLayout(self.banner)
        banner.setContentsMargins(8, 3, 8, 3)
        self.banner_text = QLabel()
        self.banner_text.setObjectName("banner_text")
        banner.addWidget(self.banner_text)
        show_all = QPushButton("显示全部")
        show_all.setObjectName("show_all")
        show_all.clicked.connect(self.show_all)
        banner.addWidget(show_all)
        banner.addStretch(1)
        self.banner.setVisible(False)

        self.model = ProjectListModel(self)
        self.table = QTableView()
        self.table.setObjectName("projects_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.count = QLabel()
        self.count.setObjectName("projects_count")

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(3)
        top_layout.addWidget(self.filters)
        top_layout.addWidget(self.banner)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.count)

        self.detail = ProjectDetailPanel(context.workspace.clock.today())
        self.detail.setObjectName("project_detail")
        self.detail.wrote.connect(self.send)
        self.empty = QLabel("请在上方选择一个项目，或点“新建项目”（Ctrl+N）。")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #666; font-size: 15px;")
        self.right = QStackedWidget()
        self.right.addWidget(self.empty)
        self.right.addWidget(self.detail)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("projects_splitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([260, 380])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self._update_buttons()
        self.refresh()

    def _year_box(self, name: str) -> QSpinBox:
        box = QSpinBox()
        box.setObjectName(name)
        box.setRange(MIN_YEAR - 1, MAX_YEAR)
        box.setSpecialValueText("不限")
        box.setValue(MIN_YEAR - 1)
        box.setMinimumWidth(72)
        box.valueChanged.connect(lambda _value: self.reload())
        return box

    # --- Ctrl+N belongs to this page while it has the focus
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._is_new_key(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if self._is_new_key(event):
            event.accept()
            self.new_project()
            return
        super().keyPressEvent(event)

    @staticmethod
    def _is_new_key(event: QEvent) -> bool:
        return isinstance(event, QKeyEvent) and QKeySequence(event.keyCombination()) == NEW_PROJECT_KEY

    # --- reading
    @property
    def today(self):
        return self.context.workspace.clock.today()

    @property
    def project_id(self) -> int | None:
        return self.detail.project_id if self.right.currentWidget() is self.detail else None

    def years(self) -> tuple[int | None, int | None]:
        low, high = self.year_from.value(), self.year_to.value()
        return (low if low >= MIN_YEAR else None, high if high >= MIN_YEAR else None)

    def selection(self) -> ProjectFilter:
        return ProjectFilter(scope=self.context.scope.scope, years=self.years(), state=self.state.currentData(),
                             late_only=self.late_only.isChecked(), not_started_only=self.not_started_only.isChecked(),
                             text=self.search.text())

    def data_changed(self, changes: Changes) -> None:
        if changes.touches({Topic.ROLL}):
            self.roll_changed = True
        super().data_changed(changes)

    def scope_changed(self, scope: Scope) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Re-read the list (and the selected project); a hidden page re-reads when shown."""
        if not self.isVisible():
            self.stale = True
            return
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self.stale:
            self.reload()

    def reload(self, select: int | None = None) -> None:
        self.stale = False
        if self.roll_changed:
            self.roll_changed = False
            self.detail.form.picker.reload()
        keep = select if select is not None else self.project_id
        today = self.today
        if self.only_ids is not None:
            rows = project_rows(self.only_ids, today)
            self.banner_text.setText(f"{self.only_title}（{len(rows)}个）")
        else:
            rows = list_projects(self.selection(), today)
        self.model.set_records(rows)
        late = sum(1 for row in rows if row.is_late)
        not_started = sum(1 for row in rows if row.is_not_started)
        self.count.setText(f"共 {len(rows)} 个项目，其中未按期完工 {late} 个、逾期未开工 {not_started} 个"
                           if rows else "没有符合条件的项目")
        row = self.model.row_of(keep)
        self.select_row(row if row >= 0 else 0 if rows else -1)

    def select_row(self, row: int) -> None:
        selection = self.table.selectionModel()
        if row < 0:
            selection.clearSelection()
            self.show_project(None)
            return
        selection.blockSignals(True)
        try:
            selection.setCurrentIndex(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            selection.blockSignals(False)
        self.table.viewport().update()
        self.table.scrollTo(self.model.index(row, 0))
        self.show_project(self.model.record(row).id)

    def select_project(self, project_id: int) -> None:
        if self.stale:
            self.reload()
        self.select_row(self.model.row_of(project_id))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = self.model.record(current.row()) if current.isValid() else None
        project_id = record.id if record is not None else None
        if project_id == self.project_id:
            return
        if not self.leave_form():
            self.select_row(self.model.row_of(self.project_id))  # back to the project being edited
            return
        self.show_project(project_id)
        changes, self.saved_on_leaving = self.saved_on_leaving, NONE
        self.send(changes)

    def leave_form(self) -> bool:
        """Before another project is shown: unsaved edits of the 基本信息 form are saved, dropped, or kept
        (the user stays); True when the page may move on."""
        detail = self.detail.detail
        if self.project_id is None or detail is None or not self.detail.form.touched:
            return True
        box = QMessageBox(QMessageBox.Icon.Question, "未保存的修改",
                          f"项目“{detail.code} {detail.name}”的基本信息有未保存的修改。", parent=self)
        box.setObjectName("unsaved_project")
        save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
        drop = box.addButton("放弃修改", QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(stay)
        box.exec()
        if box.clickedButton() is drop:
            self.detail.form.touched.clear()
            return True
        if box.clickedButton() is save:
            changes = self.detail.form.save()
            if not changes:
                return False  # the reasons are shown under the fields
            self.detail.form.touched.clear()
            self.saved_on_leaving = changes  # sent once the selection has moved on
            return True
        return False

    def show_project(self, project_id: int | None) -> None:
        if project_id is None:
            self.right.setCurrentWidget(self.empty)
        else:
            try:
                self.detail.show_project(project_id, self.today)
            except UserError:  # deleted meanwhile
                self.right.setCurrentWidget(self.empty)
            else:
                self.right.setCurrentWidget(self.detail)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.buttons["delete_project"].setEnabled(self.project_id is not None)

    # --- the 首页's records behind a figure
    def show_projects(self, ids: Iterable[int], title: str) -> None:
        """Show exactly the projects `ids` under a banner naming them (`title`, e.g. "首页：未按期完工的项目")."""
        self.only_ids = tuple(dict.fromkeys(ids))
        self.only_title = title
        self.filters.setEnabled(False)
        self.banner.setVisible(True)
        self.reload()

    def show_all(self) -> None:
        self.only_ids = None
        self.only_title = ""
        self.filters.setEnabled(True)
        self.banner.setVisible(False)
        self.reload()

    # --- writes
    def send(self, changes: Changes) -> None:
        """A write of this page: on the window's bus (the page re-reads through it, like every reader)."""
        self.context.changes.emit(changes)

    def new_project(self) -> None:
        low = self.years()[0]
        dialog = NewProjectDialog(low or self.today.year, estate_of_scope(self.context.scope.scope), parent=self)
        if not dialog.exec():
            return
        (project_id,) = dialog.changes.ids(Topic.PROJECTS)
        self.send(dialog.changes)
        if self.model.row_of(int(project_id)) < 0 and self.only_ids is None:
            self.search.clear()
            self.state.setCurrentIndex(0)
            self.late_only.setChecked(False)
            self.not_started_only.setChecked(False)
        elif self.only_ids is not None:
            self.show_all()
        self.select_project(int(project_id))
        self.detail.tabs.setCurrentIndex(1)  # next: its items

    def delete_project(self) -> None:
        detail = self.detail.detail
        if self.project_id is None or detail is None:
            return
        counts = records.deletion_counts(detail.id)
        text = (f"删除项目“{detail.code} {detail.name}”吗？\n\n将一并删除：改造内容 {counts['items']} 项、"
                f"资金来源 {counts['funds']} 个及其付款记录 {counts['payments']} 笔、质量检查 {counts['inspections']} 次。\n"
                "所含小区及其房屋名册不受影响。删除后不能恢复。")
        if not confirm(self, "删除项目", text, "删除项目"):
            return
        try:
            changes = records.delete_project(detail.id)
        except UserError as error:
            QMessageBox.warning(self, "未删除", error.message)
            return
        self.send(changes)

    def import_plan(self) -> None:
        try:
            from desktop_app.ui.projects import plan_files
        except ImportError:
            QMessageBox.information(self, "导入改造计划", "此版本尚不能导入改造计划。")
            return
        plan_files.import_plan(self.context, self)

    def export_plan(self) -> None:
        try:
            from desktop_app.ui.projects import plan_files
        except ImportError:
            QMessageBox.information(self, "导出改造计划", "此版本尚不能导出改造计划。")
            return
        plan_files.export_plan(self.context, self)
