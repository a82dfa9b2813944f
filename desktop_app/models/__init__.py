"""Peewee models and the database: open, pragmas, migrations, backup. No rules, no Qt."""

from desktop_app.models.database import (
    DatabaseOpenError,
    NewerSchemaError,
    db,
    open_database,
)
from desktop_app.models.tables import (
    ALL_MODELS,
    AuditLog,
    Building,
    Community,
    Estate,
    Owner,
    Ownership,
    Resident,
    Room,
    Setting,
    Street,
    Unit,
)

__all__ = [
    "ALL_MODELS", "AuditLog", "Building", "Community", "DatabaseOpenError", "Estate",
    "NewerSchemaError", "Owner", "Ownership", "Resident", "Room", "Setting", "Street", "Unit",
    "db", "open_database",
]
