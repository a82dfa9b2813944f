"""What every operation shares: a progress report that never cancels, and a safe file write."""

from __future__ import annotations

import os
from pathlib import Path


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
