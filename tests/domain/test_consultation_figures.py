"""The district's consultation and complaint figures from plain rows: exact shares, half-up texts."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from desktop_app.domain.complaints import CATEGORIES
from desktop_app.domain.consultation_figures import ComplaintRow, EstateRooms, EventRow, OpinionRow, \
    consultation_figures
from desktop_app.domain.ratios import decimal_text, percent_text
from desktop_app.domain.errors import UserError
from desktop_app.domain.opinions import KINDS

TODAY = date(2024, 7, 1)


@pytest.mark.parametrize("share,places,text", [
    (Fraction(45, 116), 2, "38.79%"),  # the survey report's quarter: 45 of 116
    (Fraction(45, 116), 0, "39%"),
    (Fraction(1, 3), 2, "33.33%"),
    (Fraction(2, 3), 2, "66.67%"),
    (Fraction(1, 8), 0, "13%"),  # 12.5 rounds half up
    (Fraction(1, 8), 1, "12.5%"),
    (Fraction(1, 20000), 2, "0.01%"),  # 0.005% half up
    (Fraction(1, 40000), 2, "0.00%"),
    (Fraction(0), 2, "0.00%"),
    (Fraction(1), 2, "100.00%"),
    (None, 2, "—"),
])
def test_percent_text(share, places, text):
    assert percent_text(share, places) == text


@pytest.mark.parametrize("value,text", [
    (Fraction(7, 2), "3.5"), (Fraction(1, 20), "0.1"), (Fraction(1, 3), "0.3"), (Fraction(0), "0.0"),
    (Fraction(149, 10), "14.9"), (Fraction(299, 20), "15.0"), (None, "—"),
])
def test_decimal_text(value, text):
    assert decimal_text(value) == text


def test_percent_text_refuses_a_negative_share():
    with pytest.raises(ValueError):
        percent_text(Fraction(-1, 3))


def quarter_complaints() -> list[ComplaintRow]:
    """116 complaints like the report's quarter: 30 施工管理 + 15 质量安全 = 45 about construction and quality."""
    counts = {"施工管理": 30, "质量安全": 15, "扬尘噪音": 20, "管线破坏": 11, "进度": 16, "资金": 4, "物业": 12, "其他": 8}
    rows = []
    start = date(2024, 4, 1)
    for category, count in counts.items():
        for k in range(count):
            received = start + timedelta(days=k)
            rows.append(ComplaintRow(category, received, received + timedelta(days=10)))
    return rows


def test_the_report_quarter():
    rows = quarter_complaints()
    # close three: in 0 days, in 10 (on the due date) and in 11 (late); and leave everything else open
    rows[0] = ComplaintRow(rows[0].category, rows[0].received_on, rows[0].due_on, rows[0].received_on)
    rows[1] = ComplaintRow(rows[1].category, rows[1].received_on, rows[1].due_on, rows[1].due_on)
    rows[2] = ComplaintRow(rows[2].category, rows[2].received_on, rows[2].due_on, rows[2].due_on + timedelta(days=1))
    figures = consultation_figures([], [], [], rows, today=date(2024, 4, 15))
    assert figures.complaints == 116
    assert figures.construction_quality == 45
    assert figures.construction_quality_share == Fraction(45, 116)
    assert figures.construction_quality_text == "38.79%"
    by = {row.category: row for row in figures.by_category}
    assert [row.category for row in figures.by_category] == list(CATEGORIES)
    assert by["扬尘噪音"].count == 20 and by["扬尘噪音"].share_text == "17.24%"
    assert by["资金"].share == Fraction(4, 116) and by["资金"].share_text == "3.45%"
    assert figures.closed == 3
    assert figures.average_days_to_close == Fraction(0 + 10 + 11, 3) and figures.average_days_text == "7.0"
    assert figures.closed_late == 1
    # open ones due before 2024-04-15 (received before 04-05): in each category days 0..3 less the closed
    open_overdue = sum(1 for row in rows if row.closed_on is None and row.due_on < date(2024, 4, 15))
    assert figures.overdue_open == open_overdue == 8 * 4 - 3
    assert figures.overdue == open_overdue + 1


