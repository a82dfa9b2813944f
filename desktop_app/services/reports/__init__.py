"""The district report (issue 11): its facts gathered from the database for a scope, plan years and an
as-of date (`report_data`), and who and which installation makes it.

Other features use reports through these names only."""

from desktop_app.services.reports.gather import installation, period, report_data

__all__ = ["installation", "period", "report_data"]
