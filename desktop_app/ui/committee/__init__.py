"""业委会: estates with their management mode and committee status, the due list, a setup case's detail
(stages, clocks, preparatory group, candidates, the election, members, filing) and the management modes.

The page (and the committee services behind it) is imported only when it is first asked for."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.ui.committee.page import CommitteePage

__all__ = ["CommitteePage"]


def __getattr__(name: str) -> Any:
    if name == "CommitteePage":
        from desktop_app.ui.committee.page import CommitteePage

        return CommitteePage
    raise AttributeError(name)
