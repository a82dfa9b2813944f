"""Write the opinion register (意见登记簿) and the complaint register (投诉登记簿) as workbooks.

formats.md: frozen header row, widths that fit Chinese text, dates `yyyy-mm-dd`, drop-downs where a
column has fixed values, and a 说明 sheet explaining the columns. Personal data is kept to what the
register needs: names masked (`张*`), phones masked (`138****8000`), no ID numbers at all.

The complaint register uses the header words of `ticket_reader`, so a register read back as a ticket
export matches every ticket it lists and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Callable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from desktop_app.domain.complaints import CATEGORIES, OVERDUE_OPEN, CLOSED_LATE, SATISFACTION, SOURCES, STEPS
from desktop_app.domain.consultation_print_data import ComplaintLine, OpinionLine
from desktop_app.domain.masking import mask_name, mask_phone
from desktop_app.domain.opinions import KINDS, STANCES
from desktop_app.exchange.errors import column_letter
from desktop_app.exchange.sheet_style import INSTRUCTION_SHEET, drop_down, header_cell

OPINION_SHEET = "意见登记簿"
COMPLAINT_SHEET = "投诉登记簿"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    explanation: str
    kind: str = "text"  # text / date / datetime / number
    choices: tuple[str, ...] = ()


OPINION_COLUMNS: tuple[Column, ...] = (
    Column("日期", 12, "提出意见的日期。", "date"),
    Column("小区", 16, "小区名称。"),
    Column("楼栋", 8, "楼栋，如 3。"),
    Column("单元", 8, "单元，不分单元的楼为空。"),
    Column("房号", 8, "房号，如 502。"),
    Column("受访人", 10, "提出意见的人，姓名已隐去部分内容。"),
    Column("征求方式", 10, " / ".join(KINDS) + "。", choices=KINDS),
    Column("对方案态度", 12, " / ".join(STANCES) + "，未表态为空。", choices=STANCES),
    Column("改造需求", 36, "勾选的改造清单项目，以 、 分隔。"),
    Column("其他诉求", 24, "清单以外的诉求，以 、 分隔。"),
    Column("意见内容", 40, "意见的文字。"),
    Column("征求意见活动", 24, "所属的座谈会、走访等活动，没有时为空。"),
    Column("录入人", 10, "录入这条意见的工作人员。"),
)
COMPLAINT_COLUMNS: tuple[Column, ...] = (
    Column("工单编号", 20, "12345 热线工单编号；来访、来电登记的可能为空。"),
    Column("来源", 8, " / ".join(SOURCES) + "。", choices=SOURCES),
    Column("受理时间", 17, "受理的日期（或日期时间）。", "datetime"),
    Column("诉求类别", 10, " / ".join(CATEGORIES) + "。", choices=CATEGORIES),
    Column("所属小区", 16, "小区名称；对不上小区的工单为空，见“地址”。"),
    Column("房号", 16, "如 3号楼1单元502室；不知道房屋时为空。"),
    Column("地址", 24, "工单上的地址原文。"),
    Column("来电人", 10, "姓名已隐去部分内容。"),
    Column("联系电话", 14, "电话号码已隐去中间几位。"),
    Column("诉求内容", 40, "诉求的文字。"),
    Column("办理时限", 12, "应办结的日期。", "date"),
    Column("办理状态", 10, " → ".join(STEPS) + "，为已到达的最后一个环节。", choices=STEPS),
    Column("办结日期", 12, "办结的日期，未办结为空。", "date"),
    Column("办理天数", 10, "受理到办结的自然日数，未办结为空。", "number"),
    Column("是否逾期", 12, f"{OVERDUE_OPEN}：过了办理时限仍未办结；{CLOSED_LATE}：办结晚于办理时限；按导出当天判断。"),
    Column("答复内容", 30, "答复的文字。"),
    Column("满意度", 10, " / ".join(SATISFACTION) + "，未回访为空。", choices=SATISFACTION),
)


def opinion_cells(line: OpinionLine) -> list[object]:
    return [line.given_on, line.estate, line.building, line.unit, line.room, mask_name(line.person), line.channel,
            line.stance, "、".join(line.demands), "、".join(line.tags), line.text, line.consultation, line.entered_by]


def complaint_cells(line: ComplaintLine) -> list[object]:
    received: date | datetime = (datetime.fromisoformat(line.received_at) if "T" in line.received_at
                                 else line.received_on)
    return [line.ticket_no, line.source, received, line.category, line.estate, line.room, line.address,
            mask_name(line.complainant), mask_phone(line.phone), line.text, line.due_on, line.status,
            line.closed_on, line.days_to_close, line.overdue_state, line.reply, line.satisfaction]


def write_opinion_register(path: str | Path, rows: Iterable[OpinionLine]) -> int:
    """The opinion register; returns the number of rows written."""
    return _write(path, OPINION_SHEET, OPINION_COLUMNS, map(opinion_cells, rows),
                  ("每条意见一行：同一户多次提出意见时有多行，按日期先后排列。",
                   "本表不含证件号码和联系电话；受访人姓名已按规定隐去部分内容。"))


def write_complaint_register(path: str | Path, rows: Iterable[ComplaintLine]) -> int:
    """The complaint register; returns the number of rows written."""
    return _write(path, COMPLAINT_SHEET, COMPLAINT_COLUMNS, map(complaint_cells, rows),
                  ("每件投诉（工单）一行。是否逾期按导出当天判断；办理天数为受理到办结的自然日数。",
                   "本表不含证件号码；来电人姓名和联系电话已按规定隐去部分内容。",
                   "本表可以作为 12345 工单导入：按工单编号对应，已登记的工单不会重复。"))


def _write(path: str | Path, title: str, columns: Sequence[Column], rows: Iterable[list[object]],
           notes: Sequence[str]) -> int:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns):
        sheet.column_dimensions[column_letter(index)].width = column.width
        if column.choices:
            drop_down(sheet, index, index, column.choices)
    sheet.append([header_cell(sheet, column.header) for column in columns])
    makers = [_maker(sheet, column) for column in columns]
    count = 0
    for values in rows:
        sheet.append([make(value) for make, value in zip(makers, values)])
        count += 1
    _instruction_sheet(workbook, title, columns, notes)
    workbook.save(str(path))
    return count


def _maker(sheet, column: Column) -> Callable[[object], object]:
    def make(value: object) -> object:
        if value is None or value == "":
            return None
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, datetime):
            cell.number_format = DATETIME_FORMAT
        elif isinstance(value, date):
            cell.number_format = DATE_FORMAT
        elif column.kind == "number":
            cell.number_format = "0"
        else:
            cell.number_format = "@"  # ticket numbers and room numbers stay text
        return cell
    return make


def _instruction_sheet(workbook: Workbook, title: str, columns: Sequence[Column], notes: Sequence[str]) -> None:
    sheet = workbook.create_sheet(INSTRUCTION_SHEET)
    for letter, width in zip("AB", (16, 90)):
        sheet.column_dimensions[letter].width = width
    sheet.append([header_cell(sheet, f"“{title}”说明")])
    for note in notes:
        sheet.append([note])
    sheet.append([])
    sheet.append([header_cell(sheet, "列名"), header_cell(sheet, "说明")])
    for column in columns:
        sheet.append([column.header, column.explanation])
