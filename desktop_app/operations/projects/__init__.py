"""The district's 改造计划 workbook: read and check a file (the preview, nothing written), import it, and
export the projects of a scope in the same format."""

from desktop_app.operations.projects.plan_exporting import PlanExported, export_plan
from desktop_app.operations.projects.plan_importing import (
    PlanChecked, PlanImported, check_plan_file, import_plan,
)

__all__ = ["PlanChecked", "PlanExported", "PlanImported", "check_plan_file", "export_plan",
           "import_plan"]
