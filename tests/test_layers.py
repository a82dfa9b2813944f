"""The shape of the package, checked so that it stays true without anyone policing it.

- Imports point downwards only: ui > cli > operations > exchange/documents > services > models > domain,
  and ui never reaches models directly.
- A feature (a sub-package such as `services/votes/` or `ui/consult/`) uses another feature only through
  the public names of that feature's package (`from desktop_app.services.roll import rooms_in_scope`),
  never through its modules. A feature's own modules in every layer (ui/votes and services/votes) may
  use each other freely.
- The project's own modules are imported with import statements, never through importlib, so that this
  test and mypy see every dependency.
- No import cycles between modules, counting imports inside functions and under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "desktop_app"

# For each layer, the layers it must never import.
FORBIDDEN = {
    "domain": {"models", "services", "exchange", "documents", "operations", "ui", "cli"},
    "models": {"services", "exchange", "documents", "operations", "ui", "cli"},
    "services": {"exchange", "documents", "operations", "ui", "cli"},
    "exchange": {"operations", "ui", "cli"},
    "documents": {"models", "services", "exchange", "operations", "ui", "cli"},
    "operations": {"ui", "cli"},
    "cli": {"ui"},
    "ui": {"models"},
}
THIRD_PARTY_FORBIDDEN = {
    "domain": {"PySide6", "peewee", "openpyxl", "reportlab", "sqlite3", "python_calamine"},
    "models": {"PySide6"},
    "services": {"PySide6"},
    "exchange": {"PySide6"},
    "documents": {"PySide6", "peewee"},
    "operations": {"PySide6"},
    "cli": {"PySide6"},
    "ui": {"peewee", "sqlite3"},
}
# Sub-packages that are shared parts rather than features: any feature may use their modules.
SHARED_PARTS = {("ui", "widgets"), ("ui", "pages")}


@dataclass(frozen=True)
class Import:
    """One imported name: `module` is what the statement names, `name` the name taken from it (or None)."""

    module: str
    name: str | None
    line: int


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def imports_of(path: Path) -> list[Import]:
    """Every import in the file, wherever it stands (module level, functions, TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: list[Import] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(Import(alias.name, None, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            found.extend(Import(base, alias.name, node.lineno) for alias in node.names)
    return found


def is_module(dotted: str) -> bool:
    relative = Path(*dotted.split(".")[1:]) if "." in dotted else Path()
    return (PACKAGE / relative).with_suffix(".py").is_file() or (PACKAGE / relative / "__init__.py").is_file()


def targets(item: Import) -> str:
    """The project module an import really reaches (`from pkg import submodule` reaches the submodule)."""
    if item.name and is_module(f"{item.module}.{item.name}"):
        return f"{item.module}.{item.name}"
    return item.module


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "desktop_app" else None


def feature_of(module: str) -> str | None:
    """`votes` for desktop_app.services.votes.session; None for shared core modules."""
    parts = module.split(".")
    if len(parts) < 3 or parts[0] != "desktop_app" or (parts[1], parts[2]) in SHARED_PARTS:
        return None
    return parts[2] if (PACKAGE / parts[1] / parts[2]).is_dir() else None


def project_imports() -> Iterator[tuple[Path, str, Import]]:
    for path in package_files():
        for item in imports_of(path):
            yield path, module_name(path), item


def layer_violations() -> list[str]:
    problems = []
    for path, here, item in project_imports():
        layer = layer_of(here)
        if layer not in FORBIDDEN:
            continue
        target_layer = layer_of(item.module)
        if target_layer in FORBIDDEN[layer]:
            problems.append(f"{here}:{item.line} ({layer}) imports {item.module}")
        if item.module.split(".")[0] in THIRD_PARTY_FORBIDDEN[layer]:
            problems.append(f"{here}:{item.line} ({layer}) imports {item.module}")
    return problems


def feature_violations() -> list[str]:
    problems = []
    for path, here, item in project_imports():
        target = targets(item)
        theirs = feature_of(target)
        if theirs is None or theirs == feature_of(here):
            continue
        package = ".".join(target.split(".")[:3])
        if target != package:
            problems.append(f"{here}:{item.line} reaches into feature module {target} "
                            f"(import its public names from {package})")
    return problems


def importlib_uses() -> list[str]:
    problems = []
    for path in package_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in {"import_module", "__import__", "spec_from_file_location"}:
                    problems.append(f"{module_name(path)}:{node.lineno} loads a module by name ({name})")
    return problems


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path, here, item in project_imports():
        target = targets(item)
        if target.startswith("desktop_app.") and target != here and not here.startswith(target + "."):
            graph.setdefault(here, set()).add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_imports_point_downwards():
    assert layer_violations() == []


def test_features_meet_only_through_public_names():
    assert feature_violations() == []


def test_no_module_of_the_project_is_loaded_by_name():
    assert importlib_uses() == []


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_every_feature_package_says_what_it_is():
    for init in PACKAGE.rglob("__init__.py"):
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{init.relative_to(PACKAGE)} has no docstring"


# The checks themselves must see what they are meant to catch.

def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def fake_package(tmp_path):
    """A small package in tmp_path that the checks read instead of the real one."""
    root = tmp_path / "desktop_app"
    for package in ("", "services", "services/roll", "services/votes", "ui", "ui/votes", "ui/widgets"):
        write(root, f"{package}/__init__.py".lstrip("/"), '"""x"""\n')
    write(root, "services/roll/rooms.py", "def room(): pass\n")
    real = globals()["PACKAGE"]
    globals()["PACKAGE"] = root
    yield root
    globals()["PACKAGE"] = real


def test_the_checks_see_each_kind_of_violation(fake_package):
    write(fake_package, "ui/votes/page.py",
          "from desktop_app.models import db\nimport peewee\n"
          "from desktop_app.services.roll import rooms\n"
          "from desktop_app.services.roll.rooms import room\n")
    write(fake_package, "services/votes/a.py", "import importlib\nimportlib.import_module('x')\n"
                                               "from desktop_app.services.votes import b\n")
    write(fake_package, "services/votes/b.py", "def f():\n    from desktop_app.services.votes import a\n")
    write(fake_package, "ui/widgets/table.py", "from desktop_app.services.votes import b\n")
    assert any("imports desktop_app.models" in p for p in layer_violations())
    assert any("imports peewee" in p for p in layer_violations())
    features = feature_violations()
    assert len(features) == 3, features  # rooms twice (as a name and as a module), votes.b from widgets
    assert importlib_uses() and "import_module" in importlib_uses()[0]
    assert cycles(import_graph()) == [["desktop_app.services.votes.a", "desktop_app.services.votes.b"]]


def test_public_names_and_own_feature_pass(fake_package):
    write(fake_package, "services/roll/__init__.py", '"""x"""\nfrom desktop_app.services.roll.rooms import room\n')
    write(fake_package, "ui/votes/page.py", "from desktop_app.services.roll import room\n"
                                            "from desktop_app.ui.widgets import table\n")
    write(fake_package, "ui/widgets/table.py", "x = 1\n")
    write(fake_package, "ui/votes/entry.py", "from desktop_app.services.votes import b\n")
    write(fake_package, "services/votes/b.py", "x = 1\n")
    assert feature_violations() == []
    assert cycles(import_graph()) == []
