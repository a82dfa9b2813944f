"""Owners' committee setup cases, their clocks and votes, estates' management modes, and the district figures.

Other features use committees through these names only."""

from desktop_app.services.committee.clocks import DueClock, clocks_of, counting, due_list
from desktop_app.services.committee.elections import (
    DECISION, ELECTION, candidate_items, case_votes, create_decision_vote, create_election_vote, election_result,
    election_vote, seat_elected,
)
from desktop_app.services.committee.overview import EstateStatus, estate_overview
from desktop_app.services.committee.figures import has_committee_records, scope_committee_figures
from desktop_app.services.committee.records import (
    Candidate, CandidateInput, CaseSummary, CommitteeError, GroupMemberInput, Management, MemberInput, add_management,
    advance, candidates_of, case_summary, create_case, delete_case, end_management, group_of, list_cases,
    management_errors, management_of, members_of, set_candidates, set_committee, set_dates, set_filing, set_group,
    set_notes,
)

__all__ = [
    "Candidate", "CandidateInput", "CaseSummary", "CommitteeError", "DECISION", "DueClock", "ELECTION", "EstateStatus", "estate_overview",
    "GroupMemberInput", "Management", "MemberInput", "add_management", "advance", "candidate_items",
    "candidates_of", "case_summary", "case_votes", "clocks_of", "counting", "create_case", "create_decision_vote",
    "create_election_vote", "delete_case", "due_list", "election_result", "election_vote", "end_management",
    "group_of", "has_committee_records", "list_cases", "management_errors", "management_of", "members_of",
    "scope_committee_figures", "seat_elected", "set_candidates", "set_committee", "set_dates", "set_filing", "set_group",
    "set_notes",
]
