"""The main window: navigation on the left, the scope selector on top, one page at a time.

It owns the change bus (`context.changes`): after a write the writer emits what changed and each built page
re-reads only if it depends on it (`ui.pages.base.Page`); the window itself re-reads the scope selector
after the roll changed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_NAME, __version__
from desktop_app.services.changes import Changes, Topic
from desktop_app.services.scope import Scope, exists
from desktop_app.services.workspace import Workspace
from desktop_app.ui import roll as roll_actions
from desktop_app.ui.pages import PAGES
from desktop_app.ui.pages.base import ChangeBus, Navigator, Page, PageContext, PlaceholderPage, ScopeState
from desktop_app.ui.widgets.scope_bar import ScopeBar


class MainWindow(QMainWindow):
    def __init__(self, runner, settings: QSettings | None = None, *, workspace: Workspace) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.settings = settings or QSettings()
        self.runner = runner
        self.workspace = workspace
        self.scope_state = ScopeState(self)
        self.changes = ChangeBus(self)
        self.changes.changed.connect(self.roll_changed)
        self.navigator = Navigator(self)
        self.navigator.attach(self.open_request)
        self.context = PageContext(runner, self.scope_state, self.changes, workspace, self.navigator)
        self.pages: dict[int, Page] = {}
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.addItems([title for title, _factory in PAGES])
        self.nav.setMinimumWidth(110)
        self.nav.setStyleSheet("QListWidget { font-size: 15px; } QListWidget::item { padding: 6px 10px; }")
        self.stack = QStackedWidget()
        for _ in PAGES:
            self.stack.addWidget(QWidget())
        self.scope_bar = ScopeBar(self.scope_state)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.scope_bar)
        column.addWidget(self.stack, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.nav.currentRowChanged.connect(self.show_page)
        self._build_menus()
        self.statusBar().showMessage("就绪")
        self.restore_state()

    # --- pages
    def page(self, position: int) -> Page:
        """The page at `position`, built the first time it is needed."""
        if position not in self.pages:
            title, factory = PAGES[position]
            page = factory(self.context) if factory else PlaceholderPage(self.context, title)
            old = self.stack.widget(position)
            self.stack.insertWidget(position, page)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.pages[position] = page
        return self.pages[position]

    def show_page(self, position: int) -> None:
        if 0 <= position < len(PAGES):
            self.stack.setCurrentWidget(self.page(position))
            if self.nav.currentRow() != position:
                self.nav.setCurrentRow(position)

    def page_titled(self, title: str) -> Page:
        position = [t for t, _f in PAGES].index(title)
        self.show_page(position)
        return self.page(position)

    def open_request(self, title: str, request: str, args: tuple[Any, ...]) -> bool:
        """A page's request to open another page (`context.navigator`): show the page titled `title` and
        call its `request(*args)`; False, with nothing shown, when no built page can take it."""
        titles = [t for t, _f in PAGES]
        if title not in titles or PAGES[titles.index(title)][1] is None:
            return False
        position = titles.index(title)
        handler = getattr(self.page(position), request, None)
        if not callable(handler):
            return False
        self.show_page(position)
        handler(*args)
        return True

    def current_page(self) -> Page:
        return self.page(max(0, self.nav.currentRow()))

    def roll_changed(self, changes: Changes) -> None:
        """After the roll changed the scope selector re-reads (and falls back to everything if its scope
        is gone); the pages follow the change bus themselves."""
        if not changes.touches({Topic.ROLL}):
            return
        if not exists(self.scope_state.scope):
            self.scope_state.set(Scope())
        self.scope_bar.reload()

    # --- menus and shortcuts
    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        self.import_action = self._action("导入名册…", self.import_roll, "Ctrl+I")
        file_menu.addAction(self.import_action)
        file_menu.addAction(self._action("导出名册…", lambda: roll_actions.export_roll(self, self.runner)))
        file_menu.addAction(self._action("下载名册模板…", lambda: roll_actions.save_template(self)))
        file_menu.addSeparator()
        file_menu.addAction(self._action("退出", self.close, QKeySequence.StandardKey.Quit))
        edit_menu = self.menuBar().addMenu("编辑(&E)")
        edit_menu.addAction(self._action("新增房屋…", self.new_room, "Ctrl+N"))
        edit_menu.addAction(self._action("筛选", self.focus_filter, "Ctrl+F"))
        help_menu = self.menuBar().addMenu("帮助(&H)")
        help_menu.addAction(self._action("关于", self.about))
        for position in range(min(9, len(PAGES))):
            self._action(PAGES[position][0], lambda _c=False, p=position: self.show_page(p), f"Ctrl+{position + 1}")

    def new_room(self) -> None:
        self.page_titled("房屋与业主").new_room()  # type: ignore[attr-defined]

    def focus_filter(self) -> None:
        page = self.current_page()
        if hasattr(page, "focus_filter"):
            page.focus_filter()

    def import_roll(self) -> None:
        roll_actions.import_roll(self, self.runner, self.changes.emit, today=self.workspace.clock.today())

    def about(self) -> None:
        QMessageBox.about(self, "关于", f"{APP_NAME} {__version__}\n\n老旧小区改造社区工作台：房屋业主名册、征求意见、"
                                       "业主表决、业委会、加装电梯、打印与数据交换。\n数据只保存在本机。")

    def offer_demo_if_empty(self) -> None:
        roll_actions.offer_first_start(self, self.runner, self.changes.emit, self.workspace.clock.today())

    # --- remembered state
    def restore_state(self) -> None:
        settings = self.settings
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        splitter = settings.value("window/splitter")
        if splitter is None or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([150, max(self.width() - 150, 400)])
        scope = Scope.from_text(str(settings.value("window/scope", "all")))
        self.scope_state.set(scope if exists(scope) else Scope())
        self.scope_bar.show_scope(self.scope_state.scope)
        try:
            position = int(settings.value("window/page", 0))
        except (TypeError, ValueError):
            position = 0
        self.show_page(position if 0 <= position < len(PAGES) else 0)

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/scope", self.scope_state.scope.to_text())
        self.settings.setValue("window/page", self.nav.currentRow())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.runner.wait()
        super().closeEvent(event)
