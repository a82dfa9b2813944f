"""The stored vocabularies as enums: values equal to the text the database holds (and its CHECK
constraints allow), usable wherever that text was, and METHODS declared once."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from desktop_app.domain.vocabulary import (
    ESTATE_LEVELS, METHODS, PROXY_METHOD, BallotEntry, BallotMethod, ScopeLevel, VoteState,
)

PACKAGE = Path(__file__).resolve().parent.parent.parent / "desktop_app"
MIGRATIONS = (PACKAGE / "models" / "migrations.py").read_text(encoding="utf-8")


def allowed(column: str) -> tuple[str, ...]:
    """The values a CHECK (column IN (...)) of the vote tables allows, in order."""
    found = re.search(rf"\b{column} IN \(([^)]*)\)", MIGRATIONS)
    assert found, column
    return tuple(re.findall(r"'([^']*)'", found.group(1)))


@pytest.mark.parametrize("enum,column", [(VoteState, "status"), (BallotEntry, "entry"), (BallotMethod, "method")])
def test_the_values_are_what_the_database_allows(enum, column):
    assert tuple(member.value for member in enum) == allowed(column)


@pytest.mark.parametrize("member,text", [
    (ScopeLevel.ALL, "all"), (ScopeLevel.STREET, "street"), (ScopeLevel.COMMUNITY, "community"),
    (ScopeLevel.ESTATE, "estate"), (ScopeLevel.BUILDING, "building"), (ScopeLevel.UNIT, "unit"),
    (VoteState.OPEN, "open"), (VoteState.CLOSED, "closed"),
    (BallotEntry.FIRST, "first"), (BallotEntry.CHECK, "check"),
    (BallotMethod.PAPER, "纸质"), (BallotMethod.ON_SITE, "现场"), (BallotMethod.PROXY, "委托"),
    (BallotMethod.DOOR_TO_DOOR, "入户"),
])
def test_a_member_is_its_stored_text(member, text):
    assert member == text and text == member
    assert str(member) == text and f"{member}" == text and f"{member:>3}" == f"{text:>3}"
    assert type(member)(text) is member
    assert {text: 1}[member] == 1 and hash(member) == hash(text)
    assert json.dumps([member], ensure_ascii=False) == json.dumps([text], ensure_ascii=False)


@pytest.mark.parametrize("level,label,within", [
    (ScopeLevel.ALL, "全部", False), (ScopeLevel.STREET, "街道", False), (ScopeLevel.COMMUNITY, "社区", False),
    (ScopeLevel.ESTATE, "小区", True), (ScopeLevel.BUILDING, "楼栋", True), (ScopeLevel.UNIT, "单元", True),
])
def test_scope_levels(level, label, within):
    assert level.label == label
    assert level.within_estate is within and (level in ESTATE_LEVELS) is within


def test_methods_in_pick_order_and_the_proxy_method():
    assert METHODS == ("纸质", "现场", "委托", "入户")
    assert PROXY_METHOD is BallotMethod.PROXY
    assert VoteState.CLOSED.label == "已结束" and BallotEntry.CHECK.label == "核对录入"


def test_unknown_text_is_refused():
    for enum, text in ((ScopeLevel, "city"), (VoteState, "draft"), (BallotEntry, "third"), (BallotMethod, "电话")):
        with pytest.raises(ValueError):
            enum(text)


def test_methods_and_the_vote_vocabulary_are_defined_once():
    definitions = re.compile(r"^\s*(METHODS|PROXY_METHOD|FIRST, CHECK|OPEN, CLOSED)\s*(:[^=]*)?=", re.M)
    found = [path.relative_to(PACKAGE).as_posix() for path in sorted(PACKAGE.rglob("*.py"))
             for _ in definitions.finditer(path.read_text(encoding="utf-8"))]
    assert found == ["domain/vocabulary.py", "domain/vocabulary.py"]
