"""项目与资金: the projects list with its filters, a project's detail (基本信息, 改造内容, 进度, 资金, 质量检查),
the dialogs that edit them, and the 改造计划 workbook in and out.

The page (and the project services behind it) is imported only when it is first asked for, so start-up
does not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.ui.projects.page import ProjectsPage

__all__ = ["ProjectsPage"]


def __getattr__(name: str) -> Any:
    if name == "ProjectsPage":
        from desktop_app.ui.projects.page import ProjectsPage

        return ProjectsPage
    raise AttributeError(name)
