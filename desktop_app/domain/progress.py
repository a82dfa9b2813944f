"""The one shape of a progress report for long work: `progress(done, total)` returns False once the user
asked to cancel (the work then raises `domain.errors.Cancelled` and leaves nothing half-written)."""

from __future__ import annotations

from typing import Callable

Progress = Callable[[int, int], bool]
