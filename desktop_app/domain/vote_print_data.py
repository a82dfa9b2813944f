"""The plain data of the vote documents: 表决票 per room and 表决结果公告 built from a tally.

Like print_data, values are raw (owner names in full): the ballot masks them itself. The result
notice is made from a `tally.TallyResult` alone, so it cannot carry a name, an ID number or a phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.area import format_area
from desktop_app.domain.print_data import RollRow
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
