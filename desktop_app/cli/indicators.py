"""`desktop-app indicators`: the district's figures (domain.md section 6) without a window.

    desktop-app [--db PATH] indicators [--scope CODE] [--from-year Y] [--to-year Y] [--as-of YYYY-MM-DD] [--json]

The scope is an estate, community or street code (default: the whole database); the as-of date defaults
to today. Exit codes: 0 the figures were printed; 2 a bad argument (unknown code, bad date, years the
wrong way round); 1 the database cannot be opened. The JSON keys are listed in
domain/indicator_report.py and the README.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from desktop_app.cli.common import CommandError, open_db_or_exit
from desktop_app.domain.dates_text import parse_date
from desktop_app.domain.errors import UserError
from desktop_app.domain.projects import MAX_YEAR, MIN_YEAR


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "indicators", help="统计改造指标（项目、小区、楼栋、户数、类别占比、资金支付进度、未按期完工、未开工、投诉、征求意见）",
        description="按街道、社区或小区，年度范围和统计日期计算改造指标。比例由整数计数精确计算，四舍五入保留两位小数；"
                    "分母为零时不给出比例。")
    parser.add_argument("--scope", metavar="编码", default=None, help="小区、社区或街道编码（默认：全部）")
    parser.add_argument("--from-year", type=int, metavar="年度", default=None, help="起始年度（含）")
    parser.add_argument("--to-year", type=int, metavar="年度", default=None, help="截止年度（含）")
    parser.add_argument("--as-of", metavar="日期", default=None, help="统计日期，如 2024-12-31（默认：今天）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.set_defaults(handler=run_indicators)


def _year(value: int | None, what: str) -> int | None:
    if value is not None and not MIN_YEAR <= value <= MAX_YEAR:
        raise CommandError(f"{what} {value} 不在 {MIN_YEAR}–{MAX_YEAR} 之间", code=2)
    return value


def _as_of(text: str | None, today: date) -> date:
    if text is None:
        return today
    try:
        return parse_date(text)
    except UserError as error:
        raise CommandError(f"统计日期 --as-of：{error}", code=2) from error


def run_indicators(args: argparse.Namespace) -> int:
    from desktop_app.domain.indicator_report import NOTE_ROUNDING, indicator_lines, indicators_json
    from desktop_app.services.projects import scope_indicators
    from desktop_app.services.scope import UnknownScope, scope_label, scope_of_code

    workspace = open_db_or_exit(args)
    try:
        first, last = _year(args.from_year, "起始年度"), _year(args.to_year, "截止年度")
        if first is not None and last is not None and first > last:
            raise CommandError(f"起始年度 {first} 晚于截止年度 {last}", code=2)
        as_of = _as_of(args.as_of, workspace.clock.today())
        try:
            scope = scope_of_code(args.scope)
        except UnknownScope as error:
            raise CommandError(str(error), code=2) from error
        result = scope_indicators(scope, (first, last), as_of=as_of)
    except CommandError as error:
        print(f"错误：{error}", file=sys.stderr)
        return error.code
    if args.json:
        print(json.dumps(indicators_json(result.projects, result.consultation, result.committees), ensure_ascii=False))
        return 0
    years = "全部年度" if first is None and last is None else f"{first or '…'}–{last or '…'}年度"
    print(f"统计范围：{scope_label(scope)}　年度：{years}　统计日期：{as_of.isoformat()}")
    lines = indicator_lines(result.projects, result.consultation, result.committees)
    width = max(len(name) for name, _ in lines)
    for name, value in lines:
        print(f"{name}{'　' * (width - len(name))}　{value}")
    print(f"说明：{NOTE_ROUNDING}。")
    return 0
