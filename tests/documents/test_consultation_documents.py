"""征求意见表, 意见汇总, 投诉台账: text read back with pypdf, masking, layout inside the block, cancel."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from datetime import date

import pytest

from desktop_app.documents.complaint_ledger import render_complaint_ledger
from desktop_app.documents.opinion_form import OpinionFormTooLong, render_opinion_forms
from desktop_app.documents.opinion_summary import render_opinion_summary
from desktop_app.domain.consultation_print_data import (
    CatalogueGroup, ComplaintLedgerData, ComplaintLine, DemandLine, OpinionForm, OpinionSummaryData,
)
from desktop_app.domain.errors import Cancelled
from desktop_app.domain.print_data import RollRow
from desktop_app.paths import SHIPPED_CATALOGUE

from .conftest import FULL_ID, Pdf, assert_a4_and_embedded, assert_inside_block, rendered

FULL_PHONE = re.compile(r"1[3-9]\d{9}")
ZHANG_ID = "350402199001011234"


def shipped_catalogue() -> tuple[CatalogueGroup, ...]:
    data = json.loads(SHIPPED_CATALOGUE.read_text(encoding="utf-8"))
    return tuple(CatalogueGroup(category, tuple(items)) for category, items in data["categories"].items())


def forms(count: int) -> list[OpinionForm]:
    return [OpinionForm("幸福里小区", RollRow("3", "1", f"{n + 1}02", 8530, ("张伟", "李秀英"), ZHANG_ID,
                                              f"1380013{n:04d}"),
                        shipped_catalogue(), community="幸福里社区", serial=f"3-1-{n + 1}02",
                        issuer="幸福里社区居民委员会", return_by=date(2024, 5, 31))
            for n in range(count)]


def ledger() -> ComplaintLedgerData:
    def line(ticket, received, category, status, due, closed, overdue, days, name="张伟", phone="13800138000"):
        return ComplaintLine(ticket, "12345", received, category, "幸福里小区", "3号楼1单元502室", "", name, phone,
                             "诉求", due, status, closed, "", "", overdue, days)
    rows = (
        line("GD2024050600001", "2024-05-06T09:30", "扬尘噪音", "办理", date(2024, 5, 27), None, "逾期未办结", None),
        line("GD2024050700002", "2024-05-07", "质量安全", "办结", date(2024, 5, 28), date(2024, 5, 20), "", 13,
             "欧阳娜娜", "0591-87654321"),
        line("GD2024050800003", "2024-05-08", "施工管理", "办结", date(2024, 5, 10), date(2024, 5, 20), "超期办结", 12,
             "", ""),
        line("GD2024050900004", "2024-05-09", "其他", "受理", date(2024, 6, 30), None, "", None),
    )
    return ComplaintLedgerData("幸福里小区投诉台账", "幸福里小区", rows, date(2024, 6, 1),
                               start=date(2024, 5, 1), end=date(2024, 5, 31))


def summary() -> OpinionSummaryData:
    items = (DemandLine("屋面修缮", "基础类", 120), DemandLine("加装电梯", "完善类", 87),
             DemandLine("菜市场太吵", "", 3))
    return OpinionSummaryData("幸福里小区改造意见汇总", "幸福里小区", rooms=240, reached=160, items=items,
                              stances=(("支持", 130), ("有意见", 20), ("反对", 6), ("未表态", 4)),
                              start=date(2024, 5, 1), end=date(2024, 5, 31), issuer="幸福里社区居民委员会",
                              issued_on=date(2024, 6, 3))


def test_opinion_forms_one_page_per_room_with_the_whole_catalogue(tmp_path):
    target = tmp_path / "forms.pdf"
    assert render_opinion_forms(forms(3), target) == 3
    pdf = Pdf(target)
    assert len(pdf.pages) == 3
    for page in range(3):
        flat = pdf.flat(page)
        assert "老旧小区改造征求意见表" in flat and f"3号楼1单元{page + 1}02室" in flat
        assert "张*、李**" in flat and "张伟" not in flat and "1380013" not in flat and not FULL_ID.search(flat)
        for group in shipped_catalogue():
            assert group.category in flat
            for item in group.items:
                assert item.replace(" ", "") in flat
        assert "01供水设施改造" in flat and "42邮政快递末端综合服务站" in flat  # the door-to-door entry numbers
        assert "支持" in flat and "有意见" in flat and "反对" in flat and "意见建议" in flat and "签字" in flat
        assert "请于2024年5月31日前交回幸福里社区居民委员会" in flat
        assert_inside_block(pdf, page)
    assert_a4_and_embedded(pdf)


def test_opinion_form_refuses_a_catalogue_that_cannot_fit(tmp_path):
    too_many = (CatalogueGroup("基础类", tuple(f"改造项目{n:03d}号" for n in range(120))),)
    form = OpinionForm("幸福里小区", RollRow("3", "1", "502", 8530, ("张伟",)), too_many)
    with pytest.raises(OpinionFormTooLong, match="一页排不下"):
        render_opinion_forms([form], tmp_path / "f.pdf")
    assert not (tmp_path / "f.pdf").exists() and not (tmp_path / "f.pdf.part").exists()


def test_opinion_form_batch_cancel_leaves_no_file(tmp_path):
    with pytest.raises(Cancelled):
        render_opinion_forms(forms(4), tmp_path / "f.pdf", progress=lambda done, total: done < 2)
    assert not (tmp_path / "f.pdf").exists() and not (tmp_path / "f.pdf.part").exists()


def test_opinion_summary_counts_only(fonts):
    pdf, pages = rendered(render_opinion_summary, summary())
    assert pages == 1
    flat = pdf.flat()
    assert "幸福里小区改造意见汇总" in flat
    assert "范围内共240户，已征求意见160户，占66.7%" in flat
    assert "1屋面修缮基础类12075.0%" in flat and "2加装电梯完善类8754.4%" in flat  # 87/160 = 54.375% -> 54.4%
    assert "3菜市场太吵自定义31.9%" in flat
    assert "支持13081.3%" in flat and "未表态42.5%" in flat
    assert "2024年6月3日" in flat and "幸福里社区居民委员会" in flat
    assert_inside_block(pdf, 0)
    assert_a4_and_embedded(pdf)


def test_complaint_ledger_rows_totals_and_masking(fonts):
    pdf, pages = rendered(render_complaint_ledger, ledger())
    assert pages == 1
    flat = pdf.flat()
    assert "幸福里小区投诉台账" in flat
    assert "共4件，已办结2件，未办结2件；逾期2件（逾期未办结1件，超期办结1件）" in flat
    assert "施工管理和质量安全类2件，占50.0%；已办结的平均办理12.5天" in flat
    assert "GD2024050600001" in flat and "2024-05-27逾期未办结" in flat and "超期办结12" in flat
    assert "张*" in flat and "138****8000" in flat and "欧阳**" in flat and "0591-****4321" in flat
    assert not FULL_PHONE.search(flat) and "87654321" not in flat and "张伟" not in flat
    assert_inside_block(pdf, 0)
    assert_a4_and_embedded(pdf)


def test_empty_ledger_and_summary_say_so(fonts):
    empty = ComplaintLedgerData("投诉台账", "", (), date(2024, 6, 1))
    assert "统计期间内没有投诉" in rendered(render_complaint_ledger, empty)[0].flat()
    nothing = OpinionSummaryData("意见汇总", "幸福里小区", 10, 0, (), (("支持", 0),))
    flat = rendered(render_opinion_summary, nothing)[0].flat()
    assert "没有记录到改造需求" in flat and "已征求意见0户，占0.0%" in flat and "支持0—" in flat


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_the_documents_render_to_images(tmp_path):
    """pdftoppm reads every page (docs/screenshots/doc_opinion_form.png etc. were made this way)."""
    for name, render, document in (("doc_opinion_form", render_opinion_forms, forms(1)),
                                   ("doc_complaint_ledger", render_complaint_ledger, ledger()),
                                   ("doc_opinion_summary", render_opinion_summary, summary())):
        out = io.BytesIO()
        render(document, out)
        (tmp_path / f"{name}.pdf").write_bytes(out.getvalue())
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                        str(tmp_path / f"{name}.pdf"), str(tmp_path / name)], check=True, timeout=60)
        assert (tmp_path / f"{name}.png").stat().st_size > 10_000


def test_the_shared_part_of_the_forms_is_stored_once():
    one, twenty = io.BytesIO(), io.BytesIO()
    render_opinion_forms(forms(1), one)
    render_opinion_forms(forms(20), twenty)
    assert len(twenty.getvalue()) < 2 * len(one.getvalue())  # the catalogue grid is one form XObject
    pdf = Pdf(twenty.getvalue())
    assert "3号楼1单元2002室" in pdf.flat(19) and "42邮政快递末端综合服务站" in pdf.flat(19)
