"""Peewee models and the database: open, pragmas, migrations, backup. No rules, no Qt."""

from desktop_app.models.database import (
    DatabaseOpenError,
    NewerSchemaError,
    db,
    open_database,
)
from desktop_app.models.calendar_tables import CALENDAR_MODELS, Holiday
from desktop_app.models.committee_tables import (
    COMMITTEE_MODELS,
    CommitteeCandidate,
    CommitteeCase,
    CommitteeGroupMember,
    CommitteeMemberRow,
    CommitteeVote,
    EstateManagement,
)
from desktop_app.models.consultation_tables import (
    CONSULTATION_MODELS,
    Complaint,
    ComplaintStep,
    Consultation,
    Opinion,
    OpinionDemand,
)
from desktop_app.models.project_tables import (
    PROJECT_MODELS,
    FundPayment,
    Project,
    ProjectEstate,
    ProjectFund,
    ProjectInspection,
    ProjectItem,
)
from desktop_app.models.tables import (
    ROLL_MODELS,
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

from desktop_app.models.sync_tables import SYNC_MODELS, SyncLog, SyncReceipt, Tombstone
from desktop_app.models.vote_tables import (
    VOTE_MODELS,
    Ballot,
    BallotRevision,
    CatalogueItem,
    Vote,
    VoteItem,
    VoteRoll,
)

ALL_MODELS = [*ROLL_MODELS, *VOTE_MODELS, *CONSULTATION_MODELS, *PROJECT_MODELS, *SYNC_MODELS, *CALENDAR_MODELS,
              *COMMITTEE_MODELS]

__all__ = [
    "ALL_MODELS", "Ballot", "BallotRevision", "CatalogueItem", "Complaint", "ComplaintStep", "Consultation",
    "Opinion", "OpinionDemand", "Vote", "VoteItem", "VoteRoll", "AuditLog", "Building", "Community", "DatabaseOpenError", "Estate",
    "NewerSchemaError", "Owner", "Ownership", "Resident", "Room", "Setting", "Street", "Unit",
    "db", "open_database",
    "FundPayment", "Project", "ProjectEstate", "ProjectFund", "ProjectInspection", "ProjectItem",
    "SyncLog", "SyncReceipt", "Tombstone", "Holiday",
    "CommitteeCandidate", "CommitteeCase", "CommitteeGroupMember", "CommitteeMemberRow", "CommitteeVote",
    "EstateManagement",
]
