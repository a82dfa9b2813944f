"""The classification of one record of a sync file: table-driven, then properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.sync_merge import (
    SHEET_NAMES, TABLE_ORDER, Action, FieldDifference, changed_since, classify, differences,
)

FIELDS = ("name", "phone")
A = {"name": "张三", "phone": "1"}
B = {"name": "张三", "phone": "2"}


@pytest.mark.parametrize(("ours", "theirs", "theirs_changed", "ours_changed", "locked", "deleted_here", "expected"), [
    (None, A, True, False, False, False, Action.ADD),
    (None, A, False, False, False, False, Action.ADD),
    (None, A, False, False, False, True, Action.SKIP),
    (None, A, True, False, False, True, Action.CONFLICT),
    (None, A, True, False, True, False, Action.CONFLICT),
    (A, A, True, True, False, False, Action.UNCHANGED),
    (A, A, True, True, True, False, Action.UNCHANGED),
    (A, B, True, False, False, False, Action.UPDATE),
    (A, B, False, True, False, False, Action.KEEP),
    (A, B, False, False, False, False, Action.KEEP),
    (A, B, True, True, False, False, Action.CONFLICT),
    (A, B, True, False, True, False, Action.CONFLICT),
    (A, None, True, False, False, False, Action.DELETE),
    (A, None, True, True, False, False, Action.CONFLICT),
    (A, None, True, False, True, False, Action.CONFLICT),
    (None, None, True, True, False, True, Action.UNCHANGED),
])
def test_classify(ours, theirs, theirs_changed, ours_changed, locked, deleted_here, expected):
    assert classify(ours, theirs, FIELDS, theirs_changed=theirs_changed, ours_changed=ours_changed,
                    locked=locked, deleted_here=deleted_here) is expected


@pytest.mark.parametrize(("updated_at", "mark", "expected"), [
    ("2024-05-01T08:00:00.000+00:00", None, True),
    ("2024-05-01T08:00:00.000+00:00", "2024-05-01T08:00:00.000+00:00", False),
    ("2024-05-01T08:00:00.001+00:00", "2024-05-01T08:00:00.000+00:00", True),
    ("2024-04-30T23:59:59.999+00:00", "2024-05-01T08:00:00.000+00:00", False),
])
def test_changed_since(updated_at, mark, expected):
    assert changed_since(updated_at, mark) is expected


def test_differences_name_each_field_in_order():
    assert differences({"name": "甲", "phone": "1"}, {"name": "乙", "phone": "2"}, FIELDS) == [
        FieldDifference("name", "甲", "乙"), FieldDifference("phone", "1", "2")]
    assert differences(A, dict(A), FIELDS) == []


def test_every_table_has_a_sheet_and_sheet_names_are_unique():
    assert set(TABLE_ORDER) == set(SHEET_NAMES)
    assert len(set(SHEET_NAMES.values())) == len(SHEET_NAMES)
    assert all(len(name) <= 31 for name in SHEET_NAMES.values())


records = st.none() | st.fixed_dictionaries({"name": st.sampled_from(["甲", "乙"]), "phone": st.sampled_from(["1", "2"])})


@given(ours=records, theirs=records, theirs_changed=st.booleans(), ours_changed=st.booleans(),
       locked=st.booleans(), deleted_here=st.booleans())
def test_classification_properties(ours, theirs, theirs_changed, ours_changed, locked, deleted_here):
    action = classify(ours, theirs, FIELDS, theirs_changed=theirs_changed, ours_changed=ours_changed,
                      locked=locked, deleted_here=deleted_here)
    if locked:  # a closed vote never changes
        assert action not in (Action.ADD, Action.UPDATE, Action.DELETE)
    if ours is not None and theirs is not None and ours == theirs:
        assert action is Action.UNCHANGED  # equal content is never a conflict
    if action is Action.UPDATE:
        assert theirs_changed and not ours_changed
    if action is Action.DELETE:
        assert theirs is None and not ours_changed
    if action is Action.ADD:
        assert ours is None and not deleted_here
    if action is Action.SKIP:
        assert deleted_here and not theirs_changed
    if ours_changed and theirs_changed and ours is not None and theirs is not None and ours != theirs:
        assert action is Action.CONFLICT
    # the same decision twice: importing a file again after applying it changes nothing
    if action is Action.UPDATE or action is Action.ADD:
        again = classify(theirs, theirs, FIELDS, theirs_changed=theirs_changed, ours_changed=True)
        assert again is Action.UNCHANGED



def test_field_labels():
    from desktop_app.domain.sync_merge import field_label

    assert field_label("owner", "phone") == "电话" and field_label("room", "unit") == "单元"
    assert field_label("project_item", "unit") == "计量单位" and field_label("x", "unknown") == "unknown"
