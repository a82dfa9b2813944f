"""The fixed vocabularies stored as text in the database, as enums: scope levels, vote states, ballot
methods and ballot entries.

Each member's value is the exact text stored in the database (so no migration is needed) and each
member is a `str`, so it compares equal to that text, binds as an SQL parameter and goes into JSON
as is. `str()` and f-strings give the value too (the plain `str, Enum` mix-in would give "ScopeLevel.ESTATE").
"""

from __future__ import annotations

from enum import Enum


class TextEnum(str, Enum):
    """A `str` enum whose `str()` and `format()` are its value (Python 3.10 has no `StrEnum`)."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class ScopeLevel(TextEnum):
    """The levels of the place tree a page can show, from the whole database down to one unit."""

    ALL = "all"
    STREET = "street"
    COMMUNITY = "community"
    ESTATE = "estate"
    BUILDING = "building"
    UNIT = "unit"

    @property
    def label(self) -> str:
        return SCOPE_LEVEL_LABELS[self]

    @property
    def within_estate(self) -> bool:
        """An estate or a part of one (the levels a vote, a roll or an estate's documents can cover)."""
        return self in ESTATE_LEVELS


SCOPE_LEVEL_LABELS = {
    ScopeLevel.ALL: "全部", ScopeLevel.STREET: "街道", ScopeLevel.COMMUNITY: "社区", ScopeLevel.ESTATE: "小区",
    ScopeLevel.BUILDING: "楼栋", ScopeLevel.UNIT: "单元",
}
ESTATE_LEVELS = (ScopeLevel.ESTATE, ScopeLevel.BUILDING, ScopeLevel.UNIT)  # an estate and its parts
ABOVE_ESTATE = (ScopeLevel.ALL, ScopeLevel.STREET, ScopeLevel.COMMUNITY)


class VoteState(TextEnum):
    """A vote is open (ballots can be entered) or closed (result stored, every write refused)."""

    OPEN = "open"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return VOTE_STATE_LABELS[self]


VOTE_STATE_LABELS = {VoteState.OPEN: "进行中", VoteState.CLOSED: "已结束"}


class BallotMethod(TextEnum):
    """How an owner's ballot was cast (表决方式)."""

    PAPER = "纸质"
    ON_SITE = "现场"
    PROXY = "委托"  # cast by a proxy, whose name is then required
    DOOR_TO_DOOR = "入户"


METHODS: tuple[str, ...] = tuple(method.value for method in BallotMethod)  # in the order users pick them
PROXY_METHOD = BallotMethod.PROXY
DEFAULT_METHOD = BallotMethod.PAPER


class BallotEntry(TextEnum):
    """Which entry of a paper ballot a row is: the counted first entry, or the second person's check."""

    FIRST = "first"
    CHECK = "check"

    @property
    def label(self) -> str:
        return BALLOT_ENTRY_LABELS[self]


BALLOT_ENTRY_LABELS = {BallotEntry.FIRST: "第一次录入", BallotEntry.CHECK: "核对录入"}
