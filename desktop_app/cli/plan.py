"""`desktop-app import-plan | export-plan`: the district's 改造计划 workbook without a window.

    desktop-app [--db PATH] import-plan PLAN.xlsx [--dry-run] [--json]
    desktop-app [--db PATH] export-plan OUT.xlsx [--scope CODE]

import-plan exit codes: 0 imported (with --dry-run: would import; nothing written); 2 the file has errors
(each listed, nothing written); 1 the file cannot be read. --json prints
{"projects", "added", "updated", "unchanged", "errors": [{"sheet", "row", "column", "value", "reason"}]}.
export-plan exit codes: 0 written; 2 unknown scope code; 1 the file cannot be written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.cli.common import open_db_or_exit
from desktop_app.domain.errors import os_error_text

if TYPE_CHECKING:  # the handlers import their modules, so that building the parser stays cheap
    from desktop_app.operations.projects import PlanChecked


def register(subparsers) -> None:
    parser = subparsers.add_parser("import-plan", help="导入区里的改造计划（.xlsx）",
                                   description="导入改造计划（项目、改造内容、资金三个工作表），按项目编号新增或更新。"
                                               "有错误时逐条列出且不写入任何数据。")
    parser.add_argument("plan", type=Path, metavar="计划.xlsx", help="改造计划工作簿 .xlsx")
    parser.add_argument("--dry-run", action="store_true", help="只检查并列出将新增、更新的项目，不写入")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    parser.set_defaults(handler=run_import)

    parser = subparsers.add_parser("export-plan", help="按改造计划格式导出项目",
                                   description="把项目、改造内容和资金按改造计划的格式导出，可以交回区里，也可以再次导入。")
    parser.add_argument("out", type=Path, metavar="输出.xlsx", help="要写入的 .xlsx")
    parser.add_argument("--scope", metavar="编码", default=None,
                        help="只导出涉及这个小区、社区或街道（编码）的项目；默认全部")
    parser.set_defaults(handler=run_export)


def _error_json(error) -> dict:
    return {"sheet": error.sheet, "row": error.row, "column": error.column, "value": error.value,
            "reason": error.reason}


def _report(args: argparse.Namespace, checked: PlanChecked, imported) -> None:
    counts = imported or checked.preview
    errors = checked.errors
    added, updated, unchanged = (counts.added, counts.updated, counts.unchanged) if counts and not errors else (0, 0, 0)
    if args.json:
        print(json.dumps({"projects": checked.projects, "added": added, "updated": updated, "unchanged": unchanged,
                          "errors": [_error_json(error) for error in errors]}, ensure_ascii=False))
        return
    for error in errors:
        print(f"{error.file} {error.describe()}", file=sys.stderr)
    if errors:
        print(f"发现 {len(errors)} 处错误，未写入任何数据。改正后重新导入。", file=sys.stderr)
        return
    verb = "检查" if imported is None else "导入"
    would = "将" if imported is None else ""
    print(f"已{verb}“{args.plan.name}”：共 {checked.projects} 个项目，{would}新增 {added} 个，{would}更新 {updated} 个，"
          f"未变 {unchanged} 个。")
    for estate in (imported.new_estates if imported else checked.preview.new_estates):
        print(f"{would}新建小区：{estate.code or '（无编码）'} {estate.name}（{estate.street} {estate.community}；"
              f"项目 {'、'.join(estate.projects)}）")
    if imported is None:
        print("这是试运行（--dry-run），没有写入任何数据。")


def run_import(args: argparse.Namespace) -> int:
    from desktop_app.exchange.errors import ReadFailure
    from desktop_app.operations.projects import check_plan_file, import_plan

    open_db_or_exit(args)
    try:
        checked = check_plan_file(args.plan)
    except ReadFailure as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1
    if not checked.can_import:
        _report(args, checked, None)
        return 2
    imported = None if args.dry_run else import_plan(checked)
    _report(args, checked, imported)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from desktop_app.operations.projects import export_plan
    from desktop_app.services.scope import UnknownScope, scope_of_code

    open_db_or_exit(args)
    try:
        scope = scope_of_code(args.scope)
    except UnknownScope as error:
        print(f"错误：{error}", file=sys.stderr)
        return 2
    try:
        exported = export_plan(args.out, scope)
    except OSError as error:
        print(f"错误：无法写入“{args.out}”：{os_error_text(error)}", file=sys.stderr)
        return 1
    print(f"已导出 {exported.projects} 个项目到“{args.out}”。")
    return 0
