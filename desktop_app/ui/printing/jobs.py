"""The 打印中心's jobs on the task runner: the shared operation (operations.printing.documents) does the work.

`produce` runs in the background and hands back the PDF in memory for the preview; `save` and
`record_printed` write and record once the user chose where it goes. Only plain data crosses threads.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.progress import Progress
from desktop_app.operations.printing import documents
from desktop_app.operations.printing.documents import PrintRequest, Produced, Saved
from desktop_app.services.printing.gather import PrintRecord

__all__ = ["PrintRequest", "Produced", "Saved", "produce", "save", "record_printed"]


def produce(request: PrintRequest, progress: Progress | None = None) -> Produced:
    """Gather and render; raises Cancelled when the user cancelled a batch."""
    return documents.produce(request, progress)


def save(produced: Produced, path: str | Path) -> Saved:
    return documents.save(produced, path)


def record_printed(produced: Produced, printer: str, pages: int) -> PrintRecord:
    return documents.record_printed(produced, printer, pages)
