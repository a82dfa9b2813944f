"""Renovation projects and their funds (issue 10): records, the projects list, the district's indicators,
the district's plan workbook in and out.

Other features use projects through these names only."""

from desktop_app.services.projects.indicators import ScopeIndicators, project_indicators, scope_indicators
from desktop_app.services.projects.listing import ProjectFilter, ProjectRow, list_projects, project_rows
from desktop_app.services.projects.plan_export import PlanRecords, plan_records
from desktop_app.services.projects.plan_import import (
    NewEstate, PlanImported, PlanImportError, PlanInput, PlanPreview, ProjectChange, apply_plan, preview_plan,
)

__all__ = [
    "NewEstate", "PlanImportError", "PlanImported", "PlanInput", "PlanPreview", "PlanRecords", "ProjectChange",
    "ProjectFilter", "ProjectRow", "ScopeIndicators", "apply_plan", "list_projects", "plan_records",
    "preview_plan", "project_indicators", "project_rows", "scope_indicators",
]
