"""What households want, on a hand-counted dataset: latest opinion per room, by building, period, vote items."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.services.consult.events import (
    EventDraft, OpinionDraft, demand_summary, households_not_reached, record_opinion, save_event,
    vote_items_from_demands,
)
from desktop_app.services.scope import Scope
from tests.services.consult.consultation_city import build_city

# room, date, catalogue demands, free tags (A 1-1-101 changes its mind; A 2-102 gives two opinions the same day)
OPINIONS = [
    ("A 1-1-101", date(2024, 5, 1), ["加装电梯", "雨污分流"], []),
    ("A 1-1-102", date(2024, 5, 2), ["加装电梯", "停车设施"], []),
    ("A 1-1-201", date(2024, 5, 3), ["雨污分流"], ["楼道灯"]),
    ("A 1-2-101", date(2024, 5, 4), [], []),
    ("A 2-101", date(2024, 5, 5), ["加装电梯", "屋面修缮"], []),
    ("A 2-102", date(2024, 5, 6), ["屋面修缮"], []),
    ("A 2-102", date(2024, 5, 6), ["屋面修缮", "外墙修缮"], []),
    ("B 1-1-101", date(2024, 5, 1), ["加装电梯"], []),
    ("A 1-1-101", date(2024, 6, 1), ["加装电梯"], []),
]


@pytest.fixture
def city(database):
    city = build_city()
    for room, day, demands, tags in OPINIONS:
        record_opinion(OpinionDraft(city.rooms[room], given_on=day, stance="支持", demands=demands, tags=tags), today=date.today())
    return city


def table(summary):
    return [(item.name, item.category, item.households, item.share_text,
             [item.in_building(column.building_id) for column in summary.buildings]) for item in summary.items]


def test_the_estate_summary_counts_each_households_latest_opinion(city):
    summary = demand_summary(Scope("estate", city.a.id))
    assert (summary.rooms, summary.reached) == (10, 6)
    assert [(c.label, c.rooms, c.reached) for c in summary.buildings] == [("1号楼", 6, 4), ("2号楼", 4, 2)]
    assert table(summary) == [
        ("加装电梯", "完善类", 3, "50.00%", [2, 1]),
        ("屋面修缮", "基础类", 2, "33.33%", [0, 2]),
        ("外墙修缮", "基础类", 1, "16.67%", [0, 1]),  # ties: catalogue category order, then name
        ("雨污分流", "基础类", 1, "16.67%", [1, 0]),  # 1-1-101 no longer asks for it
        ("停车设施", "完善类", 1, "16.67%", [1, 0]),
        ("楼道灯", "", 1, "16.67%", [1, 0]),
    ]
    assert summary.items[0].share == Fraction(1, 2)


def test_the_period_decides_which_opinion_is_latest(city):
    before_june = demand_summary(Scope("estate", city.a.id), end=date(2024, 5, 31))
    assert [(i.name, i.households) for i in before_june.items][:3] == [("加装电梯", 3), ("屋面修缮", 2), ("雨污分流", 2)]
    from_may_4 = demand_summary(Scope("estate", city.a.id), start=date(2024, 5, 4))
    assert from_may_4.reached == 4
    assert [(i.name, i.households) for i in from_may_4.items][:2] == [("屋面修缮", 2), ("加装电梯", 2)]  # 基础类 first
    nothing = demand_summary(Scope("estate", city.a.id), start=date(2025, 1, 1))
    assert (nothing.reached, nothing.items) == (0, ())


def test_a_wider_scope_names_the_estate_of_each_building(city):
    summary = demand_summary(Scope("community", city.dujuan.id))
    assert [c.label for c in summary.buildings] == ["杜鹃新村 1号楼", "杜鹃新村 2号楼", "双园新村 1号楼"]
    assert (summary.rooms, summary.reached) == (15, 7)
    assert table(summary)[0] == ("加装电梯", "完善类", 4, "57.14%", [2, 1, 1])
    building = demand_summary(Scope("building", city.building(city.a, "2").id))
    assert [c.label for c in building.buildings] == ["2号楼"] and building.reached == 2


def test_vote_items_are_seeded_from_the_demands(city):
    summary = demand_summary(Scope("estate", city.a.id))
    assert vote_items_from_demands(summary, Fraction(1, 3)) == [VoteItem("加装电梯", "完善类"), VoteItem("屋面修缮", "基础类")]
    everything = vote_items_from_demands(summary)
    assert [item.name for item in everything] == ["加装电梯", "屋面修缮", "外墙修缮", "雨污分流", "停车设施", "楼道灯"]
    assert everything[-1] == VoteItem("楼道灯", "")
    assert "楼道灯" not in [i.name for i in vote_items_from_demands(summary, catalogue_only=True)]
    assert vote_items_from_demands(summary, Fraction(1, 2), limit=5) == [VoteItem("加装电梯", "完善类")]  # 50% counts
    assert vote_items_from_demands(summary, Fraction(1, 2) + Fraction(1, 1000)) == []


def test_households_not_reached(city):
    estate = Scope("estate", city.a.id)
    assert [r.label for r in households_not_reached(estate)] == ["1号楼1单元202室", "1号楼2单元102室", "2号楼103室", "2号楼104室"]
    assert households_not_reached(estate)[0].owner_names == "业主4"
    held = save_event(EventDraft(kind="入户走访", held_on=date(2024, 7, 1), scope=estate))
    record_opinion(OpinionDraft(city.rooms["A 2-104"], given_on=date(2024, 7, 1), consultation_id=held), today=date.today())
    in_round = households_not_reached(estate, held)
    assert len(in_round) == 9 and "2号楼104室" not in [r.label for r in in_round]
    assert len(households_not_reached(estate, start=date(2024, 5, 5))) == 6  # 2-101, 2-102, 2-104, 1-1-101 since
