"""The 设置 page: the holiday table by year (shipped years read-only, staff rows editable), the deadline
calculator, and which way each legal clock is counted."""

from desktop_app.ui.settings.page import SettingsPage

__all__ = ["SettingsPage"]
