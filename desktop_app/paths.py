"""Where things live on disk: the default database, logs, and the bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
FONTS_DIR = RESOURCES / "fonts"
BUNDLED_FONT = FONTS_DIR / "wqy-microhei.ttc"


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
