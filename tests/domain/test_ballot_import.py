"""The pure plan of a ballot import: item columns against the vote's items, the method a blank cell
keeps, new / changed / unchanged against what is entered, and the conflicts the rows would make."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.ballot_import import (
    CHANGED, NEW, UNCHANGED, EnteredBallot, FileBallot, ImportContext, item_order, method_and_proxy, plan_import,
)
from desktop_app.domain.headcount import RollEntry
from desktop_app.domain.tally import ABSTAIN, AGREE, BLANK, OPPOSE, freeze_roll
from desktop_app.domain.vote_rules import Rule


@pytest.mark.parametrize("items, file_items, expected", [
    (("电梯", "保温"), ["电梯", "保温"], ([0, 1], [], [])),
    (("电梯", "保温"), ["保温", " 电梯 "], ([1, 0], [], [])),
    (("电梯", "保温"), ["电梯"], (None, ["保温"], [])),
    (("电梯",), ["电梯", "监控"], (None, [], ["监控"])),
    (("电梯", "保温"), ["监控"], (None, ["电梯", "保温"], ["监控"])),
])
def test_item_order(items, file_items, expected):
    assert item_order(items, file_items) == expected


ENTERED = EnteredBallot((AGREE,), "委托", "李明")


@pytest.mark.parametrize("method, proxy, entered, expected", [
    ("", "", None, ("纸质", "")),
    ("", "", ENTERED, ("委托", "李明")),
    ("现场", "", ENTERED, ("现场", "")),
    ("", "王五", ENTERED, ("委托", "王五")),
    ("", "王五", None, ("纸质", "王五")),
    ("委托", "王五", None, ("委托", "王五")),
])
def test_a_blank_method_keeps_the_entered_one(method, proxy, entered, expected):
    assert method_and_proxy(method, proxy, entered) == expected


ROOMS = ["E 101", "E 102", "E 201", "E 202"]


def context(entered: dict[str, EnteredBallot]) -> ImportContext:
    """101 and 102 have one owner (key A); 201 and 202 one each."""
    roll = freeze_roll([RollEntry("E 101", 100, ("A",), "person"), RollEntry("E 102", 100, ("A",), "person"),
                        RollEntry("E 201", 100, ("B",), "person"), RollEntry("E 202", 100, ("C",), "person")])
    return ImportContext(1, (), ("电梯", "保温"), {key: at for at, key in enumerate(ROOMS)},
                         {key: key[2:] for key in ROOMS}, entered, roll, Rule.SPECIAL, True, False)


def test_statuses_against_what_is_entered():
    plan = plan_import(context({"E 201": EnteredBallot((AGREE, AGREE), "纸质", ""),
                                "E 202": EnteredBallot((AGREE, AGREE), "纸质", "")}),
                       [FileBallot(2, "E 101", (AGREE, BLANK)), FileBallot(3, "E 201", (AGREE, AGREE)),
                        FileBallot(4, "E 202", (AGREE, AGREE), "现场")])
    assert [(b.row, b.roll_id, b.status, b.method) for b in plan.ballots] == [
        (2, 0, NEW, "纸质"), (3, 2, UNCHANGED, "纸质"), (4, 3, CHANGED, "现场")]
    assert plan.conflicts == []


def test_a_row_against_an_entered_room_of_the_same_owner_conflicts_and_a_replaced_one_does_not():
    entered = {"E 102": EnteredBallot((AGREE, AGREE), "纸质", "")}
    plan = plan_import(context(entered), [FileBallot(2, "E 101", (AGREE, OPPOSE))])
    assert [(c.item, c.rooms) for c in plan.conflicts] == [("保温", (("E 101", OPPOSE), ("E 102", AGREE)))]
    replaced = plan_import(context(entered), [FileBallot(2, "E 101", (AGREE, OPPOSE)),
                                              FileBallot(3, "E 102", (AGREE, OPPOSE))])
    assert replaced.conflicts == []


def test_conflicts_among_entered_ballots_only_are_not_the_files():
    entered = {"E 101": EnteredBallot((AGREE, AGREE), "纸质", ""), "E 102": EnteredBallot((OPPOSE, AGREE), "纸质", "")}
    assert plan_import(context(entered), [FileBallot(2, "E 201", (AGREE, AGREE))]).conflicts == []


ANSWERS = st.sampled_from((AGREE, OPPOSE, ABSTAIN, BLANK))


@given(st.permutations(ROOMS), st.lists(st.tuples(ANSWERS, ANSWERS), min_size=4, max_size=4))
def test_the_order_of_the_rows_does_not_change_the_plan(order, answers):
    rows = [FileBallot(at + 2, key, answers[ROOMS.index(key)]) for at, key in enumerate(order)]
    plan = plan_import(context({}), rows)
    again = plan_import(context({}), list(reversed(rows)))
    assert set(plan.ballots) == set(again.ballots)
    assert {(c.item, frozenset(c.rooms)) for c in plan.conflicts} == {(c.item, frozenset(c.rooms)) for c in again.conflicts}
    assert bool(plan.conflicts) == (answers[0] != answers[1])
