"""项目与资金: the projects list with its filters, a project's detail (基本信息, 改造内容, 进度, 资金, 质量检查),
the dialogs that edit them, and the 改造计划 workbook in and out.

The page (and the project services behind it) is imported only when it is first asked for, so start-up
does not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.ui.projects.page import ProjectsPage
    from desktop_app.ui.projects.plan_files import export_plan, import_plan

__all__ = ["ProjectsPage", "export_plan", "import_plan"]


def __getattr__(name: str) -> Any:
    if name == "ProjectsPage":
        from desktop_app.ui.projects.page import ProjectsPage

        return ProjectsPage
    if name in ("import_plan", "export_plan"):
        from desktop_app.ui.projects import plan_files

        return getattr(plan_files, name)
    raise AttributeError(name)
