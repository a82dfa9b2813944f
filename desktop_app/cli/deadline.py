"""`desktop-app deadline`: the end of a legal period counted in days (domain.md §8) without a window.

    desktop-app [--db PATH] deadline --start YYYY-MM-DD --days N [--working] [--json]

Day 1 is the day after `--start` (the event: a notice posted, a request received). Calendar days by
default (an end on a holiday or rest day moves to the next working day); `--working` counts working
days only. The holiday table is the workspace's (shipped years plus what staff entered in 设置), so the
database of `--db` (or the default one) is opened. JSON: {"start", "days", "working", "end", "note"}.
Exit codes: 0 printed; 2 a bad date or a negative count; 1 the database cannot be opened.
"""

from __future__ import annotations

import argparse
import json
import sys

from desktop_app.cli.common import open_db_or_exit
from desktop_app.domain.dates_text import date_text, parse_date
from desktop_app.domain.errors import UserError

WEEKDAYS = "一二三四五六日"


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "deadline", help="计算期限的最后一日（按日或按工作日，自事件次日起算，节假日按节假日表）",
        description="期限自事件发生的次日起算（如 9月27日张贴公告，9月28日为第1日）。按日计算时，最后一日为法定节假日"
                    "或休息日的，顺延至其后第一个工作日；按工作日计算时只计工作日（含调休上班日）。"
                    "节假日表为随程序提供的安排加上在“设置”中录入的年份。")
    parser.add_argument("--start", metavar="日期", required=True, help="事件发生日期，如 2024-09-27")
    parser.add_argument("--days", metavar="天数", type=int, required=True, help="期限天数（0：事件当日，遇节假日或休息日顺延）")
    parser.add_argument("--working", action="store_true", help="按工作日计算（默认按日计算）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.set_defaults(handler=run_deadline)


def run_deadline(args: argparse.Namespace) -> int:
    from desktop_app.services import calendar

    try:
        start = parse_date(args.start)
    except UserError as error:
        print(f"错误：起算日期 --start：{error}", file=sys.stderr)
        return 2
    if args.days < 0:
        print(f"错误：天数 --days 不能为负数，实为 {args.days}", file=sys.stderr)
        return 2
    open_db_or_exit(args)
    result = calendar.count(start, args.days, working=args.working)
    if args.json:
        print(json.dumps({"start": result.start.isoformat(), "days": result.days, "working": result.working,
                          "end": result.end.isoformat(), "note": result.note}, ensure_ascii=False))
        return 0
    print(f"起算：{date_text(start)}（次日为第1日）")
    print(f"期限：{result.days}{'个工作日' if result.working else '日'}")
    print(f"届满：{result.end.isoformat()}（{date_text(result.end)}，星期{WEEKDAYS[result.end.weekday()]}）")
    if result.note:
        print(f"说明：{result.note}")
    return 0
