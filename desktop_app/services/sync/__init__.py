"""Sync between installations (issue 11 item 3): what an export holds, the merge of an imported file
(preview, then apply with the user's choices), and the history of exchanges.

Other features and the layers above use sync through these names only."""

from desktop_app.services.sync.records import FileRecord, FileTombstone, SyncData
from desktop_app.services.sync.rows import normal
from desktop_app.services.sync.export import ExportInfo, export_info, log_export, table_rows, tombstone_rows
from desktop_app.services.sync.history import Exchange, exchange_history, receipts, this_installation
from desktop_app.services.sync.merging import (
    ALL_FIELDS, Choices, Conflict, MergeResult, RecordChange, SyncRefused, merge, preview_merge,
)
from desktop_app.services.sync.tables import MARKERS, ORDERED, TABLES, Column, SyncTable

__all__ = [
    "ALL_FIELDS", "Choices", "Column", "Conflict", "Exchange", "ExportInfo", "FileRecord", "FileTombstone", "MARKERS",
    "MergeResult", "ORDERED", "RecordChange", "SyncData", "SyncRefused", "SyncTable", "TABLES", "exchange_history",
    "export_info", "log_export", "this_installation", "merge", "normal", "preview_merge", "receipts", "table_rows",
    "tombstone_rows",
]
