"""Generate the survey report's city: 1,130 estates, 13,862 buildings, 196,900 rooms (households).

Deterministic (same output on every run), with the demo's kinds of owners (services/roll_generator):
owners of several rooms, co-owned rooms, work-unit housing, developer-unsold rooms.

    python bench/generate_city.py --xlsx bench/out/city.xlsx --db bench/out/city.sqlite3 [--scale 0.1]

`--xlsx` writes a roll workbook in the formats.md layout (the exchange writer, write-only mode);
`--db` writes a database through the roll import (`apply_roll`). Prints what it wrote and the time.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from desktop_app.services.demo.roll_generator import (
    BuildingPlan, EstatePlan, EstateSpec, RollGenerator, apportion, records_of,
)

CITY_ESTATES, CITY_BUILDINGS, CITY_ROOMS = 1130, 13862, 196900
CITY_SEED = "desktop-app 三明市 city 1"

# (code, name, share of the city's estates)
DISTRICTS = (
    ("350404", "三元区", 30), ("350481", "永安市", 14), ("350405", "沙县区", 11), ("350425", "大田县", 8),
    ("350426", "尤溪县", 8), ("350424", "宁化县", 7), ("350428", "将乐县", 5), ("350423", "清流县", 4),
    ("350421", "明溪县", 4), ("350429", "泰宁县", 4), ("350430", "建宁县", 5),
)
STREET_WORDS = (
    "列东 列西 徐碧 城关 白沙 富兴堡 荆西 岩前 中村 莘口 燕东 燕西 燕南 燕北 凤岗 虬江 翠江 濉城 杉城 "
    "雪峰 均口 城南 城北 城东 城西 水南 梅山 金溪 琴江 溪源 青州 夏茂 高砂 洋溪 西城 贡川 曹远 小陶 安砂 西洋"
).split()
PLACE_WORDS = (
    "新华 红星 和平 建设 胜利 解放 人民 团结 光明 前进 东风 幸福 长安 桃源 梅园 碧湖 翠竹 杜鹃 东霞 双园 "
    "红岩 梅岭 江滨 沿河 下洋 上坪 中山 文笔 崇桂 新亭 东安 西安 南门 北门 沙洲 富华 永兴 鹿岭 台江 绿岩 "
    "金沙 凤凰 青山 白岩 龙岗 五一 八一 长兴 新民 育才 建新 工农 园丁 龙泉 群英 吉祥 福寿 麒麟 滨江 锦绣"
).split()
ESTATE_SUFFIXES = ("新村", "小区", "花园", "公寓", "宿舍", "苑", "大院", "家园", "里")
WORK_UNITS = (
    ("三明市纺织厂", "91"), ("三明钢铁厂", "91"), ("三明化工厂", "91"), ("三明重型机器厂", "91"),
    ("三明市第一医院", "12"), ("三明市第二中学", "12"), ("三明市粮食局", "11"), ("三明供电公司", "91"),
    ("三明市农机公司", "91"), ("三明印刷厂", "91"), ("三明水泥厂", "91"), ("三明市房地产管理所", "12"),
    ("永安纸厂", "91"), ("沙县机械厂", "91"), ("三明市交通局", "11"), ("三明市自来水公司", "91"),
)
DEVELOPERS = ("三明市城建房地产开发有限公司", "三明市华厦房地产开发有限公司", "永安市建发置业有限公司",
              "沙县城乡建设开发有限公司", "三明市住宅开发公司")


@dataclass(frozen=True)
class CityTotals:
    estates: int
    buildings: int
    rooms: int

    @classmethod
    def scaled(cls, scale: float) -> "CityTotals":
        estates = max(1, round(CITY_ESTATES * scale))
        buildings = max(estates, round(CITY_BUILDINGS * scale))
        return cls(estates, buildings, max(buildings, round(CITY_ROOMS * scale)))


def city_plans(totals: CityTotals, *, with_residents: bool = False) -> list[EstatePlan]:
    """The city's estates, exactly `totals` of each, the same on every run."""
    generator = RollGenerator(CITY_SEED, with_residents=with_residents)
    rng = generator.rng
    buildings_of = apportion(totals.buildings, [rng.lognormvariate(0, 0.6) for _ in range(totals.estates)])
    shapes = [rng.randint(3, 7) * rng.choice((1, 1, 2)) * 2 for _ in range(totals.buildings)]
    rooms_of = apportion(totals.rooms, shapes)
    work_units = [generator.people.organisation(name, authority) for name, authority in WORK_UNITS]
    developers = [generator.people.organisation(name) for name in DEVELOPERS]
    names: set[str] = set()
    plans = []
    first_building = 0
    for index, (district, street, street_code, community, community_code, number) in enumerate(
            _communities(totals.estates, rng)):
        count = buildings_of[index]
        buildings = tuple(BuildingPlan.for_rooms(str(number + 1), rooms, rng)
                          for number, rooms in enumerate(rooms_of[first_building:first_building + count]))
        first_building += count
        year = rng.randint(1980, 2000)
        work_unit = rng.choice(work_units) if rng.random() < 0.12 else None
        developer = rng.choice(developers) if year >= 1996 and rng.random() < 0.3 else None
        room_count = sum(building.rooms for building in buildings)
        spec = EstateSpec(
            code=f"{community_code}{number:02d}", name=_estate_name(rng, names, work_unit),
            address=f"福建省三明市{district}{rng.choice(PLACE_WORDS)}路{rng.randint(1, 300)}号",
            year_built=year, street=street, community=community, buildings=buildings,
            street_code=street_code, community_code=community_code,
            work_unit=work_unit,
            work_unit_buildings=frozenset(building.name for building in buildings[: max(1, count // 3)]),
            developer=developer,
            developer_rooms=min(room_count // 4, rng.randint(2, 10)) if developer else 0,
        )
        plans.append(generator.estate(spec))
    return plans


def _communities(estates: int, rng: random.Random):
    """(district, street, street code, community, community code, estate number) for each estate:
    communities of 3-6 estates, streets of 5-9 communities, streets spread over the districts."""
    district_weights = [share for *_, share in DISTRICTS]
    street_index = 0
    given = 0
    while given < estates:
        street_index += 1
        code, district, _ = rng.choices(DISTRICTS, district_weights)[0]
        street_code = f"{code}{street_index:03d}"
        street = _numbered(STREET_WORDS, street_index - 1) + "街道"
        words = rng.sample(PLACE_WORDS, 9)
        for community_number in range(rng.randint(5, 9)):
            community_code = f"{street_code}{community_number + 1:03d}"
            for estate_number in range(1, rng.randint(3, 6) + 1):
                if given == estates:
                    return
                given += 1
                yield (district, street, street_code, words[community_number] + "社区", community_code,
                       estate_number)


def _numbered(words: list[str], index: int) -> str:
    """The index-th word, with a number once the list is used up (列东, ..., 列东二)."""
    word = words[index % len(words)]
    round_ = index // len(words)
    return word if round_ == 0 else f"{word}{'二三四五六七八九'[min(round_ - 1, 7)]}"


def _estate_name(rng: random.Random, taken: set[str], work_unit) -> str:
    if work_unit is not None:
        base = work_unit.name.removeprefix("三明市").removeprefix("三明") + "宿舍"
    else:
        base = rng.choice(PLACE_WORDS) + rng.choice(ESTATE_SUFFIXES)
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base}{number}区"
    taken.add(name)
    return name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成调研报告中的城市（1130个小区、13862栋、196900户）")
    parser.add_argument("--xlsx", type=Path, help="写出房屋业主名册工作簿")
    parser.add_argument("--db", type=Path, help="写入数据库（经名册导入）")
    parser.add_argument("--scale", type=float, default=1.0, help="规模比例，如 0.05")
    args = parser.parse_args(argv)
    if args.xlsx is None and args.db is None:
        parser.error("请至少给出 --xlsx 或 --db")
    totals = CityTotals.scaled(args.scale)
    started = time.perf_counter()
    plans = city_plans(totals)
    records = list(records_of(plans))
    print(f"generated {totals.estates} estates, {sum(len(p.spec.buildings) for p in plans)} buildings, "
          f"{len(records)} rooms in {time.perf_counter() - started:.1f} s")
    if args.xlsx is not None:
        write_workbook(args.xlsx, records)
    if args.db is not None:
        write_database(args.db, plans)
    return 0


def write_workbook(path: Path, records) -> None:
    from desktop_app.exchange.roll_writer import write_roll

    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    write_roll(path, records)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s")


def write_database(path: Path, plans: list[EstatePlan]) -> None:
    from desktop_app.models import db, open_database
    from desktop_app.services.demo.street import write_plans

    started = time.perf_counter()
    open_database(path)
    with db.atomic():
        summary = write_plans(plans)
    db.close()
    print(f"wrote {path} ({summary.imported} rooms imported, {summary.unchanged} unchanged) "
          f"in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
