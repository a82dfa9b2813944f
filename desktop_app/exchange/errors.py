"""What the exchange layer reports: per-cell errors of a readable file, and files that cannot be read."""

from __future__ import annotations

from desktop_app.domain.errors import UserError
from desktop_app.domain.located import LocatedNote


class CellError(LocatedNote):
    """One problem in one cell (or one row, or the header) of a workbook.

    `row` is the row number the spreadsheet shows (1-based); `column` is `column_label()`, e.g.
    "证件号码（F列）", or the bare field name when the column is missing from the file.
    """


class ReadFailure(UserError):
    """The file cannot be read at all; the message is for the user and names the file."""


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index: 0 -> "A", 26 -> "AA"."""
    from openpyxl.utils.cell import get_column_letter  # openpyxl takes 0.2 s to import

    return get_column_letter(index + 1)


def column_label(header: str, index: int) -> str:
    """How messages name a column: the header text as the file has it and its letter, "证件号码（F列）"."""
    header = header.strip()
    letter = column_letter(index)
    return f"{header}（{letter}列）" if header else f"{letter}列"
