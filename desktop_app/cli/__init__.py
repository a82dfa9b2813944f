"""The command line: each subcommand runs the same services as the window, headless.

Each subcommand lives in its own module with `register(subparsers)`; the handler it sets takes the
parsed arguments and returns the process exit code.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app import APP_NAME, __version__
from desktop_app.cli.chinese_argparse import ChineseArgumentParser
from desktop_app.paths import default_database_path


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="desktop-app",
        description=f"{APP_NAME}：不带子命令时打开窗口，带子命令时在命令行中运行。",
    )
    parser.add_argument("--db", type=Path, default=None,
                        help=f"数据库文件（默认：{default_database_path()}）")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}", help="显示程序版本并退出")
    subparsers = parser.add_subparsers(dest="command", metavar="子命令")
    from desktop_app.cli import ballots, deadline, demo, indicators, plan, print_cmd, reports, roll, sync, tally

    for module in (roll, demo, print_cmd, tally, ballots, indicators, plan, reports, sync, deadline):
        module.register(subparsers)
    return parser


def database_path(args: argparse.Namespace) -> Path:
    return args.db if args.db is not None else default_database_path()


def run_command(args: argparse.Namespace) -> int:
    """Run the parsed subcommand headless and return its exit code."""
    return int(args.handler(args))
