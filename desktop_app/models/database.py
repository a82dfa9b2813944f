"""Opening the SQLite file: refuse what we cannot read, back up, migrate, set the pragmas.

`open_database(path)` is the only way the application gets a database. Models are bound to the
`db` proxy, so tests and the CLI can open any file.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from peewee import DatabaseProxy, SqliteDatabase

from desktop_app.domain.errors import UserError
from desktop_app.domain.setting_definitions import INSTALLATION_ID

db = DatabaseProxy()

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 10000,
    "cache_size": -32000,
}


class DatabaseOpenError(UserError):
    """The file cannot be used; the message is for the user and the file is left untouched."""


class NewerSchemaError(DatabaseOpenError):
    pass


def _read_user_version(path: Path) -> int:
    """Read the schema version without changing anything in the file (read-only, no WAL switch)."""
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
        try:
            return int(connection.execute("PRAGMA user_version").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseOpenError(f"“{path}”不是本程序可以打开的数据库文件。") from error


def backup_copy(path: Path, suffix: str) -> Path:
    """Copy the whole database (consistently, through SQLite's backup API) next to the file."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{suffix}-{stamp}.bak")
    source = sqlite3.connect(str(path))
    try:
        destination = sqlite3.connect(str(target))
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target


def _migrate(database: SqliteDatabase, path: Path, current: int) -> None:
    from desktop_app.models.migrations import LATEST_VERSION, MIGRATIONS

    if current == LATEST_VERSION:
        return
    if current > 0:
        backup_copy(path, f"v{current}")
    connection = database.connection()
    connection.execute("BEGIN EXCLUSIVE")
    try:
        for version in range(current + 1, LATEST_VERSION + 1):
            MIGRATIONS[version - 1](connection)
        connection.execute(f"PRAGMA user_version = {LATEST_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def open_database(path: str | Path) -> SqliteDatabase:
    """Open (creating if needed) the database at `path`, migrated to the latest schema."""
    from desktop_app.models.clock import new_uid, set_origin
    from desktop_app.models.migrations import LATEST_VERSION

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    current = 0
    if path.exists() and path.stat().st_size > 0:
        current = _read_user_version(path)
        if current > LATEST_VERSION:
            raise NewerSchemaError(
                f"数据库文件“{path}”由更新版本的程序创建（结构版本 {current}，本程序支持到 {LATEST_VERSION}）。"
                "为保护数据，本程序不会打开或修改它，请升级程序后再打开。"
            )
    if db.obj is not None and not db.is_closed():
        db.close()
    database = SqliteDatabase(str(path), pragmas=PRAGMAS, timeout=10, check_same_thread=False)
    db.initialize(database)
    database.connect(reuse_if_open=True)
    _migrate(database, path, current)
    row = database.execute_sql("SELECT value FROM setting WHERE key = ?", (INSTALLATION_ID.key,)).fetchone()
    if row is None:
        installation = new_uid()
        database.execute_sql(
            "INSERT INTO setting (key, value) VALUES (?, ?)", (INSTALLATION_ID.key, installation)
        )
    else:
        installation = row[0]
    set_origin(installation)
    return database
