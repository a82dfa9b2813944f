"""A vote's ballots through the 表决票汇总 workbook and back, and the recount from exported files:
a vote on the demo estate, entered, closed, exported, and counted again by the real CLI without the
database gives the stored result key for key."""

from __future__ import annotations

import json
import zlib
from datetime import date

import pytest
from openpyxl import load_workbook

from desktop_app.domain.errors import Cancelled, UserError
from desktop_app.domain.identity import id_check_char
from desktop_app.domain.roll_record import RollRecord
from desktop_app.domain.tally import ABSTAIN, AGREE, BLANK, OPPOSE
from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.exchange.ballot_writer import BALLOT_SHEET
from desktop_app.exchange.roll_reader import read_roll
from desktop_app.main import main
from desktop_app.models import Ballot, BallotRevision, Estate, Owner, Ownership, Room
from desktop_app.services.votes import lifecycle as votes
from desktop_app.services.demo.street import create_demo
from desktop_app.services.roll.importing import apply_roll
from desktop_app.services.scope import Scope
from desktop_app.domain.ballot_import import CHANGED, NEW, UNCHANGED
from desktop_app.exchange.ballot_import import preview_ballots
from desktop_app.exchange.ballot_writer import write_ballots
from desktop_app.exchange.roll_writer import write_roll
from desktop_app.services.votes.exchange import (
    apply_ballot_import, ballot_export, import_context, recount_roll, roll_file_limits,
)
from tests.exchange.workbooks import write_workbook

# The file and database sides put together, as the window and the command line do.
def preview_ballot_import(vote_id, path, sheet=None):
    return preview_ballots(path, import_context(vote_id), sheet)


def import_preview(vote_id, preview, only_valid=False, progress=None):
    return apply_ballot_import(vote_id, preview.to_apply(only_valid), progress=progress)


def export_ballots(vote_id, path) -> int:
    return write_ballots(path, *ballot_export(vote_id))


def export_vote_roll(vote_id, path) -> int:
    return write_roll(path, recount_roll(vote_id))


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
    create_demo(vote=False, today=date.today())


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
    roll = read_roll(tmp_path / "r.xlsx", today=date.today())
    assert roll.errors == [] and len(roll.records) == len(votes.frozen_records(vote_id))


def test_importing_the_export_into_a_fresh_vote_gives_the_same_ballots(demo, tmp_path):
    first = open_vote()
    entered = enter_ballots(first).ballots()
    export_ballots(first, tmp_path / "b.xlsx")
    second = open_vote()
    preview = preview_ballot_import(second, tmp_path / "b.xlsx")
    assert preview.errors == [] and preview.count(NEW) == len(entered) and preview.can_import()
    assert Ballot.select().where(Ballot.vote == second).count() == 0  # the preview wrote nothing
    summary = import_preview(second, preview)
    assert (summary.created, summary.updated, summary.unchanged) == (len(entered), 0, 0)
    session = votes.VoteSession(second)
    rooms_first = {room.roll_id: room.room_key for room in votes.VoteSession(first).rooms}
    rooms_second = {room.room_key: room.roll_id for room in session.rooms}
    assert {rooms_second[rooms_first[roll_id]]: (state.choices, state.method, state.proxy)
            for roll_id, state in entered.items()} == {
        roll_id: (state.choices, state.method, state.proxy) for roll_id, state in session.ballots().items()}
    again = preview_ballot_import(second, tmp_path / "b.xlsx")
    assert again.count(UNCHANGED) == len(entered) and not again.can_import()


def person_id(number: int) -> str:
    body = f"35040219800101{number:03d}"
    return body + id_check_char(body)


