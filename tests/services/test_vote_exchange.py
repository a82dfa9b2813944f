"""A vote's ballots through the 表决票汇总 workbook and back, and the recount from exported files:
a vote on the demo estate, entered, closed, exported, and counted again by the real CLI without the
database gives the stored result key for key."""

from __future__ import annotations

import json
import zlib
from datetime import date

import pytest
from openpyxl import load_workbook

from desktop_app.domain.tally import ABSTAIN, AGREE, BLANK, OPPOSE
from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.exchange.ballot_writer import BALLOT_SHEET, BallotExportRow, write_ballots
from desktop_app.exchange.roll_reader import read_roll
from desktop_app.main import main
from desktop_app.models import Ballot, BallotRevision, Estate
from desktop_app.services import votes
from desktop_app.services.demo import create_demo
from desktop_app.services.scope import Scope
from desktop_app.services.vote_exchange import (
    CHANGED, NEW, UNCHANGED, apply_ballot_import, export_ballots, export_vote_roll, preview_ballot_import,
)

ITEMS = ("加装电梯", "外墙保温", "雨污分流")
PATTERNS = [(AGREE, AGREE, AGREE), (AGREE, OPPOSE, ABSTAIN), (OPPOSE, AGREE, BLANK), (ABSTAIN, ABSTAIN, AGREE),
            (AGREE, BLANK, OPPOSE), (AGREE, AGREE, OPPOSE), (BLANK, BLANK, BLANK)]


def open_vote(estate_name: str = "翠竹苑", *, matter: int = 7, blank_participates: bool = True) -> int:
    estate = Estate.get(Estate.name == estate_name)
    return votes.create_vote(votes.VoteDraft(
        title=f"{estate_name}改造内容表决", scopes=[Scope("estate", estate.id)], matter=matter,
        items=[VoteItem(name, "完善类") for name in ITEMS], opens_on=date(2026, 3, 1), closes_on=date(2026, 3, 31),
        blank_participates=blank_participates))


def enter_ballots(vote_id: int, *, share: int = 8) -> votes.VoteSession:
    """Ballots for about share/10 of the rooms; one head's rooms answer alike (some of them not at all)."""
    session = votes.VoteSession(vote_id)
    for index, room in enumerate(session.rooms):
        seed = zlib.crc32(room.head_key.encode())
        if zlib.crc32(room.room_key.encode()) % 10 >= share:
            continue
        method = ("纸质", "现场", "委托", "入户")[index % 4]
        session.record(room.roll_id, PATTERNS[seed % len(PATTERNS)], method=method,
                       proxy=f"代理人{index}" if method == "委托" else "")
    return session


def recount(capsys, roll_path, ballots_path, rule: str, blank: str = "yes") -> tuple[int, dict]:
    code = main(["tally", "--roll", str(roll_path), "--ballots", str(ballots_path), "--rule", rule,
                 "--blank-participates", blank, "--json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.fixture
def demo(database):
    create_demo()


@pytest.mark.parametrize("estate, matter, blank", [("翠竹苑", 7, True), ("杜鹃新村", 3, False)])
def test_recount_from_the_exported_files_equals_the_stored_result(demo, tmp_path, capsys, estate, matter, blank):
    vote_id = open_vote(estate, matter=matter, blank_participates=blank)
    session = enter_ballots(vote_id)
    votes.close_vote(vote_id)
    stored = votes.stored_result(vote_id)
    roll_path, ballots_path = tmp_path / "名册.xlsx", tmp_path / "表决票汇总.xlsx"
    assert export_vote_roll(vote_id, roll_path) == len(session.rooms)
    assert export_ballots(vote_id, ballots_path) == len(session.ballots())
    code, counted = recount(capsys, roll_path, ballots_path, session.summary.rule.value, "yes" if blank else "no")
    assert code == 0 and counted == stored
    assert stored["total"]["heads"] < len(session.rooms)  # the estate has owners of several rooms / a developer
    assert {item["passed"] for item in stored["items"]} | {item["quorate"] for item in stored["items"]} >= {True}


def test_exported_ballots_hold_no_personal_data_and_the_roll_reads_without_errors(demo, tmp_path):
    vote_id = open_vote()
    enter_ballots(vote_id)
    export_ballots(vote_id, tmp_path / "b.xlsx")
    sheet = load_workbook(tmp_path / "b.xlsx")[BALLOT_SHEET]
    assert [cell.value for cell in sheet[1]] == ["小区编码", "楼栋", "单元", "房号", *ITEMS, "表决方式", "代理人"]
    export_vote_roll(vote_id, tmp_path / "r.xlsx")
    roll = read_roll(tmp_path / "r.xlsx")
    assert roll.errors == [] and len(roll.records) == len(votes.frozen_records(vote_id))


def test_importing_the_export_into_a_fresh_vote_gives_the_same_ballots(demo, tmp_path):
    first = open_vote()
    entered = enter_ballots(first).ballots()
    export_ballots(first, tmp_path / "b.xlsx")
    second = open_vote()
    preview = preview_ballot_import(second, tmp_path / "b.xlsx")
    assert preview.errors == [] and preview.count(NEW) == len(entered) and preview.can_import()
    assert Ballot.select().where(Ballot.vote == second).count() == 0  # the preview wrote nothing
    summary = apply_ballot_import(second, preview)
    assert (summary.created, summary.updated, summary.unchanged) == (len(entered), 0, 0)
    session = votes.VoteSession(second)
    rooms_first = {room.roll_id: room.room_key for room in votes.VoteSession(first).rooms}
    rooms_second = {room.room_key: room.roll_id for room in session.rooms}
    assert {rooms_second[rooms_first[roll_id]]: (state.choices, state.method, state.proxy)
            for roll_id, state in entered.items()} == {
        roll_id: (state.choices, state.method, state.proxy) for roll_id, state in session.ballots().items()}
    again = preview_ballot_import(second, tmp_path / "b.xlsx")
    assert again.count(UNCHANGED) == len(entered) and not again.can_import()
