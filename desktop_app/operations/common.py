"""What every operation shares: the progress callback, the cancel, a safe file write, what changed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

Progress = Callable[[int, int], bool]
"""`progress(done, total)` reports progress and returns False once the user asked to cancel."""

def no_progress(_done: int, _total: int) -> bool:
    return True


def write_file(path: str | Path, data: bytes, *, make_folders: bool = False) -> Path:
    """Write `data` through `<path>.part` so a failure never leaves a half-written file; the resolved path.
    `make_folders` creates missing parent folders (the command line's -o does; a save dialog's path exists)."""
    target = Path(path)
    if make_folders:
        target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target.resolve()
