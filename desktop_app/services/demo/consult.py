"""Consultations, opinions and complaints for the demo street (东湖街道), so the 征求意见 page has something
to show on first start: five events, about 200 household opinions and 40 hotline complaints.

Generated from a fixed seed with dates counted back from `today` (so the board shows a believable mix of
open, overdue and closed complaints whenever it is first run) and written through the services, so every
record is valid and audited. It writes only when the database has no consultation and no complaint yet.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.domain.complaints import CATEGORIES, CLOSED, HANDLING, REPLIED, TRANSFERRED
from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.models import Complaint, Consultation, Estate, db
from desktop_app.services.consult import (
    ComplaintDraft, EventDraft, OpinionDraft, advance, save_complaint, save_event, session_rooms, write_opinion,
)
from desktop_app.services.scope import Scope

SEED = "desktop-app 东湖街道 consultations demo 1"
ACTOR = "示例数据"
# demanded items with their weight; 加装电梯 weighs more on the upper floors, 屋面修缮 on the top floor
DEMANDS = {"加装电梯": 30, "雨污分流": 22, "停车设施": 20, "外墙修缮": 16, "适老化改造": 15, "照明改造": 12,
           "电动自行车充电设施": 12, "绿化改造": 10, "屋面修缮": 8, "安防设施改造": 8, "养老服务设施": 5}
TAGS = ("楼道堆物清理", "门禁维修", "晾衣架", "防盗窗")
# complaint categories weighted like the survey report's quarter (about 39% construction and quality)
CATEGORY_WEIGHTS = (10, 6, 6, 4, 5, 2, 5, 3)
TEXTS = {
    "施工管理": "施工单位晚上十点后仍在作业，影响休息", "质量安全": "新换的雨水管接口渗水，墙面发霉",
    "扬尘噪音": "拆除作业扬尘大，没有洒水降尘", "管线破坏": "开挖时挖断了小区的供水管，停水半天",
    "进度": "楼道改造停工两周，材料堆在楼下无人管", "资金": "询问加装电梯个人出资的分摊标准",
    "物业": "改造后路灯坏了没人修", "其他": "询问改造期间车辆停放安排",
}
REPLIES = ("已约谈施工单位，调整作业时间", "已责令整改并复查合格", "已现场核实并答复居民", "已协调相关单位处理完毕")


@dataclass(frozen=True)
class ConsultationDemoSummary:
    events: int
    opinions: int
    complaints: int


def _estate(name: str) -> Estate:
    return Estate.get(Estate.name == name)


def create_consultation_demo(today: date) -> ConsultationDemoSummary:
    """Write the demo's consultations, opinions and complaints (nothing when any already exist, or when the
    demo street is not there); dated back from `today`."""
    if Consultation.select().exists() or Complaint.select().exists():
        return ConsultationDemoSummary(0, 0, 0)
    names = {"杜鹃新村", "红岩新村", "梅岭小区"}
    if Estate.select().where(Estate.name.in_(list(names))).count() != len(names):
        return ConsultationDemoSummary(0, 0, 0)
    rng = random.Random(SEED)
    with db.atomic():
        events, opinions = _consultations(rng, today)
        complaints = _complaints(rng, today)
    return ConsultationDemoSummary(events, opinions, complaints)


def _consultations(rng: random.Random, today: date) -> tuple[int, int]:
    dujuan, hongyan, meiling = _estate("杜鹃新村"), _estate("红岩新村"), _estate("梅岭小区")
    street = dujuan.community.street
    plan = [  # kind, days ago, scope, title, place, attendance, share of rooms that answer
        ("座谈会", 75, Scope(ScopeLevel.ESTATE, dujuan.id), "杜鹃新村改造方案居民座谈会", "杜鹃社区党群服务中心", 36, 0),
        ("入户走访", 60, Scope(ScopeLevel.ESTATE, dujuan.id), "杜鹃新村改造需求入户走访", "杜鹃新村", 0, 50),
        ("问卷", 40, Scope(ScopeLevel.ESTATE, hongyan.id), "红岩新村改造内容问卷调查", "红岩新村", 0, 30),
        ("公示反馈", 20, Scope(ScopeLevel.STREET, street.id), "东湖街道老旧小区改造方案公示", "各小区公示栏", 0, 0),
        ("座谈会", 10, Scope(ScopeLevel.ESTATE, meiling.id), "梅岭小区加装电梯意向座谈会", "东霞社区活动室", 18, 0),
    ]
    catalogue_categories = _categories()
    opinions = 0
    for kind, days_ago, scope, title, place, attendance, percent in plan:
        held_on = today - timedelta(days=days_ago)
        event_id = save_event(EventDraft(kind=kind, held_on=held_on, scope=scope, title=title, place=place,
                                         organiser="东湖街道城建办" if scope.level is ScopeLevel.STREET else "社区居委会",
                                         attendance=attendance, minutes=f"{title}，记录居民意见与诉求。"))
        rooms = session_rooms(scope)
        for room in sorted(rng.sample(rooms, len(rooms) * percent // 100), key=lambda r: r.room_id):
            floor = int(room.number[:-2]) if room.number[:-2].isdigit() else 1
            write_opinion(_opinion(rng, room.room_id, floor, kind, held_on + timedelta(days=rng.randint(0, 6)),
                                   event_id), None, catalogue_categories, actor=ACTOR)
            opinions += 1
    return len(plan), opinions


def _categories() -> dict[str, str]:
    from desktop_app.services.catalogue import catalogue

    return {entry.name: entry.category for entry in catalogue(include_hidden=True)}


def _opinion(rng: random.Random, room_id: int, floor: int, channel: str, given_on: date, event_id: int) -> OpinionDraft:
    weights = {name: weight * (3 if name == "加装电梯" and floor >= 4 else 1) * (4 if name == "屋面修缮" and floor >= 6 else 1)
               for name, weight in DEMANDS.items()}
    chosen: list[str] = []
    for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
        name = rng.choices(list(weights), list(weights.values()))[0]
        if name not in chosen:
            chosen.append(name)
    stance = rng.choices(("支持", "有意见", "反对", ""), (70, 20, 6, 4))[0]
    tags = [rng.choice(TAGS)] if rng.random() < 0.12 else []
    text = "希望尽快加装电梯，老人上下楼困难" if "加装电梯" in chosen and floor >= 5 and rng.random() < 0.3 else ""
    return OpinionDraft(room_id, person=rng.choice(("户主", "户主配偶", "租户", "子女")), channel=channel,
                        given_on=given_on, stance=stance, demands=chosen, tags=tags, text=text,
                        consultation_id=event_id)


def _complaints(rng: random.Random, today: date) -> int:
    rooms = [room for name in ("杜鹃新村", "红岩新村", "梅岭小区", "双园新村")
             for room in session_rooms(Scope(ScopeLevel.ESTATE, _estate(name).id))]
    count = 40
    for index in range(count):
        received = today - timedelta(days=120 - index * 3)
        category = rng.choices(CATEGORIES, CATEGORY_WEIGHTS)[0]
        room = rng.choice(rooms)
        source = rng.choices(("12345", "来访", "来电"), (7, 2, 1))[0]
        complaint_id = save_complaint(ComplaintDraft(
            ticket_no=f"SM{received:%Y%m%d}{index + 1:04d}" if source == "12345" else "", source=source,
            received_at=received, category=category, estate_id=room.estate_id, room_id=room.room_id,
            complainant=rng.choice(("陈女士", "林先生", "黄女士", "郑先生", "吴阿姨", "刘先生")),
            phone=f"13{rng.randint(500000000, 999999999)}", text=TEXTS[category]), actor=ACTOR, today=today)
        _follow(rng, complaint_id, received, today)
    return count


def _follow(rng: random.Random, complaint_id: int, received: date, today: date) -> None:
    """Older complaints are mostly closed (a few late), recent ones still in hand."""
    age = (today - received).days
    day = received
    for step, chance in ((TRANSFERRED, 0.9), (HANDLING, 0.85), (REPLIED, 0.8), (CLOSED, 0.9)):
        day = day + timedelta(days=rng.randint(1, 8 if step != HANDLING else 12))
        if day > today or (age < 25 and step in (REPLIED, CLOSED)) or rng.random() > chance:
            return
        reply = rng.choice(REPLIES) if step in (REPLIED, CLOSED) else None
        satisfaction = rng.choices(("满意", "基本满意", "不满意"), (6, 3, 1))[0] if step == CLOSED else None
        advance(complaint_id, step, day, ACTOR, reply=reply, satisfaction=satisfaction,
                                  today=today)
