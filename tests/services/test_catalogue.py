"""The catalogue is copied into the database once and edited there."""

from __future__ import annotations

import pytest

from desktop_app.domain.catalogue import CatalogueError
from desktop_app.models import AuditLog, CatalogueItem
from desktop_app.services import catalogue


def test_first_use_copies_the_shipped_catalogue_once(database):
    entries = catalogue.catalogue()
    assert entries == catalogue.shipped_entries()
    assert CatalogueItem.select().count() == len(entries)
    catalogue.ensure_catalogue()
    assert CatalogueItem.select().count() == len(entries)


def test_users_add_and_hide_items(database):
    added = catalogue.add_item("完善类", "  楼道扶手  ")
    assert added.name == "楼道扶手"
    assert "楼道扶手" in [entry.name for entry in catalogue.catalogue() if entry.category == "完善类"]
    with pytest.raises(CatalogueError, match="已在改造内容目录中"):
        catalogue.add_item("基础类", "楼道扶手")
    with pytest.raises(CatalogueError, match="无效"):
        catalogue.add_item("豪华类", "泳池")
    catalogue.set_hidden("加装电梯", True)
    assert "加装电梯" not in [entry.name for entry in catalogue.catalogue()]
    assert "加装电梯" in [entry.name for entry in catalogue.catalogue(include_hidden=True)]
    assert AuditLog.select().where(AuditLog.table_name == "catalogue_item").count() == 2


def test_an_emptied_catalogue_stays_empty(database):
    catalogue.catalogue()
    CatalogueItem.delete().execute()
    assert catalogue.catalogue() == []
