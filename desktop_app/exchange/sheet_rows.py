"""Rows of one worksheet as plain values, read fast and within bounded memory.

python-calamine reads about nine times faster than openpyxl, but it builds the whole used grid of a
sheet in memory; it is used when `xlsx_safety` found the grid small enough. Otherwise the sheet is
streamed with openpyxl in read-only mode. Either way reading stops after `EMPTY_ROWS_LIMIT`
consecutive empty rows, so 100,000 empty but formatted rows at the bottom cost next to nothing.
Calamine gives numbers as float and dates as date; openpyxl gives int; callers treat both alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, Sequence

import python_calamine
from openpyxl import load_workbook

from desktop_app.exchange.errors import ReadFailure
from desktop_app.exchange.xlsx_safety import SheetBounds

MAX_GRID_CELLS = 10_000_000  # about 320 MB in calamine's dense grid; beyond that, stream
EMPTY_ROWS_LIMIT = 1_000
Row = Sequence[object]
MergedRange = tuple[tuple[int, int], tuple[int, int]]  # ((row0, col0), (row1, col1)), 0-based inclusive


def is_blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


class SheetRows:
    """One sheet of a checked workbook: `merged` ranges and `rows()` = (row number, values) pairs."""

    def __init__(self, path: str | Path, sheet: str, bounds: SheetBounds | None) -> None:
        self.path = Path(path)
        self.sheet = sheet
        self.merged: list[MergedRange] = []
        self.streamed = bounds is None or bounds.cells > MAX_GRID_CELLS
        self._calamine_sheet = None
        if not self.streamed:
            try:
                workbook = python_calamine.CalamineWorkbook.from_path(str(self.path))
                self._calamine_sheet = workbook.get_sheet_by_name(sheet)
            except Exception as error:  # calamine raises its own family of errors
                raise ReadFailure(f"读取“{self.path.name}”的工作表“{sheet}”失败，文件可能已损坏。") from error
            self.merged = list(self._calamine_sheet.merged_cell_ranges or [])

    def rows(self) -> Iterator[tuple[int, Row]]:
        """Non-empty rows with their spreadsheet row numbers (1-based); stops after a long empty run."""
        source = self._openpyxl_rows() if self.streamed else self._calamine_rows()
        empty_run = 0
        for number, values in source:
            if all(is_blank(value) for value in values):
                empty_run += 1
                if empty_run >= EMPTY_ROWS_LIMIT:
                    return
                continue
            empty_run = 0
            yield number, values

    def _calamine_rows(self) -> Iterator[tuple[int, Row]]:
        sheet = self._calamine_sheet
        if sheet is None:  # rows() reads a streamed sheet with openpyxl instead
            raise RuntimeError("a streamed sheet has no calamine rows")
        start = sheet.start
        # iter_rows counts rows from the top of the sheet but columns from the first used column.
        pad: list[object] | None = [""] * start[1] if start and start[1] else None
        for index, values in enumerate(sheet.iter_rows()):
            yield index + 1, (pad + values if pad else values)

    def _openpyxl_rows(self) -> Iterator[tuple[int, Row]]:
        try:
            workbook = load_workbook(self.path, read_only=True, data_only=True)
        except Exception as error:
            raise ReadFailure(f"读取“{self.path.name}”失败，文件可能已损坏。") from error
        try:
            worksheet = workbook[self.sheet]
            worksheet.reset_dimensions()  # never trust the declared size; rows come as stored
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                yield number, values
        finally:
            workbook.close()
