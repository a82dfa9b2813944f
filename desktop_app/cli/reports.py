"""`desktop-app district-report` and `desktop-app merge-reports`: the district report and merging reports.

    desktop-app [--db PATH] district-report OUT.xlsx [--scope CODE] [--from-year Y] [--to-year Y] [--as-of DATE]
    desktop-app [--db PATH] merge-reports OUT.xlsx IN1.xlsx IN2.xlsx … [--json]

district-report exit codes: 0 written; 2 a bad argument (unknown code, bad date, years the wrong way
round); 1 the database cannot be opened or the file cannot be written.
merge-reports exit codes: 0 written; 2 an input refused (not a district report, another format version,
other plan years or as-of date) and nothing written; 1 an input unreadable (missing, damaged, unsafe) or
the output unwritable, nothing written. Communities found in several inputs are listed on stderr (and in
the JSON) with the report kept: the newer one. JSON: {"written", "output", "inputs": [{"file", "scope",
"made_at", "communities"}], "communities", "duplicates": [{"community", "places", "kept", "dropped"}],
"refused": [{"file", "reason"}]}.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop_app.cli.common import CommandError, open_db_or_exit
from desktop_app.cli.indicators import _as_of, _year
from desktop_app.domain.errors import UserError, os_error_text


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "district-report", help="生成区级报表（汇总指标与项目、资金、表决、征求意见、投诉明细，不含个人信息）",
        description="按街道、社区或小区生成区级报表工作簿：汇总表按街道、社区、小区列出各项指标及其分子分母，"
                    "明细表列出项目、资金、表决结果、征求意见和投诉；不含业主姓名、证件号码和联系电话。")
    parser.add_argument("out", type=Path, metavar="输出文件", help="要写入的 .xlsx 文件")
    parser.add_argument("--scope", metavar="编码", default=None, help="小区、社区或街道编码（默认：全部）")
    parser.add_argument("--from-year", type=int, metavar="年度", default=None, help="起始年度（含）")
    parser.add_argument("--to-year", type=int, metavar="年度", default=None, help="截止年度（含）")
    parser.add_argument("--as-of", metavar="日期", default=None, help="统计日期，如 2024-12-31（默认：今天）")
    parser.set_defaults(handler=run_district_report)

    merge = subparsers.add_parser(
        "merge-reports", help="合并多份区级报表（计数和金额相加，比例重新计算）",
        description="合并多个社区或街道的区级报表：计数与金额相加，比例由相加后的数重新计算；同一社区出现在多份报表中时采用"
                    "制表时间较新的一份并列出；不是区级报表、格式版本不同或年度、统计日期不同的文件被拒绝，不写入任何文件。")
    merge.add_argument("out", type=Path, metavar="输出文件", help="合并后写入的 .xlsx 文件")
    merge.add_argument("inputs", type=Path, nargs="+", metavar="报表文件", help="要合并的区级报表")
    merge.add_argument("--json", action="store_true", help="以 JSON 输出合并情况")
    merge.set_defaults(handler=run_merge_reports)


def run_district_report(args: argparse.Namespace) -> int:
    from desktop_app.services.scope import UnknownScope, scope_of_code
    from desktop_app.operations.reports import write_district_report
    from desktop_app.domain.report_merge import years_text

    workspace = open_db_or_exit(args)
    try:
        first, last = _year(args.from_year, "起始年度"), _year(args.to_year, "截止年度")
        if first is not None and last is not None and first > last:
            raise CommandError(f"起始年度 {first} 晚于截止年度 {last}", code=2)
        as_of = _as_of(args.as_of, workspace.clock.today())
        try:
            scope = scope_of_code(args.scope)
        except UnknownScope as error:
            raise CommandError(error.message, code=2) from error
        try:
            written = write_district_report(args.out, scope, (first, last), as_of, now=workspace.clock.now())
        except OSError as error:
            raise CommandError(f"无法写入“{args.out}”：{os_error_text(error)}") from error
        except UserError as error:
            raise CommandError(error.message, code=2) from error
    except CommandError as error:
        print(f"错误：{error}", file=sys.stderr)
        return error.code
    meta = written.report.meta
    print(f"已写入区级报表“{written.path}”：{meta.scope}，{years_text(meta.years)}，统计日期 {meta.as_of.isoformat()}；"
          f"{written.estates} 个小区，{written.projects} 个项目。")
    return 0


def run_merge_reports(args: argparse.Namespace) -> int:
    from desktop_app.operations.reports import preview_merge, write_merged

    workspace = open_db_or_exit(args)
    preview = preview_merge(args.inputs, now=workspace.clock.now())
    code = preview.exit_code
    output = None
    if code == 0:
        try:
            output = write_merged(preview, args.out).path
        except OSError as error:
            print(f"错误：无法写入“{args.out}”：{os_error_text(error)}", file=sys.stderr)
            code = 1
    for refused in preview.refused:
        print(f"错误：{refused.reason}", file=sys.stderr)
    for duplicate in preview.duplicates:
        print(f"重复：{duplicate.text}", file=sys.stderr)
    if args.json:
        print(json.dumps({
            "written": output is not None, "output": str(output) if output else None,
            "inputs": [{"file": str(i.path), "scope": i.meta.scope, "made_at": i.meta.made_at,
                        "communities": [c.name for c in i.communities]} for i in preview.inputs],
            "communities": [c.name for c in preview.communities],
            "duplicates": [{"community": d.community.name, "places": [p.name for p in d.places], "kept": str(d.kept),
                            "dropped": [str(p) for p in d.dropped]} for d in preview.duplicates],
            "refused": [{"file": str(r.path), "reason": r.reason} for r in preview.refused],
        }, ensure_ascii=False))
    elif output is not None:
        print(f"已合并 {len(preview.inputs)} 份报表（{len(preview.communities)} 个社区）到“{output}”。")
    else:
        print("未写入任何文件。", file=sys.stderr)
    return code
