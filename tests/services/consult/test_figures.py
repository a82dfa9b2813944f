"""The district figures from a real database, on a dataset whose figures are counted by hand.

Second quarter 2024 (04-01..06-30): 116 complaints (杜鹃新村 60, 双园新村 36, 梅岭小区 20), of which 45 are
about construction and quality (25 + 12 + 8; 施工管理 23, 质量安全 22); three more in March. Every complaint is
due ten days after receipt; four are closed (杜鹃新村 #0 in 0 days, #1 in 3, #2 in 12 = late, #40 in 7).
Opinions in the quarter: 杜鹃新村 6 of 10 rooms (4 of 6 in building 1), 双园新村 2 of 5, 梅岭小区 none.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest

from desktop_app.services.consult.complaints import ComplaintDraft, advance, save_complaint
from desktop_app.services.consult.figures import district_figures
from desktop_app.services.consult.events import EventDraft, OpinionDraft, record_opinion, save_event
from desktop_app.services.scope import ALL, Scope
from tests.services.consult.consultation_city import build_city

Q2 = (date(2024, 4, 1), date(2024, 6, 30))
OTHERS = ("扬尘噪音", "管线破坏", "进度", "资金", "物业", "其他")


def complaints_of(estate, count: int, about_construction: int, prefix: str, room_id=None,
                  start: date = date(2024, 4, 1)) -> list[int]:
    ids = []
    for i in range(count):
        category = ("施工管理", "质量安全")[i % 2] if i < about_construction else OTHERS[i % len(OTHERS)]
        received = start + timedelta(days=i % 60)
        ids.append(save_complaint(ComplaintDraft(
            ticket_no=f"{prefix}{i:03d}", received_at=received, category=category, estate_id=estate.id,
            room_id=room_id if i < 30 else None, due_on=received + timedelta(days=10)), today=date.today()))
    return ids


@pytest.fixture
def city(database):
    city = build_city()
    a_ids = complaints_of(city.a, 60, 25, "A", room_id=city.rooms["A 1-1-101"])
    complaints_of(city.b, 36, 12, "B")
    complaints_of(city.c, 20, 8, "C")
    complaints_of(city.b, 3, 3, "Q1-", start=date(2024, 3, 15))
    for index, days in ((0, 0), (1, 3), (2, 12), (40, 7)):
        received = date(2024, 4, 1) + timedelta(days=index % 60)
        advance(a_ids[index], "办结", received + timedelta(days=days), reply="已处理", today=date.today())
    for room in ("A 1-1-101", "A 1-1-102", "A 1-1-201", "A 1-2-101", "A 2-101", "A 2-102", "B 1-1-101", "B 1-1-102"):
        record_opinion(OpinionDraft(city.rooms[room], given_on=date(2024, 5, 10), demands=["加装电梯"]), today=date.today())
    record_opinion(OpinionDraft(city.rooms["A 1-1-101"], given_on=date(2024, 6, 30), stance="支持"), today=date.today())  # same room again
    record_opinion(OpinionDraft(city.rooms["C 5-1-101"], given_on=date(2024, 7, 1)), today=date.today())  # after the quarter
    record_opinion(OpinionDraft(city.rooms["B 1-1-105"], given_on=date(2024, 3, 31)), today=date.today())  # before it
    estate = lambda e: Scope("estate", e.id)  # noqa: E731
    save_event(EventDraft(kind="座谈会", held_on=date(2024, 4, 10), scope=estate(city.a)))
    save_event(EventDraft(kind="入户走访", held_on=date(2024, 5, 1), scope=Scope("building", city.building(city.a, "1").id)))
    save_event(EventDraft(kind="问卷", held_on=date(2024, 5, 20), scope=Scope("street", city.street.id)))
    save_event(EventDraft(kind="线上", held_on=date(2024, 6, 30), scope=estate(city.c)))  # the last day counts
    save_event(EventDraft(kind="座谈会", held_on=date(2024, 7, 1), scope=estate(city.b)))
    return city


def test_the_whole_quarter(city):
    figures = district_figures(ALL, *Q2, today=date(2024, 7, 1))
    assert figures.consultations == 4
    assert dict(figures.by_kind) == {"座谈会": 1, "入户走访": 1, "问卷": 1, "公示反馈": 0, "线上": 1}
    assert [(e.name, e.rooms, e.reached, e.share_text) for e in figures.estates] == [
        ("杜鹃新村", 10, 6, "60.00%"), ("梅岭小区", 3, 0, "0.00%"), ("双园新村", 5, 2, "40.00%")]
    assert (figures.households_reached, figures.rooms, figures.reach_share) == (8, 18, Fraction(4, 9))
    assert figures.complaints == 116 and figures.construction_quality == 45
    assert figures.construction_quality_share == Fraction(45, 116) and figures.construction_quality_text == "38.79%"
    by = {row.category: (row.count, row.share_text) for row in figures.by_category}
    assert by["施工管理"] == (23, "19.83%") and by["质量安全"] == (22, "18.97%")
    assert sum(count for count, _text in by.values()) == 116
    assert (figures.closed, figures.average_days_to_close, figures.average_days_text) == (4, Fraction(11, 2), "5.5")
    assert (figures.overdue_open, figures.closed_late, figures.overdue) == (112, 1, 113)


def test_overdue_depends_on_the_day_it_is_judged(city):
    # on 04-01 nothing was due yet; only the complaint closed that same day was closed
    on_the_first = district_figures(ALL, *Q2, today=date(2024, 4, 1))
    assert (on_the_first.overdue, on_the_first.closed) == (0, 1)
    # on 04-12 the open ones received on 04-01 (due 04-11) are late: 双园新村 #0 and 梅岭小区 #0 (杜鹃新村 #0 is closed)
    assert district_figures(ALL, *Q2, today=date(2024, 4, 12)).overdue_open == 2


def test_a_past_period_reads_as_it_stood_at_its_end(city):
    april = (date(2024, 4, 1), date(2024, 4, 10))
    then = district_figures(ALL, *april, today=date(2024, 4, 10))
    later = district_figures(ALL, *april, today=date(2025, 1, 1))
    assert later == then  # the figures of a finished period do not move
    assert then.closed == 2  # closed on 04-01 and 04-05; the one closed on 04-13 was still open on 04-10
    assert (then.closed_late, then.overdue_open) == (0, 0)  # everything received by 04-10 is due 04-11 or later


def test_every_level_and_period(city):
    community = district_figures(Scope("community", city.dujuan.id), *Q2, today=date(2024, 7, 1))
    assert community.consultations == 2  # the street-wide questionnaire is not the community's own
    assert (community.complaints, community.construction_quality, community.construction_quality_text) == \
        (96, 37, "38.54%")
    assert [(e.name, e.reached) for e in community.estates] == [("杜鹃新村", 6), ("双园新村", 2)]
    estate = district_figures(Scope("estate", city.c.id), *Q2, today=date(2024, 7, 1))
    assert (estate.consultations, estate.complaints, estate.construction_quality_text) == (1, 20, "40.00%")
    assert (estate.households_reached, estate.reach_share) == (0, Fraction(0))
    building = district_figures(Scope("building", city.building(city.a, "1").id), *Q2, today=date(2024, 7, 1))
    assert [(e.name, e.rooms, e.reached, e.share_text) for e in building.estates] == [("杜鹃新村", 6, 4, "66.67%")]
    assert (building.complaints, building.construction_quality, building.construction_quality_text) == (30, 25, "83.33%")
    assert (building.closed, building.average_days_text) == (3, "5.0")
    assert building.consultations == 1
    unit = district_figures(Scope("unit", city.building(city.a, "2").units[0].id), *Q2, today=date(2024, 7, 1))
    assert (unit.complaints, unit.households_reached, unit.rooms) == (0, 2, 4)
    street = district_figures(Scope("street", city.street.id), *Q2, today=date(2024, 7, 1))
    assert (street.consultations, street.complaints) == (4, 116)
    everything = district_figures(ALL, today=date(2024, 7, 1))
    assert (everything.consultations, everything.complaints, everything.households_reached) == (5, 119, 10)
    march = district_figures(ALL, date(2024, 3, 1), date(2024, 3, 31), today=date(2024, 7, 1))
    assert (march.complaints, march.construction_quality_text, march.households_reached) == (3, "100.00%", 1)
