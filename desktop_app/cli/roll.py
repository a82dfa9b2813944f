"""`desktop-app import-roll | export-roll | roll-template`: the room and owner roll without a window.

    desktop-app [--db PATH] import-roll FILE [--estate CODE] [--skip-invalid] [--json]
    desktop-app [--db PATH] export-roll FILE [--estate CODE]
    desktop-app roll-template FILE

import-roll exit codes: 0 imported (with --skip-invalid: the valid rows were imported, the skipped
errors are listed); 2 rows are invalid (each listed, nothing written); 1 the file cannot be read.
Errors name the column as "证件号码（K列）" and the row as the spreadsheet shows it.
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
    from desktop_app.exchange.errors import CellError
    from desktop_app.services.roll import ImportSummary


def register(subparsers) -> None:
    parser = subparsers.add_parser("import-roll", help="导入房屋业主名册（.xlsx）",
                                   description="导入房屋业主名册。有错误行时逐条列出且不写入任何数据。")
    parser.add_argument("file", type=Path, metavar="文件.xlsx", help="名册工作簿 .xlsx")
    parser.add_argument("--estate", metavar="小区编码", default=None,
                        help="小区编码：文件只含一个小区且没有“小区编码”列时使用")
    parser.add_argument("--skip-invalid", action="store_true", help="跳过有错误的行，只导入正确的行")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    parser.set_defaults(handler=run_import)

    parser = subparsers.add_parser("export-roll", help="导出房屋业主名册（含证件号码和电话）")
    parser.add_argument("file", type=Path, metavar="文件.xlsx", help="要写入的 .xlsx")
    parser.add_argument("--estate", metavar="小区编码", default=None, help="只导出这个小区（小区编码）")
    parser.set_defaults(handler=run_export)

    parser = subparsers.add_parser("roll-template", help="生成空白的房屋业主名册模板")
    parser.add_argument("file", type=Path, metavar="文件.xlsx", help="要写入的 .xlsx")
    parser.set_defaults(handler=run_template)


def error_json(error: CellError) -> dict:
    return {"sheet": error.sheet, "row": error.row, "column": error.column, "value": error.value,
            "reason": error.reason}


def _report(args: argparse.Namespace, rows: int, summary: ImportSummary | None, errors: list[CellError]) -> None:
    if args.json:
        print(json.dumps({"rows": rows, "imported": summary.imported if summary else 0,
                          "unchanged": summary.unchanged if summary else 0,
                          "errors": [error_json(error) for error in errors]}, ensure_ascii=False))
        return
    for error in errors:
        print(f"{error.file} {error.describe()}", file=sys.stderr)
    if summary is None:
        print(f"发现 {len(errors)} 处错误，未写入任何数据。改正后重新导入，或加 --skip-invalid 只导入正确的行。",
              file=sys.stderr)
        return
    skipped = f"，跳过有错误的行 {rows - summary.rows} 行" if errors else ""
    print(f"已导入“{args.file.name}”：共 {summary.rows} 行，新增 {summary.created} 间，"
          f"更新 {summary.updated} 间，未变 {summary.unchanged} 行{skipped}。")


def run_import(args: argparse.Namespace) -> int:
    from desktop_app.exchange.errors import ReadFailure
    from desktop_app.operations.roll import can_import, import_roll, read_roll_file

    workspace = open_db_or_exit(args)
    try:
        result = read_roll_file(args.file, estate_code=args.estate, today=workspace.clock.today())
    except ReadFailure as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1
    if result.errors and not can_import(result, skip_invalid=args.skip_invalid):
        _report(args, result.rows, None, result.errors)
        return 2
    imported = import_roll(result)
    _report(args, result.rows, imported.summary, result.errors)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from desktop_app.operations.roll import UnknownEstate, export_roll

    open_db_or_exit(args)
    try:
        exported = export_roll(args.file, args.estate)
    except UnknownEstate as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"错误：无法写入“{args.file}”：{os_error_text(error)}", file=sys.stderr)
        return 1
    print(f"已导出 {exported.rooms} 间房屋到“{args.file}”。文件含完整的证件号码和联系电话，请妥善保管。")
    return 0


def run_template(args: argparse.Namespace) -> int:
    from desktop_app.operations.roll import write_template

    try:
        write_template(args.file)
    except OSError as error:
        print(f"错误：无法写入“{args.file}”：{os_error_text(error)}", file=sys.stderr)
        return 1
    print(f"已生成名册模板“{args.file}”。")
    return 0
