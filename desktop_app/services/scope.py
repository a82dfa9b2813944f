"""The scope every page follows: the whole database, or one street, community, estate, building or unit."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.errors import UserError
from desktop_app.domain.vocabulary import SCOPE_LEVEL_LABELS, ScopeLevel
from desktop_app.models import Building, Community, Estate, Street, Unit, db

LEVELS = tuple(ScopeLevel)
LEVEL_LABELS = SCOPE_LEVEL_LABELS
_MODELS = {ScopeLevel.STREET: Street, ScopeLevel.COMMUNITY: Community, ScopeLevel.ESTATE: Estate,
           ScopeLevel.BUILDING: Building, ScopeLevel.UNIT: Unit}
# The SQL condition selecting the rooms of a scope, over the aliases r (room), u, b, e (estate).
_ROOM_CONDITIONS = {
    ScopeLevel.STREET: "e.community_id IN (SELECT id FROM community WHERE street_id = ?)",
    ScopeLevel.COMMUNITY: "e.community_id = ?",
    ScopeLevel.ESTATE: "b.estate_id = ?",
    ScopeLevel.BUILDING: "u.building_id = ?",
    ScopeLevel.UNIT: "r.unit_id = ?",
}
# The estates a scope covers (a building or unit: the estate it lies in).
_ESTATES_OF = {
    ScopeLevel.STREET: "SELECT e.id FROM estate e JOIN community c ON c.id = e.community_id WHERE c.street_id = ?",
    ScopeLevel.COMMUNITY: "SELECT id FROM estate WHERE community_id = ?",
    ScopeLevel.ESTATE: "SELECT id FROM estate WHERE id = ?",
    ScopeLevel.BUILDING: "SELECT estate_id FROM building WHERE id = ?",
    ScopeLevel.UNIT: "SELECT b.estate_id FROM unit u JOIN building b ON b.id = u.building_id WHERE u.id = ?",
}


@dataclass(frozen=True)
class Scope:
    level: ScopeLevel = ScopeLevel.ALL  # the text of a level ("estate") is taken as its member
    id: int | None = None

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "level", ScopeLevel(self.level))
        except ValueError:
            raise ValueError(f"unknown scope level {self.level!r}") from None
        if (self.level is ScopeLevel.ALL) != (self.id is None):
            raise ValueError("only the 'all' scope has no id")

    def to_text(self) -> str:
        return ScopeLevel.ALL.value if self.id is None else f"{self.level.value}:{self.id}"

    @classmethod
    def from_text(cls, text: str | None) -> "Scope":
        """The inverse of `to_text`; anything unreadable is the whole database."""
        try:
            level, _, number = (text or ScopeLevel.ALL.value).partition(":")
            return cls(ScopeLevel(level), int(number) if number else None)
        except ValueError:
            return ALL


ALL = Scope()


def room_condition(scope: Scope) -> tuple[str, list[object]]:
    """SQL condition (and parameters) selecting the rooms of `scope` over aliases r, u, b, e."""
    if scope.level is ScopeLevel.ALL:
        return "1", []
    if scope.id is None:  # Scope.__post_init__ refuses it; the check narrows the type
        raise ValueError(f"scope {scope.level.value!r} has no id")
    return _ROOM_CONDITIONS[scope.level], [scope.id]


def building_label(name: str) -> str:
    return f"{name}号楼" if name.isdigit() else name


def unit_label(name: str) -> str:
    if not name:
        return "（不分单元）"
    return f"{name}单元" if name.isdigit() else name


def _record(scope: Scope):
    model = _MODELS[scope.level]
    return model.get_or_none(model.id == scope.id)


def exists(scope: Scope) -> bool:
    return scope.level is ScopeLevel.ALL or _record(scope) is not None


def scope_path(scope: Scope) -> list[Scope]:
    """The scopes from the street down to `scope` (empty for the whole database or a missing record)."""
    if scope.level is ScopeLevel.ALL:
        return []
    record = _record(scope)
    if record is None:
        return []
    path = [scope]
    parents = {ScopeLevel.UNIT: (ScopeLevel.BUILDING, "building_id"),
               ScopeLevel.BUILDING: (ScopeLevel.ESTATE, "estate_id"),
               ScopeLevel.ESTATE: (ScopeLevel.COMMUNITY, "community_id"),
               ScopeLevel.COMMUNITY: (ScopeLevel.STREET, "street_id")}
    level: ScopeLevel = scope.level
    while level in parents:
        level, attribute = parents[level]
        record = _MODELS[level].get_by_id(getattr(record, attribute))
        path.insert(0, Scope(level, record.id))
    return path


def scope_name(scope: Scope) -> str:
    """The display name of one level ("幸福小区", "3号楼", "1单元")."""
    if scope.level is ScopeLevel.ALL:
        return ScopeLevel.ALL.label
    record = _record(scope)
    if record is None:
        return "（已删除）"
    if scope.level is ScopeLevel.BUILDING:
        return building_label(record.name)
    if scope.level is ScopeLevel.UNIT:
        return unit_label(record.name)
    return record.name


def scope_label(scope: Scope) -> str:
    """The breadcrumb of a scope: "城关街道 › 第一社区 › 幸福小区 › 3号楼 › 1单元"."""
    path = scope_path(scope)
    return " › ".join(scope_name(step) for step in path) if path else "全部"


def estate_ids(scope: Scope) -> list[int] | None:
    """The ids of the estates `scope` covers (a building or unit: its estate); None for the whole
    database (every estate). The one scope -> estates query."""
    if scope.level is ScopeLevel.ALL:
        return None
    return [int(row[0]) for row in db.execute_sql(_ESTATES_OF[scope.level], (scope.id,)).fetchall()]


def estate_of_scope(scope: Scope) -> int | None:
    """The estate a scope lies in: an estate, or the estate of a building or unit (None above the
    estate level, or when the record is gone)."""
    if not scope.level.within_estate:
        return None
    found = estate_ids(scope)
    return found[0] if found else None


def find_by_code(code: str) -> Scope | None:
    """The estate, community or street with this district code (looked up in that order); None if none."""
    code = code.strip()
    if not code:
        return None
    estate = Estate.get_or_none(Estate.code == code)
    if estate is not None:
        return Scope(ScopeLevel.ESTATE, estate.id)
    community = Community.get_or_none(Community.code == code)
    if community is not None:
        return Scope(ScopeLevel.COMMUNITY, community.id)
    street = Street.get_or_none(Street.code == code)
    return None if street is None else Scope(ScopeLevel.STREET, street.id)


class UnknownScope(UserError):
    """No estate, community or street has the code asked for (the commands' --scope)."""


def scope_of_code(code: str | None) -> Scope:
    """The estate, community or street with this district code; the whole database for None or "".
    Raises UnknownScope with the Chinese message every command prints."""
    if code is None or not code.strip():
        return ALL
    found = find_by_code(code)
    if found is None:
        text = code.strip()
        raise UnknownScope(f"数据库中没有编码为“{text}”的小区、社区或街道。找不到编码为“{text}”的小区、社区或街道时，"
                           "请核对编码，或先导入该小区的名册或改造计划。")
    return found
