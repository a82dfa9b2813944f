"""`desktop-app export-sync | import-sync`: keep two installations in step through a workbook.

    desktop-app [--db PATH] export-sync OUT.xlsx [--scope CODE]
    desktop-app [--db PATH] import-sync IN.xlsx [--dry-run] [--json]

export-sync exit codes: 0 written; 2 unknown scope code; 1 the file cannot be written (or a text is longer than
a cell holds).
import-sync exit codes: 0 merged (with --dry-run: would merge; nothing written), conflicts may remain and
are listed; 2 the file has errors (each listed, nothing written), or must not be imported here (not a
sync file, a newer format, exported by this installation); 1 the file cannot be read. --json prints
{"added", "updated", "deleted", "unchanged", "conflicts": [{"table", "uid", "label", "field", "ours",
"theirs"}], "errors": [{"sheet", "row", "column", "value", "reason"}]}.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop_app.cli.common import open_db_or_exit
from desktop_app.domain.errors import os_error_text


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export-sync", help="导出同步文件（含个人信息），交给另一台电脑导入",
        description="把全部记录（或一个小区、社区、街道的记录及其所依赖的记录）连同删除记录写入同步文件。"
                    "文件含身份证号码、电话等个人信息，请妥善保管。")
    parser.add_argument("out", type=Path, metavar="输出.xlsx", help="要写入的 .xlsx")
    parser.add_argument("--scope", metavar="编码", default=None, help="只导出这个小区、社区或街道（编码）；默认全部")
    parser.set_defaults(handler=run_export)
    parser = subparsers.add_parser(
        "import-sync", help="导入另一台电脑导出的同步文件并合并",
        description="按 uid 合并：新记录新增；只有一方修改过的记录取修改的一方；双方都修改过的记录保留本机的并列为冲突；"
                    "对方删除的记录删除（本机修改过的除外）。已结束的表决不会被同步修改。文件有错误时不写入任何数据。")
    parser.add_argument("file", type=Path, metavar="同步文件.xlsx", help="同步文件 .xlsx")
    parser.add_argument("--dry-run", action="store_true", help="只检查并列出将发生的变化和冲突，不写入")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    parser.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    from desktop_app.operations.sync import TextTooLong, export_sync
    from desktop_app.services.scope import UnknownScope, scope_of_code

    open_db_or_exit(args)
    try:
        scope = scope_of_code(args.scope)
    except UnknownScope as error:
        print(f"错误：{error}", file=sys.stderr)
        return 2
    try:
        exported = export_sync(args.out, scope)
    except OSError as error:
        print(f"错误：无法写入“{args.out}”：{os_error_text(error)}", file=sys.stderr)
        return 1
    except TextTooLong as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1
    print(f"已导出同步文件“{args.out}”（{exported.scope}）：{exported.records} 条记录，"
          f"{exported.counts.get('tombstone', 0)} 条删除记录。文件含个人信息，请妥善保管。")
    return 0


def _refused(args: argparse.Namespace, message: str, code: int) -> int:
    if args.json:
        print(json.dumps({"added": 0, "updated": 0, "deleted": 0, "unchanged": 0, "conflicts": [],
                          "errors": [{"sheet": "", "row": 0, "column": "", "value": "", "reason": message}]},
                         ensure_ascii=False))
    print(f"错误：{message}", file=sys.stderr)
    return code


def run_import(args: argparse.Namespace) -> int:
    from desktop_app.exchange.errors import ReadFailure
    from desktop_app.operations.sync import SyncFileRefused, apply_sync, check_sync_file, preview_sync
    from desktop_app.services.sync import SyncRefused

    open_db_or_exit(args)
    try:
        checked = check_sync_file(args.file)
    except ReadFailure as error:
        return _refused(args, str(error), 1)
    except SyncFileRefused as error:
        return _refused(args, str(error), 2)
    try:
        result = preview_sync(checked) if args.dry_run else apply_sync(checked)
    except SyncRefused as error:
        return _refused(args, str(error), 2)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, default=str))
    else:
        _print(args, result)
    return 2 if result.errors else 0


def _print(args: argparse.Namespace, result) -> None:
    if result.errors:
        for error in result.errors:
            print(f"{error.file} {error.describe()}", file=sys.stderr)
        print(f"发现 {len(result.errors)} 处错误，未写入任何数据。", file=sys.stderr)
        return
    would = "将" if args.dry_run else ""
    print(f"“{args.file.name}”：{would}新增 {result.added} 条，{would}更新 {result.updated} 条，"
          f"{would}删除 {result.deleted} 条，未变 {result.unchanged} 条，冲突 {len(result.conflicts)} 处。")
    for conflict in result.conflicts:
        print(f"冲突：{conflict.label} {conflict.field}：本机“{conflict.ours}”，对方“{conflict.theirs}”（已保留本机）")
    if args.dry_run:
        print("这是试运行（--dry-run），没有写入任何数据。")
