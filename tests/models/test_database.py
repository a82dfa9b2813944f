"""Opening, migrating and refusing database files, on real SQLite files."""

from __future__ import annotations

import sqlite3

import pytest

from desktop_app.models import ALL_MODELS, NewerSchemaError, open_database
from desktop_app.models import migrations
from desktop_app.models.database import DatabaseOpenError


def test_new_file_gets_latest_schema_and_pragmas(db_path):
    database = open_database(db_path)
    assert database.pragma("user_version") == migrations.LATEST_VERSION
    assert database.pragma("journal_mode") == "wal"
    assert database.pragma("foreign_keys") == 1
    assert database.pragma("busy_timeout") == 10000
    database.close()


def test_models_match_the_migrated_tables(database):
    for model in ALL_MODELS:
        table = model._meta.table_name
        columns = {row[1] for row in database.execute_sql(f"PRAGMA table_info({table})")}
        fields = {field.column_name for field in model._meta.sorted_fields}
        assert columns == fields, table


def test_every_migrated_table_has_a_model(database):
    tables = {row[0] for row in database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    assert tables == {model._meta.table_name for model in ALL_MODELS}


def test_newer_file_is_refused_untouched(db_path):
    connection = sqlite3.connect(db_path)
    connection.execute("CREATE TABLE t (x)")
    connection.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 5}")
    connection.commit()
    connection.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerSchemaError, match="更新版本"):
        open_database(db_path)
    assert db_path.read_bytes() == before
    assert not db_path.with_name(db_path.name + "-wal").exists()


def test_not_a_database_is_refused(db_path):
    db_path.write_bytes(b"PK\x03\x04 this is a zip, not sqlite" * 100)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseOpenError, match="不是本程序可以打开的数据库"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_old_file_is_backed_up_then_upgraded_in_one_step(db_path, monkeypatch):
    database = open_database(db_path)
    database.execute_sql("INSERT INTO street (uid, created_at, updated_at, origin, name) "
                         "VALUES ('u1', 't', 't', 'o', '东街街道')")
    database.close()

    def add_column(connection):
        connection.execute("ALTER TABLE street ADD COLUMN phone TEXT")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, add_column))
    monkeypatch.setattr(migrations, "LATEST_VERSION", migrations.LATEST_VERSION + 1)
    database = open_database(db_path)
    assert database.pragma("user_version") == migrations.LATEST_VERSION
    assert "phone" in {row[1] for row in database.execute_sql("PRAGMA table_info(street)")}
    database.close()
    backups = list(db_path.parent.glob("*.bak"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION - 1
    assert old.execute("SELECT name FROM street").fetchall() == [("东街街道",)]
    old.close()


def test_failed_migration_leaves_the_file_as_it_was(db_path, monkeypatch):
    open_database(db_path).close()
    version = migrations.LATEST_VERSION

    def half_then_fail(connection):
        connection.execute("ALTER TABLE street ADD COLUMN phone TEXT")
        raise RuntimeError("boom")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, half_then_fail))
    monkeypatch.setattr(migrations, "LATEST_VERSION", version + 1)
    with pytest.raises(RuntimeError):
        open_database(db_path)
    connection = sqlite3.connect(db_path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == version
    assert "phone" not in {r[1] for r in connection.execute("PRAGMA table_info(street)")}
    connection.close()


def test_every_new_record_carries_uid_and_origin(database):
    from desktop_app.models import Street

    street = Street.create(name="东街街道")
    installation = database.execute_sql(
        "SELECT value FROM setting WHERE key='installation_id'").fetchone()[0]
    assert street.origin == installation
    assert len(street.uid) == 36
    first = street.updated_at
    street.name = "西街街道"
    street.save()
    assert street.updated_at >= first
