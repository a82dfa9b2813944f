"""项目进度表: one row per project of a scope and plan years with its schedule against the plan as it
stood on the 统计日期 — planned and actual start and completion, state, the marks 逾期未开工 / 未按期完工
(the row is shaded) and the contractor. Landscape A4."""

from __future__ import annotations

from datetime import date
from typing import IO, Iterator

from reportlab.platypus import Flowable, TableStyle

from desktop_app.documents.fonts import FontSet, load_fonts
from desktop_app.documents.landscape import (
    BLOCK_WIDTH, MARK_SHADE, TABLE_SIZE, build_landscape, heading_story, natural_widths,
)
from desktop_app.documents.layout import SMALL_SIZE, para, style
from desktop_app.documents.notice import table_flowable
from desktop_app.domain.print_data import TableData
from desktop_app.domain.project_print_data import ProgressLine, ProjectProgressData

HEADER = ("序号", "项目编号", "项目名称", "年度", "小区", "计划开工", "实际开工", "计划完工", "实际完工", "状态", "标记",
          "施工单位")
WRAPPED = {"项目名称": 12, "小区": 9, "标记": 5, "施工单位": 10}
NOTE = ("说明：状态按统计日期判断（未开工、在建、已完工、已验收）；逾期未开工指计划开工日期已到而未开工，未按期完工指计划完工日期"
        "已到而未完工或实际完工晚于计划（底色标出）。")


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def progress_cells(number: int, line: ProgressLine) -> tuple[str, ...]:
    return (str(number), line.code, line.name, str(line.plan_year), line.estates, _day(line.planned_start),
            _day(line.actual_start), _day(line.planned_end), _day(line.actual_end), line.state,
            "、".join(line.marks), line.contractor)


def summary(data: ProjectProgressData) -> str:
    states = "，".join(f"{state} {count} 个" for state, count in data.state_counts())
    marks = "，".join(f"{mark} {count} 个" for mark, count in data.mark_counts())
    return f"共 {len(data.rows)} 个项目：{states}；{marks}。"


def progress_table(data: ProjectProgressData, fonts: FontSet) -> TableData:
    rows = [progress_cells(number, line) for number, line in enumerate(data.rows, 1)]
    return TableData(HEADER, tuple(rows), natural_widths(HEADER, rows, fonts.role_font["body"], TABLE_SIZE, WRAPPED))


def progress_texts(data: ProjectProgressData) -> Iterator[tuple[str, str]]:
    yield "标题", data.heading.title
    yield "统计范围", data.heading.line
    for line in data.rows:
        yield f"项目 {line.code}", line.code + line.name + line.estates + line.contractor


def progress_story(data: ProjectProgressData, fonts: FontSet) -> list[Flowable]:
    story = heading_story(data.heading, summary(data), NOTE, fonts)
    if data.rows:
        table = table_flowable(progress_table(data, fonts), fonts, size=TABLE_SIZE, padding=2.0, width=BLOCK_WIDTH)
        shaded = [("BACKGROUND", (0, number), (-1, number), MARK_SHADE)
                  for number, line in enumerate(data.rows, 1) if line.marks]
        if shaded:
            table.setStyle(TableStyle(shaded))
        story.append(table)
    else:
        story.append(para("所选范围和年度内没有改造项目。", style("progress-none", fonts, "body", SMALL_SIZE), fonts))
    return story


def render_project_progress(data: ProjectProgressData, target: str | IO[bytes], fonts: FontSet | None = None) -> int:
    """Write the table as a PDF; returns its page count. Raises MissingGlyphs before writing."""
    fonts = fonts or load_fonts()
    fonts.check(progress_texts(data))
    return build_landscape(target, progress_story(data, fonts), fonts, title=data.heading.title)
