"""Subcommands: placeholder, filled in by its issue."""

from __future__ import annotations


def register(subparsers) -> None:
    return None
