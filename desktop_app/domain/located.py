"""A message about one place of a workbook, the one shape every located error and remark takes: file, sheet,
row, column, the value found there and why (formats.md: bad input names the file, sheet, row and column)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LocatedNote:
    """A message about one place of a workbook: file, sheet, the row number the spreadsheet shows (1-based),
    the column as messages name it ("证件号码（F列）", or empty for the whole row), the value found there and why.

    `exchange.errors.CellError` (a problem found while reading) and `domain.ticket_record.TicketNote` are both this."""

    file: str
    sheet: str
    row: int
    column: str
    value: str
    reason: str

    def describe(self) -> str:
        """One line for a person: where, what, why."""
        where = f"“{self.sheet}”第{self.row}行"
        if self.column:
            where += f" {self.column}"
        shown = f"：“{self.value}”" if self.value != "" else ""
        return f"{where}{shown} — {self.reason}"