def shaped_estate() -> None:
    """Rooms 101-402 of 幸福里, one owner each, then the shapes the roll layout finds hard: 102 co-owned
    by 业主2 (main) and 业主1 (who owns 101 alone); 301 owned by 业主5 with co-owners 业主4 and 业主6 (who
    own 202 and 302 alone); 401 and 402 owned by one owner without an ID number; 201 without any owner."""
    apply_roll([RollRecord("1", "1", number, 10000 + index, estate_code="E001", estate_name="幸福里",
                           owner_name=f"业主{index + 1}", id_number=person_id(index + 1))
                for index, number in enumerate(("101", "102", "201", "202", "301", "302", "401", "402"))])

    def room(number: str) -> Room:
        return Room.get(Room.number == number)

    def owner(number: int) -> Owner:
        return Owner.get(Owner.id_number == person_id(number))

    Ownership.create(room=room("102"), owner=owner(1), role="co-owner")
    for number in (4, 6):
        Ownership.create(room=room("301"), owner=owner(number), role="co-owner")
    nameless = Owner.create(kind="person", name="林某")
    for number in ("401", "402", "201"):
        Ownership.delete().where(Ownership.room == room(number)).execute()
    for number in ("401", "402"):
        Ownership.create(room=room(number), owner=nameless, role="owner", is_voter=True)


def vote_with_every_room_agreeing(tmp_path, capsys) -> tuple[int, dict, dict]:
    vote_id = open_vote("幸福里")
    session = votes.VoteSession(vote_id)
    for room in session.rooms:
        session.record(room.roll_id, (AGREE, OPPOSE, BLANK))
    votes.close_vote(vote_id)
    export_vote_roll(vote_id, tmp_path / "r.xlsx")
    export_ballots(vote_id, tmp_path / "b.xlsx")
    code, counted = recount(capsys, tmp_path / "r.xlsx", tmp_path / "b.xlsx", "special")
    assert code == 0
    return vote_id, votes.stored_result(vote_id), counted


def test_the_roll_file_links_what_it_can_and_the_limits_say_exactly_what_it_cannot(database, tmp_path, capsys):
    shaped_estate()
    vote_id, stored, counted = vote_with_every_room_agreeing(tmp_path, capsys)
    # the vote: {101, 102}, {201}, {202, 301, 302}, {401, 402} = 4 heads
    assert stored["total"] == {"area": "800.28", "heads": 4}
    # the file: 102 is written under 业主1 (its co-owner) and joins 101; 301 can join one neighbour only
    # (业主4, shared with 202), 302 stays apart; 401 and 402 have no ID number to link them
    assert counted["total"] == {"area": "800.28", "heads": 6}
    assert counted["items"][0]["agree"]["heads"] == 6 and stored["items"][0]["agree"]["heads"] == 4
    rows = {record.room: record for record in read_roll(tmp_path / "r.xlsx", today=date.today()).records}
    assert (rows["102"].id_number, rows["102"].owner_name, rows["102"].co_owners) == (person_id(1), "业主1", ("业主2",))
    assert (rows["301"].id_number, rows["301"].owner_name) == (person_id(4), "业主4")
    assert (rows["201"].owner_name, rows["201"].id_number) == ("（未登记业主）", "")
    limits = roll_file_limits(vote_id)
    assert len(limits) == 2
    assert limits[0].startswith("1号楼1单元202室、1号楼1单元301室、1号楼1单元302室 在本表决中计为同一业主（1 人），"
                                "按名册文件复核时计为 2 人")
    assert limits[1].startswith("1号楼1单元401室、1号楼1单元402室 在本表决中计为同一业主（1 人），按名册文件复核时计为 2 人")


def test_a_co_owner_linking_two_rooms_recounts_the_same(database, tmp_path, capsys):
    shaped_estate()
    for number in ("301", "402"):  # keep only the shapes the layout can carry
        Room.get(Room.number == number).delete_instance()
    vote_id, stored, counted = vote_with_every_room_agreeing(tmp_path, capsys)
    assert roll_file_limits(vote_id) == [] and stored["total"]["heads"] == 5 and counted == stored


