"""Saving a file that a page's print or export action produces, the same way on every page.

The action asks for the path itself; then `run_saving` produces the file on the task runner (progress,
取消, errors the user can fix as a message box via `show_error`), and `tell_saved` says where it went.
`write_when_done` renders into memory and writes only a finished file; `render_batch` wraps a batch
renderer that writes the path itself (a cancel leaves no file). Used by the 改造表决 and 征求意见 pages.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from desktop_app.domain.errors import Cancelled, os_error_text
from desktop_app.domain.progress import Progress
from desktop_app.operations.common import write_file

SHORT_MESSAGE = 300  # longer messages (every conflicting room of a tally) go to the details


@dataclass(frozen=True)
class Produced:
    path: str
    pages: int


def safe_stem(title: str, fallback: str = "文书") -> str:
    """A file name (no suffix) from a document's title: characters Windows refuses become "_", at most 80."""
    cleaned = "".join("_" if char in '\\/:*?"<>|' else char for char in title).strip()
    return (cleaned or fallback)[:80]


def safe_file_name(title: str, fallback: str = "表决文书") -> str:
    return safe_stem(title, fallback) + ".pdf"


def show_error(page: QWidget, title: str, error: BaseException, user_errors: tuple[type[BaseException], ...]) -> None:
    """A message box for `user_errors` (the user can act on them); anything else is a bug and is raised."""
    if not isinstance(error, user_errors):
        raise error
    if isinstance(error, OSError):
        where = f"“{error.filename}”" if error.filename else ""
        text = f"无法写入文件{where}：{os_error_text(error)}"
    else:
        text = str(error)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text if len(text) <= SHORT_MESSAGE
                      else text[:SHORT_MESSAGE] + "……（详见“显示详细信息”）", QMessageBox.StandardButton.Ok, page)
    if len(text) > SHORT_MESSAGE:
        box.setDetailedText(text)
    box.exec()


def status_message(page: QWidget, text: str) -> None:
    window = page.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 15000)


def tell_saved(page: QWidget, title: str, produced: Produced, extra: str = "") -> None:
    """Where the file went, with a button to open it."""
    text = f"已保存到：\n{produced.path}\n共 {produced.pages} 页。{extra}"
    status_message(page, f"{title}已保存到 {produced.path}（{produced.pages} 页）")
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=page)
    opener = box.addButton("打开文件", QMessageBox.ButtonRole.ActionRole)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    if box.clickedButton() is opener:
        QDesktopServices.openUrl(QUrl.fromLocalFile(produced.path))


def write_when_done(render: Callable[[io.BytesIO, Progress], int], path: str, progress: Progress) -> Produced:
    """Render in memory (`render(out, progress)`) and write the file only when done and not cancelled."""
    out = io.BytesIO()
    pages = render(out, progress)
    if not progress(1, 1):
        raise Cancelled("已取消，未生成文件。")
    return Produced(str(write_file(path, out.getvalue())), pages)


def render_batch(render: Callable[[str, Progress], int], path: str, progress: Progress) -> Produced:
    """A batch renderer that writes `path` itself (`render(path, progress)`, which raises Cancelled on 取消)."""
    pages = render(path, progress)
    return Produced(str(Path(path).resolve()), pages)


def run_saving(page, caption: str, job: Callable[[Progress], Produced], done: Callable[[Produced], None],
               user_errors: tuple[type[BaseException], ...], *, write: bool = False) -> None:
    """`job` on `page.context.runner` as 正在生成{caption}; errors and a cancel are said in {caption}'s words.
    `write`: the job records in the database too (a shared operation), so it runs on the write thread."""
    page.context.runner.run(f"正在生成{caption}", job, done, parent=page, write=write,
                            on_error=lambda error: show_error(page, f"{caption}未生成", error, user_errors),
                            on_cancel=lambda: status_message(page, f"已取消，未生成{caption}。"))
