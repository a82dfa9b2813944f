"""The errors a user can cause, and the one way a long job says the user cancelled it.

`UserError` is every error the user can fix: its message is Simplified Chinese and is shown as it is,
and `field` names the form field it is about (None: the form as a whole). The specific errors of the
layers (VoteError, AreaError, TallyError, ReadFailure...) are subclasses. Anything else that escapes is
a programming error and reaches the crash dialog.

`Cancelled` is raised by a job whose progress callback said the user pressed 取消; whatever the job
was writing has been rolled back or removed.
"""

from __future__ import annotations

CANCELLED = "已取消。"


class UserError(Exception):
    """Something the user asked for cannot be done as asked; `message` (Chinese) says why."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, field={self.field!r})"


class Cancelled(Exception):
    """The user pressed 取消; nothing was changed. `message` (Chinese) may say what was not done."""

    def __init__(self, message: str = CANCELLED) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
