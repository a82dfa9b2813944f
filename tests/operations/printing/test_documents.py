"""The shared print operation on a real database: real PDFs read back with pypdf, the history recorded."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from desktop_app.services.changes import Topic
from desktop_app.domain.print_data import Notice
from desktop_app.models.tables import PrintJob
from desktop_app.domain.errors import Cancelled
from desktop_app.operations.printing import documents
from desktop_app.operations.printing.documents import NothingToPrint, PrintRequest
from desktop_app.services.printing.gather import PrintScopeError
from desktop_app.services.scope import ALL, Scope
from tests.services.votes.vote_helpers import building_scope, estate_scope, load, room


@pytest.fixture
def estate(database):
    load([room("3-1-101", 6000, 1), room("3-1-102", 7000, 2), room("3-2-201", 8000, 3), room("5-1-101", 9000, 4)])
    return estate_scope()


def text_of(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_a_roll_is_produced_in_memory_and_recorded_only_when_saved(estate, tmp_path):
    request = PrintRequest("roll", building_scope("3"), issuer="幸福里社区居民委员会", issued_on=date(2026, 3, 1))
    produced = documents.produce(request)
    assert produced.rooms == 3 and produced.pages >= 1 and produced.pdf.startswith(b"%PDF")
    assert "3号楼" in produced.title
    assert PrintJob.select().count() == 0  # a preview records nothing

    saved = documents.save(produced, tmp_path / "out" / "名册.pdf", make_folders=True)
    assert saved.path == (tmp_path / "out" / "名册.pdf").resolve() and saved.path.is_file()
    assert not list(saved.path.parent.glob("*.part"))
    text = text_of(saved.path)
    assert "业主名册" in text and "业主1" not in text  # names are masked on the printed roll
    job = PrintJob.get()
    assert (job.template, job.title, job.output, job.file_path, job.page_count) == \
        ("roll", produced.title, "pdf", str(saved.path), produced.pages)
    assert saved.record.id == job.id and Topic.PRINTS in saved.changes.topics


def test_a_notice_to_file_records_its_period(database, tmp_path):
    notice = Notice(kind="公示", title="关于幸福里小区改造方案的公示", paragraphs=("方案见附件。",), issuer="幸福里社区居民委员会",
                    issued_on=date(2026, 3, 1), period_start=date(2026, 3, 1), period_end=date(2026, 3, 8))
    saved = documents.print_to_file(documents.notice_request(notice), tmp_path / "公示.pdf")
    assert "关于幸福里小区改造方案的公示" in text_of(saved.path)
    job = PrintJob.get()
    assert (job.template, job.scope, job.period_start, job.period_end) == \
        ("notice", ALL.to_text(), "2026-03-01", "2026-03-08")


def test_visit_forms_one_page_per_room_with_progress_and_cancel(estate, tmp_path):
    reports = []
    produced = documents.produce(PrintRequest("visit_form", estate, today=date.today()),
                                 lambda done, total: reports.append((done, total)) or True)
    assert produced.pages == produced.rooms == 4 and reports[-1] == (4, 4)
    with pytest.raises(Cancelled):
        documents.produce(PrintRequest("visit_form", estate, today=date.today()), lambda done, total: done < 2)


def test_pages_sent_to_a_printer_are_recorded(estate):
    produced = documents.produce(PrintRequest("roll", estate))
    record = documents.record_printed(produced, "办公室打印机", 1)
    assert (record.output, record.file_path, record.page_count) == ("printer", "办公室打印机", 1)


def test_what_cannot_be_printed(estate, tmp_path):
    with pytest.raises(PrintScopeError):
        documents.produce(PrintRequest("roll", ALL))
    empty = Scope("estate", 10_000)
    with pytest.raises(NothingToPrint):
        documents.produce(PrintRequest("visit_form", empty, today=date.today()))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OSError):
        documents.print_to_file(PrintRequest("roll", estate), blocker / "out.pdf")
    assert PrintJob.select().count() == 0


def test_visit_forms_for_some_rooms_only_under_their_own_title(estate, tmp_path):
    request = documents.visit_forms_request(estate, [("幸福里", "3", "1", "102"), ("幸福里", "5", "1", "101")],
                                            "入户走访登记表（未走访 2 户）", date.today())
    saved = documents.print_to_file(request, tmp_path / "未走访.pdf")
    assert (saved.produced.rooms, saved.produced.pages) == (2, 2)
    assert "102" in text_of(saved.path) and "201" not in text_of(saved.path)
    job = PrintJob.get()
    assert (job.template, job.title, job.page_count) == ("visit_form", "入户走访登记表（未走访 2 户）", 2)