def small_vote(tmp_path) -> tuple[int, votes.VoteSession]:
    """幸福里 1号楼1单元: 业主1 owns 101 and 102, 业主2 owns 201, 业主3 owns 202; 102 already voted 同意/同意/同意."""
    apply_roll([RollRecord("1", "1", number, 8000, estate_code="E001", estate_name="幸福里",
                           owner_name=f"业主{owner}", id_number=person_id(owner))
                for number, owner in (("101", 1), ("102", 1), ("201", 2), ("202", 3))])
    vote_id = open_vote("幸福里")
    session = votes.VoteSession(vote_id)
    session.record(session.find("1-1-102")[0].roll_id, (AGREE, AGREE, AGREE), method="现场", received_on=date(2026, 3, 2))
    return vote_id, session


def ballot_file(tmp_path, rows, headers=("楼栋", "单元", "房号", *ITEMS, "表决方式", "代理人")):
    return write_workbook(tmp_path / "in.xlsx", rows, headers=headers, sheet="表决票汇总")


def located(preview):
    return [(error.row, error.column, error.value) for error in preview.errors]


def test_items_of_the_file_must_be_the_votes_items(database, tmp_path):
    vote_id, _ = small_vote(tmp_path)
    path = ballot_file(tmp_path, [("1", "1", "201", "同意", "同意", "同意")],
                       headers=("楼栋", "单元", "房号", "加装电梯", "外墙保温", "加装监控"))
    preview = preview_ballot_import(vote_id, path)
    assert located(preview) == [(1, "加装监控（F列）", "加装监控"), (1, "雨污分流", "")]
    assert "本次表决没有事项“加装监控”" in preview.errors[0].reason
    assert "文件中没有表决事项“雨污分流”这一列" in preview.errors[1].reason
    assert preview.valid == [] and not preview.can_import(only_valid=True)


def test_items_in_another_order_are_put_in_the_votes_order(database, tmp_path):
    vote_id, _ = small_vote(tmp_path)
    path = ballot_file(tmp_path, [("1", "1", "201", "反对", "弃权", "同意")],
                       headers=("楼栋", "单元", "房号", "雨污分流", "外墙保温", "加装电梯"))
    preview = preview_ballot_import(vote_id, path)
    assert preview.errors == [] and preview.ballots[0].choices == (AGREE, ABSTAIN, OPPOSE)
    assert (preview.ballots[0].method, preview.ballots[0].status) == ("纸质", NEW)


def test_a_conflict_with_an_entered_ballot_is_located_on_the_files_row(database, tmp_path):
    vote_id, _ = small_vote(tmp_path)
    path = ballot_file(tmp_path, [("1", "1", "201", "同意", "", "反对", "", ""),
                                  ("1", "1", "101", "同意", "反对", "同意", "", "")])
    preview = preview_ballot_import(vote_id, path)
    assert located(preview) == [(3, "外墙保温（E列）", "反对")]
    reason = preview.errors[0].reason
    assert "同一业主的房屋表决意见不一致" in reason and "E001 1号楼1单元102室 是已录入的表决票" in reason
    assert [ballot.row for ballot in preview.valid] == [2] and preview.invalid_rows == {3}


def test_two_rows_of_one_owner_conflicting_are_both_located(database, tmp_path):
    vote_id, _ = small_vote(tmp_path)
    path = ballot_file(tmp_path, [("1", "1", "101", "同意", "同意", "同意", "", ""),
                                  ("1", "1", "102", "同意", "同意", "弃权", "", "")])
    preview = preview_ballot_import(vote_id, path)
    assert located(preview) == [(2, "雨污分流（F列）", "同意"), (3, "雨污分流（F列）", "弃权")]
    assert "已录入" not in preview.errors[0].reason  # 102's entered ballot is replaced by the file's row


