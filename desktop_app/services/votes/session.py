"""Ballot entry on one vote, held in memory so that a keypress costs one row write and a tally.

`VoteSession(vote_id)` loads the frozen roll and the ballots once; `record` / `remove` / `restore`
write one ballot row in a transaction (the earlier state goes to `ballot_revision`, the change to the
audit log) and update the memory; `tally()` counts the counted ("first") entries with `domain.tally`.
In the double-entry mode a second person enters the same paper ballots as entry "check";
`differences()` lists what the two entries disagree on. `changes` is the `services.changes.Changes` of the
latest write (`Topic.BALLOTS` with the ballot's vote id, or `Topic.VOTES` after close / reopen).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from desktop_app.domain.headcount import ScopeRoll
from desktop_app.domain.room_entry import matches, parse_room_entry
from desktop_app.domain.tally import CHOICES, Ballot, TallyError, TallyResult, VoteRoll, tally
from desktop_app.domain.tally_report import result_json
from desktop_app.domain.vocabulary import DEFAULT_METHOD, METHODS, PROXY_METHOD, BallotEntry, VoteState
from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.models import db
from desktop_app.models.clock import current_origin, new_uid, now_iso
from desktop_app.services import audit
from desktop_app.services.changes import NONE, Changes, Topic
from desktop_app.services.settings import operator_name
from desktop_app.services.votes.records import (
    CLOSED_MESSAGE, BallotState, Difference, RollRoom, TallyOutcome, VoteError, VoteSummary, ballot_state,
    ballot_states, get_vote, iso, roll_rooms, summary_of,
)


_BALLOT_COLUMNS = "id, uid, choices, method, proxy, received_on, entered_by"
_KEEP_REVISION = ("INSERT INTO ballot_revision (vote_id, roll_id, ballot_uid, entry, at, actor, action, choices, method, "
                  "proxy, received_on, entered_by, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_INSERT_BALLOT = ("INSERT INTO ballot (uid, created_at, updated_at, origin, vote_id, roll_id, entry, choices, method, "
                  "proxy, received_on, entered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_UPDATE_BALLOT = ("UPDATE ballot SET choices = ?, method = ?, proxy = ?, received_on = ?, entered_by = ?, "
                  "updated_at = ? WHERE id = ?")


class VoteSession:
    """Everything ballot entry needs for one vote."""

    def __init__(self, vote_id: int) -> None:
        self.vote_id = vote_id
        self.changes: Changes = NONE  # what the latest write changed
        self.reload()

    def reload(self) -> None:
        """Read the vote, its frozen roll and its ballots again (after another window changed them)."""
        vote = get_vote(self.vote_id)
        self.rooms: list[RollRoom] = roll_rooms(self.vote_id)
        self._summary = summary_of(vote, rooms=len(self.rooms), voted=0)
        self.items: tuple[VoteItem, ...] = self._summary.items
        self._item_names = tuple(item.name for item in self.items)
        self._status = VoteState(vote.status)
        self._title = vote.title
        self._by_id = {room.roll_id: room for room in self.rooms}
        self._by_number: dict[str, list[RollRoom]] = {}
        for room in self.rooms:
            self._by_number.setdefault(room.room, []).append(room)
        self._states = ballot_states(self.vote_id)
        self._ballots = {roll_id: Ballot(self._by_id[roll_id].room_key, state.choices)
                         for roll_id, state in self._states[BallotEntry.FIRST].items()}
        self._roll = _vote_roll(self.rooms)
        self._outcome: TallyOutcome | None = None

    # ------------------------------------------------------------ reading
    @property
    def roll(self) -> VoteRoll:
        """The tally's roll from the frozen heads as stored (never rebuilt from owner keys)."""
        return self._roll

    @property
    def summary(self) -> VoteSummary:
        """The vote with its current status and count of counted ballots."""
        self.closed  # noqa: B018 (reads the status)
        return replace(self._summary, status=self._status, voted=len(self._states[BallotEntry.FIRST]))

    @property
    def closed(self) -> bool:
        """Read from the database each time: another window may have closed or reopened the vote."""
        found = db.execute_sql("SELECT status FROM vote WHERE id = ?", (self.vote_id,)).fetchone()
        self._status = VoteState(found[0]) if found else VoteState.CLOSED
        return self._status is VoteState.CLOSED

    def room(self, roll_id: int) -> RollRoom:
        return self._by_id[roll_id]

    def find(self, text: str) -> list[RollRoom]:
        """The rooms a typed text names (`3-1-502`, `3 1 502`, `3号楼1单元502室`, `502`), in roll order."""
        ref = parse_room_entry(text)
        if ref is None:
            return []
        return [room for room in self._by_number.get(ref.room, []) if matches(ref, room.building, room.unit, room.room)]

    def ballot(self, roll_id: int, entry: str = BallotEntry.FIRST) -> BallotState | None:
        return self._states[entry].get(roll_id)

    def ballots(self, entry: str = BallotEntry.FIRST) -> dict[int, BallotState]:
        """roll id -> ballot of one entry (a copy)."""
        return dict(self._states[entry])

    def not_voted(self) -> list[RollRoom]:
        """Rooms without a counted ballot, in roll order (for door-to-door follow-up)."""
        voted = self._states[BallotEntry.FIRST]
        return [room for room in self.rooms if room.roll_id not in voted]

    def tally(self) -> TallyOutcome:
        """The count of the counted ballots (kept until the next write, so several views may ask)."""
        if self._outcome is None:
            summary = self._summary
            try:
                self._outcome = TallyOutcome(tally(self._roll, self._ballots.values(), self._item_names, summary.rule,
                                                   blank_participates=summary.blank_participates), None)
            except TallyError as error:
                self._outcome = TallyOutcome(None, error)
        return self._outcome

    def differences(self) -> list[Difference]:
        """Double entry: rooms entered by one person only, or by both differently (in roll order)."""
        if not self._summary.double_entry:
            return []
        first, check = self._states[BallotEntry.FIRST], self._states[BallotEntry.CHECK]
        found = []
        for room in self.rooms:
            one, two = first.get(room.roll_id), check.get(room.roll_id)
            if one is None and two is None:
                continue
            if one is None or two is None:
                found.append(Difference(room, one, two, ()))
                continue
            items = tuple(name for name, a, b in zip(self._item_names, one.choices, two.choices) if a != b)
            items += ("表决方式",) if one.method != two.method else ()
            items += ("代理人",) if one.proxy != two.proxy else ()
            if items:
                found.append(Difference(room, one, two, items))
        return found

    # ------------------------------------------------------------ writing
    def record(self, roll_id: int, choices: Sequence[str], *, method: str = DEFAULT_METHOD, proxy: str = "",
               received_on: date | None = None, entry: str = BallotEntry.FIRST) -> BallotState | None:
        """Save a room's ballot; the state it replaced (None when new). A correction keeps the old state."""
        room = self._checked(roll_id, entry)
        choices = tuple(choices)
        if len(choices) != len(self.items):
            raise VoteError(f"{room.label}：应对 {len(self.items)} 个事项逐项表决（实为 {len(choices)} 个）")
        for choice in choices:
            if choice not in CHOICES:
                raise VoteError(f"{room.label}：“{choice}”不是有效的表决意见（应为同意、反对、弃权或空白）")
        if method not in METHODS:
            raise VoteError(f"{room.label}：表决方式“{method}”无效（应为{'、'.join(METHODS)}）")
        proxy = proxy.strip()
        if method == PROXY_METHOD and not proxy:
            raise VoteError(f"{room.label}：委托表决须填写代理人姓名")
        opens_on = self._summary.opens_on
        if received_on is not None and received_on < opens_on:
            raise VoteError(f"{room.label}：收到日期 {received_on:%Y-%m-%d} 早于表决开始日期 {opens_on:%Y-%m-%d}，"
                            "请核对表决票上的日期")
        actor = operator_name()
        state = BallotState(roll_id, choices, method, proxy, received_on, actor, BallotEntry(entry))
        return self._write(room, state, entry=state.entry, reason="", actor=actor)

    def remove(self, roll_id: int, entry: str = BallotEntry.FIRST) -> BallotState | None:
        """Delete a room's ballot (its state is kept as a revision); the state removed (None: there was none)."""
        room = self._checked(roll_id, entry)
        return self._write(room, None, entry=entry, reason="")

    def restore(self, roll_id: int, previous: BallotState | None,
                entry: str = BallotEntry.FIRST) -> BallotState | None:
        """Undo: put `previous` back (None deletes the ballot); the state it replaced."""
        room = self._checked(roll_id, entry)
        if previous is not None:
            previous = replace(previous, roll_id=roll_id, entry=BallotEntry(entry))
        return self._write(room, previous, entry=entry, reason="撤销")

    def close(self):
        """Close the vote (see votes.close_vote) and follow its status."""
        result = close_vote(self.vote_id)
        self._status = VoteState.CLOSED
        self.changes = Changes.of(Topic.VOTES, ids=(self.vote_id,))
        return result

    def reopen(self, reason: str) -> None:
        self.changes = reopen_vote(self.vote_id, reason)
        self._status = VoteState(get_vote(self.vote_id).status)

    # ------------------------------------------------------------ internals
    def _checked(self, roll_id: int, entry: str) -> RollRoom:
        if entry not in tuple(BallotEntry):
            raise ValueError(f"unknown ballot entry {entry!r}")
        if entry == BallotEntry.CHECK and not self._summary.double_entry:
            raise VoteError("本表决未启用双人录入核对")
        room = self._by_id.get(roll_id)
        if room is None:
            raise VoteError("该房屋不在本表决冻结的名册中")
        return room

    def _write(self, room: RollRoom, state: BallotState | None, *, entry: str,
               reason: str, actor: str = "") -> BallotState | None:
        """One ballot row changed in a transaction, with its revision and audit row (plain SQL: peewee's
        query building would cost more than the writes)."""
        entry = state.entry if state is not None else entry
        actor = actor or operator_name()
        with db.atomic():
            found = db.execute_sql("SELECT status FROM vote WHERE id = ?", (self.vote_id,)).fetchone()
            if found is None:
                raise VoteError("该表决已不存在")
            self._status = VoteState(found[0])
            if self._status is VoteState.CLOSED:
                raise VoteError(CLOSED_MESSAGE)
            row = db.execute_sql(f"SELECT {_BALLOT_COLUMNS} FROM ballot WHERE vote_id = ? AND roll_id = ? AND entry = ?",
                                 (self.vote_id, room.roll_id, entry)).fetchone()
            previous = None if row is None else ballot_state(room.roll_id, entry, *row[2:])
            if _same(previous, state):
                self.changes = NONE
                return previous
            if row is not None:
                db.execute_sql(_KEEP_REVISION, (self.vote_id, room.roll_id, row[1], entry, now_iso(), actor,
                                                "update" if state is not None else "delete", *row[2:], reason))
            if state is None:
                db.execute_sql("DELETE FROM ballot WHERE id = ?", (row[0],))
                action, uid = "delete", row[1]
            else:
                values = (json.dumps(list(state.choices), ensure_ascii=False), state.method, state.proxy,
                          iso(state.received_on), state.entered_by)
                if row is None:
                    uid, stamp = new_uid(), now_iso()
                    db.execute_sql(_INSERT_BALLOT, (uid, stamp, stamp, current_origin(), self.vote_id, room.roll_id,
                                                    entry, *values))
                    action = "create"
                else:
                    db.execute_sql(_UPDATE_BALLOT, (*values, now_iso(), row[0]))
                    action, uid = "update", row[1]
            audit.record(action, "ballot", uid, actor=actor, summary=_summary_text(self._title, room, entry, action,
                                                                                   state, reason),
                         changes={"choices": (_choices_text(previous), _choices_text(state))})
        self._remember(room, entry, state)
        self.changes = Changes.of(Topic.BALLOTS, ids=(self.vote_id,))
        return previous

    def _remember(self, room: RollRoom, entry: str, state: BallotState | None) -> None:
        states = self._states[entry]
        if state is None:
            states.pop(room.roll_id, None)
        else:
            states[room.roll_id] = state
        if entry == BallotEntry.FIRST:
            self._outcome = None
            if state is None:
                self._ballots.pop(room.roll_id, None)
            else:
                self._ballots[room.roll_id] = Ballot(room.room_key, state.choices)


