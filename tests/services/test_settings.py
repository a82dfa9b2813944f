"""Settings: each declared setting round-trips with its type, reads its default when unset, keeps the
stored text of earlier versions readable, refuses undeclared keys; no code reads a setting by a raw key."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain import setting_definitions as defs
from desktop_app.domain.setting_definitions import SETTINGS, SettingDefinition, SettingType
from desktop_app.models import Setting
from desktop_app.services import settings

PACKAGE = Path(__file__).resolve().parent.parent.parent / "desktop_app"

# One value to store per declared setting (a family: stored under the name "abc").
SAMPLES = {
    defs.OPERATOR_NAME: "王社工",
    defs.BLANK_PARTICIPATES: False,
    defs.DUE_WORKING_DAYS: 5,
    defs.HOLIDAYS: frozenset({date(2024, 5, 1), date(2024, 10, 1)}),
    defs.WORKDAYS: frozenset({date(2024, 4, 28)}),
    defs.IMPORT_MAPPING: {"room": "室号", "owner_name": "业主"},
    defs.CATALOGUE_SEEDED: True,
    defs.INSTALLATION_ID: "0f8e1a2b-0000-4000-8000-000000000001",
    **{definition: not definition.default for definition in defs.CLOCK_WORKING.values()},
}
PYTHON_TYPES = {SettingType.BOOL: bool, SettingType.INT: int, SettingType.TEXT: str,
                SettingType.DATE_LIST: frozenset}


def _name(definition: SettingDefinition) -> str:
    return "abc" if definition.family else ""


def test_every_setting_is_declared_once_with_its_metadata():
    assert set(SAMPLES) == set(SETTINGS)
    assert len({definition.key for definition in SETTINGS}) == len(SETTINGS)
    for definition in SETTINGS:
        assert definition.page in (defs.PAGE_VOTES, defs.PAGE_CONSULT, defs.PAGE_SETTINGS, defs.INTERNAL)
        assert definition.label and definition.description
        if definition.type in PYTHON_TYPES:
            assert isinstance(definition.default, PYTHON_TYPES[definition.type])
    assert defs.page_settings(defs.PAGE_VOTES) == (defs.BLANK_PARTICIPATES,)


@pytest.mark.parametrize("definition", SETTINGS, ids=lambda d: d.key)
def test_each_setting_round_trips_with_its_type(database, definition):
    if definition is not defs.INSTALLATION_ID:  # written when the database opens
        assert settings.value(definition, _name(definition)) == definition.default
    settings.set_value(definition, SAMPLES[definition], _name(definition))
    found = settings.value(definition, _name(definition))
    assert found == SAMPLES[definition]
    if definition.type in PYTHON_TYPES:
        assert type(found) is PYTHON_TYPES[definition.type]


@pytest.mark.parametrize("definition,stored,expected", [
    (defs.BLANK_PARTICIPATES, "0", False),
    (defs.BLANK_PARTICIPATES, "1", True),
    (defs.BLANK_PARTICIPATES, "", True),
    (defs.CATALOGUE_SEEDED, "1", True),
    (defs.DUE_WORKING_DAYS, "10", 10),
    (defs.DUE_WORKING_DAYS, "0", 15),
    (defs.DUE_WORKING_DAYS, "十", 15),
    (defs.HOLIDAYS, '["2024-05-07", "not a date"]', frozenset({date(2024, 5, 7)})),
    (defs.HOLIDAYS, "{broken", frozenset()),
    (defs.OPERATOR_NAME, "李四", "李四"),
])
def test_text_stored_by_earlier_versions_reads_as_the_declared_type(database, definition, stored, expected):
    Setting.insert(key=definition.key, value=stored).on_conflict_replace().execute()
    assert settings.value(definition) == expected


def test_the_stored_text_stays_compatible(database):
    settings.set_value(defs.BLANK_PARTICIPATES, False)
    settings.set_value(defs.DUE_WORKING_DAYS, 7)
    settings.set_value(defs.HOLIDAYS, frozenset({date(2024, 5, 2), date(2024, 5, 1)}))
    stored = {row.key: row.value for row in Setting.select()}
    assert stored["vote.blank_participates"] == "0" and stored["complaint.due_working_days"] == "7"
    assert stored["calendar.holidays"] == '["2024-05-01", "2024-05-02"]'


@pytest.mark.parametrize("definition,bad", [
    (defs.BLANK_PARTICIPATES, "0"),
    (defs.BLANK_PARTICIPATES, 1),
    (defs.DUE_WORKING_DAYS, "5"),
    (defs.DUE_WORKING_DAYS, 0),
    (defs.DUE_WORKING_DAYS, True),
    (defs.OPERATOR_NAME, 3),
    (defs.HOLIDAYS, ["2024-05-01"]),
    (defs.HOLIDAYS, "2024-05-01"),
    (defs.HOLIDAYS, 20240501),
    (defs.IMPORT_MAPPING, {"room": object()}),
])
def test_a_value_of_the_wrong_type_is_refused(database, definition, bad):
    with pytest.raises(ValueError, match="“"):
        settings.set_value(definition, bad, _name(definition))


def test_undeclared_settings_and_misused_families_are_refused(database):
    stray = SettingDefinition("stray", SettingType.TEXT, "", defs.INTERNAL, "x", "x")
    with pytest.raises(settings.UnknownSettingError):
        settings.value(stray)
    with pytest.raises(settings.UnknownSettingError):
        settings.set_value(stray, "x")
    with pytest.raises(settings.UnknownSettingError):
        settings.value("operator_name")  # type: ignore[arg-type]
    with pytest.raises(settings.UnknownSettingError):
        settings.definition_of("no.such.key")
    assert settings.definition_of("operator_name") is defs.OPERATOR_NAME
    assert settings.definition_of("import_mapping:0123") is defs.IMPORT_MAPPING
    with pytest.raises(ValueError):
        settings.value(defs.IMPORT_MAPPING)  # a family needs a name
    with pytest.raises(ValueError):
        settings.value(defs.OPERATOR_NAME, "abc")


def test_the_operator_name_falls_back_to_the_login_name(database):
    settings.set_operator_name("  王社工 ")
    assert settings.operator_name() == "王社工"
    settings.set_operator_name("")
    assert settings.operator_name() == settings.current_actor()


def _raw_key_uses(path: Path) -> list[str]:
    """String constants (docstrings aside) holding a declared key (alone, as a family's prefix, in SQL)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            text = node.value
            if any(d.key in text for d in SETTINGS):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {text!r}")
    return found


def test_no_code_reads_a_setting_by_a_raw_key():
    declarations = PACKAGE / "domain" / "setting_definitions.py"
    # A migration is SQL frozen as it shipped (V7's tombstone triggers read the installation id by its key):
    # it must not follow a renamed declaration, so it spells the key out.
    frozen = PACKAGE / "models" / "migrations.py"
    uses = [use for path in sorted(PACKAGE.rglob("*.py")) if path not in (declarations, frozen)
            for use in _raw_key_uses(path)]
    assert uses == []


def test_only_the_settings_service_touches_the_setting_table():
    allowed = {PACKAGE / "services" / "settings.py"}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path in allowed or path.parent.name == "models":
            continue
        names = {node.id for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                 if isinstance(node, ast.Name)}
        assert "Setting" not in names, f"{path.relative_to(PACKAGE)} uses the Setting table directly"
