"""征求意见: events, door-to-door entry, demand summary, households not reached, complaints, figures, files."""

from desktop_app.ui.consult.page import ConsultationsPage

__all__ = ["ConsultationsPage"]
