"""The vote page's three print actions on the demo street: the save dialog, rendering on the runner (progress,
cancel), the print history, and the messages the user sees (where the file went, errors they can fix)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from PySide6.QtWidgets import QFileDialog, QMessageBox
from pypdf import PdfReader

from desktop_app.domain.tally import AGREE, OPPOSE
from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.models import Building, Estate
from desktop_app.services.demo.street import create_demo
from desktop_app.services.printing.gather import print_history
from desktop_app.services.scope import Scope
from desktop_app.services.votes.lifecycle import VoteDraft, VoteSession, close_vote, create_vote
from desktop_app.ui.pages.base import ChangeBus, Page, PageContext, ScopeState
from desktop_app.ui.votes.print_actions import print_ballots, print_not_voted, print_result
from tests.ui.modal import when_modal


def flat(path) -> str:
    return "".join("".join(page.extract_text().split()) for page in PdfReader(str(path)).pages)


@pytest.fixture
def page(qtbot, database, runner, workspace):
    create_demo(vote=False, today=date.today())
    page = Page(PageContext(runner, ScopeState(), ChangeBus(), workspace))
    qtbot.addWidget(page)
    page.show()
    return page


def open_vote(items=("加装电梯", "外墙保温"), building: str = "2") -> int:
    estate = Estate.get(Estate.name == "杜鹃新村")
    building = Building.get((Building.estate == estate) & (Building.name == building))
    return create_vote(VoteDraft(title="杜鹃新村老旧小区改造", scopes=[Scope("building", building.id)], matter=7,
                                 items=[VoteItem(name, "完善类") for name in items], opens_on=date(2026, 3, 1),
                                 closes_on=date(2026, 3, 31)))


@pytest.fixture
def asked(monkeypatch, tmp_path):
    """The save dialog answers tmp_path/<name> (without .pdf: the action adds it) and records what it proposed."""
    calls: list[tuple[str, str]] = []
    answer = {"path": str(tmp_path / "文书")}

    def fake(parent, caption, suggested, filter_):
        calls.append((caption, suggested))
        return answer["path"], filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return calls, answer


def answer_box(seen: list[tuple[str, str]], button: str | None = None) -> None:
    """Click `button` (else the first button) in the next modal message box; keep its text and details."""

    def take(box) -> bool:
        if not isinstance(box, QMessageBox):
            return False
        seen.append((box.text(), box.detailedText()))
        buttons = [b for b in box.buttons() if button is None or b.text() == button] or box.buttons()
        buttons[0].click()
        return True

    when_modal(take)


def test_not_voted_list_is_saved_recorded_and_announced(page, asked, tmp_path):
    calls, _answer = asked
    vote_id = open_vote()
    session = VoteSession(vote_id)
    for room in session.rooms[:5]:
        session.record(room.roll_id, (AGREE, OPPOSE))
    seen: list = []
    answer_box(seen, "确定")
    print_not_voted(page, vote_id)
    target = tmp_path / "文书.pdf"
    assert target.exists()
    caption, suggested = calls[0]
    assert caption == "未表决户清单" and suggested.endswith(f"杜鹃新村老旧小区改造未表决户清单（{today_text()}）.pdf")
    text = flat(target)
    assert "内部使用" in text and session.rooms[5].owner_names[0] in text
    for room in session.rooms[5:]:
        assert room.owner_names[0] in text
    assert not re.search(r"\d{17}[\dX]", text)
    job = print_history()[0]
    assert (job.template, job.file_path, job.output) == ("not_voted", str(target.resolve()), "pdf")
    assert job.page_count == len(PdfReader(str(target)).pages)
    assert str(target.resolve()) in seen[0][0] and "仅供入户走访内部使用" in seen[0][0]


def today_text() -> str:
    from desktop_app.domain.dates_text import date_text

    return date_text(date.today())


def test_ballots_batch_reports_progress_and_gives_one_page_per_room(page, asked, runner, tmp_path):
    vote_id = open_vote()
    rooms = len(VoteSession(vote_id).rooms)
    seen: list = []
    answer_box(seen, "确定")
    print_ballots(page, vote_id)
    target = tmp_path / "文书.pdf"
    assert len(PdfReader(str(target)).pages) == rooms
    assert runner.reports[-1] == (rooms, rooms) and len(runner.reports) == rooms
    assert asked[0][0][1].endswith("杜鹃新村老旧小区改造表决票.pdf")
    job = print_history()[0]
    assert (job.template, job.page_count, job.title) == ("ballot", rooms, "杜鹃新村老旧小区改造表决票")
    assert f"共 {rooms} 页" in seen[0][0]
    assert "1号楼" not in flat(target)  # the frozen roll of building 2 only


def test_cancelling_the_ballots_leaves_no_file_and_no_record(page, asked, runner, tmp_path):
    runner.cancel_after = 3
    print_ballots(page, open_vote())
    assert runner.reports[-1][0] == 3
    assert not (tmp_path / "文书.pdf").exists() and not (tmp_path / "文书.pdf.part").exists()
    assert print_history() == []


def test_choosing_no_file_does_nothing(page, asked, tmp_path):
    asked[1]["path"] = ""
    print_not_voted(page, open_vote())
    print_result(page, open_vote())
    assert print_history() == [] and not (tmp_path / "文书.pdf").exists()


def test_result_of_an_open_vote_is_a_draft_and_of_a_closed_vote_final(page, asked, tmp_path):
    vote_id = open_vote()
    session = VoteSession(vote_id)
    for room in session.rooms:
        session.record(room.roll_id, (AGREE, OPPOSE))
    seen: list = []
    answer_box(seen, "确定")
    print_result(page, vote_id)
    assert "初稿" in flat(tmp_path / "文书.pdf") and "请勿张贴" in seen[0][0]
    close_vote(vote_id)
    asked[1]["path"] = str(tmp_path / "公告.pdf")
    answer_box(seen, "确定")
    print_result(page, vote_id)
    text = flat(tmp_path / "公告.pdf")
    assert "初稿" not in text and "杜鹃新村老旧小区改造表决结果公告" in text and "加装电梯" in text
    assert "请勿张贴" not in seen[1][0]
    assert [job.template for job in print_history()] == ["vote_result", "vote_result"]


def test_a_tally_with_errors_is_refused_before_asking_for_a_file(page, asked):
    vote_id = open_vote(building="1")  # work-unit housing: one organisation owns many rooms
    session = VoteSession(vote_id)
    by_head: dict[str, list] = {}
    for room in session.rooms:
        by_head.setdefault(room.head_key, []).append(room)
    shared = next(rooms for rooms in by_head.values() if len(rooms) > 1)
    session.record(shared[0].roll_id, (AGREE, AGREE))
    session.record(shared[1].roll_id, (OPPOSE, AGREE))
    seen: list = []
    answer_box(seen)
    print_result(page, vote_id)
    assert seen and seen[0][0].startswith("计票有误，无法生成表决结果公告")
    assert asked[0] == [] and print_history() == []


def test_a_character_no_font_has_is_a_message_and_no_file(page, asked, tmp_path):
    vote_id = open_vote(items=("加装电梯", "修缮𠮷字号门楼"))
    seen: list = []
    answer_box(seen)
    print_ballots(page, vote_id)
    assert seen and "𠮷" in seen[0][0] + seen[0][1]
    assert not (tmp_path / "文书.pdf").exists() and print_history() == []


def test_an_unwritable_path_is_a_message(page, asked, tmp_path):
    asked[1]["path"] = str(tmp_path / "没有这个文件夹" / "清单.pdf")
    seen: list = []
    answer_box(seen)
    print_not_voted(page, open_vote())
    assert seen and seen[0][0].startswith("无法写入文件") and print_history() == []


def test_ballots_on_the_real_background_runner(qtbot, database, asked, tmp_path, monkeypatch, workspace):
    from desktop_app.ui.widgets import tasks

    monkeypatch.setattr(tasks, "DIALOG_DELAY_MS", 0)  # the progress dialog shows, and still delivers
    create_demo(vote=False, today=date.today())
    runner = tasks.TaskRunner(workspace)
    page = Page(PageContext(runner, ScopeState(), ChangeBus(), workspace))
    qtbot.addWidget(page)
    page.show()
    vote_id = open_vote()
    seen: list = []
    answer_box(seen, "确定")
    print_ballots(page, vote_id)
    qtbot.waitUntil(lambda: bool(seen), timeout=60000)
    assert runner.wait(10000)
    assert len(PdfReader(str(tmp_path / "文书.pdf")).pages) == len(VoteSession(vote_id).rooms)
    assert print_history()[0].template == "ballot"


def test_cancelling_the_not_voted_list_leaves_no_file(page, asked, runner, tmp_path):
    runner.cancel_after = 2
    print_not_voted(page, open_vote())
    assert len(runner.reports) == 2 and not (tmp_path / "文书.pdf").exists() and print_history() == []
