"""The roll of every estate: rooms, owners and residents, their import, export and order.

Other features use the roll through these names only."""

from desktop_app.services.roll.bulk_tables import new_uids
from desktop_app.services.roll.importing import ImportSummary, apply_roll
from desktop_app.services.roll.pinyin import pinyin_key
from desktop_app.services.roll.rooms import ValidationError

__all__ = ["ImportSummary", "ValidationError", "apply_roll", "new_uids", "pinyin_key"]
