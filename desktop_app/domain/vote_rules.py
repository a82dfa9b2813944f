"""The thresholds of an owners' vote (PRC Civil Code Art. 278; domain.md section 2), in exact integers.

Participation (quorum): 2/3 of the exclusive area AND 2/3 of the heads of the scope, "以上" so the
figure itself is enough. Approval of the participants: special rule (matters 6-8) at least 3/4 of the
participating area AND heads; ordinary rule (the other matters) more than half ("过半数": exactly 1/2
fails). Each threshold also gives its shortfall: the smallest amount to add to reach it.
"""

from __future__ import annotations

from enum import Enum
from fractions import Fraction

from desktop_app.domain.errors import UserError


class Rule(str, Enum):
    SPECIAL = "special"  # 双四分之三 (Art. 278 matters 6-8)
    ORDINARY = "ordinary"  # 双过半 (the other matters)

    @property
    def label(self) -> str:
        return RULE_LABELS[self]


RULE_LABELS = {
    Rule.SPECIAL: "参与表决的专有部分面积四分之三以上且人数四分之三以上同意",
    Rule.ORDINARY: "参与表决的专有部分面积过半数且人数过半数同意",
}
MATTERS = {
    1: "制定和修改业主大会议事规则",
    2: "制定和修改管理规约",
    3: "选举业主委员会或者更换业主委员会成员",
    4: "选聘和解聘物业服务企业或者其他管理人",
    5: "使用建筑物及其附属设施的维修资金",
    6: "筹集建筑物及其附属设施的维修资金",
    7: "改建、重建建筑物及其附属设施",
    8: "改变共有部分的用途或者利用共有部分从事经营活动",
    9: "有关共有和共同管理权利的其他重大事项",
}
SPECIAL_MATTERS = frozenset({6, 7, 8})


# The thresholds as shares, for showing them (bars, marks, captions); deciding uses the integer tests below.
QUORUM_SHARE = Fraction(2, 3)
APPROVAL_SHARE = {Rule.SPECIAL: Fraction(3, 4), Rule.ORDINARY: Fraction(1, 2)}
APPROVAL_SIGN = {Rule.SPECIAL: "≥3/4", Rule.ORDINARY: ">1/2"}  # 以上 includes the figure, 过半数 does not


def rule_of_matter(matter: int) -> Rule:
    """The rule Art. 278 sets for its matter number 1-9 (6, 7 and 8 special, the others ordinary)."""
    if matter not in MATTERS:
        raise UserError(f"《民法典》第二百七十八条只有第1至9项事项，没有第{matter}项")
    return Rule.SPECIAL if matter in SPECIAL_MATTERS else Rule.ORDINARY


def quorum_needed(total: int) -> int:
    """The smallest participation p with 3p >= 2 * total."""
    return -(-2 * total // 3)


def approval_needed(rule: Rule, participating: int) -> int:
    """The smallest agreeing amount y that approves: 4y >= 3 * participating, or 2y > participating."""
    if rule is Rule.SPECIAL:
        return -(-3 * participating // 4)
    return participating // 2 + 1


def quorum_met(participating: int, total: int) -> bool:
    return 3 * participating >= 2 * total


def approval_met(rule: Rule, agreeing: int, participating: int) -> bool:
    if rule is Rule.SPECIAL:
        return 4 * agreeing >= 3 * participating
    return 2 * agreeing > participating


def shortfall(have: int, needed: int) -> int:
    """How much is missing to reach `needed` (0 when reached)."""
    return max(0, needed - have)
