"""The committee figures of a scope on a hand-counted dataset, and their place in the indicators JSON (only
once committee records exist)."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.indicator_report import indicators_json
from desktop_app.models import Estate
from desktop_app.services.committee import (
    add_management, create_case, scope_committee_figures, set_dates,
)
from desktop_app.services.projects import scope_indicators
from desktop_app.services.scope import ALL, Scope
from tests.services.votes.vote_helpers import load, room

AS_OF = date(2025, 6, 30)


def _estates() -> dict[str, int]:
    load([room(f"1-1-{100 + i}", 10000, 10 * n + i, estate=f"E00{n}") for n in range(1, 6) for i in range(1, 6)])
    return {estate.code: estate.id for estate in Estate.select()}


def test_figures_on_a_hand_counted_dataset(database):
    assert scope_committee_figures(ALL, AS_OF) is None
    assert "committees" not in indicators_json(scope_indicators(ALL, as_of=AS_OF).projects,
                                               scope_indicators(ALL, as_of=AS_OF).consultation,
                                               scope_indicators(ALL, as_of=AS_OF).committees)
    ids = _estates()
    # E001: owners' committee elected 2024-05-20, property company since 2024-07-01
    e1 = create_case(ids["E001"], request_on=date(2024, 1, 2))
    set_dates(e1, group_formed=date(2024, 2, 1), posting=date(2024, 4, 1), first_meeting=date(2024, 5, 20),
              election=date(2024, 5, 20))
    add_management(ids["E001"], "物业公司", company="安居物业", from_on=date(2024, 7, 1), fee_fen=80)
    # E002: 自管会 elected 2025-01-10; self-managed
    e2 = create_case(ids["E002"], "自管会", request_on=date(2024, 10, 8))
    set_dates(e2, group_formed=date(2024, 11, 1), posting=date(2024, 12, 1), first_meeting=date(2025, 1, 10),
              election=date(2025, 1, 10))
    add_management(ids["E002"], "自治管理", from_on=date(2025, 1, 10))
    # E003: request 2025-03-03, no group by 2025-05-02 -> overdue on the as-of date; no mode
    create_case(ids["E003"], request_on=date(2025, 3, 3))
    # E004: property company until 2025-03-31, none afterwards
    add_management(ids["E004"], "物业公司", company="甲物业", from_on=date(2022, 1, 1), to_on=date(2025, 3, 31))
    add_management(ids["E004"], "无", from_on=date(2025, 4, 1))
    # E005: street custody; an owners' committee elected after the as-of date
    add_management(ids["E005"], "街道社区托管", from_on=date(2023, 1, 1))
    e5 = create_case(ids["E005"], request_on=date(2025, 1, 2))
    set_dates(e5, group_formed=date(2025, 2, 1), posting=date(2025, 3, 1), first_meeting=date(2025, 4, 20),
              election=date(2025, 7, 15))
    figures = scope_committee_figures(ALL, AS_OF)
    assert figures is not None
    # by hand: 5 estates; owners' committee E001; 自管会 E002; property E001; none E003, E004; overdue: E001's case
    # (no chair within 7 days, no filing within 30 days of 2024-05-20) and E003's (no group by 2025-05-06);
    # E002's 自管会 has no legal clocks but its term; E005's election lies after the as-of date
    assert (figures.estates, figures.owners_committee, figures.self_management, figures.property_service,
            figures.none, figures.overdue_cases) == (5, 1, 1, 1, 2, 2)
    result = scope_indicators(ALL, as_of=AS_OF)
    assert indicators_json(result.projects, result.consultation, result.committees)["committees"] == {
        "estates": 5, "owners_committee": 1, "owners_committee_pct": "20.00", "self_management": 1,
        "self_management_pct": "20.00", "property_service": 1, "property_service_pct": "20.00", "none": 2,
        "overdue_cases": 2}
    one = scope_committee_figures(Scope("estate", ids["E004"]), AS_OF)
    assert one is not None and (one.estates, one.property_service, one.none) == (1, 0, 1)
    earlier = scope_committee_figures(ALL, date(2024, 12, 31))
    assert earlier is not None and (earlier.owners_committee, earlier.self_management, earlier.property_service) == (1, 0, 2)
