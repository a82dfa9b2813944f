"""Head-count and area of a voting scope (domain.md section 2): boundary cases and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from desktop_app.domain.headcount import DEVELOPER_HEAD, RollEntry, ScopeRoll, build_scope_roll, count_heads

A, B, C = "350402199001011234", "11010519491231002X", "350402198505051237"
ORG = "91350100M000100Y43"


def room(key: str, area: int = 8000, *owners: str, kind: str = "person") -> RollEntry:
    return RollEntry(room_key=key, area_centi=area, owner_keys=tuple(owners), owner_kind=kind)


@pytest.mark.parametrize("entries,heads,area", [
    ([], 0, 0),
    ([room("1-1-101", 8530, A)], 1, 8530),
    ([room("101", 8000, A), room("102", 9000, B)], 2, 17000),
    ([room("101", 8000, A), room("102", 9000, A), room("103", 100, A)], 1, 17100),  # one owner, many rooms
    ([room("101", 8000, A, B)], 1, 8000),  # co-owned counts once
    ([room("101", 8000, A, B), room("102", 8000, B, A)], 1, 16000),  # same co-owners, any order
    ([room("101", 8000, A), room("102", 8000, A, B)], 1, 16000),  # linked through A
    ([room("101", 8000, A, B), room("102", 8000, B, C)], 1, 16000),  # linked through B
    ([room(f"{n}", 5000, kind="developer") for n in range(101, 106)], 1, 25000),  # developer unsold
    ([room("101", 5000, ORG, kind="developer"), room("102", 5000, kind="developer")], 1, 10000),
    ([room("101", 5000, kind="developer"), room("102", 5000, A), room("103", 5000, B)], 3, 15000),
    ([room("101", 5000, ORG, kind="developer"), room("102", 5000, ORG, kind="organisation")], 1, 10000),
    ([room(f"{n}", 4000, ORG, kind="organisation") for n in range(101, 121)], 1, 80000),  # work-unit housing
    ([room("101", 8000), room("102", 8000)], 2, 16000),  # no owner known: each room its own head
    ([room("101", 8000, ""), room("102", 8000, "")], 2, 16000),  # empty keys are not an owner
    ([room("101", 8000, A), room("101", 8000, B)], 1, 16000),  # a room repeated joins itself
])
def test_boundary_cases(entries, heads, area):
    roll = build_scope_roll(entries)
    assert roll.total_heads == heads
    assert roll.total_area_centi == area
    assert len(roll.rooms_of_head) == heads


def test_head_keys():
    roll = build_scope_roll([
        room("101", 8000, B, A), room("102", 8000, C), room("103", 8000, C),
        room("104", 8000, kind="developer"), room("105", 8000, kind="developer"), room("106", 8000),
    ])
    assert roll.head_of_room == {
        "101": f"{B}|{A}" if B < A else f"{A}|{B}",
        "102": C, "103": C,
        "104": DEVELOPER_HEAD, "105": DEVELOPER_HEAD,
        "106": "房屋:106",
    }
    assert roll.rooms_of_head[C] == ("102", "103")
    assert roll.rooms_of_head[DEVELOPER_HEAD] == ("104", "105")
    assert roll.total_heads == 4


room_keys = st.lists(st.from_regex(r"[1-9]-[1-3]-[1-9]0[1-4]", fullmatch=True), unique=True, max_size=30)
some_room_keys = st.lists(st.sampled_from(["101", "102", "201", "202", "301"]), max_size=12)  # may repeat
owner_pool = st.sampled_from([A, B, C, ORG, "owner-uid-1", "owner-uid-2"])


@st.composite
def rolls(draw) -> list[RollEntry]:
    keys = draw(st.one_of(room_keys, some_room_keys))
    return [
        RollEntry(
            room_key=key,
            area_centi=draw(st.integers(min_value=1, max_value=50_000)),
            owner_keys=tuple(draw(st.lists(owner_pool, max_size=3))),
            owner_kind=draw(st.sampled_from(["person", "organisation", "developer"])),
        )
        for key in keys
    ]


def reference_heads(entries: list[RollEntry]) -> set[frozenset[str]]:
    """Rooms linked by a shared owner key, or both developer-unsold, by a plain graph search."""
    marks: dict[str, set[str]] = {}
    for entry in entries:
        found = marks.setdefault(entry.room_key, set())
        found.update(f"owner:{key}" for key in entry.owner_keys if key)
        if entry.owner_kind == "developer":
            found.add("developer")
    unvisited, heads = set(marks), set()
    while unvisited:
        queue, head = [unvisited.pop()], set()
        while queue:
            current = queue.pop()
            head.add(current)
            linked = {other for other in unvisited if marks[other] & marks[current]}
            unvisited -= linked
            queue.extend(linked)
        heads.add(frozenset(head))
    return heads


@given(rolls())
def test_heads_match_a_plain_graph_search(entries):
    roll = build_scope_roll(entries)
    assert {frozenset(rooms) for rooms in roll.rooms_of_head.values()} == reference_heads(entries)


@given(rolls(), st.randoms())
def test_order_of_entries_does_not_matter(entries, random):
    shuffled = list(entries)
    random.shuffle(shuffled)
    assert build_scope_roll(shuffled) == build_scope_roll(entries)


@given(rolls())
def test_totals_and_partition(entries):
    roll = build_scope_roll(entries)
    assert roll.total_area_centi == sum(entry.area_centi for entry in entries)
    rooms = {entry.room_key for entry in entries}
    assert roll.total_heads <= len(rooms) <= len(entries)
    assert roll.total_heads == len(roll.rooms_of_head)
    assert set(roll.head_of_room) == rooms
    grouped = sorted(room_key for rooms in roll.rooms_of_head.values() for room_key in rooms)
    assert grouped == sorted(roll.head_of_room)
    for head, rooms in roll.rooms_of_head.items():
        assert all(roll.head_of_room[room_key] == head for room_key in rooms)


@given(rolls(), st.integers(min_value=1, max_value=50_000), st.data())
def test_another_room_of_a_counted_owner_adds_no_head(entries, area, data):
    owned = [entry for entry in entries if entry.owner_keys]
    if not owned:
        return
    owner = data.draw(st.sampled_from(sorted({key for entry in owned for key in entry.owner_keys})))
    kind = data.draw(st.sampled_from(["person", "organisation", "developer"]))
    before = build_scope_roll(entries)
    after = build_scope_roll([*entries, room("new-room", area, owner, kind=kind)])
    assert after.total_heads <= before.total_heads
    assert after.total_area_centi == before.total_area_centi + area


@given(rolls())
def test_all_developer_rooms_are_one_head(entries):
    developer = [RollEntry(e.room_key, e.area_centi, e.owner_keys, "developer") for e in entries]
    roll = build_scope_roll(developer)
    assert roll.total_heads == (1 if developer else 0)


@given(st.lists(st.integers(min_value=1, max_value=50_000), max_size=40))
def test_rooms_of_distinct_owners_are_one_head_each(areas):
    entries = [room(f"r{index}", area, f"owner-{index}") for index, area in enumerate(areas)]
    roll = build_scope_roll(entries)
    assert roll.total_heads == len(entries)
    assert roll.total_area_centi == sum(areas)


def test_result_is_a_plain_value():
    roll = build_scope_roll(iter([room("101", 8000, A)]))  # any iterable, read once
    assert roll == ScopeRoll(8000, 1, {"101": A}, {A: ("101",)})


_ROOMS = st.lists(st.tuples(st.lists(st.integers(1, 12), max_size=3), st.booleans()), max_size=30)


@given(_ROOMS)
def test_count_heads_equals_the_roll_it_stands_in_for(rooms):
    """The fast integer count of the 首页 gives the same head count as the vote's roll, whatever the rooms."""
    entries = [RollEntry(str(room), 100, tuple(str(owner) for owner in owners), "developer" if developer else "person")
               for room, (owners, developer) in enumerate(rooms)]
    pairs = [(room, owner) for room, (owners, _) in enumerate(rooms) for owner in owners] + \
        [(room, None) for room, (owners, _) in enumerate(rooms) if not owners]
    developer_rooms = [room for room, (_, developer) in enumerate(rooms) if developer]
    assert count_heads(pairs, developer_rooms) == build_scope_roll(entries).total_heads
