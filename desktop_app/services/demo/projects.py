"""Renovation projects for the demo street (东湖街道), so the 项目与资金 page and the 首页 indicators have
something to show on first start: six projects over four plan years, one of them a 片区 project of two
estates, with items of all three categories, funds from several sources and dated payments.

Dates are counted from `today`, so whenever the demo is first run the list shows a project completed on
time, one completed late, one under way past its planned completion, one not started past its planned
start, and one not yet due. Every record passes the domain checks. It writes only when the database has
no project yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.domain.catalogue import BASIC, IMPROVEMENT, UPGRADE
from desktop_app.domain.projects import Schedule, schedule_error
from desktop_app.models import Estate, FundPayment, Project, ProjectEstate, ProjectFund, ProjectItem, db
from desktop_app.services import audit

ACTOR = "示例数据"


@dataclass(frozen=True)
class _Demo:
    code: str
    name: str
    years_ago: int
    estates: tuple[str, ...]
    # days from today: planned start, planned end, actual start, actual end (None: not yet)
    days: tuple[int, int, int | None, int | None]
    contractor: str
    items: tuple[tuple[str, str, str, str, int], ...]  # name, category, quantity, unit, planned yuan
    funds: tuple[tuple[str, int, int, tuple[int, ...]], ...]  # source, planned, allocated yuan, payments yuan


_SUPERVISOR = "福建建科工程监理有限公司"
PROJECTS = (
    _Demo("GZ-0001", "杜鹃新村老旧小区改造（一期）", 3, ("杜鹃新村",), (-1000, -800, -995, -810), "三明市第一建筑工程有限公司",
          (("雨污分流", BASIC, "1.2", "千米", 1_200_000), ("外墙修缮", BASIC, "8600", "平方米", 1_500_000),
           ("照明改造", IMPROVEMENT, "46", "盏", 180_000)),
          (("中央财政补助", 1_800_000, 1_800_000, (900_000, 900_000)), ("市县财政资金", 1_080_000, 1_080_000, (1_080_000,)))),
    _Demo("GZ-0002", "双园新村、红岩新村片区改造", 2, ("双园新村", "红岩新村"), (-700, -450, -690, -400), "福建三建工程有限公司",
          (("供水设施改造", BASIC, "2.4", "千米", 2_100_000), ("道路改造", BASIC, "5200", "平方米", 1_600_000),
           ("停车设施", IMPROVEMENT, "120", "个", 650_000), ("适老化改造", IMPROVEMENT, "6", "栋", 420_000),
           ("养老服务设施", UPGRADE, "1", "处", 800_000)),
          (("中央财政补助", 2_500_000, 2_500_000, (1_500_000, 800_000)), ("地方政府专项债券", 2_000_000, 1_600_000, (1_200_000,)),
           ("居民出资", 200_000, 150_000, (150_000,)))),
    _Demo("GZ-0003", "东霞新村老旧小区改造", 1, ("东霞新村",), (-300, -60, -280, None), "三明市城建集团有限公司",
          (("供电设施改造", BASIC, "1", "项", 900_000), ("架空线规整（入地）", BASIC, "3.1", "千米", 700_000),
           ("电动自行车充电设施", IMPROVEMENT, "80", "个", 240_000), ("加装电梯", IMPROVEMENT, "2", "部", 1_200_000)),
          (("中央财政补助", 1_600_000, 1_400_000, (600_000,)), ("省级财政资金", 600_000, 600_000, (200_000,)),
           ("专业经营单位出资", 500_000, 300_000, ()))),
    _Demo("GZ-0004", "梅岭小区老旧小区改造", 1, ("梅岭小区",), (-330, -120, -328, -125), "福建省二建建设集团有限公司",
          (("屋面修缮", BASIC, "4200", "平方米", 630_000), ("绿化改造", IMPROVEMENT, "2600", "平方米", 260_000),
           ("智能快件箱", IMPROVEMENT, "4", "组", 60_000)),
          (("中央财政补助", 600_000, 600_000, (600_000,)), ("市县财政资金", 350_000, 350_000, (300_000,)))),
    _Demo("GZ-0005", "翠竹苑老旧小区改造", 0, ("翠竹苑",), (-40, 200, None, None), "三明市第一建筑工程有限公司",
          (("消防设施改造", BASIC, "1", "项", 380_000), ("无障碍设施", IMPROVEMENT, "12", "处", 90_000),
           ("便民市场", UPGRADE, "1", "处", 500_000)),
          (("中央财政补助", 500_000, 0, ()), ("社会资本", 470_000, 0, ()))),
    _Demo("GZ-0006", "杜鹃新村老旧小区改造（二期）", 0, ("杜鹃新村",), (60, 330, None, None), "三明市第一建筑工程有限公司",
          (("光纤入户", BASIC, "235", "户", 120_000), ("社区综合服务设施", UPGRADE, "1", "处", 900_000)),
          (("市县财政资金", 1_020_000, 0, ()),)),
)


def _day(today: date, offset: int | None) -> str | None:
    return None if offset is None else (today + timedelta(days=offset)).isoformat()


def create_projects_demo(today: date) -> int:
    """Write the demo projects unless the database already has a project; the number written."""
    if Project.select().exists():
        return 0
    estates = {estate.name: estate.id for estate in Estate.select(Estate.id, Estate.name)}
    written = 0
    with db.atomic():
        for demo in PROJECTS:
            if any(name not in estates for name in demo.estates):
                continue
            p_start, p_end, a_start, a_end = (_day(today, offset) for offset in demo.days)
            schedule = Schedule(*(date.fromisoformat(d) if d else None for d in (p_start, p_end, a_start, a_end)))
            assert schedule_error(schedule) is None, demo.code
            project = Project.create(code=demo.code, name=demo.name, plan_year=today.year - demo.years_ago,
                                     planned_start=p_start, planned_end=p_end, actual_start=a_start, actual_end=a_end,
                                     contractor=demo.contractor, supervisor=_SUPERVISOR)
            for position, name in enumerate(demo.estates):
                ProjectEstate.create(project=project, estate=estates[name], position=position)
            for position, (name, category, quantity, unit, yuan) in enumerate(demo.items):
                ProjectItem.create(project=project, position=position, name=name, category=category,
                                   quantity=quantity, unit=unit, planned_fen=yuan * 100)
            for source, planned, allocated, payments in demo.funds:
                fund = ProjectFund.create(project=project, source=source, planned_fen=planned * 100,
                                          allocated_fen=allocated * 100)
                start = date.fromisoformat(a_start) if a_start else today
                for number, yuan in enumerate(payments, start=1):
                    paid_on = min(start + timedelta(days=45 * number), today)
                    FundPayment.create(fund=fund, paid_on=paid_on.isoformat(), amount_fen=yuan * 100,
                                       voucher=f"{demo.code}-{source[:2]}-{number:02d}")
            audit.record("create", "project", project.uid, summary=f"示例项目 {demo.code} {demo.name}", actor=ACTOR)
            written += 1
    return written
