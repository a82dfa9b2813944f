"""打印中心 documents (notices, owner rolls, visit forms, the project progress and fund payment tables):
gather, render, write and record, for the window and the command line alike."""

from desktop_app.operations.printing.documents import (
    NothingToPrint, PrintRequest, Produced, Saved, notice_request, print_to_file, produce, project_request,
    record_printed, save, visit_forms_request,
)

__all__ = [
    "NothingToPrint", "PrintRequest", "Produced", "Saved", "notice_request", "print_to_file", "produce",
    "project_request", "record_printed", "save", "visit_forms_request",
]
