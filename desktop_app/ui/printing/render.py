"""PDF pages as images, for the preview and for the printer: both show the very pages of the PDF file.

PySide6-Essentials has no QtPdf, so pages are rendered with PDFium (`pypdfium2`), or with poppler's
`pdftoppm` where pypdfium2 is not installed. Printing draws the same page images onto a QPrinter at
up to 300 dpi, full page, so paper equals preview.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable, Iterator

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from desktop_app.domain.errors import UserError

PRINT_DPI = 300
PREVIEW_DPI = 96


class RenderUnavailable(UserError):
    """Neither PDFium nor pdftoppm can be used on this PC; the message says what to install."""


def _pdfium():
    try:
        import pypdfium2
    except ImportError:
        return None
    return pypdfium2


def backend() -> str:
    """"pdfium", "pdftoppm", or "" when pages cannot be rendered here."""
    if _pdfium() is not None:
        return "pdfium"
    return "pdftoppm" if shutil.which("pdftoppm") else ""


def render_pages(pdf: bytes, dpi: float, first: int = 0, count: int | None = None) -> Iterator[QImage]:
    """Images of pages first .. first+count-1 (all remaining pages when count is None)."""
    pdfium = _pdfium()
    if pdfium is not None:
        document = pdfium.PdfDocument(pdf)
        try:
            last = len(document) if count is None else min(len(document), first + count)
            for index in range(first, last):
                page = document[index]
                bitmap = page.render(scale=dpi / 72)
                yield _to_image(bitmap)
                page.close()
        finally:
            document.close()
        return
    if shutil.which("pdftoppm"):
        yield from _render_with_pdftoppm(pdf, dpi, first, count)
        return
    raise RenderUnavailable("无法显示预览或打印：本机缺少 PDF 渲染组件。请重新安装本程序，"
                            "或先“另存为 PDF”再用其他软件打开打印。")


def _to_image(bitmap) -> QImage:
    formats = {"BGR": QImage.Format.Format_BGR888, "BGRA": QImage.Format.Format_ARGB32,
               "BGRX": QImage.Format.Format_RGB32, "L": QImage.Format.Format_Grayscale8}
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, formats[bitmap.mode])
    return image.copy()  # own the pixels: the PDFium buffer goes away with the bitmap


def _render_with_pdftoppm(pdf: bytes, dpi: float, first: int, count: int | None) -> Iterator[QImage]:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc.pdf"
        source.write_bytes(pdf)
        args = ["pdftoppm", "-png", "-r", str(int(dpi)), "-f", str(first + 1)]
        if count is not None:
            args += ["-l", str(first + count)]
        subprocess.run([*args, str(source), str(Path(folder) / "page")], check=True, capture_output=True)
        for path in sorted(Path(folder).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
            yield QImage(str(path))


def a4_printer(printer: QPrinter) -> QPrinter:
    """A4 portrait, full page (the PDF page carries its own margins)."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    return printer


def print_pdf(pdf: bytes, pages: int, printer: QPrinter, progress: Callable[[int, int], bool] | None = None) -> int:
    """Draw every page of `pdf` (`pages` of them) onto `printer`; returns the pages sent (fewer when cancelled)."""
    dpi = min(PRINT_DPI, max(72, printer.resolution()))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("无法开始打印：打印机不可用或输出文件无法写入。")
    sent = 0
    try:
        for index, image in enumerate(render_pages(pdf, dpi)):
            if index:
                printer.newPage()
            target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
            target.moveTo(0, 0)
            painter.drawImage(target, image)
            sent += 1
            if progress is not None and not progress(sent, pages):
                break
    finally:
        painter.end()
    return sent
