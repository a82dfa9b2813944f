"""The election and the first meeting's decisions as owners' votes (the votes capability, ordinary rule,
the estate's frozen roll); the multi-seat result by `domain.committee.elect`.

`create_election_vote` and `create_decision_vote` return the new vote's id (Changes: `Topic.VOTES` with that
id and `Topic.COMMITTEE` with the case's id)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from desktop_app.domain.committee import CandidateResult, Election, elect
from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.domain.vote_rules import Rule
from desktop_app.models import Estate, db
from desktop_app.models.committee_tables import CommitteeCase, CommitteeVote
from desktop_app.services import audit
from desktop_app.services.changes import Changes
from desktop_app.services.committee.records import CommitteeError, MemberInput, _case, candidates_of, set_committee
from desktop_app.services.scope import Scope
from desktop_app.services.votes import VoteDraft, VoteSession, create_vote

ELECTION, DECISION = "选举", "决定"
ELECTION_MATTER = 3  # 选举业主委员会或者更换业主委员会成员
DECISION_MATTERS = (1, 2, 4)  # assembly rules, covenant, hiring the property manager


def candidate_items(case_id: int) -> list[str]:
    """The candidates as vote items: their names, with the room where two share a name."""
    candidates = candidates_of(case_id)
    names = [c.name for c in candidates]
    return [f"{c.name}（{c.room_label}）" if names.count(c.name) > 1 else c.name for c in candidates]


def create_election_vote(case_id: int, *, seats: int, opens_on: date, closes_on: date, title: str = "",
                         issuer: str = "") -> int:
    """Open the election on the estate's frozen roll with the candidates as items (ordinary rule)."""
    case = _case(case_id)
    if seats < 1:
        raise CommitteeError("应选人数应为正整数", "seats")
    items = candidate_items(case_id)
    if not items:
        raise CommitteeError("请先确定候选人", "candidates")
    unconfirmed = [c.name for c in candidates_of(case_id) if not c.conditions_confirmed]
    if unconfirmed:
        raise CommitteeError("候选人条件尚未确认：" + "、".join(unconfirmed), "candidates")
    if len(items) < seats:
        raise CommitteeError(f"候选人 {len(items)} 名，少于应选人数 {seats} 名", "seats")
    estate = Estate.get_by_id(case.estate_id)
    with db.atomic():
        vote_id = create_vote(VoteDraft(
            title=title.strip() or f"{estate.name}业主委员会选举", scopes=[Scope(ScopeLevel.ESTATE, case.estate_id)],
            matter=ELECTION_MATTER, items=[VoteItem(name) for name in items], opens_on=opens_on,
            closes_on=closes_on, rule=Rule.ORDINARY, issuer=issuer,
            note=f"应选 {seats} 名；按同意人数、再按同意面积排序"))
        CommitteeVote.create(case=case_id, vote=vote_id, purpose=ELECTION)
        case.seats = seats
        case.save()
        audit.record("update", "committee_case", case.uid, summary=f"发起选举表决，应选 {seats} 名",
                     changes={"选举表决": (None, vote_id)})
    return vote_id


def create_decision_vote(case_id: int, *, matter: int, items: Sequence[str], opens_on: date, closes_on: date,
                         title: str) -> int:
    """A decision of the first meeting (assembly rules, covenant, hiring a property company) as a vote."""
    case = _case(case_id)
    if matter not in DECISION_MATTERS:
        raise CommitteeError("首次会议的决定应为议事规则、管理规约或选聘物业服务企业（第1、2、4项事项）", "matter")
    with db.atomic():
        vote_id = create_vote(VoteDraft(title=title, scopes=[Scope(ScopeLevel.ESTATE, case.estate_id)], matter=matter,
                                        items=[VoteItem(name) for name in items], opens_on=opens_on,
                                        closes_on=closes_on, rule=Rule.ORDINARY))
        CommitteeVote.create(case=case_id, vote=vote_id, purpose=DECISION)
        audit.record("update", "committee_case", case.uid, summary=f"发起表决“{title}”", changes={"表决": (None, vote_id)})
    return vote_id


def case_votes(case_id: int) -> list[tuple[str, int]]:
    """(purpose, vote id) of the votes the case used, in the order they were opened."""
    return [(row.purpose, row.vote_id) for row in
            CommitteeVote.select().where(CommitteeVote.case == case_id).order_by(CommitteeVote.id)]


def election_vote(case_id: int) -> int | None:
    """The case's latest election vote."""
    found = [vote for purpose, vote in case_votes(case_id) if purpose == ELECTION]
    return found[-1] if found else None


def election_result(case_id: int) -> Election:
    """`elect` over the election vote's current tally (those passing the ordinary rule fill the seats)."""
    case: CommitteeCase = _case(case_id)
    vote_id = election_vote(case_id)
    if vote_id is None or not case.seats:
        raise CommitteeError("该案件尚未发起选举表决")
    outcome = VoteSession(vote_id).tally()
    if outcome.result is None:
        raise CommitteeError(outcome.error.message if outcome.error else "表决无法计票")
    results = [CandidateResult(item.item, item.passed, item.agree.heads, item.agree.area_centi)
               for item in outcome.result.items]
    return elect(results, case.seats)


def seat_elected(case_id: int, *, term_start: date, term_end: date) -> Changes:
    """Make the elected candidates the committee (as 委员, the chair comes at its first meeting) with their term.

    Refused while a tie at the last seat is open or seats are unfilled: the assembly decides, never the program."""
    result = election_result(case_id)
    if result.tie:
        raise CommitteeError("最后席位出现同票：" + "、".join(c.name for c in result.tie)
                             + f"，尚有 {result.open_seats} 个席位待业主大会决定，不能自动产生委员会")
    if result.open_seats:
        raise CommitteeError(f"当选人数不足：应选 {result.seats} 名，当选 {len(result.elected)} 名")
    by_item = dict(zip(candidate_items(case_id), candidates_of(case_id)))
    members = [MemberInput(by_item[c.name].name, "委员", by_item[c.name].owner_uid, term_start, term_end)
               for c in result.elected]
    return set_committee(case_id, members)
