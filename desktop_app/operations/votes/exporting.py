"""A vote's workbooks out: the 表决票汇总 of its counted ballots, and its frozen roll for a recount.

Together the two files let `desktop-app tally` recount the vote without the database. Both the window
(改造表决 page) and `desktop-app export-ballots` write them through these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.exchange.ballot_writer import write_ballots
from desktop_app.exchange.roll_writer import write_roll
from desktop_app.services.changes import NONE, Changes
from desktop_app.services.scope import ALL
from desktop_app.services.votes.exchange import ballot_export, recount_roll, roll_file_limits
from desktop_app.services.votes.lifecycle import list_votes


@dataclass(frozen=True)
class BallotsExported:
    path: Path
    ballots: int
    changes: Changes = NONE


@dataclass(frozen=True)
class VoteRollExported:
    """`limits`: what the roll layout cannot carry, so that a recount from the file counts more heads."""
    path: Path
    rooms: int
    limits: tuple[str, ...]
    changes: Changes = NONE


def find_vote(text: str) -> int | None:
    """The id of the vote named by its uid, or by its database id; None when there is none."""
    for summary in list_votes(ALL):
        if summary.uid == text or (text.isdigit() and summary.id == int(text)):
            return summary.id
    return None


def export_ballots(vote_id: int, path: str | Path) -> BallotsExported:
    """The counted ballots as a 表决票汇总 workbook. Raises OSError, and ValueError for an item name
    the sheet cannot carry."""
    return BallotsExported(Path(path), write_ballots(path, *ballot_export(vote_id)))


def vote_roll_limits(vote_id: int) -> tuple[str, ...]:
    """What a vote roll file of this vote cannot carry (say it before writing)."""
    return tuple(roll_file_limits(vote_id))


def export_vote_roll(vote_id: int, path: str | Path) -> VoteRollExported:
    """The vote's frozen roll as a 房屋业主名册 with full ID numbers. Raises OSError."""
    rooms = write_roll(path, recount_roll(vote_id))
    return VoteRollExported(Path(path), rooms, vote_roll_limits(vote_id))
