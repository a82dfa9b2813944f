"""A small hand-built database where every indicator is known (worked out by hand in the tests).

Street 鼓楼街道 (350102): community 东街社区 (350102001) with estates E1 (roll: 2 buildings, 5 rooms) and E2
(no roll); community 南街社区 (350102002) with E3 (roll: 1 building, 4 rooms). Street 台江街道 (350103):
community 洋中社区 (350103001) with E4 (no roll).
Projects:
- P1 2023, E1: planned 2023-03-01..2023-10-31, actual 2023-03-05..2023-10-31 (on time); items 基础类 1,000 +
  2,000 yuan, 完善类 500 yuan; fund 中央财政补助 planned 3,000 allocated 3,000, paid 1,000 on 2023-06-01 and
  1,500 on 2024-02-01.
- P2 2024, 片区 E2 (declared 3 buildings, 60 households) + E3: planned 2024-03-01..2024-09-30, actual
  2024-04-01..2024-11-15 (late); item 提升类 4,000 yuan; fund 地方政府专项债券 planned 5,000 allocated 4,000,
  2,000 paid undated (from a plan file); fund 社会资本 planned 100 allocated 0.
- P3 2024, E4 (declared 2 buildings, 30 households): planned 2024-05-01..2025-05-01, never started.
- P4 2022, E1: planned and finished in 2022; item 基础类 9,999 yuan.
- P5 2025, 片区 E2 + E4 with one declared total (10 buildings, 100 households); planned 2025-03-01..2025-12-31.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.models import Building, Community, Estate, FundPayment, Project, ProjectEstate, ProjectFund, \
    ProjectItem, Room, Street, Unit


@dataclass(frozen=True)
class Dataset:
    streets: dict[str, int]
    communities: dict[str, int]
    estates: dict[str, int]
    projects: dict[str, int]
    buildings: dict[str, int]


def _rooms(estate: Estate, layout: dict[str, int]) -> dict[str, int]:
    ids = {}
    for name, count in layout.items():
        building = Building.create(estate=estate, name=name)
        unit = Unit.create(building=building, name="1")
        for number in range(count):
            Room.create(unit=unit, number=f"{number + 1}01", floor=number + 1, area_centi=8000)
        ids[f"{estate.name}-{name}"] = building.id
    return ids


def _project(code: str, year: int, estates: list[tuple[Estate, int | None, int | None]], dates: tuple,
             items=(), funds=(), declared: tuple[int, int] | None = None) -> Project:
    planned_start, planned_end, actual_start, actual_end = dates
    project = Project.create(code=code, name=f"项目{code}", plan_year=year, planned_start=planned_start,
                             planned_end=planned_end, actual_start=actual_start, actual_end=actual_end,
                             declared_buildings=declared[0] if declared else None,
                             declared_households=declared[1] if declared else None)
    for position, (estate, buildings, households) in enumerate(estates):
        ProjectEstate.create(project=project, estate=estate, position=position, declared_buildings=buildings,
                             declared_households=households)
    for position, (category, yuan) in enumerate(items):
        ProjectItem.create(project=project, position=position, name=f"内容{position}", category=category,
                           planned_fen=yuan * 100)
    for source, planned, allocated, payments in funds:
        fund = ProjectFund.create(project=project, source=source, planned_fen=planned * 100, allocated_fen=allocated * 100)
        for paid_on, yuan in payments:
            FundPayment.create(fund=fund, paid_on=paid_on, amount_fen=yuan * 100)
    return project


def build_dataset() -> Dataset:
    gulou = Street.create(name="鼓楼街道", code="350102")
    taijiang = Street.create(name="台江街道", code="350103")
    dongjie = Community.create(street=gulou, name="东街社区", code="350102001")
    nanjie = Community.create(street=gulou, name="南街社区", code="350102002")
    yangzhong = Community.create(street=taijiang, name="洋中社区", code="350103001")
    e1 = Estate.create(community=dongjie, name="E1", code="E1")
    e2 = Estate.create(community=dongjie, name="E2", code="E2")
    e3 = Estate.create(community=nanjie, name="E3", code="E3")
    e4 = Estate.create(community=yangzhong, name="E4", code="E4")
    buildings = {**_rooms(e1, {"1": 3, "2": 2}), **_rooms(e3, {"1": 4})}
    p1 = _project("P1", 2023, [(e1, None, None)], ("2023-03-01", "2023-10-31", "2023-03-05", "2023-10-31"),
                  items=[("基础类", 1000), ("基础类", 2000), ("完善类", 500)],
                  funds=[("中央财政补助", 3000, 3000, [("2023-06-01", 1000), ("2024-02-01", 1500)])])
    p2 = _project("P2", 2024, [(e2, 3, 60), (e3, None, None)], ("2024-03-01", "2024-09-30", "2024-04-01", "2024-11-15"),
                  items=[("提升类", 4000)],
                  funds=[("地方政府专项债券", 5000, 4000, [(None, 2000)]), ("社会资本", 100, 0, [])])
    p3 = _project("P3", 2024, [(e4, 2, 30)], ("2024-05-01", "2025-05-01", None, None))
    p4 = _project("P4", 2022, [(e1, None, None)], ("2022-03-01", "2022-10-31", "2022-03-01", "2022-10-01"),
                  items=[("基础类", 9999)])
    p5 = _project("P5", 2025, [(e2, None, None), (e4, None, None)], ("2025-03-01", "2025-12-31", None, None),
                  declared=(10, 100))
    return Dataset(
        streets={"鼓楼": gulou.id, "台江": taijiang.id},
        communities={"东街": dongjie.id, "南街": nanjie.id, "洋中": yangzhong.id},
        estates={"E1": e1.id, "E2": e2.id, "E3": e3.id, "E4": e4.id},
        projects={"P1": p1.id, "P2": p2.id, "P3": p3.id, "P4": p4.id, "P5": p5.id},
        buildings=buildings,
    )
