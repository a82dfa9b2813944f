"""`desktop-app print notice|roll`: printed documents from the command line, recorded in the print history.

    desktop-app print notice --title T --body-file F [--issuer I] [--date YYYY-MM-DD]
                             [--period-end YYYY-MM-DD] -o OUT.pdf
    desktop-app print roll --estate CODE [--building B] -o OUT.pdf
    desktop-app print project-progress|fund-progress [--scope CODE] [--from-year Y] [--to-year Y]
                             [--as-of YYYY-MM-DD] --out OUT.pdf

Exit codes: 0 written; 1 a file cannot be read or written; 2 the content cannot be printed as given
(a character no font has, a bad date, an unknown estate or scope code, nothing to print).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser("print", help="生成打印用的 PDF（通知/公告/公示、楼栋业主名册、项目与资金进度表）")
    verbs = parser.add_subparsers(dest="document", metavar="文书", required=True)

    notice = verbs.add_parser("notice", help="通知、公告或公示（给出 --period-end 时为公示）")
    notice.add_argument("--title", required=True, help="标题，如“关于幸福里小区改造方案的公示”")
    notice.add_argument("--body-file", required=True, type=Path,
                        help="正文文本文件（UTF-8 或 GBK），每行一段；以“：”结尾的第一行作为称呼")
    notice.add_argument("--issuer", default="", help="落款单位，如“幸福里社区居民委员会”")
    notice.add_argument("--date", default=None, help="成文日期 YYYY-MM-DD（默认今天）")
    notice.add_argument("--period-end", default=None, help="公示期结束日期 YYYY-MM-DD（公示期从成文日期起）")
    notice.add_argument("-o", "--output", required=True, type=Path, help="输出的 PDF 文件")
    notice.set_defaults(handler=_run_notice)

    roll = verbs.add_parser("roll", help="楼栋业主名册（姓名、证件号码、电话按规定隐去部分内容）")
    roll.add_argument("--estate", required=True, help="小区编码（或小区名称）")
    roll.add_argument("--building", default=None, help="只打印这一栋，如 3 或 3号楼")
    roll.add_argument("-o", "--output", required=True, type=Path, help="输出的 PDF 文件")
    roll.set_defaults(handler=_run_roll)

    project_documents = (
        ("project-progress", "project_progress", "项目进度表（每个项目的计划与实际开工、完工，状态和标记）"),
        ("fund-progress", "fund_progress", "资金支付进度表（按项目和资金来源的计划、下达、已支付和支付进度）"),
    )
    for verb, name, what in project_documents:
        document = verbs.add_parser(verb, help=what)
        document.add_argument("--scope", default=None, metavar="编码", help="小区、社区或街道编码（默认全部）")
        document.add_argument("--from-year", type=int, default=None, metavar="年度", help="计划年度起（默认不限）")
        document.add_argument("--to-year", type=int, default=None, metavar="年度", help="计划年度止（默认不限）")
        document.add_argument("--as-of", default=None, metavar="日期", help="统计日期 YYYY-MM-DD（默认今天）")
        document.add_argument("-o", "--out", "--output", dest="output", required=True, type=Path,
                              help="输出的 PDF 文件")
        document.set_defaults(handler=_run_project_document, template=name)


def _run_notice(args: argparse.Namespace) -> int:
    from desktop_app.cli.print_run import run_notice  # reportlab loads only when printing

    return run_notice(args)


def _run_roll(args: argparse.Namespace) -> int:
    from desktop_app.cli.print_run import run_roll

    return run_roll(args)


def _run_project_document(args: argparse.Namespace) -> int:
    from desktop_app.cli.print_run import run_project_document

    return run_project_document(args)