def test_consultations_and_households_reached_per_estate():
    events = [EventRow("座谈会", date(2024, 5, 1), 1), EventRow("入户走访", date(2024, 5, 2), 1),
              EventRow("入户走访", date(2024, 5, 9), 2), EventRow("问卷", date(2024, 5, 3), None)]
    estates = [EstateRooms(1, "杜鹃新村", 240), EstateRooms(2, "双园新村", 200), EstateRooms(3, "红岩新村", 180)]
    opinions = ([OpinionRow(room, 1) for room in range(1, 181)] + [OpinionRow(room, 1) for room in range(1, 31)]
                + [OpinionRow(room, 2) for room in range(1001, 1051)])
    figures = consultation_figures(events, opinions, estates, [], TODAY)
    assert figures.consultations == 4
    assert dict(figures.by_kind) == {"座谈会": 1, "入户走访": 2, "问卷": 1, "公示反馈": 0, "线上": 0}
    assert [kind for kind, _n in figures.by_kind] == list(KINDS)
    reach = {estate.name: estate for estate in figures.estates}
    assert (reach["杜鹃新村"].reached, reach["杜鹃新村"].share, reach["杜鹃新村"].share_text) == (180, Fraction(3, 4), "75.00%")
    assert (reach["双园新村"].reached, reach["双园新村"].share_text) == (50, "25.00%")
    assert (reach["红岩新村"].reached, reach["红岩新村"].share_text) == (0, "0.00%")
    assert figures.households_reached == 230 and figures.rooms == 620
    assert figures.reach_share == Fraction(230, 620)
    assert figures.complaints == 0 and figures.construction_quality_text == "—" and figures.average_days_text == "—"


def test_rows_that_do_not_belong_together_are_refused():
    with pytest.raises(UserError, match="不在统计范围"):
        consultation_figures([], [OpinionRow(1, 9)], [EstateRooms(1, "A", 3)], [], TODAY)
    with pytest.raises(UserError, match="多于房屋总数"):
        consultation_figures([], [OpinionRow(r, 1) for r in range(4)], [EstateRooms(1, "A", 3)], [], TODAY)
    with pytest.raises(UserError, match="类别"):
        consultation_figures([], [], [], [ComplaintRow("噪音", TODAY)], TODAY)
    with pytest.raises(UserError, match="方式"):
        consultation_figures([EventRow("电话", TODAY)], [], [], [], TODAY)


day = st.dates(min_value=date(2023, 1, 1), max_value=date(2024, 12, 31))


@st.composite
def complaint_rows(draw):
    received = draw(day)
    due = draw(st.none() | st.integers(0, 40).map(lambda n: received + timedelta(days=n)))
    closed = draw(st.none() | st.integers(0, 60).map(lambda n: received + timedelta(days=n)))
    return ComplaintRow(draw(st.sampled_from(CATEGORIES)), received, due, closed)


@st.composite
def datasets(draw):
    sizes = draw(st.lists(st.integers(0, 30), min_size=1, max_size=4))
    estates = [EstateRooms(i + 1, f"小区{i + 1}", size) for i, size in enumerate(sizes)]
    opinions = [OpinionRow(draw(st.integers(0, size - 1)) + 1000 * estate.estate_id, estate.estate_id)
                for estate, size in zip(estates, sizes) if size for _ in range(draw(st.integers(0, 2 * size)))]
    events = draw(st.lists(st.builds(EventRow, st.sampled_from(KINDS), day, st.none() | st.integers(1, 4)),
                           max_size=10))
    complaints = draw(st.lists(complaint_rows(), max_size=40))
    return events, opinions, estates, complaints


@given(data=datasets(), seed=st.randoms(use_true_random=False), today=day)
def test_figure_properties(data, seed, today):
    events, opinions, estates, complaints = data
    figures = consultation_figures(events, opinions, estates, complaints, today)
    if figures.complaints:
        assert sum(row.share for row in figures.by_category) == 1
    assert sum(row.count for row in figures.by_category) == figures.complaints == len(complaints)
    assert sum(n for _kind, n in figures.by_kind) == figures.consultations == len(events)
    for estate in figures.estates:
        assert 0 <= estate.reached <= estate.rooms
    assert figures.households_reached == len({(o.estate_id, o.room_id) for o in opinions})
    assert figures.overdue == figures.overdue_open + figures.closed_late <= figures.complaints
    closed_days = [(row.closed_on - row.received_on).days for row in complaints if row.closed_on]
    if closed_days:
        assert min(closed_days) <= figures.average_days_to_close <= max(closed_days)
    # the figures do not depend on the order of the rows
    shuffled = [list(rows) for rows in data]
    for rows in shuffled:
        seed.shuffle(rows)
    again = consultation_figures(shuffled[0], shuffled[1], estates, shuffled[3], today)
    assert again == figures
