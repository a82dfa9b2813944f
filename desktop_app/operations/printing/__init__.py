"""打印中心 documents (notices, owner rolls, visit forms): gather, render, write and record, for the window and
the command line alike."""

from desktop_app.operations.printing.documents import (
    NothingToPrint, PrintRequest, Produced, Saved, notice_request, print_to_file, produce, record_printed, save,
    visit_forms_request,
)

__all__ = [
    "NothingToPrint", "PrintRequest", "Produced", "Saved", "notice_request", "print_to_file", "produce",
    "record_printed", "save", "visit_forms_request",
]
