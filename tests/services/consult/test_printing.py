"""Print data of the consultation documents from a real database, rendered and read back."""

from __future__ import annotations

import io
from datetime import date

import pytest

from desktop_app.documents.complaint_ledger import render_complaint_ledger
from desktop_app.documents.opinion_form import render_opinion_forms
from desktop_app.documents.opinion_summary import render_opinion_summary
from desktop_app.models.tables import PrintJob
from desktop_app.services.consult import printing
from desktop_app.services.catalogue import set_hidden
from desktop_app.services.scope import ALL, Scope
from tests.documents.conftest import FULL_ID, Pdf
from tests.services.consult.consultation_data import TODAY, build


@pytest.fixture
def data(database, tmp_path):
    return build(tmp_path)


def test_opinion_forms_of_an_estate_in_roll_order_with_the_shown_catalogue(data):
    set_hidden("幼儿园", True)
    forms = printing.opinion_forms_data(Scope("estate", data["happy"].id), return_by=date(2024, 5, 31))
    assert [form.home.room for form in forms] == ["101", "502", "601"]
    form = forms[1]
    assert (form.estate_name, form.community, form.serial, form.issuer) == \
        ("幸福里小区", "幸福里社区", "3-1-502", "幸福里社区居民委员会")
    assert form.home.owner_names == ("张伟",)
    assert [group.category for group in form.catalogue] == ["基础类", "完善类", "提升类"]
    assert "屋面修缮" in form.catalogue[0].items and "幼儿园" not in form.catalogue[2].items
    out = io.BytesIO()
    assert render_opinion_forms(forms, out) == 3
    flat = Pdf(out.getvalue()).flat(1)
    assert "3号楼1单元502室" in flat and "张*" in flat and "张伟" not in flat and not FULL_ID.search(flat)


def test_opinion_summary_counts_each_household_once_by_its_latest_opinion(data):
    summary = printing.opinion_summary_data(Scope("estate", data["happy"].id), issued_on=date(2024, 6, 3))
    assert (summary.title, summary.rooms, summary.reached) == ("幸福里小区改造意见汇总", 3, 2)
    assert [(line.name, line.category, line.households) for line in summary.items] == [
        ("外墙修缮", "基础类", 2), ("屋面修缮", "基础类", 1), ("菜市场太吵", "", 1)]
    assert summary.stances == (("支持", 1), ("有意见", 0), ("反对", 1), ("未表态", 0))
    everywhere = printing.opinion_summary_data(ALL, start=date(2024, 5, 1))
    assert everywhere.reached == 2 and everywhere.rooms == 4 and everywhere.title == "老旧小区改造意见汇总"
    out = io.BytesIO()
    render_opinion_summary(summary, out)
    flat = Pdf(out.getvalue()).flat()
    assert "范围内共3户，已征求意见2户，占66.7%" in flat and "1外墙修缮基础类2100.0%" in flat
    assert "欧阳" not in flat and "张" not in flat


def test_complaint_ledger_of_an_estate(data):
    ledger = printing.complaint_ledger_data(Scope("estate", data["happy"].id), today=TODAY)
    assert ledger.title == "幸福里小区投诉台账" and ledger.issuer == "幸福里社区居民委员会"
    assert [line.ticket_no for line in ledger.rows] == ["GD2024050600001", "GD2024050700002", "GD2024050900004"]
    out = io.BytesIO()
    render_complaint_ledger(ledger, out)
    flat = Pdf(out.getvalue()).flat()
    assert "共3件，已办结1件" in flat and "138****8000" in flat and "13800138000" not in flat


def test_print_jobs_are_recorded(data, tmp_path):
    record = printing.record_consultation_print("complaint_ledger", "幸福里小区投诉台账", Scope("estate", data["happy"].id),
                                                file_path=str(tmp_path / "l.pdf"), page_count=1,
                                                period_start=date(2024, 5, 1), period_end=date(2024, 5, 31))
    assert (record.template, record.page_count, record.period_start) == ("complaint_ledger", 1, "2024-05-01")
    assert "幸福里小区" in record.scope_label and PrintJob.select().count() == 1
    with pytest.raises(ValueError):
        printing.record_consultation_print("ballot", "x", ALL, file_path="", page_count=0)


def test_form_numbers_survive_catalogue_edits(database):
    from desktop_app.documents.opinion_form import numbered
    from desktop_app.services import catalogue as catalogue_service
    from desktop_app.services.consult.printing import catalogue_groups

    def printed() -> dict[str, str]:
        return {label.split(" ", 1)[1]: label.split(" ", 1)[0]
                for _group, labels in numbered(catalogue_groups()) for label in labels}

    before = printed()
    assert (before["供水设施改造"], before["雨污分流"], before["加装电梯"]) == ("01", "03", "31")
    catalogue_service.set_hidden("雨污分流", True)
    catalogue_service.add_item("基础类", "楼道扶手")
    after = printed()
    assert "雨污分流" not in after and after["楼道扶手"] == "43"
    assert all(after[name] == code for name, code in before.items() if name != "雨污分流")
