"""A committee case's documents (筹备组成员公告, 首次业主大会会议通知, 候选人名单公示, 选举结果公告, 备案申请表):
built from the case, written safely and recorded in the print history."""

from desktop_app.operations.committee.documents import KINDS, print_committee_document

__all__ = ["KINDS", "print_committee_document"]
