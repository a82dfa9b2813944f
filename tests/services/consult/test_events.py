"""Consultation events and household opinions on a real database: validation, audit, idempotent demands."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from desktop_app.models import AuditLog, Consultation, Opinion, OpinionDemand
from desktop_app.services import catalogue
from desktop_app.services.consult.events import (
    EventDraft, OpinionDraft, ValidationError, delete_event, delete_opinion, event, event_draft, event_errors,
    event_warnings, list_events, opinion, opinion_errors, opinions_of_room, record_opinion, save_event,
)
from desktop_app.services.scope import ALL, Scope
from tests.services.consult.consultation_city import build_city


@pytest.fixture
def city(database):
    return build_city()


def audits(table: str) -> list[AuditLog]:
    return list(AuditLog.select().where(AuditLog.table_name == table).order_by(AuditLog.id))


def test_event_errors_name_each_field(city):
    errors = event_errors(EventDraft(kind="电话会", held_on=None, scope=Scope("estate", 999), attendance=-1,
                                     attachments=["  "]))
    assert set(errors) == {"kind", "held_on", "scope", "attendance", "attachments"}
    assert "电话会" in errors["kind"] and "日期" in errors["held_on"]
    with pytest.raises(ValidationError) as raised:
        save_event(EventDraft(held_on=None))
    assert set(raised.value.errors) == {"held_on"}
    assert Consultation.select().count() == 0


def test_events_saved_listed_by_scope_and_period_and_audited(city, tmp_path):
    minutes = tmp_path / "纪要.docx"
    minutes.write_bytes(b"x")
    estate_a = Scope("estate", city.a.id)
    draft = EventDraft(kind="座谈会", held_on=date(2024, 5, 8), scope=estate_a, title="改造方案座谈会", place="社区活动室",
                       organiser="杜鹃社区", attendance=23, minutes="居民关心加装电梯",
                       attachments=[str(minutes), str(tmp_path / "照片.jpg")])
    assert event_warnings(draft) == [f"附件“{tmp_path / '照片.jpg'}”不存在（可能已移动或在其他电脑上）"]
    first = save_event(draft)
    row = Consultation.get_by_id(first)
    assert json.loads(row.attachments) == [str(minutes), str(tmp_path / "照片.jpg")]
    assert row.estate_id == city.a.id and row.scope_label == "东湖街道 › 杜鹃社区 › 杜鹃新村"
    building = Scope("building", city.building(city.a, "2").id)
    second = save_event(EventDraft(kind="入户走访", held_on=date(2024, 6, 1), scope=building))
    street_wide = save_event(EventDraft(kind="问卷", held_on=date(2024, 5, 20), scope=Scope("street", city.street.id)))
    other = save_event(EventDraft(kind="线上", held_on=date(2024, 5, 9), scope=Scope("estate", city.c.id)))

    def ids(*args, **kwargs):
        return [e.id for e in list_events(*args, **kwargs)]

    assert ids(ALL) == [second, street_wide, other, first]  # newest first
    assert ids(estate_a) == [second, first]
    assert ids(estate_a, covering=True) == [second, street_wide, first]
    assert ids(Scope("community", city.dujuan.id)) == [second, first]
    assert ids(Scope("street", city.street.id)) == [second, street_wide, other, first]
    assert ids(building) == [second]
    assert ids(ALL, date(2024, 5, 9), date(2024, 5, 20)) == [street_wide, other]  # both ends included
    assert event_draft(first) == draft
    assert event(first).attendance == 23

    assert save_event(draft, first) == first  # unchanged: nothing written
    assert len(audits("consultation")) == 4
    save_event(EventDraft(**{**draft.__dict__, "attendance": 25}), first)
    last = audits("consultation")[-1]
    assert last.action == "update" and json.loads(last.changes) == {"attendance": [23, 25]}


def test_deleting_an_event_keeps_its_opinions(city):
    held = save_event(EventDraft(kind="入户走访", held_on=date(2024, 5, 8), scope=Scope("estate", city.a.id)))
    kept = record_opinion(OpinionDraft(city.rooms["A 1-1-101"], given_on=date(2024, 5, 8), consultation_id=held), today=date.today())
    assert event(held).opinions == 1
    delete_event(held)
    assert Consultation.select().count() == 0
    assert Opinion.get_by_id(kept).consultation_id is None
    assert audits("consultation")[-1].action == "delete"


def test_opinion_errors(city):
    catalogue.catalogue()
    held = save_event(EventDraft(kind="座谈会", held_on=date(2024, 5, 8), scope=Scope("estate", city.b.id)))
    errors = opinion_errors(OpinionDraft(None, channel="电话", given_on=None, stance="同意", demands=["装泳池"],
                                         tags=["x" * 41]), today=date.today())
    assert set(errors) == {"room_id", "channel", "given_on", "stance", "demands", "tags"}
    assert "装泳池" in errors["demands"] and "自定义" in errors["demands"]
    outside = opinion_errors(OpinionDraft(city.rooms["A 1-1-101"], given_on=date(2024, 5, 8), consultation_id=held), today=date.today())
    assert outside == {"room_id": "该房屋不在活动范围（东湖街道 › 杜鹃社区 › 双园新村）内"}
    assert opinion_errors(OpinionDraft(city.rooms["B 1-1-101"], given_on=date(2024, 5, 8), consultation_id=held), today=date.today()) == {}
    with pytest.raises(ValidationError):
        record_opinion(OpinionDraft(city.rooms["A 1-1-101"], given_on=None), today=date.today())
    tomorrow = date.today() + timedelta(days=1)
    assert opinion_errors(OpinionDraft(city.rooms["A 1-1-101"], given_on=tomorrow), today=date.today()) == {
        "given_on": f"意见日期 {tomorrow.isoformat()} 晚于今天"}
    assert Opinion.select().count() == 0


def test_demands_are_stored_once_with_their_category(city):
    room = city.rooms["A 1-1-101"]
    draft = OpinionDraft(room, person="张阿姨", given_on=date(2024, 5, 8), stance="有意见",
                         demands=["加装电梯", "雨污分流", "加装电梯"], tags=["楼道灯", " 楼道灯", "停车设施", ""],
                         text="希望先修屋顶")
    first = record_opinion(draft, today=date.today())
    stored = opinion(first)
    assert [(d.name, d.category) for d in stored.demands] == [
        ("加装电梯", "完善类"), ("雨污分流", "基础类"), ("楼道灯", ""), ("停车设施", "完善类")]
    assert stored.catalogue_demands == ["加装电梯", "雨污分流", "停车设施"] and stored.tags == ["楼道灯"]
    assert stored.entered_by and stored.person == "张阿姨"
    count = len(audits("opinion"))
    assert record_opinion(draft, first, today=date.today()) == first  # the same form again: nothing written
    assert OpinionDemand.select().count() == 4 and len(audits("opinion")) == count
    record_opinion(OpinionDraft(**{**draft.__dict__, "demands": ["加装电梯"], "tags": []}), first, today=date.today())
    assert [d.name for d in opinion(first).demands] == ["加装电梯"]
    change = json.loads(audits("opinion")[-1].changes)
    assert change == {"demands": [["加装电梯", "雨污分流", "楼道灯", "停车设施"], ["加装电梯"]]}


def test_a_hidden_catalogue_item_keeps_its_category(city):
    catalogue.set_hidden("加装电梯", True)
    first = record_opinion(OpinionDraft(city.rooms["A 1-1-101"], given_on=date(2024, 5, 8), demands=["加装电梯"]), today=date.today())
    assert opinion(first).demands[0].category == "完善类"


def test_opinions_of_a_room_latest_first_and_delete_audited(city):
    room = city.rooms["A 1-1-102"]
    early = record_opinion(OpinionDraft(room, given_on=date(2024, 5, 1), stance="反对"), today=date.today())
    late = record_opinion(OpinionDraft(room, given_on=date(2024, 6, 1), stance="支持"), today=date.today())
    same_day = record_opinion(OpinionDraft(room, given_on=date(2024, 6, 1), stance="有意见"), today=date.today())
    assert [o.id for o in opinions_of_room(room)] == [same_day, late, early]
    delete_opinion(same_day)
    assert [o.id for o in opinions_of_room(room)] == [late, early]
    assert [a.action for a in audits("opinion")] == ["create", "create", "create", "delete"]
    assert "杜鹃新村 1号楼1单元102室" in audits("opinion")[-1].summary


def test_an_opinion_deleted_elsewhere_is_a_message_not_a_crash(city):
    from desktop_app.services.consult.opinions import ValidationError, delete_opinion, opinion

    opinion_id = record_opinion(OpinionDraft(city.rooms["A 1-1-101"], given_on=date(2024, 5, 10)), today=date.today())
    delete_opinion(opinion_id)
    for act in (lambda: opinion(opinion_id), lambda: delete_opinion(opinion_id)):
        with pytest.raises(ValidationError, match="该意见已不存在"):
            act()
