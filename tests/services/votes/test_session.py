"""Ballot entry on a real database: find a typed room, record / correct / remove / undo with revisions and
audit rows, refusals, conflicting rooms of one owner, double entry, closing (stored result, locked), reopening
with a reason, the exact thresholds through the service, and the frozen roll read back by the recount."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import Workbook

from desktop_app.domain.tally import (
    ABSTAIN, AGREE, BLANK, CHOICES, FAILED, NOT_QUORATE, OPPOSE, PASSED, room_key_of,
)
from desktop_app.domain.tally_report import result_json
from desktop_app.exchange.ballot_reader import read_ballots
from desktop_app.exchange.roll_reader import read_roll
from desktop_app.exchange.roll_writer import write_roll
from desktop_app.main import main
from desktop_app.models import AuditLog, Ballot, BallotRevision, Vote
from desktop_app.services import settings
from desktop_app.services.votes.lifecycle import (
    BallotEntry, VoteError, VoteSession, ballot_history, close_vote, create_vote, frozen_records, reopen_vote,
    stored_result, vote_summary,
)
from tests.services.votes.vote_helpers import draft, estate_scope, load, room

CLOSED = "表决已结束，如需更正请先重新开启并填写原因"
ITEMS = ("加装电梯", "外墙保温")


@pytest.fixture
def roll(database):
    """Eight rooms of E001: owner 1 has 3-1-101 and 3-1-102; 4-1-201 and 4-1-202 are developer-unsold."""
    load([room("3-1-101", 8530, 1), room("3-1-102", 9000, 1), room("3-1-201", 6000, 2), room("3-1-202", 7000, 3),
          room("3-2-101", 6500, 4), room("3-2-102", 7500, 5),
          room("4-1-201", 8000, None, kind="developer"), room("4-1-202", 8200, None, kind="developer")])
    settings.set_operator_name("王录入")


def open_vote(**changes) -> VoteSession:
    return VoteSession(create_vote(draft([estate_scope()], items=ITEMS, **changes)))


def roll_id(session: VoteSession, text: str) -> int:
    (found,) = session.find(text)
    return found.roll_id


def test_find_a_typed_room(roll):
    session = open_vote()
    for text in ("3-1-101", "3 1 101", "3/1/101", "3号楼1单元101室", "３－１－１０１"):
        assert [found.label for found in session.find(text)] == ["3号楼1单元101室"], text
    assert [found.label for found in session.find("101")] == ["3号楼1单元101室", "3号楼2单元101室"]
    assert [found.label for found in session.find("4-201")] == ["4号楼1单元201室"]
    assert session.find("") == session.find("5-1-101") == session.find("3-1-1-1-1") == []


def test_record_correct_remove_and_undo_keep_every_state(roll):
    session = open_vote()
    room_id = roll_id(session, "3-1-201")
    assert session.record(room_id, (AGREE, OPPOSE), received_on=date(2026, 3, 5)) is None
    first = session.ballot(room_id)
    assert (first.choices, first.method, first.received_on, first.entered_by) == \
        ((AGREE, OPPOSE), "纸质", date(2026, 3, 5), "王录入")
    assert session.record(room_id, (AGREE, OPPOSE), received_on=date(2026, 3, 5)) == first  # nothing changes
    assert ballot_history(session.vote_id, room_id) == []
    assert session.record(room_id, (AGREE, AGREE), method="委托", proxy=" 李四 ") == first
    corrected = session.ballot(room_id)
    assert (corrected.method, corrected.proxy) == ("委托", "李四")
    assert session.remove(room_id) == corrected
    assert session.ballot(room_id) is None and session.remove(room_id) is None
    assert session.restore(room_id, corrected) is None  # undo the removal
    assert session.restore(room_id, first) == corrected  # undo the correction
    assert VoteSession(session.vote_id).ballot(room_id) == first
    history = ballot_history(session.vote_id, room_id)
    assert [(change.action, change.state.choices, change.reason) for change in history] == [
        ("update", (AGREE, AGREE), "撤销"), ("delete", (AGREE, AGREE), ""), ("update", (AGREE, OPPOSE), "")]
    assert all(change.actor == "王录入" for change in history)
    assert BallotRevision.select().count() == 3 and Ballot.select().count() == 1
    actions = [row.action for row in AuditLog.select().where(AuditLog.table_name == "ballot").order_by(AuditLog.id)]
    assert actions == ["create", "update", "delete", "create", "update"]
    last = AuditLog.select().where(AuditLog.table_name == "ballot").order_by(AuditLog.id.desc()).first()
    assert last.actor == "王录入" and "3号楼1单元201室" in last.summary and "撤销" in last.summary
    assert json.loads(last.changes) == {"choices": ["同意、同意", "同意、反对"]}
    assert session.restore(room_id, None) == first  # undo the first entry: nothing left
    assert session.not_voted() == session.rooms


@pytest.mark.parametrize("choices,options,message", [
    ((AGREE,), {}, "3号楼1单元201室：应对 2 个事项逐项表决（实为 1 个）"),
    ((AGREE, "同 意"), {}, "3号楼1单元201室：“同 意”不是有效的表决意见（应为同意、反对、弃权或空白）"),
    ((AGREE, AGREE), {"method": "委托", "proxy": "  "}, "3号楼1单元201室：委托表决须填写代理人姓名"),
    ((AGREE, AGREE), {"method": "电话"}, "3号楼1单元201室：表决方式“电话”无效（应为纸质、现场、委托、入户）"),
    ((AGREE, AGREE), {"entry": BallotEntry.CHECK}, "本表决未启用双人录入核对"),
    ((AGREE, AGREE), {"received_on": date(2026, 2, 28)},
     "3号楼1单元201室：收到日期 2026-02-28 早于表决开始日期 2026-03-01，请核对表决票上的日期"),
])
def test_refused_ballots_write_nothing(roll, choices, options, message):
    session = open_vote()
    with pytest.raises(VoteError) as raised:
        session.record(roll_id(session, "3-1-201"), choices, **options)
    assert str(raised.value) == message
    assert Ballot.select().count() == 0 and session.ballot(roll_id(session, "3-1-201")) is None
    with pytest.raises(VoteError, match="该房屋不在本表决冻结的名册中"):
        session.record(999_999, (AGREE, AGREE))


def test_one_owners_rooms_answering_differently_is_an_error_not_resolved(roll):
    session = open_vote()
    session.record(roll_id(session, "3-1-101"), (AGREE, AGREE))
    session.record(roll_id(session, "3-1-102"), (AGREE, OPPOSE))
    outcome = session.tally()
    assert outcome.result is None
    (conflict,) = outcome.error.conflicts
    assert (conflict.item, conflict.rooms) == ("外墙保温", (("E001 3号楼1单元101室", AGREE),
                                                          ("E001 3号楼1单元102室", OPPOSE)))
    with pytest.raises(VoteError, match="计票有误，不能结束表决：事项“外墙保温”：同一业主的房屋表决意见不一致"):
        close_vote(session.vote_id)
    session.record(roll_id(session, "3-1-102"), (AGREE, AGREE))
    result = session.tally().result
    assert (result.items[1].agree.heads, result.items[1].agree.area_centi) == (1, 17530)


def test_developer_rooms_are_one_head_and_blank_follows_the_vote(roll):
    session = open_vote(blank_participates=False)
    assert session.summary.total_heads == 6  # owners 1-5 and the developer
    session.record(roll_id(session, "4-1-201"), (BLANK, ABSTAIN))
    session.record(roll_id(session, "4-1-202"), (BLANK, ABSTAIN))
    elevator, walls = session.tally().result.items
    assert (elevator.blank.heads, elevator.blank.area_centi, elevator.participating.heads) == (1, 16200, 0)
    assert (walls.abstain.heads, walls.participating.area_centi) == (1, 16200)


def test_double_entry_differences_block_closing(roll):
    session = open_vote(double_entry=True)
    a, b, c = (roll_id(session, text) for text in ("3-1-201", "3-1-202", "3-2-101"))
    session.record(a, (AGREE, OPPOSE))
    session.record(a, (AGREE, OPPOSE), entry=BallotEntry.CHECK)
    session.record(b, (AGREE, OPPOSE))
    session.record(c, (AGREE, ABSTAIN), method="委托", proxy="张三")
    session.record(c, (AGREE, OPPOSE), entry=BallotEntry.CHECK)
    differences = session.differences()
    assert [(d.room.label, d.items, d.check is None) for d in differences] == [
        ("3号楼1单元202室", (), True), ("3号楼2单元101室", ("外墙保温", "表决方式", "代理人"), False)]
    with pytest.raises(VoteError, match="双人录入核对还有 2 户不一致或只录入了一次（3号楼1单元202室、3号楼2单元101室）"):
        close_vote(session.vote_id)
    assert session.tally().result.items[0].agree.heads == 3  # only the first entry counts
    session.record(b, (AGREE, OPPOSE), entry=BallotEntry.CHECK)
    session.record(c, (AGREE, OPPOSE))
    assert session.differences() == []
    assert VoteSession(session.vote_id).differences() == []
    session.close()
    assert vote_summary(session.vote_id).closed


def test_closing_stores_the_result_and_locks_until_reopened_with_a_reason(roll):
    session = open_vote()
    other_window = VoteSession(session.vote_id)
    assert not other_window.closed
    for text in ("3-1-101", "3-1-102", "3-1-201", "3-1-202", "3-2-101"):
        session.record(roll_id(session, text), (AGREE, OPPOSE))
    expected = session.tally().result
    assert close_vote(session.vote_id) == expected
    assert other_window.summary.status == "closed" and other_window.closed
    assert stored_result(session.vote_id) == result_json("special", expected)
    vote = Vote.get_by_id(session.vote_id)
    assert (vote.status, vote.closed_by, bool(vote.closed_at)) == ("closed", "王录入", True)
    target = roll_id(session, "3-2-102")
    for attempt in (lambda s: s.record(target, (AGREE, AGREE)), lambda s: s.remove(roll_id(s, "3-1-101")),
                    lambda s: s.restore(target, None)):
        for window in (session, other_window):
            with pytest.raises(VoteError) as raised:
                attempt(window)
            assert str(raised.value) == CLOSED
    assert other_window.closed
    with pytest.raises(VoteError, match="表决已结束，不能重复结束"):
        close_vote(session.vote_id)
    for reason in ("", "   "):
        with pytest.raises(VoteError, match="重新开启表决须填写原因"):
            reopen_vote(session.vote_id, reason)
    session.reopen("  3号楼2单元102室的纸质票漏录  ")
    assert not session.closed and stored_result(session.vote_id) is None
    reopened = AuditLog.get((AuditLog.table_name == "vote") & (AuditLog.action == "reopen"))
    assert reopened.actor == "王录入" and reopened.summary.endswith("原因：3号楼2单元102室的纸质票漏录")
    assert json.loads(reopened.changes)["status"] == ["closed", "open"]
    with pytest.raises(VoteError, match="表决尚未结束，无需重新开启"):
        reopen_vote(session.vote_id, "再次")
    other_window.record(target, (AGREE, AGREE))
    session.reload()
    result = session.close()
    assert result.items[0].agree.heads == 5 and stored_result(session.vote_id)["items"][0]["agree"]["heads"] == 5
    assert [row.action for row in AuditLog.select().where(AuditLog.table_name == "vote").order_by(AuditLog.id)] == \
        ["create", "close", "reopen", "close"]


@pytest.mark.parametrize("matter,ballots,agree,verdict", [
    (7, 8, 6, PASSED),  # exactly 2/3 of 12 participate, exactly 3/4 of them agree
    (7, 8, 5, FAILED),
    (7, 7, 7, NOT_QUORATE),  # one short of 2/3
    (5, 8, 4, FAILED),  # ordinary rule: exactly half is not a majority
    (5, 8, 5, PASSED),
])
def test_exact_thresholds_through_the_service(database, matter, ballots, agree, verdict):
    load([room(f"1-1-{number}", 10000, number) for number in range(101, 113)])
    session = VoteSession(create_vote(draft([estate_scope()], matter=matter)))
    assert (session.summary.total_heads, session.summary.total_area_centi) == (12, 120000)
    for index, found in enumerate(session.rooms[:ballots]):
        session.record(found.roll_id, (AGREE if index < agree else OPPOSE,))
    (item,) = session.tally().result.items
    assert item.verdict == verdict
    assert close_vote(session.vote_id).items[0].verdict == verdict
    assert stored_result(session.vote_id)["items"][0]["passed"] is (verdict == PASSED)


def write_ballot_sheet(path, session: VoteSession) -> None:
    """A 表决票汇总 as formats.md lays it out, written from the session's ballots."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "表决票汇总"
    sheet.append(["小区编码", "楼栋", "单元", "房号", *ITEMS, "表决方式", "代理人"])
    records = {room_key_of(record): record for record in frozen_records(session.vote_id)}
    for roll_id_, state in session.ballots().items():
        record = records[session.room(roll_id_).room_key]
        sheet.append([record.estate_code, f"{record.building}号楼", record.unit, record.room, *state.choices,
                      state.method, state.proxy])
    workbook.save(path)


