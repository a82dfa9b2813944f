"""打印中心 documents (notices, owner rolls, visit forms): gather, render, write and record, for the window and
the command line alike."""

from desktop_app.operations.printing.documents import (
    NothingToPrint, PrintRequest, Saved, notice_request, print_to_file, visit_forms_request,
)

__all__ = [
    "NothingToPrint", "PrintRequest", "Saved", "notice_request", "print_to_file", "visit_forms_request",
]
