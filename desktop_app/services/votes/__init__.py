"""Owners' votes: opening on a frozen roll, ballot entry, tally, close, reopen, exchange and printing data.

Other features use votes through these names only."""

from desktop_app.services.votes.create import VoteDraft, create_vote
from desktop_app.services.votes.session import VoteSession

__all__ = ["VoteDraft", "VoteSession", "create_vote"]
