"""Sample 12345 hotline ticket exports for the tests, written with openpyxl (no committed binaries).

The layout is what a hotline system exports: a title row, its own header words (工单号, 来电时间, 问题分类,
状态 …), its own category and status texts (施工扰民, 已办结 …), ticket numbers stored as text.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Iterable, Sequence

from openpyxl import Workbook

HOTLINE_HEADERS = ("工单号", "来电时间", "问题分类", "小区", "房号", "来电内容", "办理时限", "状态", "回复内容",
                   "满意度", "来电人", "来电号码")
TITLE = ("12345政务服务便民热线工单导出（2024年第二季度）",)


def sample_tickets() -> list[tuple]:
    """Five tickets of two estates: a noise complaint still open, a closed quality ticket with a reply
    and a satisfaction, a broken pipe, an address-only ticket, and a category text no rule knows."""
    return [
        ("GD2024050600001", datetime(2024, 5, 6, 9, 30), "施工扰民", "幸福里小区", "3-1-502",
         "夜间施工噪音大", "2024-05-27", "处理中", "", "", "张伟", "138 0013 8000"),
        ("GD2024050700002", "2024/5/7 14:05", "工程质量", "幸福里小区", "3号楼1单元101室",
         "外墙保温层脱落", "2024-05-28", "已办结", "已督促施工单位返工", "满意", "王芳", "13900139000"),
        ("GD2024050800003", "2024-05-08", "管道破损", "和平小区", "", "施工挖断自来水管", "2024-05-29",
         "已转办", "", "", "李强", "0591-87654321"),
        ("GD2024050900004", "2024年5月9日", "路灯", "东街88号幸福里小区3号楼", "", "楼道灯不亮", "",
         "已受理", "", "", "", ""),
        ("GD2024051000005", "2024-05-10 08:00", "进度", "某某花园", "", "改造迟迟不开工", "2024-05-31", "",
         "", "", "赵敏", ""),
    ]


def write_tickets(path: Path, rows: Iterable[Sequence], *, headers: Sequence[str] = HOTLINE_HEADERS,
                  title_rows: Sequence[Sequence] = (TITLE,), sheet: str = "工单列表",
                  text_columns: Sequence[int] = (0,)) -> Path:
    """A hotline export: title rows, the header, the rows; `text_columns` (0-based) formatted as text
    the way the hotline system stores its ticket numbers."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for title in title_rows:
        worksheet.append(list(title))
    worksheet.append(list(headers))
    number = len(title_rows) + 1
    for row in rows:
        worksheet.append(list(row))
        number += 1
        for column in text_columns:
            worksheet.cell(number, column + 1).number_format = "@"
    workbook.save(path)
    return path


def changed(rows: list[tuple], ticket: str, **values) -> list[tuple]:
    """The rows with one ticket's cells changed by header name (状态="已办结", 回复内容="…")."""
    out = []
    for row in rows:
        if row[0] == ticket:
            row = list(row)
            for header, value in values.items():
                row[HOTLINE_HEADERS.index(header)] = value
            row = tuple(row)
        out.append(row)
    return out
