"""Consultations: events, household opinions and demands, complaints and hotline tickets, figures, registers.

Other features use consultations through these names only."""

from desktop_app.services.consult.complaints import ComplaintDraft, advance, save_complaint
from desktop_app.services.consult.events import EventDraft, save_event
from desktop_app.services.consult.figures import district_figures
from desktop_app.services.consult.opinion_session import session_rooms
from desktop_app.services.consult.opinions import OpinionDraft, write_opinion

__all__ = [
    "ComplaintDraft", "EventDraft", "OpinionDraft", "advance", "district_figures", "save_complaint", "save_event",
    "session_rooms", "write_opinion",
]
