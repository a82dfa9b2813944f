"""Sync between installations (issue 11 item 3): what an export holds, the merge of an imported file
(preview, then apply with the user's choices), and the history of exchanges.

Other features and the layers above use sync through these names only."""

from desktop_app.services.sync.export import ExportInfo, export_info, log_export, table_rows, tombstone_rows
from desktop_app.services.sync.tables import MARKERS, ORDERED, TABLES, Column, SyncTable

__all__ = [
    "Column", "ExportInfo", "MARKERS", "ORDERED", "SyncTable", "TABLES", "export_info", "log_export",
    "table_rows", "tombstone_rows",
]
