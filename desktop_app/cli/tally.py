"""`desktop-app tally`: recount a vote from its roll and ballot workbooks, without any database.

    desktop-app tally --roll ROLL.xlsx --ballots BALLOTS.xlsx --rule special|ordinary
                      [--blank-participates yes|no] [--json]

Exit codes: 0 counted (whatever the verdicts); 2 invalid input, nothing counted: every error located by
file, sheet, row and column, and a file that cannot be read at all (missing, not a workbook, damaged,
encrypted) is one error naming that file. The --json shape is documented in README.md (复核表决结果).
"""

from __future__ import annotations

import argparse
import json
import sys
from fractions import Fraction
from pathlib import Path

from typing import TYPE_CHECKING

from desktop_app.cli.roll import error_json
from desktop_app.domain.area import format_area
from desktop_app.domain.vote_rules import Rule
from desktop_app.models.clock import SystemClock

if TYPE_CHECKING:  # the handler imports what it runs, so that building the parser stays cheap
    from desktop_app.domain.tally import ItemResult, TallyResult, Votes
    from desktop_app.exchange.errors import CellError

RULE_NAMES = {Rule.SPECIAL: "双四分之三（《民法典》第二百七十八条第六至八项）",
              Rule.ORDINARY: "双过半（《民法典》第二百七十八条其他事项）"}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "tally", help="按名册和表决票汇总复核表决结果（不使用数据库）",
        description="按房屋业主名册和表决票汇总重新计票，逐项给出参与、同意、反对、弃权、空白的面积和人数，"
                    "是否达到参与门槛、是否通过，以及离门槛还差多少。不读写数据库。")
    parser.add_argument("--roll", type=Path, required=True, metavar="名册.xlsx", help="房屋业主名册工作簿")
    parser.add_argument("--ballots", type=Path, required=True, metavar="表决票汇总.xlsx", help="表决票汇总工作簿")
    parser.add_argument("--rule", required=True, choices=[rule.value for rule in Rule],
                        help="special：双四分之三（第六至八项，如改建、重建、加装电梯）；ordinary：双过半")
    parser.add_argument("--blank-participates", choices=("yes", "no"), default="yes",
                        help="空白票是否计入参与表决（默认 yes）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    parser.set_defaults(handler=run_tally)


def run_tally(args: argparse.Namespace) -> int:
    from desktop_app.domain.tally import TallyError, freeze_roll, roll_entry, tally
    from desktop_app.domain.tally_report import result_json
    from desktop_app.exchange.ballot_reader import conflict_errors, read_ballots
    from desktop_app.exchange.errors import CellError, ReadFailure
    from desktop_app.exchange.roll_reader import read_roll

    rule = Rule(args.rule)
    missing = [path for path in (args.roll, args.ballots) if not Path(path).is_file()]
    if missing:
        return _invalid(args, [CellError(Path(path).name, "", 0, "", "", f"找不到文件 {path}") for path in missing])
    reading = args.roll
    try:
        roll = read_roll(args.roll, today=SystemClock().today())  # no database: the clock of this command
        if roll.errors:
            return _invalid(args, roll.errors)
        reading = args.ballots
        ballots = read_ballots(args.ballots, roll.records)
    except ReadFailure as error:  # not a workbook, damaged, encrypted, missing: invalid input as well
        return _invalid(args, [CellError(Path(reading).name, "", 0, "", "", str(error))])
    if ballots.errors:
        return _invalid(args, ballots.errors)
    try:
        vote_roll = freeze_roll(roll_entry(record) for record in roll.records)
        result = tally(vote_roll, (row.ballot for row in ballots.ballots), ballots.items, rule,
                       blank_participates=args.blank_participates == "yes")
    except TallyError as error:
        located = conflict_errors(ballots, error.conflicts)
        return _invalid(args, located or [CellError(ballots.file, ballots.sheet, 0, "", "", problem)
                                          for problem in error.problems])
    if args.json:
        print(json.dumps(result_json(args.rule, result), ensure_ascii=False))
    else:
        print(result_text(result, args.blank_participates == "yes"))
    return 0


def _invalid(args: argparse.Namespace, errors: list[CellError]) -> int:
    if args.json:
        print(json.dumps({"rule": args.rule, "total": None, "items": [],
                          "errors": [{"file": error.file, **error_json(error)} for error in errors]},
                         ensure_ascii=False))
    else:
        for error in errors:  # row 0: the whole file
            print(f"{error.file}：{error.reason}" if error.row == 0 else f"{error.file} {error.describe()}",
                  file=sys.stderr)
        print(f"发现 {len(errors)} 处错误，未计票。改正后重新运行。", file=sys.stderr)
    return 2


def _percent(share: Fraction) -> str:
    return f"{format_area(round(share * 10000))}%"


def _item_lines(item: ItemResult) -> list[str]:
    from desktop_app.domain.tally import shortfall_text

    def votes(label: str, votes: Votes, base: Votes) -> str:
        area_share = _percent(Fraction(votes.area_centi, base.area_centi)) if base.area_centi else "—"
        heads_share = _percent(Fraction(votes.heads, base.heads)) if base.heads else "—"
        return (f"  {label}  {format_area(votes.area_centi):>12}㎡ {area_share:>8}  "
                f"{votes.heads:>6} 人 {heads_share:>8}")
    lines = [f"【{item.item}】{item.verdict}",
             "  类别      专有面积          占比      人数     占比",
             votes("参与", item.participating, item.total)]
    for label, counted in (("同意", item.agree), ("反对", item.oppose), ("弃权", item.abstain), ("空白", item.blank)):
        lines.append(votes(label, counted, item.participating))
    missing = shortfall_text(item)
    if missing:
        lines.append(f"  {missing}")
    return lines


def result_text(result: TallyResult, blank_participates: bool) -> str:
    total = result.total
    lines = [f"表决规则：{RULE_NAMES[result.rule]}",
             f"表决范围：专有面积合计 {format_area(total.area_centi)}㎡，业主 {total.heads} 人",
             f"空白票：{'计入参与表决' if blank_participates else '不计入参与表决'}；"
             "参与占比以表决范围为基数，同意、反对、弃权、空白占比以参与表决为基数。", ""]
    for item in result.items:
        lines += _item_lines(item) + [""]
    passed = sum(item.passed for item in result.items)
    lines.append(f"共 {len(result.items)} 个事项，通过 {passed} 个。")
    return "\n".join(lines)
