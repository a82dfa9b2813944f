"""One PDF of many one-page forms (visit forms, ballots): progress, cancel, and no half-written file.

A path target is written to `<target>.part` and moved into place only when the whole batch is done,
so a cancel or an error never leaves a partial PDF where the user expects the document.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Callable, Sequence, TypeVar

from reportlab.pdfgen.canvas import Canvas

from desktop_app import APP_NAME
from desktop_app.documents.fonts import FontSet
from desktop_app.documents.layout import make_canvas
from desktop_app.domain.errors import Cancelled

Item = TypeVar("Item")


def render_batch(items: Sequence[Item], target: str | Path | IO[bytes], fonts: FontSet, title: str,
                 painter: Callable[[Canvas, FontSet], Callable[[Item], None]],
                 progress: Callable[[int, int], bool] | None = None) -> int:
    """Draw each item (one page each) with `painter(canvas, fonts)`; returns the page count.
    `progress(done, total)` returning False raises Cancelled."""
    partial = Path(f"{target}.part") if isinstance(target, (str, Path)) else None
    try:
        canvas = make_canvas(str(partial) if partial is not None else target, fonts)  # type: ignore[arg-type]
        canvas.setTitle(title)
        canvas.setCreator(APP_NAME)
        draw = painter(canvas, fonts)
        for done, item in enumerate(items, 1):
            draw(item)
            if progress is not None and not progress(done, len(items)):
                raise Cancelled("已取消，未生成文件。")
        canvas.save()
    except BaseException:
        if partial is not None:
            partial.unlink(missing_ok=True)
        raise
    if partial is not None and isinstance(target, (str, Path)):  # both or neither
        os.replace(partial, target)
    return len(items)
