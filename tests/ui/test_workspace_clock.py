"""The workspace's clock is "today" for the pages: a fixed clock drives what they show."""

from __future__ import annotations

from datetime import date

from desktop_app.models import Resident, Room
from desktop_app.ui.pages.base import ChangeBus, PageContext, ScopeState
from desktop_app.ui.pages.home import HomePage
from desktop_app.ui.votes.models import VoteListModel, status_text


def test_the_home_page_counts_the_elderly_on_the_workspace_clock(qtbot, roll, runner, workspace, clock):
    Resident.create(room=Room.select().first(), name="老李", birth_date="1964-06-01")
    clock.set(date(2024, 5, 31))
    page = HomePage(PageContext(runner, ScopeState(), ChangeBus(), workspace))
    qtbot.addWidget(page)
    assert page.values["elderly"].text() == "0"
    clock.set(date(2024, 6, 1))  # the sixtieth birthday
    page.refresh()
    assert page.values["elderly"].text() == "1"


def test_the_main_window_hands_its_workspace_to_the_pages(window, workspace):
    assert window.context.workspace is workspace
    assert window.page(0).context.workspace is workspace


def test_a_vote_past_its_closing_day_on_the_clock(workspace, clock):
    clock.set(date(2026, 4, 1))
    assert status_text("open", date(2026, 3, 31), workspace.clock.today()) == "已过截止日"
    assert status_text("open", date(2026, 4, 1), workspace.clock.today()) == "进行中"
    model = VoteListModel(today=workspace.clock.today)
    assert model.today() == date(2026, 4, 1)