def test_the_frozen_roll_reads_back_and_recounts_to_the_stored_result(roll, tmp_path, capsys):
    session = open_vote()
    answers = {"3-1-101": (AGREE, OPPOSE), "3-1-102": (AGREE, OPPOSE), "3-1-201": (AGREE, AGREE),
               "3-2-101": (OPPOSE, ABSTAIN), "3-2-102": (AGREE, BLANK), "4-1-201": (AGREE, AGREE),
               "4-1-202": (AGREE, AGREE)}
    for text, choices in answers.items():
        session.record(roll_id(session, text), choices, **({"method": "委托", "proxy": "李四"} if text == "3-2-102"
                                                           else {}))
    records = frozen_records(session.vote_id)
    assert [room_key_of(record) for record in records] == [found.room_key for found in session.rooms]
    write_ballot_sheet(tmp_path / "ballots.xlsx", session)
    read = read_ballots(tmp_path / "ballots.xlsx", records)
    assert read.errors == [] and read.items == list(ITEMS)
    assert {row.room_key: row.choices for row in read.ballots} == \
        {found.room_key: session.ballot(found.roll_id).choices for found in session.rooms if session.ballot(found.roll_id)}
    assert write_roll(tmp_path / "roll.xlsx", records) == len(records)
    assert [room_key_of(record) for record in read_roll(tmp_path / "roll.xlsx", today=date.today()).records] == \
        [found.room_key for found in session.rooms]
    close_vote(session.vote_id)
    code = main(["tally", "--roll", str(tmp_path / "roll.xlsx"), "--ballots", str(tmp_path / "ballots.xlsx"),
                 "--rule", "special", "--json"])
    assert code == 0
    assert json.loads(capsys.readouterr().out) == stored_result(session.vote_id)


