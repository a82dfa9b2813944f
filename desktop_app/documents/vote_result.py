"""表决结果公告: a 公告 on the notice layout with the totals of the scope and each item's result.

Each item shows participation, 同意, 反对 and 弃权 in both bases (area and heads), its verdict and the
rule it was decided by. Made only from the tally's figures: no name, ID number or phone can appear.
"""

from __future__ import annotations

from typing import IO

from reportlab.platypus import LongTable

from desktop_app.documents.fonts import FontSet, load_fonts
from desktop_app.documents.layout import SMALL_SIZE, build
from desktop_app.documents.notice import notice_story, notice_texts, table_flowable
from desktop_app.domain.area import format_area
from desktop_app.domain.dates_text import date_text
from desktop_app.domain.print_data import Notice, TableData
from desktop_app.domain.vote_print_data import ResultRow, VoteResultNotice

HEADER = ("序号", "表决事项", "参与表决", "同意", "反对", "弃权")
BLANK_HEADER = "未选择"
WIDTHS = (0.9, 3.2, 1.8, 1.8, 1.8, 1.8)
BLANK_WIDTH = 1.8
VERDICT_WIDTH = 2.4


def with_blank(notice: VoteResultNotice) -> bool:
    """A 未选择 column only when some item has blank answers (else every figure already adds up)."""
    return any(row.blank.heads or row.blank.area_centi for row in notice.rows)


def result_cells(number: int, row: ResultRow, blank: bool) -> tuple[str, ...]:
    figures = [row.participating, row.agree, row.oppose, row.abstain] + ([row.blank] if blank else [])
    # area over heads in one cell, each with its unit: "803.70" over "9" read as one number
    return (str(number), row.item, *(f"{format_area(votes.area_centi)}㎡\n{votes.heads}人" for votes in figures),
            row.verdict)


def verdict_header(notice: VoteResultNotice) -> str:
    """"结论 双四分之三": one vote is decided by one rule, named over every item's verdict."""
    rules = dict.fromkeys(row.rule_name for row in notice.rows) or {notice.rule_name: None}
    return "结论\n" + "、".join(rules)


def result_table(notice: VoteResultNotice) -> TableData:
    blank = with_blank(notice)
    header = HEADER + ((BLANK_HEADER,) if blank else ()) + (verdict_header(notice),)
    widths = WIDTHS + ((BLANK_WIDTH,) if blank else ()) + (VERDICT_WIDTH,)
    rows = tuple(result_cells(number, row, blank) for number, row in enumerate(notice.rows, 1))
    return TableData(header, rows, widths)


def result_paragraphs(notice: VoteResultNotice) -> tuple[str, ...]:
    scope = f"{notice.estate_name}{notice.scope_label}"
    total = notice.total
    blank_rule = "计入参与表决，不计入同意" if notice.blank_participates else "不计入参与表决"
    return (
        f"{scope}业主于{date_text(notice.opens_on)}至{date_text(notice.closes_on)}就“{notice.matter}”"
        f"进行了表决，共{len(notice.rows)}项表决事项。现将表决结果公告如下。",
        f"本次表决范围内专有部分总面积 {format_area(total.area_centi)} 平方米，业主总人数 {total.heads} 人。"
        "依照《中华人民共和国民法典》第二百七十八条，专有部分面积占比三分之二以上且人数占比三分之二以上的业主"
        f"参与表决，方可作出决定；本次表决适用{notice.rule_text}。",
        f"弃权计入参与表决，不计入同意；未作选择或者无法辨认的事项{blank_rule}。"
        "下表每格上行为专有部分面积（平方米），下行为人数（人）。",
    )


def result_closing(notice: VoteResultNotice) -> tuple[str, ...]:
    return (f"业主对表决结果有异议的，请于本公告发布之日起七日内向{notice.issuer}提出复核申请。", "特此公告。")


def vote_result_as_notice(notice: VoteResultNotice) -> Notice:
    """The 公告 the result is printed as (the notice layout does the rest)."""
    return Notice(kind="公告", title=notice.title, paragraphs=result_paragraphs(notice), issuer=notice.issuer,
                  issued_on=notice.issued_on, salutation="各位业主：", table=result_table(notice),
                  closing=result_closing(notice))


def render_vote_result(notice: VoteResultNotice, target: str | IO[bytes], fonts: FontSet | None = None) -> int:
    """Write the result notice as a PDF; returns its page count. Raises MissingGlyphs before writing.
    The notice's story with its table in 五号, so that eight columns of figures fit the text block."""
    fonts = fonts or load_fonts()
    printed = vote_result_as_notice(notice)
    fonts.check(notice_texts(printed))
    story = [table_flowable(result_table(notice), fonts, size=SMALL_SIZE) if isinstance(flowable, LongTable) else flowable
             for flowable in notice_story(printed, fonts)]
    return build(target, story, fonts, title=printed.title, author=printed.issuer)
