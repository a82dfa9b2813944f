"""domain.committee_figures on a hand-counted dataset."""

from datetime import date

from desktop_app.domain.committee_figures import CaseRow, ModeRow, committee_figures, mode_on

AS_OF = date(2024, 12, 31)


def test_hand_counted_figures():
    # estate 1: owners' committee elected 2024-05-01, property company since 2024-06-01
    # estate 2: 自管会 elected 2024-03-01, self-managed
    # estate 3: owners' committee case not yet elected (overdue), no mode
    # estate 4: property company whose contract ended 2024-06-30, then none
    # estate 5: owners' committee elected after the as-of date; custody
    # estate 6: owners' committee whose term ended 2024-01-31; no mode
    # estate 99: outside the scope
    cases = [CaseRow(1, "业主委员会", date(2024, 5, 1), date(2029, 5, 1), False),
             CaseRow(2, "自管会", date(2024, 3, 1), None, False),
             CaseRow(3, "业主委员会", None, None, True),
             CaseRow(5, "业主委员会", date(2025, 1, 10), None, False),
             CaseRow(6, "业主委员会", date(2019, 1, 31), date(2024, 1, 31), True),
             CaseRow(99, "业主委员会", date(2024, 1, 1), None, True)]
    modes = [ModeRow(1, "物业公司", date(2024, 6, 1), None), ModeRow(2, "自治管理", date(2024, 3, 1), None),
             ModeRow(4, "物业公司", date(2021, 1, 1), date(2024, 6, 30)), ModeRow(4, "无", date(2024, 7, 1), None),
             ModeRow(5, "街道社区托管", None, None), ModeRow(99, "物业公司", None, None)]
    figures = committee_figures([1, 2, 3, 4, 5, 6], cases, modes, AS_OF)
    assert (figures.estates, figures.owners_committee, figures.self_management, figures.property_service,
            figures.none, figures.overdue_cases) == (6, 1, 1, 1, 3, 2)  # none: 3, 4, 6
    assert str(figures.pct(figures.none)) == "1/2"


def test_mode_on_latest_period_and_nothing():
    rows = [ModeRow(1, "无", date(2020, 1, 1), None), ModeRow(1, "物业公司", date(2024, 1, 1), None)]
    assert mode_on(rows, 1, date(2023, 12, 31)) == "无"
    assert mode_on(rows, 1, date(2024, 1, 1)) == "物业公司"
    assert mode_on(rows, 2, AS_OF) is None
    assert committee_figures([], [], [], AS_OF).pct(0) is None
