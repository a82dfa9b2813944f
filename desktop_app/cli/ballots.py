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


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export-ballots", help="导出表决的表决票汇总（.xlsx），可同时导出复核用的表决名册",
        description="把一次表决已录入的表决票按“表决票汇总”格式导出；加 --roll 时同时导出表决开始时冻结的名册"
                    "（含证件号码），两者可用 desktop-app tally 复核计票。")
    parser.add_argument("--vote", required=True, metavar="UID", help="表决的编号（uid），或数据库中的序号")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.xlsx", help="表决票汇总要写入的 .xlsx")
    parser.add_argument("--roll", type=Path, default=None, metavar="ROLL.xlsx", help="同时导出复核用的表决名册")
    parser.set_defaults(handler=run_export)


def _vote_id(text: str) -> int | None:
    from desktop_app.services.scope import ALL
    from desktop_app.services.votes.lifecycle import list_votes

    for summary in list_votes(ALL):
        if summary.uid == text or (text.isdigit() and summary.id == int(text)):
            return summary.id
    return None


def run_export(args: argparse.Namespace) -> int:
    from desktop_app.exchange.ballot_writer import write_ballots
    from desktop_app.exchange.roll_writer import write_roll
    from desktop_app.services.votes.exchange import ballot_export, recount_roll, roll_file_limits

    open_db_or_exit(args)
    vote_id = _vote_id(args.vote.strip())
    if vote_id is None:
        print(f"错误：数据库中没有编号为“{args.vote}”的表决。", file=sys.stderr)
        return 1
    try:
        count = write_ballots(args.output, *ballot_export(vote_id))
        rooms = write_roll(args.roll, recount_roll(vote_id)) if args.roll else 0
    except OSError as error:
        print(f"错误：无法写入“{error.filename or args.output}”：{error.strerror or error}", file=sys.stderr)
        return 1
    print(f"已导出 {count} 张表决票到“{args.output}”。")
    if args.roll:
        print(f"已导出表决名册 {rooms} 间房屋到“{args.roll}”。文件含完整的证件号码，请妥善保管。")
        for limit in roll_file_limits(vote_id):
            print(f"注意：{limit}", file=sys.stderr)
    return 0
