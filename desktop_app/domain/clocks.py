"""The legal clocks the program counts (domain.md §3 and §8): each one's name, Chinese label, length in
days and whether it is counted in working days unless a setting says otherwise.

Which way a clock is counted is the setting `clock.<name>.working` (domain.setting_definitions); the
committee stages default to calendar days (日), the complaint due date to working days (工作日), as the
city rule has it. The complaint's length is itself a setting (complaint.due_working_days).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.complaints import DEFAULT_DUE_WORKING_DAYS


@dataclass(frozen=True)
class Clock:
    name: str  # English identifier, part of the setting key
    label: str  # Chinese, as the window names it
    days: int
    working: bool  # default kind: True 工作日, False 日
    description: str


GROUP_FORMATION = Clock("group_formation", "筹备组成立", 60, False,
                        "街道办事处收到成立业主大会的书面要求后，成立首次业主大会会议筹备组的期限。")
POSTING = Clock("posting", "公示", 15, False,
                "筹备组将业主名单、候选人名单、会议方案等公示的期限（首次业主大会会议召开前）。")
FIRST_MEETING = Clock("first_meeting", "首次业主大会会议", 90, False,
                      "筹备组成立后召开首次业主大会会议的期限。")
CHAIR = Clock("chair", "推选主任", 7, False,
              "业主委员会选举产生后召开首次会议、推选主任和副主任的期限。")
FILING = Clock("filing", "备案", 30, False,
               "业主委员会选举产生后向区住房主管部门和街道办事处备案的期限。")
COMPLAINT = Clock("complaint", "投诉办理", DEFAULT_DUE_WORKING_DAYS, True,
                  "未填写办理期限的投诉，自受理次日起计算应办结日期。")

CLOCKS: tuple[Clock, ...] = (GROUP_FORMATION, POSTING, FIRST_MEETING, CHAIR, FILING, COMPLAINT)
BY_NAME = {clock.name: clock for clock in CLOCKS}
