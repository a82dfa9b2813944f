"""What travels in a sync file: for every table, its columns as the file has them, read off the models.

Foreign keys travel as the referenced record's key (its uid; a vote's roll row, which has no uid, is
keyed "vote uid/room uid"), never as integer ids. Columns this installation derives itself (the room and
estate positions, the owner columns copied onto ownerships) do not travel; an opinion carries its
demanded items as one JSON column. Print jobs, the catalogue (seeded per installation), ballot revisions
and the audit stay local.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from peewee import BooleanField, ForeignKeyField, IntegerField, Model

from desktop_app.domain.sync_merge import SHEET_NAMES, TABLE_ORDER
from desktop_app.models import (
    Ballot, Building, Community, Complaint, ComplaintStep, Consultation, Estate, FundPayment, Opinion, Owner,
    Ownership, Project, ProjectEstate, ProjectFund, ProjectInspection, ProjectItem, Resident, Room, Street, Unit,
    Vote, VoteItem, VoteRoll,
)

MARKERS = ("uid", "created_at", "updated_at", "origin")
_LOCAL_COLUMNS = {"id", *MARKERS, "position", "owner_pinyin", "owner_id_number", "owner_phone"}
_KEEP_POSITION = {"vote_item", "vote_roll", "project_estate", "project_item"}  # an order the user gave
DEMANDS = "demands"
_MODELS: dict[str, type[Model]] = {
    "street": Street, "community": Community, "estate": Estate, "building": Building, "unit": Unit,
    "room": Room, "owner": Owner, "ownership": Ownership, "resident": Resident, "vote": Vote,
    "vote_item": VoteItem, "vote_roll": VoteRoll, "ballot": Ballot, "consultation": Consultation,
    "opinion": Opinion, "complaint": Complaint, "complaint_step": ComplaintStep, "project": Project,
    "project_estate": ProjectEstate, "project_item": ProjectItem, "project_fund": ProjectFund,
    "fund_payment": FundPayment, "project_inspection": ProjectInspection,
}
# SyncedModels that stay on this installation (the committee records until the sync carries them)
LOCAL_TABLES = frozenset({"print_job", "catalogue_item", "committee_case", "committee_group_member",
                          "committee_candidate", "committee_member", "committee_vote", "estate_management"})
SCOPE_TEXT_COLUMNS = {"vote": "scope", "consultation": "scope"}  # Scope texts holding integer ids


@dataclass(frozen=True)
class Column:
    name: str  # in the file (a foreign key: the field's name, "estate")
    db_column: str  # in the table ("estate_id")
    integer: bool = False
    nullable: bool = False
    parent: str | None = None  # the referenced table of a foreign key


@dataclass(frozen=True)
class SyncTable:
    name: str
    sheet: str
    columns: tuple[Column, ...]
    has_uid: bool = True
    extras: tuple[str, ...] = field(default=())  # JSON columns kept outside the table (opinion demands)

    @property
    def fields(self) -> tuple[str, ...]:
        """The compared fields, as the file names them."""
        return (*(column.name for column in self.columns), *self.extras)

    @property
    def header(self) -> tuple[str, ...]:
        return (*MARKERS, *self.fields)

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)


def _columns(table: str, model: type[Model]) -> tuple[Column, ...]:
    columns = []
    for model_field in model._meta.sorted_fields:
        name = model_field.column_name
        if name in _LOCAL_COLUMNS and not (name == "position" and table in _KEEP_POSITION):
            continue
        parent = None
        if isinstance(model_field, ForeignKeyField):
            parent = model_field.rel_model._meta.table_name
        columns.append(Column(
            model_field.name if parent else name, name,
            integer=isinstance(model_field, (IntegerField, BooleanField)) and parent is None,
            nullable=bool(model_field.null), parent=parent))
    return tuple(columns)


TABLES: dict[str, SyncTable] = {
    name: SyncTable(name, SHEET_NAMES[name], _columns(name, _MODELS[name]), has_uid=name != "vote_roll",
                    extras=(DEMANDS,) if name == "opinion" else ())
    for name in TABLE_ORDER
}
ORDERED: tuple[SyncTable, ...] = tuple(TABLES[name] for name in TABLE_ORDER)


def key_sql(table: str, alias: str) -> str:
    """The SQL of a record's key (its uid; a roll row: vote uid/room uid)."""
    if table == "vote_roll":
        return f"((SELECT uid FROM vote WHERE id = {alias}.vote_id) || '/' || {alias}.room_uid)"
    return f"{alias}.uid"


def select_sql(table: SyncTable) -> str:
    """id, key, created_at, updated_at, origin and every field (foreign keys as keys) of the table's rows,
    aliased t; callers add a WHERE over t."""
    parts = ["t.id", key_sql(table.name, "t")]
    if table.has_uid:
        parts += ["t.created_at", "t.updated_at", "t.origin"]
    else:  # a roll row is part of its vote
        parts += [f"(SELECT {marker} FROM vote WHERE id = t.vote_id)" for marker in MARKERS[1:]]
    for column in table.columns:
        if column.parent is None:
            parts.append(f"t.{column.db_column}")
        else:
            parts.append(f"(SELECT {key_sql(column.parent, 'p')} FROM {column.parent} p "
                         f"WHERE p.id = t.{column.db_column})")
    if DEMANDS in table.extras:
        parts.append("(SELECT json_group_array(json_array(name, category)) FROM "
                     "(SELECT name, category FROM opinion_demand WHERE opinion_id = t.id ORDER BY name))")
    return f"SELECT {', '.join(parts)} FROM {table.name} t"
