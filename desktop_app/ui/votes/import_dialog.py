"""A vote's 表决票汇总 in and out: the import with its located-error preview, and the two exports.

`import_ballots(page, vote_id)` asks for the file, reads and checks it in the background
(`operations.votes.importing.preview_ballot_import`), shows every error in the same table as the roll
import (工作表, 行, 列, 值, 原因) and the rows that would change, and writes only on 导入 or 只导入无误的行
(`operations.votes.importing.import_ballots`, one transaction, cancellable). `export_ballots` writes
the counted ballots; `export_vote_roll` the frozen roll for a recount with `desktop-app tally` (both
through operations.votes.exporting, as `desktop-app export-ballots` does).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.ballot_import import CHANGED, NEW, UNCHANGED
from desktop_app.exchange.ballot_import import BallotImportPreview
from desktop_app.operations.votes import exporting
from desktop_app.operations.votes.importing import BallotsImported, import_ballots as apply_import, preview_ballot_import
from desktop_app.services.changes import Changes, Topic
from desktop_app.services.votes import lifecycle as votes
from desktop_app.services.votes.exchange import BallotImportSummary
from desktop_app.domain.errors import UserError, os_error_text
from desktop_app.ui.widgets.import_review import ERROR_COLUMNS, error_rows
from desktop_app.ui.widgets.plain_table import PlainTableModel
from desktop_app.ui.widgets.saved_files import safe_stem
from desktop_app.ui.widgets.forms import error_label
from desktop_app.ui.widgets.wizard_parts import import_buttons, review_table

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
CHANGE_COLUMNS = ("行", "房屋", "变化", "表决意见", "表决方式", "代理人")
STATUS_TEXT = {NEW: "新增", CHANGED: "更正"}


def import_ballots(page, vote_id: int) -> bool:
    """Ask for a 表决票汇总 file and import it after the preview; True when something was written."""
    path, _ = QFileDialog.getOpenFileName(page, "导入表决票汇总", "", XLSX_FILTER)
    if not path:
        return False
    dialog = BallotImportDialog(page.context.runner, vote_id, path, parent=page)
    dialog.exec()
    if dialog.imported:
        page.context.changes.emit(Changes.of(Topic.BALLOTS, ids=(vote_id,)))
    return dialog.imported


class BallotImportDialog(QDialog):
    """The preview of one file against one vote, and the import the user confirms."""

    def __init__(self, runner, vote_id: int, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.vote_id, self.path = runner, vote_id, path
        self.preview: BallotImportPreview | None = None
        self.summary: BallotImportSummary | None = None
        self.imported = False
        self.setWindowTitle(f"导入表决票汇总 — {Path(path).name}")
        self.counts = QLabel("正在读取和检查……")
        self.counts.setObjectName("counts")
        self.counts.setWordWrap(True)
        self.message = error_label()
        self.message.setObjectName("message")
        self.errors = PlainTableModel(ERROR_COLUMNS, parent=self)
        self.changes = PlainTableModel(CHANGE_COLUMNS, parent=self)
        self.tabs = QTabWidget()
        for model, name in ((self.errors, "errors"), (self.changes, "changes")):
            self.tabs.addTab(review_table(model, name), "")
        self.import_all, self.import_valid, self.close_button = import_buttons(self.start_import, self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.import_all, self.import_valid, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(860, 480)
        self._set_buttons()
        self.read()

    # ------------------------------------------------------------ preview
    def read(self) -> None:
        vote_id, path = self.vote_id, self.path

        def job(progress) -> BallotImportPreview:
            return preview_ballot_import(vote_id, path)

        self.runner.run("正在读取和检查表决票汇总……", job, self.show_preview, parent=self, write=False,
                        on_error=self.failed, on_cancel=lambda: self.counts.setText("已取消读取。"))

    def failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self.message.setText(str(error))
            self._set_buttons()
        elif isinstance(error, OSError):
            self.message.setText(f"无法读取文件：{os_error_text(error)}")
        else:
            raise error

    def show_preview(self, preview: BallotImportPreview) -> None:
        self.preview = preview
        self.errors.set_rows(ERROR_COLUMNS, error_rows(preview.errors))
        changing = [ballot for ballot in preview.valid if ballot.status != UNCHANGED]
        self.changes.set_rows(CHANGE_COLUMNS, [
            (str(b.row), b.room_label, STATUS_TEXT[b.status], "、".join(choice or "空白" for choice in b.choices),
             b.method, b.proxy) for b in changing])
        self.tabs.setTabText(0, f"错误（{len(preview.errors):,}）")
        self.tabs.setTabText(1, f"将新增或更正的表决票（{len(changing):,}）")
        self.tabs.setCurrentIndex(0 if preview.errors else 1)
        self.counts.setText(_counts_text(preview))
        self._set_buttons()

    def _set_buttons(self) -> None:
        preview = self.preview
        done = self.summary is not None
        self.import_all.setEnabled(bool(preview and not done and preview.can_import()))
        self.import_valid.setEnabled(bool(preview and not done and preview.errors and preview.can_import(True)))
        self.close_button.setText("关闭" if done else "取消")

    # ------------------------------------------------------------ import
    def start_import(self, only_valid: bool) -> None:
        preview = self.preview
        if preview is None:
            return
        vote_id = self.vote_id
        self.import_all.setEnabled(False)
        self.import_valid.setEnabled(False)

        def job(progress) -> BallotsImported:
            return apply_import(vote_id, preview, only_valid=only_valid, progress=progress)

        self.runner.run("正在导入表决票……", job, self.finished,
                        parent=self, write=True, on_error=self.failed,
                        on_cancel=self._cancelled)

    def _cancelled(self) -> None:
        self.message.setText("已取消导入，表决票没有任何改变。")
        self._set_buttons()

    def finished(self, done: BallotsImported) -> None:
        summary = self.summary = done.summary
        self.imported = summary.imported > 0
        skipped = f"，跳过有错误的行 {done.skipped_rows:,} 行" if done.skipped_rows else ""
        kept = "（更正前的表决票已存入更正记录）" if summary.updated else ""
        self.counts.setText(f"导入完成：新增 {summary.created:,} 张，更正 {summary.updated:,} 张{kept}，"
                            f"未变 {summary.unchanged:,} 张{skipped}。")
        self.message.setText("")
        self._set_buttons()


def _counts_text(preview: BallotImportPreview) -> str:
    text = (f"工作表“{preview.sheet}”，表头在第 {preview.header_row} 行。共 {preview.rows:,} 行数据："
            f"新增 {preview.count(NEW):,} 张，更正 {preview.count(CHANGED):,} 张，与已录入相同 {preview.count(UNCHANGED):,} 张；"
            f"有错误的行 {len(preview.invalid_rows):,} 行，错误 {len(preview.errors):,} 处。"
            "文件中没有的房屋保持已录入的表决票不变。")
    if not preview.header_row:
        text = "找不到表头行。"
    elif preview.header_failed:
        text = f"工作表“{preview.sheet}”第 {preview.header_row} 行的表头有错误（见下表），数据行尚未检查。"
    if preview.closed:
        return text + "\n表决已结束，不能导入；如需更正请先重新开启表决并填写原因。"
    if preview.errors:
        text += "\n有错误时不会写入任何数据：请改正文件后重新导入，或点“只导入无误的行”。"
    elif not preview.can_import():
        text += "\n没有需要导入的表决票。"
    else:
        text += "\n没有发现错误，可以导入。"
    return text


# ---------------------------------------------------------------- exports
def _show(page, text: str) -> None:
    window = page.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text)


def _write_failed(page, error: BaseException) -> None:
    if isinstance(error, OSError):
        QMessageBox.warning(page, "导出失败", f"无法写入文件：{os_error_text(error)}（{getattr(error, 'filename', '')}）")
    elif isinstance(error, UserError):  # an item name the sheet cannot carry (write_ballots says which)
        QMessageBox.warning(page, "导出失败", str(error))
    else:
        raise error


def export_ballots(page, vote_id: int) -> str | None:
    """Save the counted ballots as a 表决票汇总 workbook; the path chosen (None when cancelled)."""
    title = votes.vote_summary(vote_id).title
    path, _ = QFileDialog.getSaveFileName(page, "导出表决票汇总", f"{safe_stem(title, '表决')}_表决票汇总.xlsx", XLSX_FILTER)
    if not path:
        return None
    page.context.runner.run("正在导出表决票汇总……", lambda progress: exporting.export_ballots(vote_id, path),
                            lambda done: _show(page, f"已导出 {done.ballots:,} 张表决票到 {path}"), parent=page, write=False,
                            on_error=lambda error: _write_failed(page, error))
    return path


def export_vote_roll(page, vote_id: int) -> str | None:
    """Save the vote's frozen roll as a 房屋业主名册 (with ID numbers) for a recount with `desktop-app tally`;
    says afterwards what the file cannot carry (see `services.votes.exchange.roll_file_limits`)."""
    title = votes.vote_summary(vote_id).title
    path, _ = QFileDialog.getSaveFileName(page, "导出表决名册（复核用）", f"{safe_stem(title, '表决')}_表决名册.xlsx",
                                             XLSX_FILTER)
    if not path:
        return None
    def done(exported: exporting.VoteRollExported) -> None:
        limits = exported.limits
        _show(page, f"已导出 {exported.rooms:,} 间房屋到 {path}（含证件号码，请妥善保管）")
        if limits:
            QMessageBox.warning(page, "复核结果可能与本表决不同",
                                "名册文件无法完整表达以下业主的房屋关系，按文件复核时人数会多计：\n\n" + "\n".join(limits[:10])
                                + (f"\n……共 {len(limits)} 处" if len(limits) > 10 else ""))

    page.context.runner.run("正在导出表决名册……", lambda progress: exporting.export_vote_roll(vote_id, path), done,
                            parent=page, write=False, on_error=lambda error: _write_failed(page, error))
    return path
