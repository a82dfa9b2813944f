"""入户走访登记表: one pre-filled page per room, masked phone, no ID, long values wrapped, cancel."""

from __future__ import annotations

import io

import pytest

from desktop_app.documents.fonts import MissingGlyphs
from desktop_app.documents.visit_form import render_visit_forms
from desktop_app.domain.print_data import RollRow, VisitForm

from .conftest import FULL_ID, Pdf, assert_a4_and_embedded, assert_inside_block


def forms(count: int) -> list[VisitForm]:
    return [VisitForm("幸福里小区", RollRow("3", "1", f"{n // 4 + 1}0{n % 4 + 1}", 8530 + n, ("张伟", "李秀英"),
                                            "350402199001011234", f"1380013{n:04d}"),
                      residents=3, elderly=1, community="幸福里社区", serial=str(n + 1))
            for n in range(count)]


def test_one_prefilled_page_per_room(tmp_path):
    target = tmp_path / "forms.pdf"
    assert render_visit_forms(forms(5), target) == 5
    pdf = Pdf(target)
    assert len(pdf.pages) == 5
    for page in range(5):
        flat = pdf.flat(page)
        assert "入户走访登记表" in flat
        assert f"3号楼1单元{page // 4 + 1}0{page % 4 + 1}室" in flat
        assert "张伟、李秀英" in flat
        assert f"138****{page:04d}" in flat and f"1380013{page:04d}" not in flat
        assert "3人（60岁以上1人）" in flat
        assert "□同意改造" in flat and "受访人签字" in flat
        assert f"—{page + 1}—" in flat
        assert not FULL_ID.search(flat)
        assert_inside_block(pdf, page)
    assert_a4_and_embedded(pdf)
    assert not (tmp_path / "forms.pdf.part").exists()


def render_one(form: VisitForm) -> Pdf:
    out = io.BytesIO()
    render_visit_forms([form], out)
    return Pdf(out.getvalue())


@pytest.mark.parametrize("home,present,absent", [
    (RollRow("12", "", "1203", 12000, ("市第二机床厂",), owner_kind="organisation"),
     ("12号楼1203室", "市第二机床厂", "人（60岁以上"), ("None",)),  # household size unknown: blanks to fill
    (RollRow("A座", "", "101", 9000, ("幸福置业有限公司",), owner_kind="developer"),
     ("A座101室", "建设单位（未售）"), ("幸福置业",)),  # a developer's unsold room names no person
])
def test_prefilled_values(home, present, absent):
    flat = render_one(VisitForm("幸福里小区", home)).flat()
    assert all(text in flat for text in present)
    assert not any(text in flat for text in absent)


def test_a_long_estate_name_wraps_inside_its_cell():
    name = "幸福里小区（东区）老干部住宅和市第二机床厂职工宿舍合并片区" * 2
    pdf = render_one(VisitForm(name, RollRow("3", "1", "502", 8530, ("张伟",))))
    assert name in pdf.flat()
    assert_inside_block(pdf, 0)
    wrapped = [r for r in pdf.runs(0) if r.text and r.text[0] in name and r.size < 12]
    assert len(wrapped) >= 2


def test_missing_glyph_in_an_owner_name_is_reported_before_anything_is_written(tmp_path):
    target = tmp_path / "forms.pdf"
    bad = VisitForm("幸福里小区", RollRow("3", "1", "502", 8530, ("王𠮷",)))
    with pytest.raises(MissingGlyphs) as raised:
        render_visit_forms([*forms(2), bad], target)
    assert raised.value.missing == {"𠮷": ["幸福里小区3号楼1单元502室 业主姓名"]}
    assert list(tmp_path.iterdir()) == []
