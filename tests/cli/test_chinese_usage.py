"""The command line's own words are Chinese: usage, headings, -h/--version help and argparse's errors."""

from __future__ import annotations

import argparse
import re

import pytest

from desktop_app.cli import build_parser
from desktop_app.cli.chinese_argparse import display_width

# Words that are names, not prose: the program, its verbs, flags, choices, file kinds and formats.
NAMES = {
    "desktop", "app", "import", "roll", "export", "template", "demo", "print", "notice", "tally", "ballots",
    "special", "ordinary", "yes", "no", "json", "xlsx", "pdf", "utf", "gbk", "yyyy", "mm", "dd", "uid",
    "skip", "invalid", "estate", "building", "output", "title", "body", "file", "issuer", "date", "period",
    "end", "vote", "rule", "blank", "participates", "help", "version", "db", "local", "share", "root",
    "laojiu", "gaizao", "community", "sqlite3", "nosuch", "home", "indicators", "plan", "scope", "project", "fund",
    "progress", "district", "report", "merge", "reports", "sync", "deadline", "start", "days", "working",
}


def english_words(text: str) -> set[str]:
    """Latin words that are not names, flags (--extra) or quoted values the user typed."""
    text = re.sub(r"(?<![\w-])-{1,2}[\w-]+|'[^']*'", " ", text)
    return {word for word in re.findall(r"[A-Za-z][A-Za-z0-9]+", text) if word.lower() not in NAMES}


def every_parser(parser: argparse.ArgumentParser):
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                yield from every_parser(child)


def test_every_help_page_is_chinese():
    pages = [parser.format_help() for parser in every_parser(build_parser())]
    assert len(pages) >= 9
    for page in pages:
        assert page.startswith("用法：")
        assert english_words(page) == set(), page
        assert "显示本帮助并退出" in page


@pytest.mark.parametrize("argv,expected", [
    (["tally"], "缺少必需的参数：--roll, --ballots, --rule"),
    (["tally", "--roll", "a.xlsx", "--ballots", "b.xlsx", "--rule", "x"], "无效的选项值 'x'"),
    (["nosuch"], "无效的选项值 'nosuch'"),
    (["demo", "--extra"], "无法识别的参数：--extra"),
    (["print", "roll", "--estate"], "需要一个值"),
])
def test_argparse_errors_are_chinese(capsys, argv, expected):
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(argv)
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert expected in error
    assert "错误：" in error and error.startswith("用法：")
    assert english_words(error) == set(), error


def test_version_is_said_in_chinese(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    assert "显示程序版本并退出" in capsys.readouterr().out


@pytest.mark.parametrize("text,width", [("", 0), ("--db", 4), ("路径", 4), ("-o 输出文件", 11), ("ＡＢ", 4)])
def test_display_width_counts_chinese_as_two_columns(text, width):
    assert display_width(text) == width


def test_help_texts_stay_in_one_column_beside_chinese_placeholders():
    page = build_parser()._subparsers._group_actions[0].choices["print"]  # type: ignore[union-attr]
    roll = page._subparsers._group_actions[0].choices["roll"]  # type: ignore[union-attr]
    lines = [line for line in roll.format_help().splitlines() if line.startswith("  --")]
    starts = [re.match(r"  \S.*?\s{2,}(?=\S)", line) for line in lines]
    columns = {display_width(start.group(0)) for start in starts if start}
    assert len(lines) == 2 and len(columns) == 1, lines
