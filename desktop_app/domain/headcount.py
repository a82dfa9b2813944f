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
_DEVELOPER_NODE = "\x00developer"  # cannot be an ID number or credit code


@dataclass(frozen=True, slots=True)
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


def _find(parent: dict[str, str], node: str) -> str:
    """The root of a node in a union-find forest, halving the path on the way."""
    while (up := parent[node]) != node:
        parent[node] = node = parent[up]
    return node


def build_scope_roll(entries: Iterable[RollEntry]) -> ScopeRoll:
    """Total area and heads of the rooms given; an entry repeated for one room joins that room.
    The result does not depend on the order of the entries."""
    parent: dict[str, str] = {}  # union-find over owner keys (and _DEVELOPER_NODE)
    anchor: dict[str, str | None] = {}  # room key -> one of its owner nodes, None when it has none
    total_area = 0
    for entry in entries:
        total_area += entry.area_centi
        room, keys = entry.room_key, entry.owner_keys
        if len(keys) == 1 and keys[0] and entry.owner_kind != "developer" and room not in anchor:
            anchor[room] = key = keys[0]  # the usual room: one owner, seen once
            if key not in parent:
                parent[key] = key
            continue
        nodes = [key for key in keys if key]
        if entry.owner_kind == "developer":
            nodes.append(_DEVELOPER_NODE)
        previous = anchor.get(room)
        if not nodes:
            anchor.setdefault(room, None)
            continue
        if previous is not None:
            nodes.append(previous)  # a repeated room joins its earlier owners
        anchor[room] = first = nodes[0]
        parent.setdefault(first, first)
        for node in nodes[1:]:
            parent.setdefault(node, node)
            root, other = _find(parent, first), _find(parent, node)
            if root != other:
                parent[other] = root
    return _scope_roll(total_area, parent, anchor)


def _scope_roll(total_area: int, parent: dict[str, str], anchor: dict[str, str | None]) -> ScopeRoll:
    # Most nodes are roots (one owner key alone): no call to _find for them.
    root_of = {node: node if up == node else _find(parent, node) for node, up in parent.items()}
    joined: dict[str, list[str]] = {}  # only components of several nodes; most are one owner key
    for node, root in root_of.items():
        if node != root:
            joined.setdefault(root, [root]).append(node)
    head_of_root = {root: _head_key(nodes) for root, nodes in joined.items()}
    head_of_root[_DEVELOPER_NODE] = DEVELOPER_HEAD
    head_of_room: dict[str, str] = {}
    grouped: dict[str, str | list[str]] = {}  # head -> its room, or its rooms when several
    for room, anchor_node in anchor.items():
        if anchor_node is None:
            head = NO_OWNER_HEAD_PREFIX + room
        else:
            root = root_of[anchor_node]
            head = head_of_root.get(root, root)
        head_of_room[room] = head
        rooms = grouped.setdefault(head, room)
        if rooms is not room:
            if isinstance(rooms, list):
                rooms.append(room)
            else:
                grouped[head] = [rooms, room]
    rooms_of_head = {head: (rooms,) if isinstance(rooms, str) else tuple(sorted(rooms))
                     for head, rooms in grouped.items()}
    return ScopeRoll(total_area, len(rooms_of_head), head_of_room, rooms_of_head)


def _head_key(nodes: list[str]) -> str:
    if _DEVELOPER_NODE in nodes:
        return DEVELOPER_HEAD
    return KEY_SEPARATOR.join(sorted(nodes))


_DEVELOPER_ID = -1  # the one node of every developer-unsold room (owner ids are positive)


def count_heads(room_owners: Iterable[tuple[int, int | None]], developer_rooms: Iterable[int] = ()) -> int:
    """`build_scope_roll(...).total_heads` without the maps, over integer keys, for counting a whole city:
    `room_owners` holds a (room, owner) pair per owner of a room, or (room, None) for a room without owner
    (owners are identified by their record id: one record per ID number); `developer_rooms` are the rooms
    whose owner is the developer (all of them together are one head, with the developer's other rooms)."""
    parent: dict[int, int] = {}
    anchor: dict[int, int | None] = {}

    def union(first: int, second: int) -> None:
        root, other = _find_int(parent, first), _find_int(parent, second)
        if root != other:
            parent[other] = root

    for room, owner in room_owners:
        if owner is None:
            anchor.setdefault(room, None)
            continue
        if owner not in parent:
            parent[owner] = owner
        previous = anchor.get(room)
        if previous is None:
            anchor[room] = owner
        else:
            union(previous, owner)
    for room in developer_rooms:
        parent.setdefault(_DEVELOPER_ID, _DEVELOPER_ID)
        previous = anchor.get(room)
        if previous is None:
            anchor[room] = _DEVELOPER_ID
        else:
            union(previous, _DEVELOPER_ID)
    roots = set()
    ownerless = 0
    for node in anchor.values():
        if node is None:
            ownerless += 1
        else:
            roots.add(_find_int(parent, node))
    return len(roots) + ownerless


def _find_int(parent: dict[int, int], node: int) -> int:
    while (up := parent[node]) != node:
        parent[node] = node = parent[up]
    return node
