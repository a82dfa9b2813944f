"""The roll workbook: read and check a file (the preview), import it, export an estate's roll, the template."""

from desktop_app.operations.roll.exporting import UnknownEstate, export_roll, write_template
from desktop_app.operations.roll.importing import RollImported, can_import, import_roll, read_roll_file

__all__ = [
    "RollImported", "UnknownEstate", "can_import", "export_roll", "import_roll", "read_roll_file",
    "write_template",
]
