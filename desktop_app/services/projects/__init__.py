"""Renovation projects and their funds (issue 10): records, the projects list, the district's indicators,
the district's plan workbook in and out.

Other features use projects through these names only."""

from desktop_app.services.projects.drilldown import (
    EstateRow, FundRow, ItemRow, estate_rows, fund_rows, item_rows, project_fund_rows,
)
from desktop_app.services.projects.print_data import fund_progress_data, project_progress_data
from desktop_app.services.projects.indicators import ScopeIndicators, project_indicators, scope_indicators
from desktop_app.services.projects.listing import ProjectFilter, ProjectRow, list_projects, project_rows
from desktop_app.services.projects.plan_export import PlanRecords, plan_records
from desktop_app.services.projects.plan_import import (
    NewEstate, PlanImported, PlanImportError, PlanInput, PlanPreview, ProjectChange, apply_plan, preview_plan,
)

__all__ = [
    "EstateRow", "FundRow", "ItemRow", "NewEstate", "PlanImportError", "PlanImported", "PlanInput", "PlanPreview",
    "PlanRecords", "ProjectChange", "ProjectFilter", "ProjectRow", "ScopeIndicators", "apply_plan", "estate_rows",
    "fund_progress_data", "fund_rows", "item_rows", "list_projects", "plan_records", "preview_plan",
    "project_fund_rows", "project_indicators", "project_progress_data", "project_rows", "scope_indicators",
]
