"""打印中心 driven like a user: fill, preview (the PDF's own pages), save, print to a PDF printer, batch, cancel."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrinter
from pypdf import PdfReader

from desktop_app.models import Estate
from desktop_app.models.tables import PrintJob
from desktop_app.services.scope import Scope
from desktop_app.ui.pages.base import ChangeBus, PageContext, ScopeState
from desktop_app.ui.printing.page import PrintCenterPage
from desktop_app.ui.printing.history_model import PrintHistoryModel
from desktop_app.ui.printing.render import a4_printer

NOTICE, PUBLICITY, ROLL, VISIT = 0, 2, 3, 4


def flat_text(pdf: bytes) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def page(qtbot, roll, runner, workspace):
    state = ScopeState()
    page = PrintCenterPage(PageContext(runner, state, ChangeBus(), workspace))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def choose_estate(page: PrintCenterPage, name: str = "杜鹃新村") -> Estate:
    estate = Estate.get(Estate.name == name)
    page.context.scope.set(Scope("estate", estate.id))
    return estate


def fill_notice(qtbot, page: PrintCenterPage, title: str = "关于屋面防水施工的通知") -> None:
    fields = page.current_fields()
    fields.title.clear()
    fields.title.insert(title)  # as typed (QTest cannot type Chinese)
    fields.body.setPlainText("为改善居住环境，本小区将实施屋面防水改造。\n施工期间请注意安全。")
    fields.issued_on.setDate(QDate(2024, 5, 23))


def test_notice_preview_shows_the_pdf_pages_and_save_writes_the_same_pdf(qtbot, page, tmp_path):
    choose_estate(page)
    assert "杜鹃新村" in page.scope_text.text()
    assert page.current_fields().issuer.text() == "杜鹃社区居民委员会"  # from the scope
    assert not page.preview_button.isEnabled() and "标题" in page.problem.text()
    fill_notice(qtbot, page)
    assert page.preview_button.isEnabled() and page.problem.text() == ""
    page.preview_button.click()
    assert page.produced is not None and page.produced.pages == 1
    assert "共 1 页" in page.pages_label.text()
    [label] = [page.pages_layout.itemAt(i).widget() for i in range(page.pages_layout.count())]
    image = label.pixmap().toImage()
    assert image.height() / image.width() == pytest.approx(297 / 210, rel=0.01)  # an A4 page
    dark = sum(1 for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
               if image.pixelColor(x, y).lightness() < 128)
    assert dark > 200  # the text is drawn, not an empty page

    target = tmp_path / "notice.pdf"
    page.ask_save_path = lambda suggested: (str(target) if suggested == "关于屋面防水施工的通知.pdf" else "")
    page.save_button.click()
    assert target.read_bytes() == page.produced.pdf  # the file is the previewed PDF
    text = flat_text(target.read_bytes())
    assert "关于屋面防水施工的通知" in text and "杜鹃社区居民委员会" in text and "2024年5月23日" in text
    job = PrintJob.get()
    assert (job.template, job.output, job.file_path, job.page_count) == ("notice", "pdf", str(target), 1)
    assert page.history_model.rowCount() == 1
    assert "杜鹃新村" in page.history_model.index(0, 3).data()


def test_editing_after_preview_marks_it_stale_and_produces_again(qtbot, page):
    choose_estate(page)
    fill_notice(qtbot, page)
    page.preview_button.click()
    first = page.produced
    page.current_fields().title.insert("（更正）")
    assert "内容已修改" in page.pages_label.text()
    page.preview_button.click()
    assert page.produced is not first and "（更正）" in flat_text(page.produced.pdf)


def test_publicity_shows_its_posting_period(qtbot, page):
    page.template.setCurrentIndex(PUBLICITY)
    fields = page.current_fields()
    fields.issuer.setText("杜鹃社区居民委员会")
    fill_notice(qtbot, page, "关于改造方案的公示")
    fields.days.setValue(14)
    # domain.md §8: day 1 of a period is the day after the posting, so 14 days from 23 May end on 6 June
    assert fields.period_label.text() == "公示期：2024年5月23日至2024年6月6日（按日计算）"
    page.preview_button.click()
    assert "公示期：2024年5月23日至2024年6月6日" in flat_text(page.produced.pdf)


def test_a_posting_period_ending_on_a_holiday_moves_to_the_next_working_day(qtbot, page):
    page.template.setCurrentIndex(PUBLICITY)
    fields = page.current_fields()
    fields.issued_on.setDate(QDate(2024, 9, 27))
    fields.days.setValue(10)  # the §8 example: 10 calendar days from 27 September 2024 end on 8 October
    assert fields.period_label.text().startswith("公示期：2024年9月27日至2024年10月8日（按日计算）；")


def test_a_character_no_font_has_is_shown_and_nothing_is_produced(qtbot, page):
    choose_estate(page)
    fill_notice(qtbot, page, "关于表彰𠮷祥同志的通知")
    page.preview_button.click()
    assert page.produced is None
    assert "“𠮷”" in page.problem.text() and "标题" in page.problem.text()


def test_roll_needs_an_estate_building_or_unit_and_is_masked(qtbot, page, tmp_path):
    page.template.setCurrentIndex(ROLL)
    assert "小区、楼栋或单元" in page.problem.text() and not page.save_button.isEnabled()
    choose_estate(page)
    assert page.problem.text() == "" and page.save_button.isEnabled()
    page.current_fields().signature.setChecked(True)
    target = tmp_path / "roll.pdf"
    page.ask_save_path = lambda suggested: str(target)
    page.save_button.click()
    text = flat_text(target.read_bytes())
    assert "杜鹃新村业主名册" in text and "业主签字" in text and "张*" in text
    assert "张三" not in text and "110105********" in text
    assert "1101051980" not in text.replace("110105********", "")


def test_visit_forms_for_an_estate_run_as_a_batch_with_progress(qtbot, page, runner):
    page.template.setCurrentIndex(VISIT)
    choose_estate(page)
    assert "12 户" in page.current_fields().count_label.text()
    page.preview_button.click()
    assert page.produced.pages == 12
    assert runner.reports[-1] == (12, 12)
    assert page.pages_layout.count() == 10 and "共 12 页，下面是前 10 页" in page.pages_label.text()


def test_cancelling_a_batch_produces_nothing(qtbot, page, runner, tmp_path):
    page.template.setCurrentIndex(VISIT)
    choose_estate(page)
    runner.cancel_after = 3
    page.ask_save_path = lambda suggested: pytest.fail("no file dialog after a cancelled batch")
    page.save_button.click()
    assert page.produced is None
    assert page.status.text() == "已取消，未生成文件。"
    assert PrintJob.select().count() == 0


def test_print_sends_the_same_pages_to_the_printer(qtbot, page, tmp_path):
    page.template.setCurrentIndex(VISIT)
    choose_estate(page, "梅岭小区")
    printed = tmp_path / "printer.pdf"

    def pdf_printer() -> QPrinter:
        printer = a4_printer(QPrinter(QPrinter.PrinterMode.ScreenResolution))
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    page.ask_printer = pdf_printer
    page.print_button.click()
    reader = PdfReader(str(printed))
    assert len(reader.pages) == page.produced.pages == 3
    for sheet in reader.pages:
        assert (round(float(sheet.mediabox.width)), round(float(sheet.mediabox.height))) == (595, 842)
    job = PrintJob.get()
    assert (job.output, job.template, job.page_count) == ("printer", "visit_form", 3)


def test_history_model(qtmodeltester, page, qtbot):
    choose_estate(page)
    fill_notice(qtbot, page)
    page.ask_save_path = lambda suggested: ""
    page.save_button.click()  # cancelled file dialog: nothing recorded
    assert page.history_model.rowCount() == 0
    model = PrintHistoryModel()
    from desktop_app.services.printing import gather as printing

    printing.record_print_job("notice", "通知", Scope(), page_count=1)
    printing.record_print_job("roll", "名册", Scope(), output="printer", page_count=2)
    model.set_records(printing.print_history())
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.index(0, 5).data() == "打印机"


def test_the_main_window_shows_the_print_center_following_its_scope(window):
    page = window.page_titled("打印中心")
    assert isinstance(page, PrintCenterPage)
    estate = Estate.get(Estate.name == "梅岭小区")
    window.context.scope.set(Scope("estate", estate.id))
    assert "梅岭小区" in page.scope_text.text()
    page.template.setCurrentIndex(VISIT)
    assert "3 户" in page.current_fields().count_label.text()


def real_runner_batch(qtbot, monkeypatch, dialog_delay_ms: int, workspace) -> PrintCenterPage:
    from desktop_app.ui.widgets import tasks

    monkeypatch.setattr(tasks, "DIALOG_DELAY_MS", dialog_delay_ms)
    runner = tasks.TaskRunner(workspace)
    page = PrintCenterPage(PageContext(runner, ScopeState(), ChangeBus(), workspace))
    qtbot.addWidget(page)
    page.show()
    page.template.setCurrentIndex(VISIT)
    choose_estate(page)
    page.preview_button.click()
    qtbot.waitUntil(lambda: page.produced is not None or bool(page.status.text().startswith("已取消")),
                    timeout=30000)
    assert runner.wait(10000)
    return page


def test_a_batch_on_the_real_background_runner(qtbot, roll, monkeypatch, workspace):
    page = real_runner_batch(qtbot, monkeypatch, dialog_delay_ms=60_000, workspace=workspace)  # no progress dialog
    assert page.problem.text() == "" and page.produced is not None
    assert page.produced.pages == 12 and page.pages_layout.count() == 10


def test_a_batch_that_shows_the_progress_dialog_still_delivers(qtbot, roll, monkeypatch, workspace):
    page = real_runner_batch(qtbot, monkeypatch, dialog_delay_ms=0, workspace=workspace)
    assert page.produced is not None and page.produced.pages == 12
