"""The renovation catalogue users pick vote items and demands from (domain.md section 5).

On first use the shipped catalogue (`resources/reference/renovation_catalogue.json`, package data of
`desktop_app.resources`) is copied into the database; from then on users edit their copy (add, rename,
hide), and the shipped file is never read again for that database, so a deleted item stays deleted.
"""

from __future__ import annotations

from desktop_app.domain.catalogue import CATEGORIES, CatalogueEntry, CatalogueError, category_error, \
    item_name_error, parse_catalogue
from desktop_app.domain.setting_definitions import CATALOGUE_SEEDED
from desktop_app.models import CatalogueItem, db
from desktop_app.paths import SHIPPED_CATALOGUE
from desktop_app.services import audit, settings



def shipped_entries() -> list[CatalogueEntry]:
    return parse_catalogue(SHIPPED_CATALOGUE.read_text(encoding="utf-8"))


def ensure_catalogue() -> None:
    """Copy the shipped catalogue into the database once (a later empty catalogue stays empty)."""
    if settings.value(CATALOGUE_SEEDED):
        return
    with db.atomic():
        if not CatalogueItem.select().exists():
            CatalogueItem.insert_many(
                [{"category": e.category, "name": e.name, "position": e.position} for e in shipped_entries()]
            ).execute()
        settings.set_value(CATALOGUE_SEEDED, True)


def catalogue(*, include_hidden: bool = False) -> list[CatalogueEntry]:
    """The catalogue in category order, then the users' order."""
    ensure_catalogue()
    query = CatalogueItem.select()
    if not include_hidden:
        query = query.where(CatalogueItem.active == True)  # noqa: E712 (peewee expression)
    rank = {category: index for index, category in enumerate(CATEGORIES)}
    items = sorted(query, key=lambda item: (rank.get(item.category, 9), item.position, item.id))
    return [CatalogueEntry(item.category, item.name, item.position) for item in items]


def add_item(category: str, name: str) -> CatalogueEntry:
    """Add an item at the end of its category; CatalogueError for a bad category/name or a duplicate."""
    ensure_catalogue()
    name = name.strip()
    reason = category_error(category) or item_name_error(name)
    if reason:
        raise CatalogueError(reason)
    with db.atomic():
        if CatalogueItem.select().where(CatalogueItem.name == name).exists():
            raise CatalogueError(f"“{name}”已在改造内容目录中")
        last = CatalogueItem.select().order_by(CatalogueItem.position.desc()).first()
        item = CatalogueItem.create(category=category, name=name, position=(last.position + 1) if last else 0)
        audit.record("create", "catalogue_item", item.uid, summary=f"新增改造内容 {category}·{name}")
    return CatalogueEntry(category, name, item.position)


def set_hidden(name: str, hidden: bool) -> None:
    """Hide an item from the pick lists (records that use it keep their text) or show it again."""
    ensure_catalogue()
    with db.atomic():
        item = CatalogueItem.get_or_none(CatalogueItem.name == name)
        if item is None:
            raise CatalogueError(f"改造内容目录中没有“{name}”")
        if item.active == (not hidden):
            return
        item.active = not hidden
        item.save()
        audit.record("update", "catalogue_item", item.uid, summary=("隐藏" if hidden else "恢复") + f"改造内容 {name}",
                     changes={"active": (hidden, not hidden)})
