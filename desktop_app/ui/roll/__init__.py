"""房屋与业主: the scope tree, the rooms table, the room and owner dialogs, the roll import wizard and file actions."""

from desktop_app.ui.roll.file_actions import export_roll, import_roll, offer_first_start, save_template
from desktop_app.ui.roll.page import RoomsPage

__all__ = ["RoomsPage", "export_roll", "import_roll", "offer_first_start", "save_template"]
