"""The bar chart's own texts and clicks (the 首页 opens the records behind a bar)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt


from desktop_app.ui.widgets.bar_chart import BarChart


def test_a_bar_carries_its_own_text_and_a_click_names_its_row(qtbot):
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(500, 200)
    chart.set_data([("甲", (3,), "3 项 · 75.00%"), ("乙", (1,))], ["项数"])
    assert [bar.text for bar in chart.bars] == ["3 项 · 75.00%", None]
    chart.show()
    second = chart.bar_rects()[1][0]
    with qtbot.assertNotEmitted(chart.clicked):
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=second.center().toPoint())  # not clickable yet
    chart.set_clickable(True)
    with qtbot.waitSignal(chart.clicked) as clicked:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=second.center().toPoint())
    assert clicked.args == [1]
    assert chart.bar_at(QPointF(5, second.center().y())) == 1  # the label's side of the row too
    assert chart.bar_at(QPointF(5, 190)) is None
    chart.grab()  # paints with both kinds of text
