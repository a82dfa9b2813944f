"""The `desktop-app print` handlers: read the arguments, run the shared print operation
(operations.printing.documents: gather → render → record in the print history), and say what happened."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from desktop_app.cli.common import CommandError, open_db_or_exit
from desktop_app.domain.dates_text import parse_date
from desktop_app.domain.errors import UserError, os_error_text
from desktop_app.domain.print_data import NOTICE_KINDS, Notice
from desktop_app.models.clock import SystemClock
from desktop_app.operations.printing import (
    NothingToPrint, PrintRequest, Saved, notice_request, print_to_file, project_request,
)
from desktop_app.services.printing import PrintScopeError, default_issuer, estate_scope
from desktop_app.services.scope import UnknownScope, scope_of_code


def read_body(path: Path) -> tuple[str, tuple[str, ...]]:
    """(salutation, paragraphs) from a text file saved as UTF-8 (with or without BOM) or GBK."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CommandError(f"无法读取正文文件“{path}”：{os_error_text(error)}") from error
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise CommandError(f"正文文件“{path}”的编码无法识别，请另存为 UTF-8 后重试。")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise CommandError(f"正文文件“{path}”是空的。", code=2)
    if len(lines) > 1 and lines[0].endswith(("：", ":")) and len(lines[0]) <= 30:
        return lines[0], tuple(lines[1:])
    return "", tuple(lines)


def notice_kind(title: str, period_end: date | None) -> str:
    if period_end is not None:
        return "公示"
    return next((kind for kind in NOTICE_KINDS if title.endswith(kind)), "通知")


def _date(text: str | None, default: date | None, what: str) -> date | None:
    if text is None:
        return default
    try:
        return parse_date(text)
    except UserError as error:
        raise CommandError(f"{what}：{error}", code=2) from error


def build_notice(args: argparse.Namespace, today: date) -> Notice:
    issued_on = _date(args.date, today, "成文日期")
    period_end = _date(args.period_end, None, "公示期结束日期")
    assert issued_on is not None
    if period_end is not None and period_end < issued_on:
        raise CommandError("公示期结束日期早于成文日期，请检查 --period-end。", code=2)
    salutation, paragraphs = read_body(args.body_file)
    return Notice(kind=notice_kind(args.title, period_end), title=args.title.strip(), paragraphs=paragraphs,
                  issuer=args.issuer.strip(), issued_on=issued_on, salutation=salutation,
                  period_start=issued_on if period_end else None, period_end=period_end)


def _print(request: PrintRequest, output: Path) -> Saved:
    """The shared operation, its failures as the command's errors (nothing half-written is left)."""
    try:
        return print_to_file(request, output, make_folders=True)
    except UserError as error:
        raise CommandError(str(error), code=2) from error
    except OSError as error:
        raise CommandError(f"无法写入“{output}”：{os_error_text(error)}") from error


def run_notice(args: argparse.Namespace) -> int:
    try:
        clock = SystemClock()
        notice = build_notice(args, clock.today())
        open_db_or_exit(args, clock)
        saved = _print(notice_request(notice), args.output)
    except CommandError as error:
        print(f"错误：{error}", file=sys.stderr)
        return error.code
    print(f"已生成{notice.kind}“{args.output}”，共 {saved.produced.pages} 页。")
    return 0


def run_roll(args: argparse.Namespace) -> int:
    workspace = open_db_or_exit(args)
    try:
        scope = estate_scope(args.estate, args.building)
        request = PrintRequest("roll", scope, issuer=default_issuer(scope), issued_on=workspace.clock.today())
        try:
            saved = _print(request, args.output)
        except NothingToPrint as error:
            raise CommandError("所选范围内没有房屋，未生成名册。", code=2) from error
    except PrintScopeError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 2
    except CommandError as error:
        print(f"错误：{error}", file=sys.stderr)
        return error.code
    print(f"已生成业主名册“{args.output}”：{saved.produced.rooms} 户，共 {saved.produced.pages} 页。")
    return 0


def run_project_document(args: argparse.Namespace) -> int:
    """`print project-progress` / `print fund-progress`: a scope (district code), plan years, an as-of date."""
    workspace = open_db_or_exit(args)
    try:
        as_of = _date(args.as_of, workspace.clock.today(), "统计日期")
        assert as_of is not None
        if args.from_year is not None and args.to_year is not None and args.from_year > args.to_year:
            raise CommandError("计划年度起晚于计划年度止，请检查 --from-year 和 --to-year。", code=2)
        try:
            scope = scope_of_code(args.scope)
        except UnknownScope as error:
            raise CommandError(str(error), code=2) from error
        request = project_request(args.template, scope, (args.from_year, args.to_year), as_of)
        try:
            saved = _print(request, args.output)
        except NothingToPrint as error:
            raise CommandError(str(error), code=2) from error
    except CommandError as error:
        print(f"错误：{error}", file=sys.stderr)
        return error.code
    print(f"已生成“{saved.produced.title}”“{args.output}”：{saved.produced.rooms} 个项目，共 {saved.produced.pages} 页。")
    return 0
