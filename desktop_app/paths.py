"""Where things live on disk: the default database, logs, and the bundled resources.

The bundled resources are the package `desktop_app.resources` (the project's top-level `resources/`
folder, mapped in pyproject.toml), found with `importlib.resources`, so they are wherever the package is
installed: the source folder for an editable install, site-packages for a wheel.
"""

from __future__ import annotations

import atexit
import os
import sys
from contextlib import ExitStack
from importlib.resources import as_file, files
from pathlib import Path

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # 3.10 (requires-python) has it only in importlib.abc
    from importlib.abc import Traversable

RESOURCES: Traversable = files("desktop_app.resources")
_EXTRACTED = ExitStack()  # files extracted from a zipped install, deleted when the process ends
atexit.register(_EXTRACTED.close)


def resource_path(*parts: str) -> Path:
    """A bundled file as a real path (Qt and reportlab open fonts by name); `parts` are below `resources/`.

    A normal or editable install gives the file itself; a zipped install gives a temporary copy that
    lives until the process ends.
    """
    resource = RESOURCES
    for part in parts:  # one part a call: 3.10's Traversable.joinpath takes one
        resource = resource.joinpath(part)
    if isinstance(resource, Path):
        return resource
    return _EXTRACTED.enter_context(as_file(resource))


BUNDLED_FONT = resource_path("fonts", "wqy-microhei.ttc")
SHIPPED_CATALOGUE: Traversable = RESOURCES.joinpath("reference").joinpath("renovation_catalogue.json")


def user_data_dir() -> Path:
    """The per-user data folder (Windows %APPDATA%, macOS Application Support, XDG elsewhere)."""
    override = os.environ.get("DESKTOP_APP_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "laojiu-gaizao"


def default_database_path() -> Path:
    return user_data_dir() / "community.sqlite3"


def log_file_path() -> Path:
    return user_data_dir() / "desktop-app.log"
