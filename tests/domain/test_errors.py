"""The error family: every UserError a user can see is Chinese, and one type says 取消.

The scan reads the source of desktop_app: every construction of UserError, of a class that derives from
it (resolved through the class definitions of the package) or of Cancelled, and checks the literal text
of its message (string constants and the constant parts of f-strings, module constants it names) for
English words.
"""

from __future__ import annotations

import ast
import errno
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.domain.errors import CANCELLED, Cancelled, UserError, os_error_text

PACKAGE = Path(__file__).resolve().parents[2] / "desktop_app"
ROOTS = {"UserError", "Cancelled"}
ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
# Typed or seen as they are: command-line options ("--period-end") and file suffixes (".xlsx", ".ods").
VERBATIM = re.compile(r"--[a-z][a-z-]*|\.[a-z]{2,4}\b")
# Names a Chinese user meets as they are: the programs and file kinds (PDF, Excel, WPS), units (MB),
# an encoding (UTF-16) and DTD, given after its Chinese name so that a support person can look it up.
ALLOWED_WORDS = {"PDF", "Excel", "WPS", "MB", "UTF", "DTD"}


def english_words(text: str) -> set[str]:
    return set(ASCII_WORD.findall(VERBATIM.sub("", text))) - ALLOWED_WORDS


def _modules() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def user_error_classes(modules: list[tuple[Path, ast.Module]]) -> set[str]:
    """UserError, Cancelled and every class of the package whose bases lead to one of them."""
    bases: dict[str, set[str]] = {}
    for _path, tree in modules:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(filter(None, map(_name, node.bases)))
    found = set(ROOTS)
    while True:
        more = {name for name, parents in bases.items() if parents & found} - found
        if not more:
            return found
        found |= more


def _constants(tree: ast.Module) -> dict[str, str]:
    """Module-level NAME = "text" assignments (messages kept in constants, e.g. GONE)."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value.value
    return found


def message_texts(node: ast.expr, constants: dict[str, str]) -> Iterator[str]:
    """The literal text a message expression is built from (not the values put into it)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                yield from message_texts(part.value, constants)
            else:
                yield from message_texts(part, constants)
    elif isinstance(node, ast.Name) and node.id in constants:
        yield constants[node.id]
    elif isinstance(node, ast.BinOp):
        yield from message_texts(node.left, constants)
        yield from message_texts(node.right, constants)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from message_texts(value, constants)
    elif isinstance(node, ast.IfExp):
        yield from message_texts(node.body, constants)
        yield from message_texts(node.orelse, constants)
    elif isinstance(node, (ast.List, ast.Tuple)):
        for element in node.elts:
            yield from message_texts(element, constants)
    elif isinstance(node, ast.Dict):  # ValidationError({field: message}): the keys are field keys
        for value in node.values:
            yield from message_texts(value, constants)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join":
        yield from message_texts(node.func.value, constants)
        for argument in node.args:
            yield from message_texts(argument, constants)
    elif isinstance(node, (ast.ListComp, ast.GeneratorExp)):
        yield from message_texts(node.elt, constants)


def user_messages() -> list[tuple[str, int, str, str]]:
    """(file, line, class, literal text) for every UserError or Cancelled the package makes."""
    modules = list(_modules())
    family = user_error_classes(modules)
    found = []
    for path, tree in modules:
        constants = _constants(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _name(node.func) in family):
                continue
            parts = node.args[:1] + [keyword.value for keyword in node.keywords if keyword.arg == "message"]
            for part in parts:
                for text in message_texts(part, constants):
                    found.append((str(path.relative_to(PACKAGE)), node.lineno, _name(node.func), text))
    return found


def test_the_scan_resolves_the_family_and_finds_messages():
    family = user_error_classes(list(_modules()))
    assert {"VoteError", "AreaError", "TallyError", "ReadFailure", "ValidationError", "PrintScopeError",
            "ComplaintError", "MissingGlyphs", "CatalogueError", "CommandError"} <= family
    messages = user_messages()
    assert len(messages) > 100
    assert any(cls == "VoteError" and "表决已结束" in text for _file, _line, cls, text in messages)


