"""The errors a user can cause, and the one way a long job says the user cancelled it.

`UserError` is every error the user can fix: its message is Simplified Chinese and is shown as it is,
and `field` names the form field it is about (None: the form as a whole). The specific errors of the
layers (VoteError, AreaError, TallyError, ReadFailure...) are subclasses. Anything else that escapes is
a programming error and reaches the crash dialog.

`Cancelled` is raised by a job whose progress callback said the user pressed 取消; whatever the job
was writing has been rolled back or removed.
"""

from __future__ import annotations

import errno

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


_OS_REASONS = {
    errno.EACCES: "没有权限（文件可能正被 Excel 或 WPS 打开，或所在文件夹只读）",
    errno.EPERM: "没有权限（文件可能正被 Excel 或 WPS 打开，或所在文件夹只读）",
    errno.ENOENT: "文件或文件夹不存在",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘或文件夹只读",
    errno.EEXIST: "文件已存在",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EBUSY: "文件正被其他程序使用",
    errno.EINVAL: "文件名中有不允许的字符",
    errno.EMFILE: "打开的文件太多，请关闭一些程序后重试",
    errno.EIO: "读写磁盘出错",
}


def os_error_text(error: OSError) -> str:
    """Why a file could not be read or written, in Chinese, whatever the system's language (its own
    `strerror` is English on most systems); the error number when the reason is not one we know."""
    if error.errno is None:
        return "系统错误"
    return _OS_REASONS.get(error.errno, f"系统错误（错误号 {error.errno}）")
