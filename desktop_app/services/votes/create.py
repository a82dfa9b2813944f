"""Opening an owners' vote: the draft the wizard fills, what is wrong with it, and freezing the roll.

The frozen roll (`vote_roll`) keeps, for every room of the scope at the moment the vote opens, its
place, area, owners and head (`domain.headcount.build_scope_roll` over the same owner keys as
`queries.roll_entries`: every owner's ID number or credit code, else the owner's uid). Later edits of
rooms or owners never reach a running vote.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from desktop_app.domain.catalogue import item_name_error
from desktop_app.domain.errors import Cancelled, UserError
from desktop_app.domain.headcount import RollEntry, build_scope_roll
from desktop_app.domain.print_data import RollRow
from desktop_app.domain.progress import Progress
from desktop_app.domain.vocabulary import ESTATE_LEVELS, ScopeLevel
from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.domain.vote_rules import MATTERS, Rule, rule_of_matter
from desktop_app.models import Building, Estate, Unit, Vote, VoteItem as VoteItemRow, db
from desktop_app.services import audit
from desktop_app.services.scope import Scope, building_label, unit_label
from desktop_app.services.settings import operator_name
from desktop_app.services.votes.records import VoteError, blank_participates_default

SCOPE_LEVELS = ESTATE_LEVELS
TITLE, SCOPE, MATTER, RULE_REASON, ITEMS, DATES = "title", "scope", "matter", "rule_reason", "items", "dates"
FIELDS = (TITLE, SCOPE, MATTER, RULE_REASON, ITEMS, DATES)  # the keys draft_errors gives its errors
_BATCH = 500


@dataclass
class VoteDraft:
    title: str = ""
    scopes: list[Scope] = field(default_factory=list)
    matter: int = 7
    items: list[VoteItem] = field(default_factory=list)
    opens_on: date = field(default_factory=date.today)
    closes_on: date = field(default_factory=date.today)
    rule: Rule | None = None  # None: the matter's own rule
    rule_reason: str = ""
    blank_participates: bool | None = None  # None: the setting vote.blank_participates
    double_entry: bool = False
    issuer: str = ""
    note: str = ""


@dataclass(frozen=True)
class _Place:
    """One scope resolved: its estate and the SQL condition selecting its rooms."""

    estate_id: int
    label: str
    condition: str
    param: int


def _place(scope: Scope) -> _Place | None:
    if scope.level is ScopeLevel.ESTATE:
        estate = Estate.get_or_none(Estate.id == scope.id)
        return None if estate is None else _Place(estate.id, "", "b.estate_id = ?", estate.id)
    if scope.level is ScopeLevel.BUILDING:
        building = Building.get_or_none(Building.id == scope.id)
        return None if building is None else _Place(building.estate_id, building_label(building.name),
                                                    "u.building_id = ?", building.id)
    unit = Unit.get_or_none(Unit.id == scope.id)
    if unit is None:
        return None
    building = Building.get_by_id(unit.building_id)
    label = building_label(building.name) + (unit_label(unit.name) if unit.name else "")
    return _Place(building.estate_id, label, "r.unit_id = ?", unit.id)


def _rooms_in(place: _Place) -> int:
    return db.execute_sql("SELECT count(*) FROM room r JOIN unit u ON u.id = r.unit_id JOIN building b "
                          f"ON b.id = u.building_id WHERE {place.condition}", (place.param,)).fetchone()[0]


def _scope_errors(scopes: list[Scope]) -> tuple[list[str], list[_Place]]:
    if not scopes:
        return ["请选择表决范围（一个小区，或同一小区的若干楼栋或若干单元）"], []
    levels = {scope.level for scope in scopes}
    if not levels <= set(SCOPE_LEVELS):
        return ["表决范围只能是小区、楼栋或单元"], []
    if len(levels) > 1:
        return ["表决范围不能混合小区、楼栋和单元，请只选一种"], []
    if ScopeLevel.ESTATE in levels and len(scopes) > 1:
        return ["表决范围只能是一个小区"], []
    if len(set(scopes)) < len(scopes):
        return ["表决范围中有重复选择的楼栋或单元"], []
    places = [_place(scope) for scope in scopes]
    if any(place is None for place in places):
        return ["表决范围中的小区、楼栋或单元已被删除，请重新选择"], []
    found = [place for place in places if place is not None]
    if len({place.estate_id for place in found}) > 1:
        return ["表决范围不能跨小区：所选楼栋或单元应属于同一个小区"], []
    errors = [f"{place.label or '该小区'}没有房屋，不能作为表决范围" for place in found if not _rooms_in(place)]
    return errors, found


def _item_errors(items: list[VoteItem]) -> list[UserError]:
    if not items:
        return [UserError("请至少添加一个表决事项", ITEMS)]
    errors = []
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        reason = item_name_error(item.name)
        name = item.name.strip()
        if reason:
            errors.append(UserError(f"第{number}个表决事项：{reason}", ITEMS))
        elif name in seen:
            errors.append(UserError(f"表决事项“{name}”重复", ITEMS))
        seen.add(name)
    return errors


def draft_errors(draft: VoteDraft) -> list[UserError]:
    """Everything wrong with a draft, in the order of the wizard's fields ([] = ready); each error's
    `field` is the wizard field it is about (one of FIELDS)."""
    errors = [] if draft.title.strip() else [UserError("请填写表决名称", TITLE)]
    errors += [UserError(message, SCOPE) for message in _scope_errors(list(draft.scopes))[0]]
    if draft.matter not in MATTERS:
        errors.append(UserError("请选择表决事项属于《民法典》第二百七十八条的哪一项（第1至9项）", MATTER))
    elif draft.rule is not None and Rule(draft.rule) is not rule_of_matter(draft.matter) \
            and not draft.rule_reason.strip():
        errors.append(UserError(f"第{draft.matter}项事项应适用“{rule_of_matter(draft.matter).label}”，"
                                "改用其他表决规则须填写原因", RULE_REASON))
    errors += _item_errors(list(draft.items))
    if draft.closes_on < draft.opens_on:
        errors.append(UserError("表决截止日期不能早于开始日期", DATES))
    return errors


_ROOMS = """
SELECT r.id, r.uid, b.name, u.name, r.number, r.floor, r.area_centi
FROM room r JOIN unit u ON u.id = r.unit_id JOIN building b ON b.id = u.building_id
WHERE {where} ORDER BY b.sort_key, b.name, u.sort_key, u.name, r.sort_key, r.number, r.id"""
_OWNERS = """
SELECT os.room_id, os.role, o.kind, o.name, o.id_number, o.uid
FROM ownership os JOIN owner o ON o.id = os.owner_id JOIN room r ON r.id = os.room_id
JOIN unit u ON u.id = r.unit_id JOIN building b ON b.id = u.building_id
WHERE {where} ORDER BY os.room_id, os.role != 'owner', os.is_voter DESC, os.id"""


_ROLL_COLUMNS = ("room_uid", "room_key", "building", "unit", "room", "floor", "area_centi", "owner_keys",
                 "head_key", "owner_names", "owner_kind", "position")
_INSERT_ROLL = (f"INSERT INTO vote_roll (vote_id, {', '.join(_ROLL_COLUMNS)}) "
                f"VALUES ({', '.join('?' * (len(_ROLL_COLUMNS) + 1))})")


def _owner_kind(people: list[tuple]) -> str:
    """As queries.roll_entries: the main owners' kind, else any owner's, else person (max by text)."""
    main = [kind for role, kind, *_ in people if role == "owner"]
    return max(main or [kind for _, kind, *_ in people] or ["person"])


def _frozen_rows(places: list[_Place], estate_text: str) -> list[dict]:
    where = " OR ".join(f"({place.condition})" for place in places)
    params = [place.param for place in places]
    owners: dict[int, list[tuple]] = {}
    for room_id, *person in db.execute_sql(_OWNERS.format(where=where), params):
        owners.setdefault(room_id, []).append(tuple(person))
    rows = []
    for position, (room_id, uid, building, unit, number, floor, area) in enumerate(
            db.execute_sql(_ROOMS.format(where=where), params), start=1):
        people = owners.get(room_id, [])
        keys = [id_number if id_number is not None else owner_uid for *_, id_number, owner_uid in people]
        rows.append({
            "room_uid": uid, "room_key": f"{estate_text} {RollRow(building, unit, number, area).label}",
            "building": building, "unit": unit, "room": number, "floor": floor, "area_centi": area,
            "owner_keys": "|".join(keys), "owner_names": "、".join(name for _, _, name, *_ in people if name),
            "owner_kind": _owner_kind(people), "position": position,
        })
    return rows


def _with_heads(rows: list[dict]) -> tuple[int, int]:
    """Put each room's head key in its row; the scope's total area and heads."""
    scope = build_scope_roll(RollEntry(row["room_key"], row["area_centi"],
                                       tuple(row["owner_keys"].split("|")) if row["owner_keys"] else (),
                                       row["owner_kind"]) for row in rows)
    for row in rows:
        row["head_key"] = scope.head_of_room[row["room_key"]]
    return scope.total_area_centi, scope.total_heads


def create_vote(draft: VoteDraft, progress: Progress | None = None) -> int:
    """Open the vote in one transaction, freezing the roll of its scope; the new vote's id.

    Raises VoteError with every problem of the draft (its field when they all concern one field);
    `progress(done, total)` returning False rolls back and raises Cancelled. Changes: `Topic.VOTES`, the new id."""
    errors = draft_errors(draft)
    if errors:
        fields = {error.field for error in errors}
        raise VoteError("；".join(error.message for error in errors), fields.pop() if len(fields) == 1 else None)
    _, places = _scope_errors(list(draft.scopes))
    rule = Rule(draft.rule) if draft.rule is not None else rule_of_matter(draft.matter)
    blank = blank_participates_default() if draft.blank_participates is None else draft.blank_participates
    actor = operator_name()
    with db.atomic():
        estate = Estate.get_by_id(places[0].estate_id)
        rows = _frozen_rows(places, estate.code or estate.name)
        total_area, total_heads = _with_heads(rows)
        vote = Vote.create(
            title=draft.title.strip(), estate=estate.id,
            scope=json.dumps([scope.to_text() for scope in draft.scopes]),
            scope_label="、".join(place.label for place in places if place.label), matter=draft.matter,
            rule=rule.value, rule_reason=draft.rule_reason.strip() if rule is not rule_of_matter(draft.matter) else "",
            blank_participates=blank, double_entry=draft.double_entry, opens_on=draft.opens_on.isoformat(),
            closes_on=draft.closes_on.isoformat(), total_area_centi=total_area, total_heads=total_heads,
            issuer=draft.issuer.strip(), note=draft.note.strip())
        VoteItemRow.insert_many([{"vote": vote.id, "position": index, "name": item.name.strip(),
                                  "category": item.category} for index, item in enumerate(draft.items)]).execute()
        cursor = db.cursor()
        for start in range(0, len(rows), _BATCH):
            cursor.executemany(_INSERT_ROLL, [(vote.id, *(row[column] for column in _ROLL_COLUMNS))
                                              for row in rows[start:start + _BATCH]])
            if progress is not None and progress(min(start + _BATCH, len(rows)), len(rows)) is False:
                raise Cancelled("已取消，未创建表决")
        audit.record("create", "vote", vote.uid, actor=actor,
                     summary=f"新建表决“{vote.title}”：{estate.name}{vote.scope_label}，{len(rows)} 户，"
                             f"{total_heads} 人，第{draft.matter}项事项，{rule.label}",
                     changes={"rule": (None, rule.value), "rule_reason": (None, vote.rule_reason),
                              "items": (None, "、".join(item.name.strip() for item in draft.items))})
    return vote.id
