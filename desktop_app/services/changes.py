"""What a write changed: the one value every write hands to whoever shows the data.

`Changes` names the topics a write touched (`Topic.BALLOTS`, `Topic.OPINIONS`, ...), the records when known
(`(topic, id)` pairs) and the scopes when known. Changes combine with `|`; `NONE` is the empty change and
`touches(topics)` tells a reader whether it must re-read. The user interface sends one `Changes` on its
change signal after every write, and each page re-reads only when the change touches what it shows.

How services hand it back (one rule for all of them):

* a write that had nothing to return returns its `Changes`
  (`lifecycle.reopen_vote`, `rooms.delete_room`, `events.delete_event`, `complaints.delete_complaint`,
  `complaints.set_satisfaction`);
* a session object that writes many times (`votes.VoteSession`, `consult.OpinionSession`) keeps the
  `Changes` of its latest write in `.changes` (and the returned value stays what it was: the previous
  ballot, the undone state);
* a write that returns a record object may let it carry `.changes` (`printing.PrintRecord.changes`);
* a write that returns a plain value (a new id, an import summary, a tally) keeps returning it; the caller
  builds the `Changes` from that value with `Changes.of`, and the write's docstring names its topics.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from desktop_app.services.scope import Scope


class Topic(Enum):
    """A kind of data shown somewhere on screen."""

    ROLL = "roll"  # estates, buildings, rooms, owners, residents
    VOTES = "votes"  # a vote itself: created, closed, reopened
    BALLOTS = "ballots"  # the ballots of a vote
    CONSULTATIONS = "consultations"  # consultation events and their files
    OPINIONS = "opinions"  # the opinions households gave
    COMPLAINTS = "complaints"  # the complaints ledger
    PRINTS = "prints"  # the print history
    SETTINGS = "settings"  # remembered settings
    CATALOGUE = "catalogue"  # the catalogue of demands
    PROJECTS = "projects"  # renovation projects, their items, funds, payments and inspections
    COMMITTEE = "committee"  # committee setup cases, their members and votes, estates' management modes


RecordKey = tuple[Topic, "int | str"]


@dataclass(frozen=True)
class Changes:
    """Which topics, records (`(topic, id)`) and scopes a write changed; empty records/scopes: not known."""

    topics: frozenset[Topic] = frozenset()
    records: frozenset[RecordKey] = field(default_factory=frozenset)
    scopes: frozenset[Scope] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *topics: Topic, ids: Iterable[int | str] = (), scope: Scope | None = None) -> Changes:
        """`topics` changed; `ids` are records of the first topic (e.g. a vote's id for `Topic.VOTES`)."""
        records = frozenset((topics[0], record) for record in ids) if topics else frozenset()
        return cls(frozenset(topics), records, frozenset() if scope is None else frozenset({scope}))

    def __or__(self, other: Changes) -> Changes:
        if not isinstance(other, Changes):
            return NotImplemented
        return Changes(self.topics | other.topics, self.records | other.records, self.scopes | other.scopes)

    def __bool__(self) -> bool:
        return bool(self.topics)

    def touches(self, topics: Iterable[Topic]) -> bool:
        """True when any of `topics` changed."""
        return not self.topics.isdisjoint(topics)

    def ids(self, topic: Topic) -> frozenset[int | str]:
        """The ids known to have changed in `topic` (empty: none known, which is not "none changed")."""
        return frozenset(record for kind, record in self.records if kind is topic)


NONE = Changes()
EVERYTHING = Changes(frozenset(Topic))
