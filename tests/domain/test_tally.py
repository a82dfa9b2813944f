"""The tally of an owners' vote (domain.md section 2): exact boundaries, head rules, blank setting, conflicts."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.errors import UserError
from desktop_app.domain.headcount import DEVELOPER_HEAD, RollEntry
from desktop_app.domain.roll_record import RollRecord
from desktop_app.domain.tally import (
    ABSTAIN, AGREE, BLANK, FAILED, NOT_QUORATE, OPPOSE, PASSED, Ballot, TallyError, freeze_roll, roll_entry,
    shortfall_text, summary_text, tally,
)
from desktop_app.domain.vote_rules import (
    Rule, approval_met, approval_needed, quorum_met, quorum_needed, rule_of_matter, shortfall,
)

SPECIAL, ORDINARY = Rule.SPECIAL, Rule.ORDINARY


def plain_roll(areas):
    """Rooms r0, r1, ... each with its own owner o0, o1, ..."""
    return freeze_roll(RollEntry(f"r{i}", area, (f"o{i}",), "person") for i, area in enumerate(areas))


def one_item(choices):
    """Ballots of rooms r0.. for one item; None = no ballot returned."""
    return [Ballot(f"r{i}", (choice,)) for i, choice in enumerate(choices) if choice is not None]


A, O, S, B, N = AGREE, OPPOSE, ABSTAIN, BLANK, None

# (name, room areas, choice of each room, rule, blank participates, verdict, shortfall tuple)
# shortfall tuple = (participation area, participation heads, agree area, agree heads)
BOUNDARIES = [
    ("exactly 2/3 participation in both bases passes", [10000] * 3, [A, A, N], SPECIAL, True,
     PASSED, (0, 0, 0, 0)),
    ("participation area one hundredth below 2/3", [10000, 10000, 10001], [A, A, N], SPECIAL, True,
     NOT_QUORATE, (1, 0, 0, 0)),
    ("participation heads below 2/3 while area is above", [30000, 100, 100, 100], [A, N, N, N], SPECIAL, True,
     NOT_QUORATE, (0, 2, 0, 0)),
    ("participation area below 2/3 while heads are above", [100, 100, 100, 30000], [A, A, A, N], ORDINARY, True,
     NOT_QUORATE, (19900, 0, 0, 0)),
    ("exactly 3/4 agree in both bases passes", [10000] * 4, [A, A, A, O], SPECIAL, True,
     PASSED, (0, 0, 0, 0)),
    ("agree area one hundredth below 3/4", [10000, 10000, 10000, 10001], [A, A, A, O], SPECIAL, True,
     FAILED, (0, 0, 1, 0)),
    ("agree heads below 3/4 while area is above", [30000, 100, 100, 100], [A, O, O, O], SPECIAL, True,
     FAILED, (0, 0, 0, 2)),
    ("exactly half fails the ordinary rule", [10000] * 4, [A, A, O, O], ORDINARY, True,
     FAILED, (0, 0, 1, 1)),
    ("one hundredth above half but exactly half the heads", [10001, 10000, 10000, 9999], [A, A, O, O], ORDINARY,
     True, FAILED, (0, 0, 0, 1)),
    ("more than half in both bases passes", [10000] * 3, [A, A, O], ORDINARY, True, PASSED, (0, 0, 0, 0)),
    ("abstention participates and does not agree", [10000] * 3, [A, A, S], SPECIAL, True,
     FAILED, (0, 0, 2500, 1)),
    ("blank participates by default", [10000] * 5, [A, A, A, O, B], SPECIAL, True, FAILED, (0, 0, 7500, 1)),
    ("blank left out by the setting", [10000] * 5, [A, A, A, O, B], SPECIAL, False, PASSED, (0, 0, 0, 0)),
    ("blank gives the quorum by default", [10000] * 3, [A, B, N], ORDINARY, True, FAILED, (0, 0, 1, 1)),
    ("without blank the quorum is missed", [10000] * 3, [A, B, N], ORDINARY, False, NOT_QUORATE,
     (10000, 1, 0, 0)),
    ("nobody voted", [10000] * 3, [N, N, N], ORDINARY, True, NOT_QUORATE, (20000, 2, 1, 1)),
]


@pytest.mark.parametrize("name,areas,choices,rule,blank,verdict,missing", BOUNDARIES, ids=[c[0] for c in BOUNDARIES])
def test_boundaries(name, areas, choices, rule, blank, verdict, missing):
    result = tally(plain_roll(areas), one_item(choices), ["加装电梯"], rule, blank_participates=blank).items[0]
    assert result.verdict == verdict
    assert (result.shortfall.participation_area, result.shortfall.participation_heads,
            result.shortfall.agree_area, result.shortfall.agree_heads) == missing
    assert result.passed == (verdict == PASSED)
    assert result.quorate == (verdict != NOT_QUORATE)


@pytest.mark.parametrize("matter,rule", [(1, ORDINARY), (2, ORDINARY), (3, ORDINARY), (4, ORDINARY),
                                         (5, ORDINARY), (6, SPECIAL), (7, SPECIAL), (8, SPECIAL), (9, ORDINARY)])
def test_rule_of_matter(matter, rule):
    assert rule_of_matter(matter) is rule


@pytest.mark.parametrize("matter", [0, 10, -1])
def test_rule_of_matter_outside_art_278(matter):
    with pytest.raises(UserError, match="第1至9项"):
        rule_of_matter(matter)


def test_counts_by_choice_and_shares():
    roll = plain_roll([8530, 9000, 7000, 6000, 5000])
    result = tally(roll, one_item([A, O, S, B, N]), ["屋面防水"], ORDINARY).items[0]
    assert (result.agree.area_centi, result.oppose.area_centi, result.abstain.area_centi,
            result.blank.area_centi) == (8530, 9000, 7000, 6000)
    assert (result.agree.heads, result.oppose.heads, result.abstain.heads, result.blank.heads) == (1, 1, 1, 1)
    assert result.participating.area_centi == 30530 and result.participating.heads == 4
    assert result.total.area_centi == 35530 and result.total.heads == 5
    assert result.participation_heads_share == Fraction(4, 5) and result.agree_area_share == Fraction(8530, 30530)


# --------------------------------------------------------------------- head rules

def head_roll():
    """张 owns r1 and r2; 单位 owns o1 and o2 (one credit code); the developer has d1-d3 unsold;
    李 and 王 one room each; r9 has no owner key: its own head."""
    return freeze_roll([
        RollEntry("r1", 10000, ("ZHANG",), "person"), RollEntry("r2", 5000, ("ZHANG",), "person"),
        RollEntry("o1", 6000, ("91CODE",), "organisation"), RollEntry("o2", 6000, ("91CODE",), "organisation"),
        RollEntry("d1", 7000, (), "developer"), RollEntry("d2", 7000, (), "developer"),
        RollEntry("d3", 7000, (), "developer"),
        RollEntry("li", 8000, ("LI",), "person"), RollEntry("wang", 9000, ("WANG",), "person"),
        RollEntry("r9", 4000, (), "person"),
    ])


def test_head_rules_totals():
    roll = head_roll()
    result = tally(roll, [], ["绿化"], ORDINARY)
    assert result.total.heads == 6  # 张, 单位, 建设单位, 李, 王, r9
    assert result.total.area_centi == 69000
    assert roll.scope.head_of_room["d2"] == DEVELOPER_HEAD


def test_owner_of_several_rooms_is_one_head_area_room_by_room():
    roll = head_roll()
    one = tally(roll, [Ballot("r1", (A,))], ["绿化"], ORDINARY).items[0]
    assert (one.agree.heads, one.agree.area_centi) == (1, 10000)
    both = tally(roll, [Ballot("r1", (A,)), Ballot("r2", (A,))], ["绿化"], ORDINARY).items[0]
    assert (both.agree.heads, both.agree.area_centi) == (1, 15000)


def test_developer_unsold_rooms_are_one_head_in_total():
    ballots = [Ballot(room, (O,)) for room in ("d1", "d2", "d3")]
    result = tally(head_roll(), ballots, ["绿化"], ORDINARY).items[0]
    assert (result.oppose.heads, result.oppose.area_centi) == (1, 21000)


def test_organisation_by_credit_code_is_one_head():
    ballots = [Ballot("o1", (S,)), Ballot("o2", (S,))]
    result = tally(head_roll(), ballots, ["绿化"], ORDINARY).items[0]
    assert (result.abstain.heads, result.abstain.area_centi) == (1, 12000)


def test_heads_decide_against_area():
    """张 (two rooms, 15000) and the developer (21000) agree; 李, 王, r9, 单位 oppose: area passes,
    heads 2 of 6 do not."""
    ballots = [Ballot(r, (A,)) for r in ("r1", "r2", "d1", "d2", "d3")] + \
              [Ballot(r, (O,)) for r in ("li", "wang", "r9", "o1")]
    result = tally(head_roll(), ballots, ["绿化"], ORDINARY).items[0]
    assert result.agree.area_centi == 36000 and result.participating.area_centi == 63000
    assert result.agree.heads == 2 and result.participating.heads == 6
    assert result.verdict == FAILED and result.shortfall.agree_heads == 2 and result.shortfall.agree_area == 0


def test_conflicting_rooms_of_one_owner_are_an_error_naming_the_rooms():
    ballots = [Ballot("r1", (A, A)), Ballot("r2", (O, A)), Ballot("li", (A, A))]
    with pytest.raises(TallyError) as caught:
        tally(head_roll(), ballots, ["绿化", "照明"], ORDINARY)
    (conflict,) = caught.value.conflicts
    assert conflict.item == "绿化" and conflict.head == "ZHANG"
    assert conflict.rooms == (("r1", AGREE), ("r2", OPPOSE))
    assert "r1为“同意”" in str(caught.value) and "r2为“反对”" in str(caught.value)


def test_blank_next_to_a_choice_is_a_conflict():
    with pytest.raises(TallyError) as caught:
        tally(head_roll(), [Ballot("d1", (A,)), Ballot("d3", (B,))], ["绿化"], ORDINARY)
    assert caught.value.conflicts[0].rooms == (("d1", AGREE), ("d3", BLANK))
    assert "d3为“空白”" in str(caught.value)


def test_unknown_and_repeated_rooms_are_errors():
    with pytest.raises(TallyError) as caught:
        tally(head_roll(), [Ballot("x9", (A,)), Ballot("li", (A,)), Ballot("li", (A,))], ["绿化"], ORDINARY)
    assert caught.value.unknown_rooms == ("x9",) and caught.value.repeated_rooms == ("li",)
    assert "x9 不在表决范围的名册中" in caught.value.problems


def test_bad_choice_and_wrong_length_are_programming_errors():
    with pytest.raises(ValueError, match="√"):
        tally(head_roll(), [Ballot("li", ("√",))], ["绿化"], ORDINARY)
    with pytest.raises(ValueError, match="有 2 个表决意见，表决事项却有 1 个"):
        tally(head_roll(), [Ballot("li", (A, A))], ["绿化"], ORDINARY)


def test_empty_roll_cannot_vote():
    with pytest.raises(TallyError, match="没有房屋"):
        freeze_roll([])


def test_roll_entry_of_records():
    person = RollRecord("3", "1", "502", 8530, estate_code="E001", id_number="ID1")
    again = RollRecord("3", "1", "601", 9012, estate_code="E001", id_number="ID1")
    nameless = RollRecord("4", "", "102", 5555, estate_code="E001", owner_name="张三")
    developer = RollRecord("5", "1", "201", 7000, estate_code="E001", owner_kind="developer")
    entries = [roll_entry(r) for r in (person, again, nameless, developer)]
    assert entries[0].room_key == "E001 3号楼1单元502室"
    roll = freeze_roll(entries)
    assert roll.scope.total_heads == 3 and roll.scope.head_of_room[entries[3].room_key] == DEVELOPER_HEAD


def test_texts():
    result = tally(plain_roll([8530, 10000, 10000, 10000, 10000]), one_item([N, A, O, N, N]), ["加装电梯"],
                   SPECIAL).items[0]
    assert shortfall_text(result) == "参与面积还差 123.54㎡，参与人数还差 2 人；同意面积还差 50.00㎡，同意人数还差 1 人"
    assert summary_text(result).startswith("加装电梯：未达参与门槛（参与 200.00㎡/485.30㎡、2/5 人；同意 100.00㎡、1 人）")
    passed = tally(plain_roll([10000] * 3), one_item([A, A, A]), ["照明"], ORDINARY).items[0]
    assert shortfall_text(passed) == "" and summary_text(passed).endswith("同意 300.00㎡、3 人）")


# --------------------------------------------------------------------- properties

ITEMS = ["雨污分流", "加装电梯"]
CHOICE = st.sampled_from([AGREE, OPPOSE, ABSTAIN, BLANK])


@st.composite
def votes(draw):
    """A roll (owners of one or several rooms, developer rooms, keyless rooms) and consistent ballots:
    every head that votes gives one choice per item and returns ballots for some of its rooms."""
    count = draw(st.integers(1, 14))
    entries = []
    for index in range(count):
        kind = draw(st.sampled_from(["person", "person", "organisation", "developer", "none"]))
        keys = () if kind in ("developer", "none") else (f"k{draw(st.integers(0, 5))}",)
        entries.append(RollEntry(f"room{index}", draw(st.integers(1, 30000)), keys,
                                 "person" if kind == "none" else kind))
    roll = freeze_roll(entries)
    ballots = []
    for head, rooms in sorted(roll.scope.rooms_of_head.items()):
        if not draw(st.booleans()):
            continue
        choices = tuple(draw(CHOICE) for _ in ITEMS)
        voted = draw(st.lists(st.sampled_from(rooms), min_size=1, unique=True))
        ballots += [Ballot(room, choices) for room in voted]
    return roll, ballots, draw(st.sampled_from([SPECIAL, ORDINARY])), draw(st.booleans())


@settings(max_examples=200, deadline=None)
@given(votes(), st.randoms())
def test_ballot_order_does_not_matter(case, random):
    roll, ballots, rule, blank = case
    shuffled = list(ballots)
    random.shuffle(shuffled)
    assert tally(roll, shuffled, ITEMS, rule, blank_participates=blank) == \
        tally(roll, ballots, ITEMS, rule, blank_participates=blank)


@settings(max_examples=200, deadline=None)
@given(votes(), st.data())
def test_turning_oppose_into_agree_never_undoes_a_pass(case, data):
    roll, ballots, rule, blank = case
    heads = sorted({roll.scope.head_of_room[b.room_key] for b in ballots if OPPOSE in b.choices})
    if not heads:
        return
    head = data.draw(st.sampled_from(heads))
    turned = [Ballot(b.room_key, tuple(AGREE if c == OPPOSE else c for c in b.choices))
              if roll.scope.head_of_room[b.room_key] == head else b for b in ballots]
    before = tally(roll, ballots, ITEMS, rule, blank_participates=blank)
    after = tally(roll, turned, ITEMS, rule, blank_participates=blank)
    for old, new in zip(before.items, after.items):
        assert not (old.passed and not new.passed)
        assert new.agree.heads >= old.agree.heads and new.agree.area_centi >= old.agree.area_centi


@settings(max_examples=200, deadline=None)
@given(votes(), st.data())
def test_a_new_voter_never_lowers_participation(case, data):
    roll, ballots, rule, blank = case
    voted = {roll.scope.head_of_room[b.room_key] for b in ballots}
    silent = sorted(set(roll.scope.rooms_of_head) - voted)
    if not silent:
        return
    head = data.draw(st.sampled_from(silent))
    choices = tuple(data.draw(CHOICE) for _ in ITEMS)
    more = ballots + [Ballot(room, choices) for room in roll.scope.rooms_of_head[head]]
    before = tally(roll, ballots, ITEMS, rule, blank_participates=blank)
    after = tally(roll, more, ITEMS, rule, blank_participates=blank)
    for old, new in zip(before.items, after.items):
        assert new.participating.heads >= old.participating.heads
        assert new.participating.area_centi >= old.participating.area_centi


@settings(max_examples=200, deadline=None)
@given(votes())
def test_shortfalls_are_zero_exactly_when_the_threshold_is_met(case):
    roll, ballots, rule, blank = case
    result = tally(roll, ballots, ITEMS, rule, blank_participates=blank)
    for item in result.items:
        part, agree, total, missing = item.participating, item.agree, item.total, item.shortfall
        assert (missing.participation_area == 0) == quorum_met(part.area_centi, total.area_centi)
        assert (missing.participation_heads == 0) == quorum_met(part.heads, total.heads)
        assert (missing.agree_area == 0) == approval_met(rule, agree.area_centi, part.area_centi)
        assert (missing.agree_heads == 0) == approval_met(rule, agree.heads, part.heads)
        assert item.quorate == (missing.participation_area == 0 and missing.participation_heads == 0)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([SPECIAL, ORDINARY]), st.integers(0, 10**9), st.integers(0, 10**9))
def test_thresholds_need_exactly_the_shortfall(rule, have, whole):
    needed = quorum_needed(whole)
    gap = shortfall(have, needed)
    assert quorum_met(have + gap, whole)
    assert gap == 0 or not quorum_met(have + gap - 1, whole)
    part = max(have, 1)
    gap = shortfall(have, approval_needed(rule, part))
    assert approval_met(rule, have + gap, part)
    assert gap == 0 or not approval_met(rule, have + gap - 1, part)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 20000), min_size=1, max_size=8), st.integers(1, 8), st.integers(1, 30000),
       st.sampled_from([SPECIAL, ORDINARY]))
def test_adding_the_participation_shortfall_meets_the_quorum(voter_areas, silent_rooms, silent_area, rule):
    """Voters agree; silent rooms hold the rest. Letting silent rooms vote whose area is exactly the area
    shortfall (rooms rebuilt with those areas, same total) reaches the area quorum, and giving the head
    shortfall in voters reaches the head quorum."""
    areas = voter_areas + [silent_area] * silent_rooms
    choices = [A] * len(voter_areas) + [N] * silent_rooms
    result = tally(plain_roll(areas), one_item(choices), ["x"], rule).items[0]
    gap = result.shortfall.participation_area
    silent_total = silent_area * silent_rooms
    if 0 < gap <= silent_total - 1:
        rebuilt = voter_areas + [gap, silent_total - gap]
        after = tally(plain_roll(rebuilt), one_item(choices[:len(voter_areas)] + [A, N]), ["x"], rule).items[0]
        assert after.shortfall.participation_area == 0
        if gap > 1:
            short = voter_areas + [gap - 1, silent_total - gap + 1]
            below = tally(plain_roll(short), one_item(choices[:len(voter_areas)] + [A, N]), ["x"], rule).items[0]
            assert below.shortfall.participation_area == 1
    heads_gap = result.shortfall.participation_heads
    more = one_item(choices[:len(voter_areas)] + [A] * heads_gap + [N] * (silent_rooms - heads_gap))
    assert tally(plain_roll(areas), more, ["x"], rule).items[0].shortfall.participation_heads == 0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 20000), min_size=1, max_size=6), st.lists(st.integers(1, 20000), min_size=1,
       max_size=6), st.sampled_from([SPECIAL, ORDINARY]))
def test_adding_the_agree_shortfall_passes(agree_areas, oppose_areas, rule):
    """Everybody votes; moving exactly the agree-area shortfall from 反对 to 同意 (one opposing room split
    in two, same total) reaches the area threshold."""
    choices = [A] * len(agree_areas) + [O] * len(oppose_areas)
    result = tally(plain_roll(agree_areas + oppose_areas), one_item(choices), ["x"], rule).items[0]
    gap = result.shortfall.agree_area
    oppose_total = sum(oppose_areas)
    if 0 < gap < oppose_total:
        areas = agree_areas + [gap, oppose_total - gap]
        after = tally(plain_roll(areas), one_item([A] * (len(agree_areas) + 1) + [O]), ["x"], rule).items[0]
        assert after.shortfall.agree_area == 0
        if gap > 1:
            areas = agree_areas + [gap - 1, oppose_total - gap + 1]
            below = tally(plain_roll(areas), one_item([A] * (len(agree_areas) + 1) + [O]), ["x"], rule).items[0]
            assert below.shortfall.agree_area == 1
    heads_gap = result.shortfall.agree_heads
    if heads_gap <= len(oppose_areas):
        turned = [A] * (len(agree_areas) + heads_gap) + [O] * (len(oppose_areas) - heads_gap)
        assert tally(plain_roll(agree_areas + oppose_areas), one_item(turned), ["x"],
                     rule).items[0].shortfall.agree_heads == 0


def test_rooms_of_one_head_sharing_one_answer_tuple_count_one_head():
    answers = (AGREE,)
    result = tally(head_roll(), [Ballot("d1", answers), Ballot("d2", answers)], ["绿化"], ORDINARY).items[0]
    assert (result.agree.heads, result.agree.area_centi) == (1, 14000)
