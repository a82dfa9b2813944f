"""The district report (issue 11 items 1 and 2): write the report of a scope, and merge reports — a preview
(the communities found, the duplicates and which report is kept, the files refused and why) and then the
merged workbook. The window's 数据交换 page and `desktop-app district-report` / `merge-reports` run these."""

from desktop_app.operations.reports.merging import (
    DuplicateNote, InputReport, MergePreview, MergeWritten, Refused, preview_merge, write_merged,
)
from desktop_app.operations.reports.writing import ReportWritten, write_district_report

__all__ = ["DuplicateNote", "InputReport", "MergePreview", "MergeWritten", "Refused", "ReportWritten",
           "preview_merge", "write_district_report", "write_merged"]
