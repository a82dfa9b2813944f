"""`desktop-app export-ballots`: a vote's ballots as a 表决票汇总 workbook, and its roll for a recount.

    desktop-app [--db PATH] export-ballots --vote UID -o OUT.xlsx [--roll ROLL.xlsx]

Together the two files let `desktop-app tally --roll ROLL.xlsx --ballots OUT.xlsx` recount the vote
without the database. Exit codes: 0 written; 1 no such vote, or a file cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.cli.common import open_db_or_exit
from desktop_app.domain.errors import os_error_text


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export-ballots", help="导出表决的表决票汇总（.xlsx），可同时导出复核用的表决名册",
        description="把一次表决已录入的表决票按“表决票汇总”格式导出；加 --roll 时同时导出表决开始时冻结的名册"
                    "（含证件号码），两者可用 desktop-app tally 复核计票。")
    parser.add_argument("--vote", required=True, metavar="表决编号", help="表决的编号（uid），或数据库中的序号")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="表决票汇总.xlsx", help="表决票汇总要写入的 .xlsx")
    parser.add_argument("--roll", type=Path, default=None, metavar="复核名册.xlsx", help="同时导出复核用的表决名册")
    parser.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    from desktop_app.operations.votes import export_ballots, export_vote_roll, find_vote

    open_db_or_exit(args)
    vote_id = find_vote(args.vote.strip())
    if vote_id is None:
        print(f"错误：数据库中没有编号为“{args.vote}”的表决。", file=sys.stderr)
        return 1
    try:
        ballots = export_ballots(vote_id, args.output)
        roll = export_vote_roll(vote_id, args.roll) if args.roll else None
    except OSError as error:
        print(f"错误：无法写入“{error.filename or args.output}”：{os_error_text(error)}", file=sys.stderr)
        return 1
    print(f"已导出 {ballots.ballots} 张表决票到“{args.output}”。")
    if roll is not None:
        print(f"已导出表决名册 {roll.rooms} 间房屋到“{args.roll}”。文件含完整的证件号码，请妥善保管。")
        for limit in roll.limits:
            print(f"注意：{limit}", file=sys.stderr)
    return 0
