"""Every item model of the pages passes pytest-qt's model tester, and answers as the data says."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.services.scope import ALL, Scope
from desktop_app.ui.roll.rooms_model import PAGE_SIZE, RoomIdRole, RoomTableModel
from desktop_app.ui.roll.scope_tree import ScopeTreeModel


def test_room_table_model_passes_the_model_tester(qtmodeltester, roll):
    model = RoomTableModel()
    model.reload(ALL)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 15 and model.columnCount() == 11
    assert model.headerData(5, Qt.Orientation.Horizontal) == "专有面积(㎡)"
    model.sort(5, Qt.SortOrder.DescendingOrder)  # the tester stays connected and checks each reset
    assert model.index(0, 5).data() == "100.00"
    model.reload(filter_text="zs")
    names = [model.index(row, 7).data() for row in range(model.rowCount())]
    assert sorted(names) == ["张三", "张三", "郑十"]  # zhang san, zheng shi: both "zs"
    assert model.index(0, 0).data(RoomIdRole) == model.room_id(0)


def test_room_table_model_fetches_rows_a_page_at_a_time(qtmodeltester, roll, monkeypatch):
    from desktop_app.services import queries

    model = RoomTableModel()
    model.reload(Scope("estate", roll[0].id))
    asked: list[int] = []
    real = queries.room_rows
    monkeypatch.setattr(queries, "room_rows", lambda ids: asked.append(len(ids)) or real(ids))
    assert [model.index(row, 3).data() for row in range(3)] == ["101", "102", "201"]
    assert asked == [min(PAGE_SIZE, 12)]  # one query for the page, none for the next rows
    assert model.index(0, 8).data().count("*") == 8  # ID number masked
    assert "****" in model.index(0, 9).data()


def test_scope_tree_model_is_lazy_and_passes_the_model_tester(qtmodeltester, roll):
    model = ScopeTreeModel()
    top = model.index(0, 0)
    assert top.data() == "全部" and model.rowCount(top) == 0 and model.hasChildren(top)
    assert model.canFetchMore(top)  # nothing below 全部 was queried yet
    qtmodeltester.check(model, force_py=True)
    estate = model.index_of(Scope("estate", roll[1].id))
    assert estate.data() == "梅岭小区"
    assert [model.index(r, 0, estate.parent()).data() for r in range(model.rowCount(estate.parent()))] == [
        "杜鹃新村", "梅岭小区"]
    model.fetchMore(estate)  # inserting rows is checked by the connected tester
    assert model.index(0, 0, estate).data() == "1号楼"
    assert model.scope_of(estate) == Scope("estate", roll[1].id)
