"""The `desktop-app` entry point: no subcommand opens the window, a subcommand runs headless."""

from __future__ import annotations

import sys
from typing import Sequence

from desktop_app.cli import build_parser, database_path, run_command


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from desktop_app.ui.app import run_gui

        return run_gui(database_path(args))
    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
