"""房屋与业主: the scope tree, the rooms table, the room and owner dialogs, the roll import wizard and file actions.

The window's 文件 menu needs the file actions at start-up; the page (and the roll services behind it) is
imported only when it is first asked for, so start-up does not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop_app.ui.roll.file_actions import export_roll, import_roll, offer_first_start, save_template

if TYPE_CHECKING:
    from desktop_app.ui.roll.page import RoomsPage

__all__ = ["RoomsPage", "export_roll", "import_roll", "offer_first_start", "save_template"]


def __getattr__(name: str) -> Any:
    if name == "RoomsPage":
        from desktop_app.ui.roll.page import RoomsPage

        return RoomsPage
    raise AttributeError(name)
