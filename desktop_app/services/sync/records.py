"""A sync file as read: its 文件信息, its 接收记录, its records per table and its tombstones."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FileRecord:
    row: int  # the spreadsheet row, for messages
    key: str
    created_at: str
    updated_at: str
    origin: str
    values: dict[str, object]


@dataclass(frozen=True)
class FileTombstone:
    table: str
    uid: str
    deleted_at: str
    origin: str


@dataclass
class SyncData:
    file: str  # the file's name, for messages and the history
    version: int
    origin: str  # the installation that exported it
    exported_at: str  # its clock
    scope: str
    receipts: dict[str, str]  # origin → the export time of the latest file it imported from that origin
    records: dict[str, list[FileRecord]] = field(default_factory=dict)
    tombstones: list[FileTombstone] = field(default_factory=list)
