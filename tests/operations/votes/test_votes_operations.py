"""The shared vote operations on a real database: PDFs read back with pypdf, workbooks written and read back,
a ballot file previewed and imported."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from desktop_app.services.changes import Topic
from desktop_app.domain.ballot_import import CHANGED, NEW, BallotExportRow
from desktop_app.domain.tally import AGREE, OPPOSE
from desktop_app.exchange.ballot_reader import read_ballots
from desktop_app.exchange.ballot_writer import write_ballots
from desktop_app.exchange.roll_reader import read_roll
from desktop_app.models.tables import PrintJob
from desktop_app.domain.errors import Cancelled
from desktop_app.operations.votes import documents, exporting, importing
from desktop_app.services.votes.lifecycle import VoteSession, create_vote, frozen_records
from tests.services.votes.vote_helpers import draft, estate_scope, load, room


@pytest.fixture
def vote_id(database) -> int:
    load([room("1-1-101", 8000, 1), room("1-1-102", 9000, 2), room("1-1-201", 8500, 3), room("2-1-101", 7000, 4)])
    return create_vote(draft([estate_scope()]))


def flat(path) -> str:
    return "".join("".join(page.extract_text().split()) for page in PdfReader(str(path)).pages)


def test_ballots_one_page_per_room_saved_and_recorded(vote_id, tmp_path):
    document = documents.ballots(vote_id)
    assert document.template == "ballot" and document.title.endswith("表决票")
    saved = documents.save(document, tmp_path / "票.pdf")
    assert saved.pages == len(PdfReader(str(saved.path)).pages) == 4
    assert "加装电梯" in flat(saved.path)
    job = PrintJob.get()
    assert (job.template, job.file_path, job.page_count, job.title) == ("ballot", str(saved.path), 4, document.title)
    assert saved.record.id == job.id and Topic.PRINTS in saved.changes.topics


def test_a_cancelled_batch_leaves_no_file_and_no_record(vote_id, tmp_path):
    with pytest.raises(Cancelled):
        documents.save(documents.ballots(vote_id), tmp_path / "票.pdf", lambda done, total: done < 2)
    assert not list(tmp_path.glob("票.pdf*")) and PrintJob.select().count() == 0


def test_result_draft_and_not_voted_list(vote_id, tmp_path):
    session = VoteSession(vote_id)
    session.record(session.rooms[0].roll_id, (AGREE,))
    notice = documents.result_notice(vote_id, date.today())
    assert notice.draft and notice.template == "vote_result"
    assert "初稿" in flat(documents.save(notice, tmp_path / "公告.pdf").path)
    listed = documents.save(documents.not_voted_list(vote_id, date.today()), tmp_path / "清单.pdf")
    text = flat(listed.path)
    assert "业主2" in text and "业主4" in text and "业主1" not in text
    assert [job.template for job in PrintJob.select().order_by(PrintJob.id)] == ["vote_result", "not_voted"]


def test_exported_ballots_and_roll_read_back(vote_id, tmp_path):
    session = VoteSession(vote_id)
    for room_state, choice in zip(session.rooms[:3], (AGREE, OPPOSE, AGREE)):
        session.record(room_state.roll_id, (choice,))
    assert exporting.find_vote(session.summary.uid) == vote_id == exporting.find_vote(str(vote_id))
    assert exporting.find_vote("no-such-vote") is None
    ballots = exporting.export_ballots(vote_id, tmp_path / "票.xlsx")
    assert ballots.ballots == 3 and not ballots.changes
    read = read_ballots(ballots.path, frozen_records(vote_id))
    assert [row.ballot.choices for row in read.ballots] == [(AGREE,), (OPPOSE,), (AGREE,)]
    roll = exporting.export_vote_roll(vote_id, tmp_path / "名册.xlsx")
    assert roll.rooms == 4 and roll.limits == ()
    assert len(read_roll(roll.path, today=date.today()).records) == 4


def test_a_ballot_file_is_previewed_then_imported(vote_id, tmp_path):
    session = VoteSession(vote_id)
    session.record(session.rooms[0].roll_id, (AGREE,))
    path = tmp_path / "票.xlsx"
    write_ballots(path, ["加装电梯"], [BallotExportRow("E001", "1", "1", "101", (OPPOSE,)),
                                      BallotExportRow("E001", "1", "1", "102", (AGREE,))])
    preview = importing.preview_ballot_import(vote_id, path)
    assert not preview.errors and (preview.count(CHANGED), preview.count(NEW)) == (1, 1)
    assert VoteSession(vote_id).ballot(session.rooms[1].roll_id) is None  # the preview writes nothing
    done = importing.import_ballots(vote_id, preview)
    assert (done.summary.created, done.summary.updated, done.skipped_rows) == (1, 1, 0)
    assert Topic.BALLOTS in done.changes.topics
    again = importing.import_ballots(vote_id, importing.preview_ballot_import(vote_id, path))
    assert again.summary.unchanged == 2 and not again.changes
