"""Complaints on a real database: validation, the 受理 step and due date, steps forward only, listing, audit."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from desktop_app.domain.setting_definitions import DUE_WORKING_DAYS
from desktop_app.models import AuditLog, Complaint, ComplaintStep
from desktop_app.services import calendar, settings
from desktop_app.services.consult.complaints import (
    OPEN, ComplaintDraft, ComplaintError, ValidationError, advance, complaint_detail, complaint_errors,
    delete_complaint, list_complaints, save_complaint, set_satisfaction,
)
from desktop_app.services.scope import Scope
from tests.services.consult.consultation_city import build_city


@pytest.fixture
def city(database):
    return build_city()


def draft(**changes) -> ComplaintDraft:
    values = dict(ticket_no="GD2024050600001", received_at=date(2024, 5, 6), category="施工管理",
                  complainant="李先生", phone="13800138000", text="夜间施工噪音")
    values.update(changes)
    return ComplaintDraft(**values)


def test_complaint_errors_name_each_field(city):
    save_complaint(draft(), today=date.today())
    errors = complaint_errors(draft(source="微信", received_at=None, category="", estate_id=city.b.id,
                                    room_id=city.rooms["A 1-1-101"], phone="12345", due_on=date(2024, 5, 1)), today=date.today())
    assert set(errors) == {"ticket_no", "source", "received_at", "category", "room_id", "phone"}
    assert "已登记" in errors["ticket_no"] and errors["category"] == "请选择投诉类别"
    assert errors["room_id"] == "所选房屋不在所选小区内"
    assert complaint_errors(draft(ticket_no="X2", category="噪音"), today=date.today())["category"].startswith("投诉类别“噪音”无效")
    assert complaint_errors(draft(ticket_no="X3", due_on=date(2024, 5, 1)), today=date.today())["due_on"] == \
        "办理期限 2024-05-01 早于受理日期 2024-05-06"
    assert complaint_errors(draft(ticket_no="X4", estate_id=999), today=date.today())["estate_id"] == "所选小区已不存在"
    with pytest.raises(ValidationError):
        save_complaint(draft(), today=date.today())  # the same ticket number twice
    assert Complaint.select().count() == 1


def test_a_new_complaint_is_received_with_the_city_due_date(city):
    first = save_complaint(draft(room_id=city.rooms["A 2-101"]), today=date.today())
    row = Complaint.get_by_id(first)
    assert row.estate_id == city.a.id  # taken from the room
    # 15 working days after Mon 6 May 2024 (Sat 11 May was a make-up workday, §8; the old code ignored it)
    assert row.due_on == "2024-05-24" and row.status == "受理" and row.phone == "13800138000"
    assert [(s.step, s.on_date) for s in ComplaintStep.select()] == [("受理", "2024-05-06")]
    settings.set_value(DUE_WORKING_DAYS, 5)
    calendar.add_holiday(date(2024, 5, 7), "放假")
    second = save_complaint(draft(ticket_no="", source="来访", received_at=datetime(2024, 5, 6, 9, 30)), today=date.today())
    row = Complaint.get_by_id(second)
    # 5 working days: 7 May entered as a holiday, Sat 11 May worked
    assert row.due_on == "2024-05-13" and row.ticket_no is None and row.received_at == "2024-05-06T09:30"
    third = save_complaint(draft(ticket_no="", source="来电", due_on=date(2024, 6, 30)), today=date.today())
    assert Complaint.get_by_id(third).due_on == "2024-06-30"  # walk-ins without a number may be many
    assert [a.action for a in AuditLog.select().where(AuditLog.table_name == "complaint")] == ["create"] * 3


def test_steps_move_forward_only_and_close_with_a_reply(city):
    complaint = save_complaint(draft(), today=date.today())
    advance(complaint, "转办", date(2024, 5, 8), actor="街道城建办", note="转施工单位", today=date.today())
    with pytest.raises(ComplaintError, match="只能向后"):
        advance(complaint, "受理", date(2024, 5, 7), today=date.today())
    with pytest.raises(ComplaintError, match="早于上一环节“转办”"):
        advance(complaint, "办理", date(2024, 5, 7), today=date.today())
    with pytest.raises(ComplaintError, match="办结前须填写答复"):
        advance(complaint, "办结", date(2024, 5, 9), today=date.today())
    with pytest.raises(ComplaintError, match="满意度"):
        advance(complaint, "答复", date(2024, 5, 9), reply="已调整施工时间", satisfaction="一般", today=date.today())
    advance(complaint, "答复", date(2024, 5, 9), reply="已调整施工时间", today=date.today())  # 办理 skipped
    step = advance(complaint, "办结", date(2024, 5, 10), satisfaction="满意", today=date.today())
    assert step.step == "办结" and step.actor  # the operator when no actor is given
    row = Complaint.get_by_id(complaint)
    assert (row.status, row.reply, row.satisfaction, row.closed_on) == ("办结", "已调整施工时间", "满意", "2024-05-10")
    with pytest.raises(ComplaintError, match="已办结"):
        advance(complaint, "办结", date(2024, 5, 11), reply="x", today=date.today())
    detail = complaint_detail(complaint, today=date(2024, 6, 1))
    assert [(s.step, s.on_date.isoformat(), s.actor, s.note) for s in detail.steps][:2] == [
        ("受理", "2024-05-06", detail.steps[0].actor, ""), ("转办", "2024-05-08", "街道城建办", "转施工单位")]
    assert [s.step for s in detail.steps] == ["受理", "转办", "答复", "办结"]
    assert detail.phone == "13800138000" and detail.row.phone_masked == "138****8000"
    assert detail.row.overdue_state == "" and detail.row.closed
    changes = [json.loads(a.changes) for a in AuditLog.select().where(AuditLog.action == "update")]
    assert changes[-1] == {"status": ["答复", "办结"], "satisfaction": ["", "满意"], "closed_on": [None, "2024-05-10"]}


def test_a_step_before_receipt_is_refused_and_nothing_is_written(city):
    complaint = save_complaint(draft(), today=date.today())
    with pytest.raises(ComplaintError, match="早于受理日期"):
        advance(complaint, "办理", date(2024, 5, 1), today=date.today())
    assert ComplaintStep.select().count() == 1 and Complaint.get_by_id(complaint).status == "受理"


def test_editing_the_particulars_keeps_the_steps_consistent(city):
    complaint = save_complaint(draft(), today=date.today())
    advance(complaint, "办理", date(2024, 5, 8), today=date.today())
    detail = complaint_detail(complaint, today=date.today())
    assert detail.draft() == draft(due_on=date(2024, 5, 24))
    moved = draft(received_at=date(2024, 5, 7), due_on=date(2024, 5, 24), category="质量安全")
    save_complaint(moved, complaint, today=date.today())
    assert complaint_detail(complaint, today=date.today()).steps[0].on_date == date(2024, 5, 7)
    assert complaint_errors(draft(received_at=date(2024, 5, 9)), complaint, today=date.today())["received_at"] == \
        "受理日期晚于已登记的“办理”日期 2024-05-08"
    count = AuditLog.select().count()
    save_complaint(moved, complaint, today=date.today())  # unchanged: nothing written
    assert AuditLog.select().count() == count
    set_satisfaction(complaint, "不满意")
    assert Complaint.get_by_id(complaint).satisfaction == "不满意"
    with pytest.raises(ComplaintError):
        set_satisfaction(complaint, "还行")
    delete_complaint(complaint)
    assert Complaint.select().count() == 0 and ComplaintStep.select().count() == 0
    assert AuditLog.select().order_by(AuditLog.id.desc()).first().action == "delete"


@pytest.fixture
def board(city):
    """Six complaints over three estates, due 2024-05-20 unless said otherwise."""
    due = date(2024, 5, 20)
    specs = [  # ticket, received, category, place, closed on (with a reply)
        ("T1", date(2024, 5, 1), "施工管理", ("room", "A 1-1-101"), None),  # open, overdue on 06-01
        ("T2", date(2024, 5, 2), "质量安全", ("room", "A 2-103"), date(2024, 5, 20)),  # closed on the due date
        ("T3", date(2024, 5, 3), "扬尘噪音", ("estate", "b"), date(2024, 5, 21)),  # closed late
        ("T4", date(2024, 6, 1), "施工管理", ("estate", "c"), None),  # open, due later
        ("T5", date(2024, 5, 4), "物业", ("room", "A 1-2-102"), None),
        ("T6", date(2024, 5, 5), "其他", None, None),  # no estate
    ]
    ids = {}
    for ticket, received, category, place, closed in specs:
        kwargs = {}
        if place and place[0] == "room":
            kwargs["room_id"] = city.rooms[place[1]]
        elif place:
            kwargs["estate_id"] = getattr(city, place[1]).id
        ids[ticket] = save_complaint(draft(ticket_no=ticket, received_at=received, category=category,
                                           due_on=due if ticket != "T4" else date(2024, 6, 30), **kwargs), today=date.today())
        if closed:
            advance(ids[ticket], "办结", closed, reply="已处理", today=date.today())
    advance(ids["T5"], "办理", date(2024, 5, 6), today=date.today())
    return ids


def tickets(rows):
    return [row.ticket_no for row in rows]


TODAY = date(2024, 6, 1)


def test_list_complaints_filters(city, board):
    assert tickets(list_complaints(today=TODAY)) == ["T4", "T6", "T5", "T3", "T2", "T1"]
    assert tickets(list_complaints(Scope("estate", city.a.id), today=TODAY)) == ["T5", "T2", "T1"]
    assert tickets(list_complaints(Scope("community", city.dujuan.id), today=TODAY)) == ["T5", "T3", "T2", "T1"]
    assert tickets(list_complaints(Scope("street", city.street.id), today=TODAY)) == ["T4", "T5", "T3", "T2", "T1"]
    assert tickets(list_complaints(Scope("building", city.building(city.a, "1").id), today=TODAY)) == ["T5", "T1"]
    assert tickets(list_complaints(status="办结", today=TODAY)) == ["T3", "T2"]
    assert tickets(list_complaints(status=OPEN, today=TODAY)) == ["T4", "T6", "T5", "T1"]
    assert tickets(list_complaints(status="办理", today=TODAY)) == ["T5"]
    assert tickets(list_complaints(category="施工管理", today=TODAY)) == ["T4", "T1"]
    assert tickets(list_complaints(start=date(2024, 5, 2), end=date(2024, 5, 4), today=TODAY)) == ["T5", "T3", "T2"]
    assert tickets(list_complaints(overdue_only=True, today=TODAY)) == ["T6", "T5", "T3", "T1"]
    assert tickets(list_complaints(overdue_only=True, today=date(2024, 5, 20))) == ["T3"]  # due today is not late
    assert tickets(list_complaints(overdue_only=True, today=date(2024, 5, 21))) == ["T6", "T5", "T3", "T1"]
    states = {row.ticket_no: row.overdue_state for row in list_complaints(today=TODAY)}
    assert states == {"T1": "逾期未办结", "T2": "", "T3": "超期办结", "T4": "", "T5": "逾期未办结", "T6": "逾期未办结"}
    flagged = [row.ticket_no for row in list_complaints(today=TODAY) if row.overdue]
    assert flagged == tickets(list_complaints(overdue_only=True, today=TODAY))


def test_rows_say_where_and_mask_the_phone(city, board):
    rows = {row.ticket_no: row for row in list_complaints(today=TODAY)}
    assert (rows["T1"].estate, rows["T1"].room) == ("杜鹃新村", "1号楼1单元101室")
    assert (rows["T2"].room, rows["T3"].estate, rows["T3"].room, rows["T6"].estate) == ("2号楼103室", "双园新村", "", "")
    assert rows["T1"].phone_masked == "138****8000" and rows["T1"].received_on == date(2024, 5, 1)


def test_dates_after_today_are_typing_errors(city):
    today = date(2024, 5, 10)
    assert complaint_errors(draft(received_at=date(2024, 5, 11)), today=today)["received_at"] == \
        "受理日期 2024-05-11 晚于今天"
    assert "received_at" not in complaint_errors(draft(received_at=today), today=today)
    with pytest.raises(ValidationError):
        save_complaint(draft(received_at=date(2024, 5, 11)), today=today)
    complaint = save_complaint(draft(), today=today)
    with pytest.raises(ComplaintError, match="晚于今天"):
        advance(complaint, "办理", date(2024, 5, 11), today=today)
    advance(complaint, "办理", today, today=today)


def test_a_complaint_deleted_elsewhere_is_a_message_not_a_crash(city):
    complaint_id = save_complaint(ComplaintDraft(ticket_no="GONE-1", received_at=date(2024, 4, 1), category="物业",
                                                 estate_id=city.a.id), today=date.today())
    delete_complaint(complaint_id)
    for act in (lambda: complaint_detail(complaint_id, today=date.today()), lambda: delete_complaint(complaint_id),
                lambda: advance(complaint_id, "转办", date(2024, 4, 2), today=date.today())):
        with pytest.raises(ComplaintError, match="该投诉已不存在"):
            act()