def _vote_roll(rooms: list[RollRoom]) -> VoteRoll:
    """The domain roll from the frozen rows: the heads stored when the vote opened, never rebuilt."""
    grouped: dict[str, list[str]] = {}
    for room in rooms:
        grouped.setdefault(room.head_key, []).append(room.room_key)
    scope = ScopeRoll(sum(room.area_centi for room in rooms), len(grouped),
                      {room.room_key: room.head_key for room in rooms},
                      {head: tuple(sorted(keys)) for head, keys in grouped.items()})
    return VoteRoll(scope, {room.room_key: room.area_centi for room in rooms})


def _same(old: BallotState | None, new: BallotState | None) -> bool:
    """Nothing to write: the same answers, method, proxy and date (who entered it does not matter)."""
    if old is None or new is None:
        return old is new
    return (old.choices, old.method, old.proxy, old.received_on) == \
        (new.choices, new.method, new.proxy, new.received_on)


def _choices_text(state: BallotState | None) -> str:
    if state is None:
        return ""
    return "、".join(choice or "空白" for choice in state.choices)


def _summary_text(title: str, room: RollRoom, entry: str, action: str, state: BallotState | None,
                  reason: str) -> str:
    verb = {"create": "录入", "update": "更正", "delete": "删除"}[action]
    who = "（核对录入）" if entry == BallotEntry.CHECK else ""
    how = f"，{state.method}" + (f"，代理人{state.proxy}" if state.proxy else "") if state is not None else ""
    why = f"（{reason}）" if reason else ""
    return f"表决“{title}”{verb}{room.label}的表决票{who}{how}{why}"


