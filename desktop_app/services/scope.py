"""The scope every page follows: the whole database, or one street, community, estate, building or unit."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.models import Building, Community, Estate, Street, Unit

LEVELS = ("all", "street", "community", "estate", "building", "unit")
LEVEL_LABELS = {"all": "全部", "street": "街道", "community": "社区", "estate": "小区", "building": "楼栋",
                "unit": "单元"}
_MODELS = {"street": Street, "community": Community, "estate": Estate, "building": Building, "unit": Unit}
# The SQL condition selecting the rooms of a scope, over the aliases r (room), u, b, e (estate).
_ROOM_CONDITIONS = {
    "street": "e.community_id IN (SELECT id FROM community WHERE street_id = ?)",
    "community": "e.community_id = ?",
    "estate": "b.estate_id = ?",
    "building": "u.building_id = ?",
    "unit": "r.unit_id = ?",
}


@dataclass(frozen=True)
class Scope:
    level: str = "all"
    id: int | None = None

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"unknown scope level {self.level!r}")
        if (self.level == "all") != (self.id is None):
            raise ValueError("only the 'all' scope has no id")

    def to_text(self) -> str:
        return "all" if self.id is None else f"{self.level}:{self.id}"

    @classmethod
    def from_text(cls, text: str | None) -> "Scope":
        """The inverse of `to_text`; anything unreadable is the whole database."""
        try:
            level, _, number = (text or "all").partition(":")
            return cls(level, int(number) if number else None)
        except ValueError:
            return ALL


ALL = Scope()


def room_condition(scope: Scope) -> tuple[str, list[int]]:
    """SQL condition (and parameters) selecting the rooms of `scope` over aliases r, u, b, e."""
    if scope.level == "all":
        return "1", []
    return _ROOM_CONDITIONS[scope.level], [scope.id]  # type: ignore[list-item]


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
    return scope.level == "all" or _record(scope) is not None


def scope_path(scope: Scope) -> list[Scope]:
    """The scopes from the street down to `scope` (empty for the whole database or a missing record)."""
    if scope.level == "all":
        return []
    record = _record(scope)
    if record is None:
        return []
    path = [scope]
    parents = {"unit": ("building", "building_id"), "building": ("estate", "estate_id"),
               "estate": ("community", "community_id"), "community": ("street", "street_id")}
    level = scope.level
    while level in parents:
        level, attribute = parents[level]
        record = _MODELS[level].get_by_id(getattr(record, attribute))
        path.insert(0, Scope(level, record.id))
    return path


def scope_name(scope: Scope) -> str:
    """The display name of one level ("幸福小区", "3号楼", "1单元")."""
    if scope.level == "all":
        return "全部"
    record = _record(scope)
    if record is None:
        return "（已删除）"
    if scope.level == "building":
        return building_label(record.name)
    if scope.level == "unit":
        return unit_label(record.name)
    return record.name


def scope_label(scope: Scope) -> str:
    """The breadcrumb of a scope: "城关街道 › 第一社区 › 幸福小区 › 3号楼 › 1单元"."""
    path = scope_path(scope)
    return " › ".join(scope_name(step) for step in path) if path else "全部"