def test_errors_refuse_the_import_unless_only_valid_rows_are_asked_for(database, tmp_path):
    vote_id, session = small_vote(tmp_path)
    path = ballot_file(tmp_path, [("1", "1", "201", "同意", "赞成", "同意", "", ""),
                                  ("1", "1", "202", "弃权", "同意", "", "委托", "王五"),
                                  ("1", "1", "102", "反对", "同意", "同意", "", "")])
    preview = preview_ballot_import(vote_id, path)
    assert located(preview) == [(2, "外墙保温（E列）", "赞成")]
    assert (preview.count(NEW), preview.count(CHANGED), preview.count(UNCHANGED)) == (1, 1, 0)
    assert not preview.can_import() and preview.can_import(only_valid=True)
    with pytest.raises(UserError, match="1 处错误"):
        import_preview(vote_id, preview)
    summary = import_preview(vote_id, preview, only_valid=True)
    assert (summary.created, summary.updated, summary.unchanged, preview.skipped_rows) == (1, 1, 0, 1)
    session.reload()
    room = {room.room: room.roll_id for room in session.rooms}
    assert session.ballot(room["201"]) is None
    assert session.ballot(room["202"]).method == "委托" and session.ballot(room["202"]).proxy == "王五"
    corrected = session.ballot(room["102"])  # a blank 表决方式 keeps the entered method and date
    assert (corrected.choices, corrected.method, corrected.received_on) == (
        (OPPOSE, AGREE, AGREE), "现场", date(2026, 3, 2))
    history = votes.ballot_history(vote_id, room["102"])
    assert [(change.action, change.state.choices) for change in history] == [("update", (AGREE, AGREE, AGREE))]
    assert BallotRevision.select().where(BallotRevision.vote == vote_id).count() == 1


def test_a_closed_vote_refuses_the_import(database, tmp_path):
    vote_id, session = small_vote(tmp_path)
    session.record(session.find("1-1-101")[0].roll_id, (AGREE, AGREE, AGREE))
    votes.close_vote(vote_id)
    preview = preview_ballot_import(vote_id, ballot_file(tmp_path, [("1", "1", "201", "同意", "同意", "同意")]))
    assert preview.errors == [] and preview.closed and not preview.can_import()
    with pytest.raises(votes.VoteError, match="表决已结束"):
        import_preview(vote_id, preview)
    assert votes.VoteSession(vote_id).summary.voted == 2


def test_cancelling_rolls_everything_back(database, tmp_path):
    vote_id, _ = small_vote(tmp_path)
    path = ballot_file(tmp_path, [("1", "1", "201", "同意", "同意", "同意"), ("1", "1", "202", "同意", "同意", "同意")],
                       headers=("楼栋", "单元", "房号", *ITEMS))
    preview = preview_ballot_import(vote_id, path)
    with pytest.raises(Cancelled):
        import_preview(vote_id, preview, progress=lambda done, total: done < 2)
    assert votes.VoteSession(vote_id).summary.voted == 1
    assert import_preview(vote_id, preview).created == 2


def test_an_unknown_room_and_a_room_outside_the_vote_are_located(database, tmp_path):
    vote_id, _ = small_vote(tmp_path)
    path = ballot_file(tmp_path, [("1", "1", "999", "同意", "同意", "同意"), ("2", "1", "101", "同意", "同意", "同意")],
                       headers=("楼栋", "单元", "房号", *ITEMS))
    preview = preview_ballot_import(vote_id, path)
    assert located(preview) == [(2, "房号（C列）", "999"), (3, "房号（C列）", "101")]
    assert preview.ballots == [] and not preview.can_import(only_valid=True)


def test_a_roll_column_in_the_header_stops_every_row(database, tmp_path):
    vote_id, _ = small_vote(tmp_path)
    path = ballot_file(tmp_path, [("1", "1", "201", "同意", "同意", "同意", "张三")],
                       headers=("楼栋", "单元", "房号", *ITEMS, "业主姓名"))
    preview = preview_ballot_import(vote_id, path)
    assert located(preview) == [(1, "业主姓名（G列）", "业主姓名")] and preview.header_failed
    assert preview.valid == [] and not preview.can_import(only_valid=True)