def close_vote(vote_id: int) -> TallyResult:
    """Count, store the result (the `tally --json` document) and lock the vote against every write.

    VoteError when already closed, when the ballots cannot be counted (conflicting rooms of one owner),
    or, in the double-entry mode, while the two entries still differ. Changes: `Topic.VOTES`, this vote."""
    actor = operator_name()
    with db.atomic():
        vote = get_vote(vote_id)
        if vote.status == VoteState.CLOSED:
            raise VoteError("表决已结束，不能重复结束")
        session = VoteSession(vote_id)
        outcome = session.tally()
        if outcome.error is not None:
            raise VoteError("计票有误，不能结束表决：" + "；".join(outcome.error.problems))
        differences = session.differences()
        if differences:
            rooms = "、".join(difference.room.label for difference in differences[:5])
            more = f"等 {len(differences)} 户" if len(differences) > 5 else ""
            raise VoteError(f"双人录入核对还有 {len(differences)} 户不一致或只录入了一次（{rooms}{more}），"
                            "请先逐一核对更正")
        result = outcome.result
        assert result is not None
        stored = json.dumps(result_json(result.rule.value, result), ensure_ascii=False)
        vote.status, vote.result, vote.closed_at, vote.closed_by = VoteState.CLOSED, stored, now_iso(), actor
        vote.save()
        passed = "、".join(item.item for item in result.items if item.passed) or "无"
        audit.record("close", "vote", vote.uid, actor=actor,
                     summary=f"结束表决“{vote.title}”：{session.summary.voted} 户投票，通过的事项：{passed}",
                     changes={"status": (VoteState.OPEN, VoteState.CLOSED), "result": ("", stored)})
    return result


def reopen_vote(vote_id: int, reason: str) -> Changes:
    """Open a closed vote again for corrections; the reason is required and kept in the audit log.

    Returns the Changes (`Topic.VOTES`, this vote)."""
    reason = reason.strip()
    if not reason:
        raise VoteError("重新开启表决须填写原因")
    actor = operator_name()
    with db.atomic():
        vote = get_vote(vote_id)
        if vote.status != VoteState.CLOSED:
            raise VoteError("表决尚未结束，无需重新开启")
        old_result = vote.result
        vote.status, vote.result, vote.closed_at, vote.closed_by = VoteState.OPEN, "", None, ""
        vote.save()
        audit.record("reopen", "vote", vote.uid, actor=actor, summary=f"重新开启表决“{vote.title}”，原因：{reason}",
                     changes={"status": (VoteState.CLOSED, VoteState.OPEN), "result": (old_result, ""),
                              "reason": ("", reason)})
    return Changes.of(Topic.VOTES, ids=(vote_id,))
