"""A vote's files: its documents (ballots, result notice, not-voted list), the ballot and roll exports, the ballot
import."""

from desktop_app.operations.votes.exporting import export_ballots, export_vote_roll, find_vote

__all__ = ["export_ballots", "export_vote_roll", "find_vote"]
