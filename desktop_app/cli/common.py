"""Helpers shared by the subcommands: opening the database with a user-facing error."""

from __future__ import annotations

import argparse
import sys

from peewee import SqliteDatabase

from desktop_app.domain.errors import UserError
from desktop_app.models import DatabaseOpenError, open_database


class CommandError(UserError):
    """A failure to report on stderr with an exit code (1 = cannot read or write)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def open_db_or_exit(args: argparse.Namespace) -> SqliteDatabase:
    from desktop_app.cli import database_path

    try:
        return open_database(database_path(args))
    except DatabaseOpenError as error:
        print(f"错误：{error}", file=sys.stderr)
        raise SystemExit(1) from error
