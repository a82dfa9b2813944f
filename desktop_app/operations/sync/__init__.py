"""Sync files out and in (issue 11 item 3): export; read → preview → apply; the history of exchanges.

The window's 数据交换 page and `desktop-app export-sync | import-sync` both go through these names."""

from desktop_app.exchange.sync_reader import SyncFileRefused
from desktop_app.exchange.sync_writer import TextTooLong
from desktop_app.operations.sync.exporting import SyncExported, export_sync
from desktop_app.operations.sync.importing import SyncChecked, apply_sync, check_sync_file, preview_sync

__all__ = [
    "SyncChecked", "SyncExported", "SyncFileRefused", "TextTooLong", "apply_sync", "check_sync_file", "export_sync", "preview_sync",
]
