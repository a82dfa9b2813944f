"""The owners' committee notices on the notice layout: 筹备组成员公告, 首次业主大会会议通知,
候选人名单公示, 选举结果公告 (texts built in domain.committee_print_data), and the 备案申请表 (a table form,
documents/committee_filing.py). Each `render_*` writes a PDF and returns its page count.
"""

from __future__ import annotations

from typing import IO

from desktop_app.documents.committee_filing import render_filing_form
from desktop_app.documents.fonts import FontSet
from desktop_app.documents.notice import render_notice
from desktop_app.domain.committee_print_data import (
    CandidateListData, ElectionResultData, GroupMembersData, MeetingNoticeData, candidate_list_notice,
    election_result_notice, group_members_notice, meeting_notice,
)

__all__ = [
    "render_candidate_list", "render_election_result", "render_filing_form", "render_group_members",
    "render_meeting_notice",
]


def render_group_members(data: GroupMembersData, target: str | IO[bytes], fonts: FontSet | None = None) -> int:
    return render_notice(group_members_notice(data), target, fonts)


def render_meeting_notice(data: MeetingNoticeData, target: str | IO[bytes], fonts: FontSet | None = None) -> int:
    """Refuses (UserError) a meeting earlier than the notice period after posting, before writing."""
    return render_notice(meeting_notice(data), target, fonts)


def render_candidate_list(data: CandidateListData, target: str | IO[bytes], fonts: FontSet | None = None) -> int:
    return render_notice(candidate_list_notice(data), target, fonts)


def render_election_result(data: ElectionResultData, target: str | IO[bytes],
                           fonts: FontSet | None = None) -> int:
    return render_notice(election_result_notice(data), target, fonts)
