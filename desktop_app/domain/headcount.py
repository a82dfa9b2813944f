"""Head-count and area of a voting scope (domain.md section 2; SPC interpretation 2020, Arts. 8-9).

One room counts as one head, except: all rooms of one owner (same ID number or credit code) count as
one head, all developer-unsold rooms together count as one head, and a co-owned room counts once.
Rooms linked through a shared owner key form one head (an owner of one room alone and of another
jointly is still one voter; the developer's own code links its other rooms to the developer head),
so adding a room for an owner already counted never adds a head."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

DEVELOPER_HEAD = "建设单位未售"
NO_OWNER_HEAD_PREFIX = "房屋:"
KEY_SEPARATOR = "|"


@dataclass(frozen=True)
class RollEntry:
    room_key: str
    area_centi: int
    owner_keys: tuple[str, ...] = ()
    owner_kind: str = "person"  # person / organisation / developer


@dataclass(frozen=True)
class ScopeRoll:
    total_area_centi: int
    total_heads: int
    head_of_room: dict[str, str]  # room key -> head key
    rooms_of_head: dict[str, tuple[str, ...]]  # head key -> sorted room keys


class _Groups:
    """Union-find over hashable nodes; the result does not depend on the order of the unions."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(self, node: tuple[str, str]) -> tuple[str, str]:
        self.parent.setdefault(node, node)
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, first: tuple[str, str], second: tuple[str, str]) -> None:
        self.parent[self.find(first)] = self.find(second)


def _head_key(nodes: list[tuple[str, str]]) -> str:
    if any(kind == "developer" for kind, _ in nodes):
        return DEVELOPER_HEAD
    owners = sorted({name for kind, name in nodes if kind == "owner"})
    if owners:
        return KEY_SEPARATOR.join(owners)
    rooms = sorted({name for kind, name in nodes if kind == "room"})
    return NO_OWNER_HEAD_PREFIX + KEY_SEPARATOR.join(rooms)


def build_scope_roll(entries: Iterable[RollEntry]) -> ScopeRoll:
    """Total area and heads of the rooms given; an entry repeated for one room joins that room."""
    groups = _Groups()
    total_area = 0
    for entry in entries:
        total_area += entry.area_centi
        room = ("room", entry.room_key)
        groups.find(room)
        if entry.owner_kind == "developer":
            groups.union(room, ("developer", ""))
        for key in entry.owner_keys:
            if key:
                groups.union(room, ("owner", key))
    members: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for node in groups.parent:
        members.setdefault(groups.find(node), []).append(node)
    head_of_room: dict[str, str] = {}
    rooms_of_head: dict[str, tuple[str, ...]] = {}
    for nodes in members.values():
        rooms = tuple(sorted(name for kind, name in nodes if kind == "room"))
        head = _head_key(nodes)
        rooms_of_head[head] = rooms
        head_of_room.update((room, head) for room in rooms)
    return ScopeRoll(total_area, len(rooms_of_head), head_of_room, rooms_of_head)
