"""The tally of an owners' vote: a frozen roll counted against the returned ballots, item by item.

domain.md section 2 (PRC Civil Code Art. 278; SPC interpretation on building ownership, Arts. 8-9).
Heads come from `headcount.build_scope_roll` (one owner of several rooms, all developer-unsold rooms,
one organisation: one head each); this module never rebuilds them.

How area and heads are counted here (our reading of Arts. 8-9, stated so an auditor can check it):
- A ballot is per room (one row of the 表决票汇总 per room that returned one). A room's exclusive area
  counts under the choice its own ballot gives; rooms of a head that returned no ballot add nothing.
  So an owner of three rooms who returned ballots for two counts one head and the area of those two
  (Art. 9: "按一人计算", the area is still every voted room in full).
- A head counts once per item, under the one choice of its rooms' ballots. When the ballots of one
  head's rooms give different answers for one item (blank included: a blank next to a 同意 is not the
  same answer) the tally refuses with `TallyError` naming the rooms; nothing is resolved silently.
- Abstention (弃权) participates and does not agree. A blank or spoiled answer (空白) participates
  unless `blank_participates=False`; it never agrees. Rooms without a ballot do not participate.
Areas are integer hundredths of a m² and heads integers; ratios are shown as `fractions.Fraction`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from desktop_app.domain.area import format_area
from desktop_app.domain.errors import UserError
from desktop_app.domain.headcount import RollEntry, ScopeRoll, build_scope_roll
from desktop_app.domain.print_data import RollRow
from desktop_app.domain.roll_record import RollRecord
from desktop_app.domain.vote_rules import (
    Rule, approval_met, approval_needed, quorum_met, quorum_needed, shortfall,
)

AGREE, OPPOSE, ABSTAIN, BLANK = "同意", "反对", "弃权", ""
CHOICES = (AGREE, OPPOSE, ABSTAIN, BLANK)
_CODE = {choice: code for code, choice in enumerate(CHOICES)}
_KINDS = len(CHOICES)
PASSED, FAILED, NOT_QUORATE = "通过", "未通过", "未达参与门槛"


@dataclass(frozen=True, slots=True)
class Ballot:
    """One room's ballot: one choice per item of the vote, in the vote's item order ("" = blank)."""

    room_key: str
    choices: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class VoteRoll:
    """The roll frozen when a vote opens: heads of the scope and the area of each room."""

    scope: ScopeRoll
    area_of_room: dict[str, int]


@dataclass(frozen=True, slots=True)
class Votes:
    area_centi: int = 0
    heads: int = 0


@dataclass(frozen=True, slots=True)
class Shortfall:
    """What is missing to reach each threshold (0 = reached): area in hundredths of a m², heads."""

    participation_area: int
    participation_heads: int
    agree_area: int
    agree_heads: int


@dataclass(frozen=True, slots=True)
class Conflict:
    """One head whose rooms answered one item differently: (room key, choice) of each voted room."""

    item: str
    head: str
    rooms: tuple[tuple[str, str], ...]

    def describe(self) -> str:
        answers = "、".join(f"{room}为“{choice or '空白'}”" for room, choice in self.rooms)
        return f"事项“{self.item}”：同一业主的房屋表决意见不一致（{answers}），请核实后更正"


class TallyError(UserError):
    """Ballots that cannot be counted as given; every problem is listed, in Chinese."""

    def __init__(self, problems: Sequence[str], *, conflicts: Sequence[Conflict] = (),
                 unknown_rooms: Sequence[str] = (), repeated_rooms: Sequence[str] = ()) -> None:
        super().__init__("；".join(problems))
        self.problems = tuple(problems)
        self.conflicts = tuple(conflicts)
        self.unknown_rooms = tuple(unknown_rooms)
        self.repeated_rooms = tuple(repeated_rooms)


@dataclass(frozen=True, slots=True)
class ItemResult:
    item: str
    rule: Rule
    total: Votes
    participating: Votes
    agree: Votes
    oppose: Votes
    abstain: Votes
    blank: Votes
    quorate: bool
    passed: bool
    shortfall: Shortfall

    @property
    def verdict(self) -> str:
        if not self.quorate:
            return NOT_QUORATE
        return PASSED if self.passed else FAILED

    @property
    def participation_area_share(self) -> Fraction:
        return Fraction(self.participating.area_centi, self.total.area_centi)

    @property
    def participation_heads_share(self) -> Fraction:
        return Fraction(self.participating.heads, self.total.heads)

    @property
    def agree_area_share(self) -> Fraction:
        return Fraction(self.agree.area_centi, self.participating.area_centi or 1)

    @property
    def agree_heads_share(self) -> Fraction:
        return Fraction(self.agree.heads, self.participating.heads or 1)


@dataclass(frozen=True, slots=True)
class TallyResult:
    rule: Rule
    total: Votes
    items: tuple[ItemResult, ...]


def freeze_roll(entries: Iterable[RollEntry]) -> VoteRoll:
    """The roll a vote counts against (an empty scope cannot vote)."""
    entries = list(entries)
    scope = build_scope_roll(entries)
    if not scope.head_of_room:
        raise TallyError(["表决范围内没有房屋，无法计票"])
    area_of_room: dict[str, int] = {}
    for entry in entries:
        area_of_room[entry.room_key] = area_of_room.get(entry.room_key, 0) + entry.area_centi
    return VoteRoll(scope, area_of_room)


def room_key_of(record: RollRecord) -> str:
    """The room key a vote uses for a roll row: "E001 3号楼1单元502室" (estate code, else its name)."""
    estate, building, unit, room = record.room_key
    return f"{estate} {RollRow(building, unit, room, record.area_centi).label}"


def roll_entry(record: RollRecord) -> RollEntry:
    """The head-count entry of a roll row: owners are known by ID number or credit code only, so a row
    without one is a head of its own (never merged by name); developer-unsold rows join the developer."""
    keys = (record.id_number,) if record.id_number else ()
    return RollEntry(room_key_of(record), record.area_centi, keys, record.owner_kind)


def tally(roll: VoteRoll, ballots: Iterable[Ballot], items: Sequence[str], rule: Rule, *,
          blank_participates: bool = True) -> TallyResult:
    """Count every item; raises TallyError for unknown or repeated rooms and for conflicting heads."""
    area_of_room, head_of_room = roll.area_of_room, roll.scope.head_of_room
    # Sums are kept per distinct answer tuple (a vote has few of them), then spread per item.
    answer_sets: dict[tuple[str, ...], int] = {}  # answer tuple -> its index in the sums
    area_sums: list[int] = []
    head_sums: list[int] = []
    answers_of_room: dict[str, tuple[str, ...]] = {}
    answers_of_head: dict[str, tuple[str, ...]] = {}
    unknown: list[str] = []
    repeated: list[str] = []
    conflicted: set[str] = set()
    for ballot in ballots:
        room, answers = ballot.room_key, ballot.choices
        area = area_of_room.get(room)
        if area is None:
            unknown.append(room)
            continue
        rooms_before = len(answers_of_room)
        answers_of_room.setdefault(room, answers)
        if len(answers_of_room) == rooms_before:
            repeated.append(room)
            continue
        index = answer_sets.get(answers)
        if index is None:
            index = answer_sets[answers] = len(area_sums)
            area_sums.append(0)
            head_sums.append(0)
        area_sums[index] += area
        head = head_of_room[room]
        heads_before = len(answers_of_head)
        previous = answers_of_head.setdefault(head, answers)
        if len(answers_of_head) > heads_before:
            head_sums[index] += 1
        elif previous != answers:
            conflicted.add(head)
    areas, heads = _per_item(answer_sets, area_sums, head_sums, len(items))
    conflicts = _conflicts(roll.scope, items, answers_of_room, conflicted)
    if unknown or repeated or conflicts:
        raise _error(unknown, repeated, conflicts)
    total = Votes(roll.scope.total_area_centi, roll.scope.total_heads)
    offsets = range(0, len(items) * _KINDS, _KINDS)
    results = tuple(_item_result(item, rule, total, areas[offset:offset + _KINDS], heads[offset:offset + _KINDS],
                                 blank_participates) for item, offset in zip(items, offsets))
    return TallyResult(rule, total, results)


def _per_item(answer_sets: dict[tuple[str, ...], int], area_sums: list[int], head_sums: list[int],
              count: int) -> tuple[list[int], list[int]]:
    """Sums per item and choice (index item * 4 + choice code) from the sums per answer tuple."""
    areas, heads = [0] * (count * _KINDS), [0] * (count * _KINDS)
    for answers, index in answer_sets.items():
        if len(answers) != count:
            raise ValueError(f"一张表决票有 {len(answers)} 个表决意见，表决事项却有 {count} 个：{'、'.join(answers)}")
        for position, choice in enumerate(answers):
            code = _CODE.get(choice)
            if code is None:
                raise ValueError(f"表决意见“{choice}”无效，应为同意、反对、弃权或空白")
            areas[position * _KINDS + code] += area_sums[index]
            heads[position * _KINDS + code] += head_sums[index]
    return areas, heads


def _conflicts(scope: ScopeRoll, items: Sequence[str], answers_of_room: dict[str, tuple[str, ...]],
               heads: set[str]) -> list[Conflict]:
    found = []
    for head in sorted(heads):
        rooms = [room for room in scope.rooms_of_head[head] if room in answers_of_room]
        for index, item in enumerate(items):
            if len({answers_of_room[room][index] for room in rooms}) > 1:
                found.append(Conflict(item, head, tuple((room, answers_of_room[room][index]) for room in rooms)))
    return found


def _error(unknown: list[str], repeated: list[str], conflicts: list[Conflict]) -> TallyError:
    problems = [f"{room} 不在表决范围的名册中" for room in sorted(unknown)]
    problems += [f"{room} 有两张以上表决票" for room in sorted(set(repeated))]
    problems += [conflict.describe() for conflict in conflicts]
    return TallyError(problems, conflicts=conflicts, unknown_rooms=sorted(unknown),
                      repeated_rooms=sorted(set(repeated)))


def _item_result(item: str, rule: Rule, total: Votes, areas: list[int], heads: list[int],
                 blank_participates: bool) -> ItemResult:
    counted = _KINDS if blank_participates else _KINDS - 1
    part = Votes(sum(areas[:counted]), sum(heads[:counted]))
    agree = Votes(areas[0], heads[0])
    quorate = quorum_met(part.area_centi, total.area_centi) and quorum_met(part.heads, total.heads)
    approved = part.heads > 0 and approval_met(rule, agree.area_centi, part.area_centi) \
        and approval_met(rule, agree.heads, part.heads)
    missing = Shortfall(
        participation_area=shortfall(part.area_centi, quorum_needed(total.area_centi)),
        participation_heads=shortfall(part.heads, quorum_needed(total.heads)),
        agree_area=shortfall(agree.area_centi, approval_needed(rule, part.area_centi)),
        agree_heads=shortfall(agree.heads, approval_needed(rule, part.heads)),
    )
    return ItemResult(item, rule, total, part, agree, Votes(areas[1], heads[1]), Votes(areas[2], heads[2]),
                      Votes(areas[3], heads[3]), quorate, quorate and approved, missing)


def shortfall_text(result: ItemResult) -> str:
    """"参与面积还差 85.30㎡，参与人数还差 2 人；同意人数还差 1 人" ("" when nothing is missing)."""
    missing = result.shortfall
    parts = []
    for label, area, heads in (("参与", missing.participation_area, missing.participation_heads),
                               ("同意", missing.agree_area, missing.agree_heads)):
        texts = ([f"{label}面积还差 {format_area(area)}㎡"] if area else []) \
            + ([f"{label}人数还差 {heads} 人"] if heads else [])
        if texts:
            parts.append("，".join(texts))
    return "；".join(parts)


def summary_text(result: ItemResult) -> str:
    """One line: item, verdict, both bases, and what is still missing."""
    part, agree, total = result.participating, result.agree, result.total
    line = (f"{result.item}：{result.verdict}（参与 {format_area(part.area_centi)}㎡/{format_area(total.area_centi)}㎡、"
            f"{part.heads}/{total.heads} 人；同意 {format_area(agree.area_centi)}㎡、{agree.heads} 人）")
    missing = shortfall_text(result)
    return f"{line}，{missing}" if missing and not result.passed else line
