"""Helpers shared by the subcommands: opening the workspace (the database) with a user-facing error."""

from __future__ import annotations

import argparse
import sys

from desktop_app.domain.errors import UserError
from desktop_app.models.clock import Clock
from desktop_app.services.workspace import DatabaseOpenError, Workspace


class CommandError(UserError):
    """A failure to report on stderr with an exit code (1 = cannot read or write)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def open_db_or_exit(args: argparse.Namespace, clock: Clock | None = None) -> Workspace:
    """The subcommand's one workspace on the database of `--db` (the system clock unless `clock`);
    a file that must not be used ends the process with its message and exit code 1."""
    from desktop_app.cli import database_path

    try:
        return Workspace.open(database_path(args), clock)
    except DatabaseOpenError as error:
        print(f"错误：{error}", file=sys.stderr)
        raise SystemExit(1) from error
