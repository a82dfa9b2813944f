"""Imports point downwards only: ui > cli > exchange/documents > services > models > domain; the ui
reaches the database only through services (the workspace), never the models."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "desktop_app"

# For each layer, the layers it must never import.
FORBIDDEN = {
    "domain": {"models", "services", "exchange", "documents", "ui", "cli"},
    "models": {"services", "exchange", "documents", "ui", "cli"},
    "services": {"exchange", "documents", "ui", "cli"},
    "exchange": {"ui", "cli"},
    "documents": {"models", "services", "exchange", "ui", "cli"},
    "cli": {"ui"},
    "ui": {"models"},
}
THIRD_PARTY_FORBIDDEN = {
    "domain": {"PySide6", "peewee", "openpyxl", "reportlab", "sqlite3", "python_calamine"},
    "models": {"PySide6"},
    "services": {"PySide6"},
    "exchange": {"PySide6"},
    "documents": {"PySide6", "peewee"},
    "cli": {"PySide6"},
    "ui": {"peewee"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def layer_files():
    for layer in FORBIDDEN:
        for path in sorted((PACKAGE / layer).rglob("*.py")) if (PACKAGE / layer).is_dir() else []:
            yield layer, path


@pytest.mark.parametrize("layer,path", [p for p in layer_files() if p[1].exists()],
                         ids=lambda v: str(v.relative_to(PACKAGE)) if isinstance(v, Path) else v)
def test_imports_point_downwards(layer, path):
    for name in imported_modules(path):
        parts = name.split(".")
        if parts[0] == "desktop_app" and len(parts) > 1:
            assert parts[1] not in FORBIDDEN[layer], f"{path.name} ({layer}) imports {name}"
        assert parts[0] not in THIRD_PARTY_FORBIDDEN[layer], f"{path.name} ({layer}) imports {name}"


def test_the_rule_sees_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from desktop_app.ui.app import run_gui\nimport PySide6\n", encoding="utf-8")
    assert {"desktop_app.ui.app", "PySide6"} <= imported_modules(bad)


def test_the_ui_is_checked_and_may_not_import_models():
    assert "models" in FORBIDDEN["ui"]
    assert any(layer == "ui" for layer, _ in layer_files())
