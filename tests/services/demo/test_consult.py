"""The demo's consultations, opinions and complaints: written once, the same on every run, and valid."""

from __future__ import annotations

from datetime import date

from desktop_app.models import (
    AuditLog, Complaint, ComplaintStep, Consultation, Opinion, OpinionDemand, open_database,
)
from desktop_app.services.consult.complaints import list_complaints
from desktop_app.services.demo.consult import create_consultation_demo
from desktop_app.services.consult.figures import district_figures
from desktop_app.services.demo.street import create_demo, demo_scope

TODAY = date(2026, 11, 25)
MODELS = (Consultation, Opinion, OpinionDemand, Complaint, ComplaintStep)
VOLATILE = {"uid", "created_at", "updated_at", "origin", "entered_by", "actor"}


def contents() -> dict[str, list[tuple]]:
    found = {}
    for model in MODELS:
        columns = [f for f in model._meta.sorted_fields if f.name not in VOLATILE]
        found[model.__name__] = list(model.select(*columns).order_by(model._meta.primary_key).tuples())
    return found


def test_nothing_without_the_demo_street(database):
    assert create_consultation_demo(TODAY).events == 0
    assert Consultation.select().count() == 0


def demo_roll_only() -> None:
    """The demo street without its consultation round (create_demo writes both)."""
    create_demo(today=date.today())
    for model in (OpinionDemand, Opinion, ComplaintStep, Complaint, Consultation):
        model.delete().execute()
    AuditLog.delete().where(AuditLog.table_name.in_(["opinion", "complaint", "consultation"])).execute()


def test_the_demo_writes_its_round_once(database):
    create_demo(today=date.today())
    assert Consultation.select().count() == 5 and Complaint.select().count() == 40
    first = contents()
    create_demo(today=date.today())
    assert create_consultation_demo(TODAY).events == 0 and contents() == first  # a second run changes nothing


def test_the_demo_round_is_the_same_every_time(database, tmp_path):
    demo_roll_only()
    summary = create_consultation_demo(TODAY)
    assert (summary.events, summary.complaints) == (5, 40) and 180 <= summary.opinions <= 220
    first = contents()
    assert AuditLog.select().where(AuditLog.table_name == "opinion").count() == summary.opinions
    other = open_database(tmp_path / "other.sqlite3")
    try:
        demo_roll_only()
        assert Consultation.select().count() == 0
        assert create_consultation_demo(TODAY).opinions == summary.opinions
        assert contents() == first
    finally:
        other.close()


def test_the_demo_gives_every_figure_something_to_show(database):
    demo_roll_only()
    create_consultation_demo(TODAY)
    figures = district_figures(demo_scope(), today=TODAY)
    assert figures.consultations == 5 and figures.complaints == 40
    assert 0 < figures.households_reached < figures.rooms
    assert 0 < figures.construction_quality < figures.complaints
    assert figures.closed and figures.overdue_open and figures.average_days_to_close is not None
    rows = list_complaints(today=TODAY)
    assert {row.status for row in rows} >= {"受理", "办理", "办结"}
    assert all(row.reply for row in rows if row.closed)
