"""改造表决: the votes page, the new-vote wizard, ballot entry, double-entry check, the live tally, files."""

from desktop_app.ui.votes.page import VotesPage
from desktop_app.ui.votes.wizard import VoteWizard

__all__ = ["VoteWizard", "VotesPage"]
