"""What travels: the columns read off the models, keys instead of ids, local columns left out."""

from __future__ import annotations

from desktop_app.domain.sync_merge import FIELD_LABELS, TABLE_ORDER
from desktop_app.models.migrations import SYNC_TABLES
from desktop_app.services.sync import ORDERED, TABLES


def test_every_synced_table_travels_and_has_a_tombstone_trigger(database):
    assert [table.name for table in ORDERED] == list(TABLE_ORDER)
    assert set(SYNC_TABLES) == {name for name in TABLE_ORDER if TABLES[name].has_uid}
    triggers = {row[0] for row in database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {f"{name}_tombstone" for name in SYNC_TABLES} <= triggers


def test_foreign_keys_travel_as_keys_and_local_columns_stay():
    room = TABLES["room"]
    assert room.column("unit").parent == "unit" and "position" not in room.fields
    assert TABLES["ballot"].column("roll").parent == "vote_roll"
    assert "owner_pinyin" not in TABLES["ownership"].fields
    assert TABLES["opinion"].fields[-1] == "demands"
    assert TABLES["vote_item"].column("position").integer


def test_every_field_but_the_frozen_roll_has_a_chinese_label():
    missing = {name for table in ORDERED for name in table.fields if name not in FIELD_LABELS}
    assert missing == {"room_uid", "room_key", "owner_keys", "head_key", "owner_names", "owner_kind"}


def test_a_deletion_leaves_a_tombstone_with_this_installation_as_origin(database):
    from desktop_app.models import Street, Tombstone
    from desktop_app.models.clock import current_origin

    street = Street.create(name="东湖街道")
    uid = street.uid
    street.delete_instance()
    tombstone = Tombstone.get(Tombstone.uid == uid)
    assert (tombstone.table_name, tombstone.origin) == ("street", current_origin())
    assert len(tombstone.deleted_at) == len("2025-03-01T09:00:00.000+00:00") and tombstone.deleted_at.endswith("+00:00")


def test_every_synced_model_travels_or_is_declared_local():
    """A later capability's SyncedModel must be added to the sync (TABLE_ORDER, SHEET_NAMES, a tombstone
    trigger in a migration) or declared local."""
    from desktop_app.models import ALL_MODELS
    from desktop_app.models.tables import SyncedModel
    from desktop_app.services.sync.tables import LOCAL_TABLES

    synced = {model._meta.table_name for model in ALL_MODELS if issubclass(model, SyncedModel)}
    assert synced - LOCAL_TABLES == set(SYNC_TABLES)
