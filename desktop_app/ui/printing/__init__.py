"""打印中心: the template fields, the print jobs, the PDF preview and the history of what was printed."""

from desktop_app.ui.printing.page import PrintCenterPage

__all__ = ["PrintCenterPage"]
