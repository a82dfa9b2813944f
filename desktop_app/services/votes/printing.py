"""The plain data of a vote's documents, gathered from its frozen roll: 表决票, 表决结果公告, 未表决户清单.

Rooms, areas, owners and heads come from `vote_roll` (the roll as it was when the vote opened), never
from the live roll, so a document printed today matches the count. The one exception is the phone on
the internal not-voted list: the frozen roll keeps none, so the owners' current phone (masked) is read
for the follow-up visit. Produced documents are recorded with `printing.record_print_job`.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import TypedDict

from desktop_app.domain.masking import mask_phone
from desktop_app.domain.tally import FAILED, NOT_QUORATE, PASSED, Votes
from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.domain.vote_print_data import (
    RULE_NAMES, BallotSheet, NotVotedList, NotVotedRow, ResultRow, VoteResultNotice, participation_gap, result_notice,
)
from desktop_app.domain.vote_rules import MATTERS, Rule
from desktop_app.models import db
from desktop_app.services.printing import PrintRecord, default_issuer, record_print_job
from desktop_app.services.scope import Scope
from desktop_app.services.votes.records import VoteError, VoteSummary, get_vote, roll_rooms
from desktop_app.services.votes.lifecycle import VoteSession, stored_result, vote_summary

VOTE_TEMPLATES = {"ballot": "表决票", "vote_result": "表决结果公告", "not_voted": "未表决户清单"}

CHINESE_NUMERALS = "一二三四五六七八九"
RESULT_SUFFIX = "表决结果公告"
DRAFT_NOTE = "（初稿：表决尚未结束）"
_PHONES_SQL = """
SELECT vr.id, o.phone FROM vote_roll vr JOIN room r ON r.uid = vr.room_uid
JOIN ownership os ON os.room_id = r.id JOIN owner o ON o.id = os.owner_id
WHERE vr.vote_id = ? AND o.phone IS NOT NULL AND o.phone != ''
ORDER BY vr.id, os.role != 'owner', os.is_voter DESC, os.id
"""


def matter_text(matter: int) -> str:
    """"改建、重建建筑物及其附属设施（《民法典》第二百七十八条第七项）"."""
    return f"{MATTERS[matter]}（《民法典》第二百七十八条第{CHINESE_NUMERALS[matter - 1]}项）"


def issuer_of(summary: VoteSummary) -> str:
    """The vote's own issuer, else the residents' committee of its estate."""
    return summary.issuer or default_issuer(Scope(ScopeLevel.ESTATE, summary.estate_id))


def ballot_sheets(vote_id: int) -> list[BallotSheet]:
    """One 表决票 per room of the frozen roll, in roll order (owners raw; the ballot masks them)."""
    summary = vote_summary(vote_id)
    matter, issuer = matter_text(summary.matter), issuer_of(summary)
    return [BallotSheet(estate_name=summary.estate_name, home=room.roll_row(), vote_title=summary.title,
                        matter=matter, items=summary.items, opens_on=summary.opens_on, closes_on=summary.closes_on,
                        issuer=issuer, blank_participates=summary.blank_participates)
            for room in roll_rooms(vote_id)]


def result_title(summary: VoteSummary) -> str:
    """"<title>表决结果公告"; a title already ending in 表决 (the wizard's default) takes only 结果公告."""
    title = summary.title
    if title.endswith(RESULT_SUFFIX):
        base = title
    elif title.endswith("表决"):
        base = title + RESULT_SUFFIX.removeprefix("表决")
    else:
        base = title + RESULT_SUFFIX
    return base if summary.closed else base + DRAFT_NOTE


class _NoticeHeading(TypedDict):
    """The parts of a VoteResultNotice that do not depend on where its figures come from."""

    title: str
    estate_name: str
    scope_label: str
    matter: str
    opens_on: date
    closes_on: date
    issuer: str
    issued_on: date
    blank_participates: bool


def result_notice_data(vote_id: int, issued_on: date) -> VoteResultNotice:
    """The 表决结果公告: from the result stored when the vote closed, else from the live tally (its title
    then says it is a draft). VoteError when the live ballots cannot be counted, naming the problems."""
    summary = vote_summary(vote_id)
    common = _NoticeHeading(title=result_title(summary), estate_name=summary.estate_name,
                            scope_label=summary.scope_label, matter=matter_text(summary.matter),
                            opens_on=summary.opens_on, closes_on=summary.closes_on,
                            issuer=issuer_of(summary), issued_on=issued_on,
                            blank_participates=summary.blank_participates)
    stored = stored_result(vote_id)
    if stored is not None:
        rule = Rule(stored["rule"])
        rows = tuple(_stored_row(item, rule) for item in stored["items"])
        return VoteResultNotice(rule=rule, total=_votes(stored["total"]), rows=rows, **common)
    outcome = VoteSession(vote_id).tally()
    if outcome.error is not None:
        raise VoteError("计票有误，无法生成表决结果公告：" + "；".join(outcome.error.problems))
    assert outcome.result is not None
    return result_notice(outcome.result, **common)


def _votes(figure: dict) -> Votes:
    """{"area": "1234.56", "heads": 12} (the stored `tally --json` form) back to exact hundredths."""
    return Votes(int(Decimal(figure["area"]) * 100), int(figure["heads"]))


def _stored_row(item: dict, rule: Rule) -> ResultRow:
    verdict = NOT_QUORATE if not item["quorate"] else PASSED if item["passed"] else FAILED
    return ResultRow(item["item"], _votes(item["participating"]), _votes(item["agree"]), _votes(item["oppose"]),
                     _votes(item["abstain"]), _votes(item["blank"]), verdict, RULE_NAMES[rule])


def not_voted_data(vote_id: int, today: date) -> NotVotedList:
    """The rooms of the frozen roll without a counted ballot, with the figures of the follow-up: rooms,
    area and heads still out, and how far participation is from 2/3 (None while the tally has errors)."""
    session = VoteSession(vote_id)
    summary = session.summary
    missing = session.not_voted()
    phones = _phones(vote_id)
    out = {room.roll_id for room in missing}
    voted_heads = {room.head_key for room in session.rooms if room.roll_id not in out}
    heads_out = len({room.head_key for room in missing} - voted_heads)
    outcome = session.tally()
    gap = participation_gap(outcome.result) if outcome.result is not None else None
    rows = tuple(NotVotedRow(room.building, room.unit, room.room, room.area_centi, room.owner_names, room.owner_kind,
                             mask_phone(phones[room.roll_id]) if room.roll_id in phones else "")
                 for room in missing)
    return NotVotedList(vote_title=summary.title, estate_name=summary.estate_name, scope_label=summary.scope_label,
                        as_of=today, rows=rows, total_rooms=len(session.rooms),
                        total_area_centi=sum(room.area_centi for room in session.rooms),
                        total_heads=summary.total_heads, heads_not_voted=heads_out, gap=gap,
                        closes_on=summary.closes_on, issuer=issuer_of(summary))


def _phones(vote_id: int) -> dict[int, str]:
    """roll id -> the first phone of the room's current owners (main owner first)."""
    phones: dict[int, str] = {}
    for roll_id, phone in db.execute_sql(_PHONES_SQL, (vote_id,)):
        phones.setdefault(roll_id, phone)
    return phones


def vote_scope(vote_id: int) -> Scope:
    """The scope a vote's documents are filed under: its one building or unit, else its estate."""
    vote = get_vote(vote_id)
    scopes = [Scope.from_text(text) for text in json.loads(vote.scope or "[]")]
    return scopes[0] if len(scopes) == 1 else Scope(ScopeLevel.ESTATE, vote.estate_id)


def record_vote_print(vote_id: int, template: str, title: str, *, file_path: str, page_count: int,
                      output: str = "pdf") -> PrintRecord:
    """Put a produced vote document in the print history (template ballot / vote_result / not_voted)."""
    if template not in VOTE_TEMPLATES:
        raise ValueError(f"unknown vote template {template!r}")
    return record_print_job(template, title, vote_scope(vote_id), output=output, file_path=file_path,
                            page_count=page_count)