def outcome_key(outcome):
    return outcome.result, outcome.error.problems if outcome.error else None


@hypothesis_settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(("record", "remove", "undo")), st.integers(0, 7),
                          st.tuples(st.sampled_from(CHOICES), st.sampled_from(CHOICES))), max_size=20))
def test_any_entry_sequence_is_stored_as_held_and_undoes_to_nothing(roll, operations):
    session = open_vote()
    undo: list[tuple[int, object]] = []
    revisions = 0
    for operation, index, choices in operations:
        room_id = session.rooms[index].roll_id
        before = session.ballot(room_id)
        if operation == "record":
            assert session.record(room_id, choices) == before
            revisions += before is not None and before.choices != choices
            undo.append((room_id, before))
        elif operation == "remove":
            assert session.remove(room_id) == before
            revisions += before is not None
            undo.append((room_id, before))
        elif undo:
            room_id, previous = undo.pop()
            current = session.ballot(room_id)
            assert session.restore(room_id, previous) == current
            revisions += current is not None and (previous is None or previous.choices != current.choices)
        fresh = VoteSession(session.vote_id)
        assert fresh.ballots() == session.ballots()
        assert outcome_key(fresh.tally()) == outcome_key(session.tally())
    assert BallotRevision.select().where(BallotRevision.vote == session.vote_id).count() == revisions
    while undo:
        session.restore(*undo.pop())
    assert session.ballots() == VoteSession(session.vote_id).ballots() == {}


def test_a_ballot_received_on_the_opening_day_or_after_closing_is_taken(roll):
    session = open_vote()
    assert session.record(roll_id(session, "3-1-201"), (AGREE, AGREE), received_on=date(2026, 3, 1)) is None
    late = session.record(roll_id(session, "3-1-201"), (AGREE, OPPOSE), received_on=date(2026, 4, 2))
    assert late is not None and session.ballot(roll_id(session, "3-1-201")).received_on == date(2026, 4, 2)