def test_no_english_words_in_user_messages():
    english = [(file, line, cls, text) for file, line, cls, text in user_messages()
               if english_words(text)]
    assert english == []


def test_the_word_check_sees_english():
    tree = ast.parse('raise UserError(f"unknown template {name!r}")')
    call = tree.body[0].exc
    texts = list(message_texts(call.args[0], {}))
    assert texts == ["unknown template "] and english_words(texts[0]) == {"unknown", "template"}
    assert english_words("请在 Excel 中另存为 .xlsx 后重试，或检查 --period-end。") == set()


def test_user_error_carries_message_and_field():
    error = UserError("请填写表决名称", "title")
    assert str(error) == error.message == "请填写表决名称"
    assert error.field == "title"
    assert UserError("别的问题").field is None
    assert not isinstance(error, ValueError)


def test_cancelled_is_not_a_user_error():
    assert str(Cancelled()) == CANCELLED
    assert str(Cancelled("已取消导入，数据库没有任何改变。")) == "已取消导入，数据库没有任何改变。"
    assert not issubclass(Cancelled, UserError) and not issubclass(UserError, Cancelled)


@pytest.mark.parametrize("module,name", [
    ("desktop_app.services.votes.records", "VoteError"), ("desktop_app.domain.area", "AreaError"),
    ("desktop_app.domain.tally", "TallyError"), ("desktop_app.domain.catalogue", "CatalogueError"),
    ("desktop_app.services.consult.complaints", "ComplaintError"),
    ("desktop_app.services.consult.tickets", "TicketImportError"),
    ("desktop_app.services.roll.rooms", "ValidationError"), ("desktop_app.services.roll.rooms", "RecordInUse"),
    ("desktop_app.services.printing.gather", "PrintScopeError"), ("desktop_app.exchange.errors", "ReadFailure"),
    ("desktop_app.documents.fonts", "MissingGlyphs"), ("desktop_app.documents.ballot", "BallotTooLong"),
    ("desktop_app.documents.opinion_form", "OpinionFormTooLong"),
    ("desktop_app.models.database", "DatabaseOpenError"), ("desktop_app.cli.common", "CommandError"),
])
def test_the_specific_errors_are_user_errors(module, name):
    import importlib

    assert issubclass(getattr(importlib.import_module(module), name), UserError)


def test_a_form_error_names_its_field_when_there_is_one():
    from desktop_app.services.roll.rooms import ValidationError

    one = ValidationError({"name": "请填写姓名"})
    assert (one.field, one.message, one.errors) == ("name", "请填写姓名", {"name": "请填写姓名"})
    two = ValidationError({"name": "请填写姓名", "phone": "电话号码格式不对"})
    assert two.field is None and two.message == "请填写姓名；电话号码格式不对"


@pytest.mark.parametrize("error,reason", [
    (PermissionError(errno.EACCES, "Permission denied", "名册.xlsx"), "没有权限（文件可能正被 Excel 或 WPS 打开，或所在文件夹只读）"),
    (FileNotFoundError(errno.ENOENT, "No such file or directory"), "文件或文件夹不存在"),
    (IsADirectoryError(errno.EISDIR, "Is a directory"), "这是一个文件夹，不是文件"),
    (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
    (OSError(errno.EROFS, "Read-only file system"), "磁盘或文件夹只读"),
    (OSError(errno.ENAMETOOLONG, "File name too long"), "文件名或路径太长"),
    (OSError(errno.ETIMEDOUT, "Connection timed out"), f"系统错误（错误号 {errno.ETIMEDOUT}）"),
    (OSError("no number at all"), "系统错误"),
])
def test_a_file_error_is_said_in_chinese_whatever_the_system_language(error, reason):
    assert os_error_text(error) == reason
    assert not re.search(r"[A-Za-z]{3,}", os_error_text(error).replace("Excel", "").replace("WPS", ""))
