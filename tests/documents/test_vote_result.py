"""表决结果公告 from a real tally on a hand-made roll: verdicts, both bases, the rule, no personal data."""

from __future__ import annotations

import re
from datetime import date

import pytest

from desktop_app.documents.layout import SMALL_SIZE
from desktop_app.documents.vote_result import render_vote_result
from desktop_app.domain.headcount import RollEntry
from desktop_app.domain.tally import ABSTAIN, AGREE, BLANK, OPPOSE, Ballot, freeze_roll, tally
from desktop_app.domain.vote_print_data import result_notice
from desktop_app.domain.vote_rules import Rule

from .conftest import rendered, FULL_ID, Pdf, assert_a4_and_embedded, assert_inside_block

A, O, S, B = AGREE, OPPOSE, ABSTAIN, BLANK
IDS = [f"3504021990010{i:04d}{i % 10}" for i in range(7)]  # 18 characters each
LONG_ITEM = "加装电梯（含既有楼梯间改造、管线迁移、首层入户平台建设及电梯井道外立面装饰）"
ITEMS = ("屋面防水", "外墙保温", LONG_ITEM)
# rooms r0-r6, 100.00 m² each except r6 (150.00 m²); r6 returned no ballot; one owner holds r0 and r1
CHOICES = [(A, A, A), (A, A, A), (A, A, B), (A, O, B), (O, O, B), (A, S, B)]


def vote_roll():
    owners = [IDS[0], IDS[0], *IDS[2:7]]
    areas = [10000] * 6 + [15000]
    return freeze_roll(RollEntry(f"r{i}", area, (owner,)) for i, (area, owner) in enumerate(zip(areas, owners)))


def notice(rule: Rule = Rule.SPECIAL, blank_participates: bool = False, choices=CHOICES):
    cast = [Ballot(f"r{i}", answers) for i, answers in enumerate(choices)]
    result = tally(vote_roll(), cast, ITEMS, rule, blank_participates=blank_participates)
    return result_notice(result, title="幸福里小区3号楼老旧小区改造表决结果公告", estate_name="幸福里小区",
                         scope_label="3号楼", matter="改建、重建建筑物及其附属设施", opens_on=date(2024, 6, 1),
                         closes_on=date(2024, 6, 15), issuer="幸福里社区居民委员会", issued_on=date(2024, 6, 17),
                         blank_participates=blank_participates)


def render(vote_notice) -> tuple[Pdf, int]:
    return rendered(render_vote_result, vote_notice)


def test_verdicts_both_bases_and_the_rule(tmp_path):
    target = tmp_path / "result.pdf"
    pages = render_vote_result(notice(), str(target))
    pdf = Pdf(target)
    assert pages == len(pdf.pages)
    flat = pdf.without_page_numbers()
    # 6 heads (r0 and r1 one owner), 750.00 m²; 5 heads and 600.00 m² took part in items 1 and 2
    assert "专有部分总面积750.00平方米，业主总人数6人" in flat
    assert re.search(r"屋面防水600\.00㎡5人500\.00㎡4人100\.00㎡1人0\.00㎡0人(0\.00㎡0人)?通过", flat), flat
    assert re.search(r"外墙保温600\.00㎡5人300\.00㎡2人200\.00㎡2人100\.00㎡1人(0\.00㎡0人)?未通过", flat), flat
    assert re.search(re.escape(LONG_ITEM) + r"[\d.㎡人]+未达参与门槛", flat), flat
    assert "结论双四分之三" in flat and "适用双四分之三（参与表决的专有部分面积四分之三以上且人数四分之三以上同意）" in flat
    assert "未作选择或者无法辨认的事项不计入参与表决" in flat
    for text in ("幸福里小区3号楼老旧小区改造表决结果公告", "各位业主：", "2024年6月1日至2024年6月15日",
                 "幸福里社区居民委员会", "2024年6月17日", "特此公告。"):
        assert text in flat
    assert_a4_and_embedded(pdf)
    for page in range(pages):
        assert_inside_block(pdf, page)


def test_no_personal_data_and_no_id_like_digits():
    pdf, pages = render(notice())
    flat = pdf.flat()
    assert not FULL_ID.search(flat)
    assert not any(owner in flat or owner[-6:] in flat for owner in IDS)
    for page in range(pages):
        for run in pdf.runs(page):
            assert not re.search(r"\d{9,}", run.text), run  # areas and heads only: no ID, phone or code


def test_ordinary_rule_and_blank_participating_change_the_figures_and_the_verdicts():
    pdf, _ = render(notice(Rule.ORDINARY, blank_participates=True))
    flat = pdf.without_page_numbers()
    assert "结论双过半" in flat and "适用双过半（参与表决的专有部分面积过半数且人数过半数同意）" in flat
    assert "未作选择或者无法辨认的事项计入参与表决，不计入同意" in flat
    assert "未选择" in flat  # blanks exist: their column is printed
    # item 3: 5 heads take part counting the blanks, 1 agrees (r0/r1 one head): 未通过, quorate
    assert re.search(re.escape(LONG_ITEM) + r"600\.00㎡5人200\.00㎡1人[\d.㎡人]*未通过", flat), flat
    # item 2: 300.00 m² and 2 of 5 heads agree: not more than half the heads
    assert re.search(r"外墙保温600\.00㎡5人300\.00㎡2人200\.00㎡2人100\.00㎡1人0\.00㎡0人未通过", flat), flat
    assert re.search(r"屋面防水600\.00㎡5人500\.00㎡4人100\.00㎡1人0\.00㎡0人0\.00㎡0人通过", flat), flat


def test_no_blank_column_when_every_answer_was_given():
    choices = [(A, A, A), (A, A, A), (A, O, S), (A, O, A), (O, O, A), (A, S, A)]
    pdf, _ = render(notice(choices=choices))
    assert "未选择" not in pdf.flat()
    assert "弃权" in pdf.flat()


def test_a_long_item_name_wraps_inside_its_cell():
    pdf, pages = render(notice())
    assert LONG_ITEM in pdf.without_page_numbers()
    lines = [run for page in range(pages) for run in pdf.runs(page)
             if run.size == SMALL_SIZE and run.text[0] in LONG_ITEM and not run.text[0].isdigit()
             and set(run.text) <= set(LONG_ITEM)]
    assert len(lines) >= 3
    for page in range(pages):
        assert_inside_block(pdf, page)


@pytest.mark.parametrize("count", [1, 40])
def test_every_item_is_listed_and_the_header_repeats_on_every_page(count):
    items = tuple(f"第{n}项改造内容" for n in range(1, count + 1))
    cast = [Ballot(f"r{i}", (A,) * count) for i in range(6)]
    result = tally(vote_roll(), cast, items, Rule.SPECIAL)
    vote_notice = result_notice(result, title="表决结果公告", estate_name="幸福里小区", scope_label="",
                                matter="改建、重建建筑物及其附属设施", opens_on=date(2024, 6, 1),
                                closes_on=date(2024, 6, 15), issuer="幸福里社区居民委员会",
                                issued_on=date(2024, 6, 17))
    pdf, pages = render(vote_notice)
    flat = pdf.without_page_numbers()
    assert flat.count("通过") == count + flat.count("未通过")  # every item passed; 未通过 only in the text
    assert all(f"第{n}项改造内容" in flat for n in range(1, count + 1))
    assert (pages > 2) == (count > 20)
    table_pages = [page for page in range(pages) if "项改造内容" in pdf.flat(page)]
    assert all("参与表决同意反对弃权" in pdf.flat(page) for page in table_pages)
    for page in range(pages):
        assert_inside_block(pdf, page)
