"""The machine-readable form of a tally: the `desktop-app tally --json` document (README.md, 复核表决结果).

The same dictionary is stored in `vote.result` when a vote closes, so a district auditor's recount
from the exported sheets can be compared with the stored result key for key.
"""

from __future__ import annotations

from desktop_app.domain.area import format_area
from desktop_app.domain.tally import TallyResult, Votes


def votes_json(votes: Votes) -> dict:
    """{"area": "1234.56", "heads": N}: areas as decimal strings with two decimals."""
    return {"area": format_area(votes.area_centi), "heads": votes.heads}


def result_json(rule: str, result: TallyResult) -> dict:
    """The --json document of a counted vote ("errors" is always empty here)."""
    return {"rule": str(getattr(rule, "value", rule)), "total": votes_json(result.total), "items": [{
        "item": item.item, "participating": votes_json(item.participating), "agree": votes_json(item.agree),
        "oppose": votes_json(item.oppose), "abstain": votes_json(item.abstain), "blank": votes_json(item.blank),
        "quorate": item.quorate, "passed": item.passed,
        "shortfall": {"participation_area": format_area(item.shortfall.participation_area),
                      "participation_heads": item.shortfall.participation_heads,
                      "agree_area": format_area(item.shortfall.agree_area),
                      "agree_heads": item.shortfall.agree_heads},
    } for item in result.items], "errors": []}
