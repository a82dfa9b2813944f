"""The plain data of the vote documents: 表决票 per room, 表决结果公告 built from a tally, and the
internal 未表决户清单 (rooms still to visit).

Like print_data, values are raw (owner names in full): the ballot masks them itself. The result
notice is made from a `tally.TallyResult` alone, so it cannot carry a name, an ID number or a phone.
A not-voted row has no field for an ID number at all; its phone is masked (documents mask it again).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.area import format_area
from desktop_app.domain.print_data import RollRow
from desktop_app.domain.naming import natural_sort_key
from desktop_app.domain.tally import ItemResult, TallyResult, Votes
from desktop_app.domain.vote_rules import Rule

RULE_NAMES = {Rule.SPECIAL: "双四分之三", Rule.ORDINARY: "双过半"}


@dataclass(frozen=True)
class VoteItem:
    """One matter put to the vote: its name and its renovation category (基础类 / 完善类 / 提升类, or "")."""

    name: str
    category: str = ""


@dataclass(frozen=True)
class BallotSheet:
    """表决票 of one room: the room and its owners from the frozen roll, and the vote it is for."""

    estate_name: str
    home: RollRow  # building, unit, room (its label), area and owner names, raw
    vote_title: str  # "幸福里小区老旧小区改造项目" -> printed as "…表决票"
    matter: str  # "改建、重建建筑物及其附属设施（《民法典》第二百七十八条第七项）"
    items: tuple[VoteItem, ...]
    opens_on: date
    closes_on: date
    issuer: str  # who hands out and collects the ballots
    blank_participates: bool = True  # domain.md section 2: a blank answer counts as participating

    @property
    def area_text(self) -> str:
        return f"{format_area(self.home.area_centi)} 平方米"


@dataclass(frozen=True)
class ResultRow:
    """One item of the result notice, both bases (area in hundredths of a m², heads)."""

    item: str
    participating: Votes
    agree: Votes
    oppose: Votes
    abstain: Votes
    blank: Votes
    verdict: str  # 通过 / 未通过 / 未达参与门槛
    rule_name: str  # 双四分之三 / 双过半


@dataclass(frozen=True)
class VoteResultNotice:
    """表决结果公告 of one vote: no personal data, only the totals of the scope and each item's result."""

    title: str
    estate_name: str
    scope_label: str  # "3号楼" / "3号楼1单元" / "" for a whole estate
    matter: str
    rule: Rule
    total: Votes
    rows: tuple[ResultRow, ...]
    opens_on: date
    closes_on: date
    issuer: str
    issued_on: date
    blank_participates: bool = True

    @property
    def rule_name(self) -> str:
        return RULE_NAMES[self.rule]

    @property
    def rule_text(self) -> str:
        """"双四分之三（参与表决的专有部分面积四分之三以上且人数四分之三以上同意）"."""
        return f"{self.rule_name}（{self.rule.label}）"


def result_row(result: ItemResult) -> ResultRow:
    return ResultRow(result.item, result.participating, result.agree, result.oppose, result.abstain,
                     result.blank, result.verdict, RULE_NAMES[result.rule])


def result_rows(result: TallyResult) -> tuple[ResultRow, ...]:
    """The rows of the result notice, one per item in the vote's order."""
    return tuple(result_row(item) for item in result.items)


def result_notice(result: TallyResult, *, title: str, estate_name: str, scope_label: str, matter: str,
                  opens_on: date, closes_on: date, issuer: str, issued_on: date,
                  blank_participates: bool = True) -> VoteResultNotice:
    """The notice of a counted vote (`blank_participates` must be the setting the tally used)."""
    return VoteResultNotice(title, estate_name, scope_label, matter, result.rule, result.total,
                            result_rows(result), opens_on, closes_on, issuer, issued_on, blank_participates)


def votes_text(votes: Votes) -> str:
    """"1234.56㎡／12人" (both bases of one figure, as the notice prints them)."""
    return f"{format_area(votes.area_centi)}㎡／{votes.heads}人"


@dataclass(frozen=True)
class NotVotedRow:
    """One room of the frozen roll that has returned no ballot yet: where it is, its area, whom to ask."""

    building: str
    unit: str
    room: str
    area_centi: int
    owner_names: tuple[str, ...] = ()  # in full: the list is for the staff who knock on the door
    owner_kind: str = "person"  # person / organisation / developer
    phone: str = ""  # the main owner's phone, masked (`138****8000`), or ""

    @property
    def label(self) -> str:
        """"3号楼1单元502室", as print_data.RollRow labels a room."""
        return RollRow(self.building, self.unit, self.room, self.area_centi).label

    @property
    def sort_key(self) -> tuple:
        """Building, unit, room in natural order ("12" after "3")."""
        return (natural_sort_key(self.building), self.building, natural_sort_key(self.unit), self.unit,
                natural_sort_key(self.room), self.room)


@dataclass(frozen=True)
class NotVotedList:
    """未表决户清单 (internal, never posted): the rooms of a vote's frozen roll without a ballot as of a date.

    `gap` is what participation still lacks to reach the 2/3 threshold in both bases (the largest over the
    items, see `participation_gap`); None when it is not known (the tally has errors)."""

    vote_title: str
    estate_name: str
    scope_label: str  # "3号楼" / "3号楼1单元" / "" for a whole estate
    as_of: date
    rows: tuple[NotVotedRow, ...]
    total_rooms: int
    total_area_centi: int
    total_heads: int = 0
    heads_not_voted: int = 0  # heads none of whose rooms returned a ballot
    gap: Votes | None = None
    closes_on: date | None = None
    issuer: str = ""

    @property
    def area_centi(self) -> int:
        """The exclusive area of the rooms not voted."""
        return sum(row.area_centi for row in self.rows)


def participation_gap(result: TallyResult) -> Votes:
    """What participation still lacks, in area and in heads, for every item to reach its threshold
    (each base the largest shortfall over the items: blanks that do not participate make items differ)."""
    return Votes(max((item.shortfall.participation_area for item in result.items), default=0),
                 max((item.shortfall.participation_heads for item in result.items), default=0))
