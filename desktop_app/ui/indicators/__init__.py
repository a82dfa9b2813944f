"""The district's indicators on screen (issue 10, 首页): figure cards and charts of a scope, plan years and
as-of date, and the records behind each figure."""

from desktop_app.ui.indicators.figures import Drill
from desktop_app.ui.indicators.panel import IndicatorsPanel
from desktop_app.ui.indicators.records import RecordsDialog, record_table

__all__ = ["Drill", "IndicatorsPanel", "RecordsDialog", "record_table"]
