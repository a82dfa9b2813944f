"""Importing hotline tickets into a real database: matching, counting, idempotence, steps, audit."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.errors import Cancelled
from desktop_app.exchange.ticket_reader import read_tickets
from desktop_app.models import AuditLog, Building, Community, Complaint, ComplaintStep, Estate, Room, Street, Unit
from desktop_app.services.consult.tickets import (
    TicketImportError, apply_ticket_import, preview_ticket_import,
)
from tests.exchange.ticket_workbooks import changed, sample_tickets, write_tickets

TODAY = date(2024, 6, 1)


@pytest.fixture
def places(database):
    street = Street.create(name="东街街道")
    community = Community.create(street=street, name="幸福里社区")
    happy = Estate.create(community=community, code="350402001", name="幸福里小区")
    peace = Estate.create(community=community, code="350402002", name="和平小区")
    unit = Unit.create(building=Building.create(estate=happy, name="3"), name="1")
    rooms = {n: Room.create(unit=unit, number=n, area_centi=8000) for n in ("502", "101")}
    Room.create(unit=Unit.create(building=Building.create(estate=peace, name="1"), name="1"), number="101",
                area_centi=5000)
    return {"happy": happy, "peace": peace, "rooms": rooms}


def preview(path, **kwargs):
    return preview_ticket_import(read_tickets(path, **kwargs), today=TODAY)


def steps_of(ticket_no):
    complaint = Complaint.get(Complaint.ticket_no == ticket_no)
    return [(s.step, s.on_date) for s in ComplaintStep.select().where(ComplaintStep.complaint == complaint)
            .order_by(ComplaintStep.id)]


def test_preview_matches_estates_and_rooms_and_writes_nothing(places, tmp_path):
    result = preview(write_tickets(tmp_path / "t.xlsx", sample_tickets()))
    assert (result.new, result.updated, result.unchanged) == (5, 0, 0) and result.errors == []
    noise, quality, pipe, lamp, unknown = result.plans
    assert (noise.estate_id, noise.room_id) == (places["happy"].id, places["rooms"]["502"].id)
    assert quality.room_id == places["rooms"]["101"].id
    assert (pipe.estate_id, pipe.room_id) == (places["peace"].id, None)
    assert (lamp.estate_id, lamp.estate_name) == (places["happy"].id, "幸福里小区")  # named inside an address
    assert unknown.estate_id is None and unknown.values["address"] == "某某花园"
    warning = next(w for w in result.warnings if w.row == 7)
    assert (warning.column, warning.value) == ("小区（D列）", "某某花园") and "只保留地址" in warning.reason
    assert Complaint.select().count() == 0


def test_apply_then_reimport_changes_nothing(places, tmp_path):
    path = write_tickets(tmp_path / "t.xlsx", sample_tickets())
    summary = apply_ticket_import(preview(path))
    assert (summary.created, summary.updated, summary.unchanged) == (5, 0, 0)
    assert Complaint.select().count() == 5
    quality = Complaint.get(Complaint.ticket_no == "GD2024050700002")
    assert (quality.status, quality.reply, quality.satisfaction, quality.category) == \
        ("办结", "已督促施工单位返工", "满意", "质量安全")
    assert quality.received_at == "2024-05-07T14:05" and quality.closed_on == "2024-06-01"
    assert steps_of("GD2024050700002") == [("受理", "2024-05-07"), ("转办", "2024-06-01"), ("办理", "2024-06-01"),
                                           ("答复", "2024-06-01"), ("办结", "2024-06-01")]
    lamp = Complaint.get(Complaint.ticket_no == "GD2024050900004")
    # no 办理时限: the default 15 working days after 2024-05-09 (Sat 11 May 2024 was a make-up workday, §8)
    assert lamp.due_on == "2024-05-29"
    assert steps_of("GD2024050900004") == [("受理", "2024-05-09")]
    audits = AuditLog.select().where(AuditLog.table_name == "complaint").count()
    again = preview(path)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 5)
    summary = apply_ticket_import(again)
    assert (summary.created, summary.updated, summary.unchanged, summary.steps_added) == (0, 0, 5, 0)
    assert Complaint.select().count() == 5 and ComplaintStep.select().count() == 3 + 5 + 2 + 1 + 1
    assert AuditLog.select().where(AuditLog.table_name == "complaint").count() == audits


def test_a_changed_status_updates_and_adds_the_missing_steps_once(places, tmp_path):
    path = write_tickets(tmp_path / "t.xlsx", sample_tickets())
    apply_ticket_import(preview(path))
    rows = changed(sample_tickets(), "GD2024050600001", 状态="已办结", 回复内容="已限定施工时间", 满意度="基本满意")
    headers = ("工单号", "来电时间", "问题分类", "小区", "房号", "来电内容", "办理时限", "状态", "回复内容", "满意度",
               "来电人", "来电号码", "办结时间")
    rows = [row + (("2024-06-05",) if row[0] == "GD2024050600001" else (None,)) for row in rows]
    second = write_tickets(tmp_path / "t2.xlsx", rows, headers=headers)
    result = preview(second)
    assert (result.new, result.updated, result.unchanged) == (0, 1, 4)
    plan = next(p for p in result.plans if p.kind == "更新")
    assert plan.values == {"status": "办结", "closed_on": "2024-06-05", "reply": "已限定施工时间",
                           "satisfaction": "基本满意"}
    assert plan.old["status"] == "办理"
    summary = apply_ticket_import(result)
    assert (summary.updated, summary.steps_added) == (1, 2)
    assert steps_of("GD2024050600001") == [("受理", "2024-05-06"), ("转办", "2024-06-01"), ("办理", "2024-06-01"),
                                           ("答复", "2024-06-05"), ("办结", "2024-06-05")]
    assert Complaint.select().count() == 5
    record = Complaint.get(Complaint.ticket_no == "GD2024050600001")
    assert (record.status, record.closed_on, record.satisfaction) == ("办结", "2024-06-05", "基本满意")
    log = AuditLog.select().where(AuditLog.record_uid == record.uid).order_by(AuditLog.id.desc()).first()
    assert log.action == "update" and "办结" in log.changes
    assert preview(second).unchanged == 5
    # an older export (status behind the record) never moves a ticket back
    back = preview(path)
    assert back.unchanged == 5 and any("状态不回退" in w.reason for w in back.warnings)


def test_errors_refuse_the_import_unless_only_valid(places, tmp_path):
    rows = changed(sample_tickets(), "GD2024050600001", 来电时间="下周一")
    result = preview(write_tickets(tmp_path / "t.xlsx", rows))
    assert len(result.errors) == 1 and result.new == 4
    with pytest.raises(TicketImportError, match="1 处错误"):
        apply_ticket_import(result)
    assert Complaint.select().count() == 0
    assert apply_ticket_import(result, only_valid=True).created == 4


def test_cancel_rolls_back(places, tmp_path):
    result = preview(write_tickets(tmp_path / "t.xlsx", sample_tickets()))
    with pytest.raises(Cancelled):
        apply_ticket_import(result, progress=lambda done, total: done < 3)
    assert Complaint.select().count() == 0 and ComplaintStep.select().count() == 0


def test_room_not_in_the_estate_is_a_warning_and_the_address_is_kept(places, tmp_path):
    rows = changed(sample_tickets(), "GD2024050600001", 房号="9-9-909")
    result = preview(write_tickets(tmp_path / "t.xlsx", rows))
    plan = result.plans[0]
    assert plan.room_id is None and plan.estate_id == places["happy"].id
    assert plan.values["address"] == "幸福里小区 9-9-909"
    warning = next(w for w in result.warnings if w.row == 3)
    assert warning.column == "房号（E列）" and "没有这间房屋" in warning.reason


def test_estate_by_code_and_by_name_without_the_word_xiaoqu(places, tmp_path):
    rows = changed(sample_tickets(), "GD2024050600001", 小区="350402001")
    rows = changed(rows, "GD2024050700002", 小区="幸福里")
    result = preview(write_tickets(tmp_path / "t.xlsx", rows))
    assert result.plans[0].estate_id == result.plans[1].estate_id == places["happy"].id


def test_a_closed_ticket_without_dates_or_reply_is_pointed_out(places, tmp_path):
    rows = changed(sample_tickets(), "GD2024050700002", 回复内容="")
    result = preview(write_tickets(tmp_path / "t.xlsx", rows))
    notes = [w for w in result.warnings if w.row == 4]
    assert any("没有办结日期和答复日期" in w.reason and "2024-06-01" in w.reason for w in notes)
    assert any("没有答复内容" in w.reason and w.column.startswith("回复内容") for w in notes)
    assert not [w for w in result.warnings if w.row == 3 and "办结" in w.reason]  # an open ticket is fine
