"""The summary of a report: each place's row from the facts under it (worked by hand)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from desktop_app.domain.district_report import COMMUNITY, ESTATE, STREET, Cover, EstateFacts, Fund, Item, Meta, \
    OwnCounts, Place, Project, Report, summary
from desktop_app.domain.projects import Schedule

S = Place(STREET, "S", "S", "街道")
C = Place(COMMUNITY, "C", "C", "社区")
E0, E1, X = Place(ESTATE, "E0", "E0", "甲"), Place(ESTATE, "E1", "E1", "乙"), Place(ESTATE, "X", "X", "别处")
META = Meta("2025-01-01 00:00:00", "甲", "i", "n", "社区", (None, None), date(2024, 12, 31))


def report() -> Report:
    estates = (EstateFacts(E0, C, S, 0, 0), EstateFacts(E1, C, S, 2, 40))
    counts = (OwnCounts(E0, ("S", "C", "E0"), (1, 0, 0, 0, 0), (2, 0, 0, 0, 0, 0, 0, 0), 1, 0, 1, 9),
              OwnCounts(E1, ("S", "C", "E1"), (0, 2, 0, 0, 0), (0, 1, 0, 0, 0, 0, 0, 1), 0, 1, 2, 5, 40, 10),
              OwnCounts(C, ("S", "C"), (0, 0, 1, 0, 0)))
    due = Schedule(date(2024, 1, 1), date(2024, 6, 30), None, None)
    projects = (
        Project("A", "片区", 2024, due, (Cover(E0), Cover(X)), (Item("屋面", "基础类", 300),),
                (Fund("中央财政补助", 1000, 800, 200),), declared_buildings=5, declared_households=50),
        Project("B", "乙", 2024, Schedule(), (Cover(E1),), (Item("电梯", "提升类", 100),),
                (Fund("中央财政补助", 500, 200, 200),)),
    )
    return Report(META, estates, counts, projects)


def test_rows_and_their_figures():
    rows = summary(report())
    assert [(r.level, r.place.key) for r in rows] == [
        ("合计", "全部"), ("街道", "S"), ("社区", "C"), ("小区", "E0"), ("小区", "E1")]
    total, street, community, e0, e1 = rows
    assert total.place.name == "社区" and e0.parents == (S, C)
    assert community.counts.events == (1, 2, 1, 0, 0) == street.counts.events  # the community's own event
    assert e0.counts.events == (1, 0, 0, 0, 0) and e1.counts.events == (0, 2, 0, 0, 0)
    assert community.counts.complaint_total == 4 and community.counts.construction_quality == 3
    assert community.counts.construction_quality_share == Fraction(3, 4)
    assert community.counts.reach_share == Fraction(10, 40)
    assert community.counts.average_close_days == Fraction(14, 3)
    assert e0.counts.reach_share is None  # no rooms: no figure, never 0 %
    assert community.projects.projects == 2 and community.projects.estates == 2
    # A's one declared total covers X outside the report: it cannot be split, E0 has no count
    assert (community.projects.buildings, community.projects.households) == (2, 40)
    assert community.projects.estates_without_counts == (1,)
    assert community.projects.funds.paid == 400 and community.projects.funds.progress.share == Fraction(400, 1000)
    assert (e0.projects.projects, e1.projects.projects) == (1, 1)
    assert len(community.projects.late.flagged) == 1
