"""Fixtures of the 改造表决 page tests: the demo street in a real SQLite file, a page context, votes opened.

The demo is generated once per session into a template file; every test gets its own copy.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget


from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.models import Building, Estate, open_database
from desktop_app.services.workspace import Workspace
from desktop_app.services import queries
from desktop_app.services.changes import Changes
from desktop_app.services.demo import street as demo
from desktop_app.services.votes import lifecycle as votes
from desktop_app.services.scope import Scope
from desktop_app.ui.pages.base import ChangeBus, PageContext, ScopeState
from desktop_app.ui.widgets.tasks import SyncTaskRunner
from tests.ui.modal import when_modal

ITEMS = (VoteItem("雨污分流", "基础类"), VoteItem("加装电梯", "完善类"))


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("votes_ui") / "demo.sqlite3"
    database = open_database(path)
    demo.create_demo(vote=False, today=date.today())
    database.close()
    return path


@pytest.fixture
def demo_db(demo_template, tmp_path, clock):
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    workspace = Workspace.open(path, clock)
    yield workspace
    workspace.close()


class Context:
    """A page context with its own change bus (the pages built on it listen, as in the main window);
    `changes` counts the changes sent and `sent` keeps them."""

    def __init__(self, workspace) -> None:
        self.pages: list = []
        self.sent: list[Changes] = []
        self.bus = ChangeBus()
        self.bus.changed.connect(self.sent.append)
        self.context = PageContext(SyncTaskRunner(), ScopeState(), self.bus, workspace)

    @property
    def changes(self) -> int:
        return len(self.sent)


@pytest.fixture
def context(qapp, demo_db):
    return Context(demo_db)


def estate(name: str = "杜鹃新村") -> Estate:
    return Estate.get(Estate.name == name)


def building(estate_name: str, name: str) -> Building:
    return Building.get((Building.estate == estate(estate_name).id) & (Building.name == name))


def open_vote(estate_name: str = "杜鹃新村", *, scopes: list[Scope] | None = None, double_entry: bool = False,
              title: str | None = None) -> int:
    today = date.today()
    return votes.create_vote(votes.VoteDraft(
        title=title or f"{estate_name}改造内容表决", scopes=scopes or [Scope("estate", estate(estate_name).id)],
        matter=7, items=list(ITEMS), opens_on=today, closes_on=today + timedelta(days=14), double_entry=double_entry))


def community_of(estate_name: str) -> Scope:
    return Scope("community", estate(estate_name).community_id)


def rooms_in(scopes: list[Scope]) -> int:
    return sum(len(queries.roll_entries(scope)) for scope in scopes)


def answer_boxes(answers: list[str | None], seen: list[str]) -> None:
    """Answer the next modal dialogs in turn: a message box by its button text (None: its first button),
    an input dialog by the text to type (then OK). Their texts go to `seen`."""

    def take(widget) -> bool:
        if not isinstance(widget, (QMessageBox, QInputDialog)) or widget.property("answered"):
            return False
        widget.setProperty("answered", True)
        reply = answers.pop(0)
        if isinstance(widget, QInputDialog):
            seen.append(widget.labelText())
            widget.setTextValue(reply or "")
            widget.accept()
        else:
            seen.append(widget.text())
            buttons = widget.buttons()
            chosen = buttons[0] if reply is None else next((b for b in buttons if b.text() == reply), None)
            if chosen is None:  # close it anyway, so a failing test fails instead of waiting forever
                seen.append(f"no button {reply!r} in {[b.text() for b in buttons]}")
                chosen = buttons[-1]
            chosen.click()
        if answers:
            when_modal(take)
        return True

    when_modal(take)


def visible_text(widget: QWidget, name: str) -> str:
    from PySide6.QtWidgets import QLabel

    label = widget.findChild(QLabel, name)
    return label.text() if label is not None and label.isVisible() else ""
