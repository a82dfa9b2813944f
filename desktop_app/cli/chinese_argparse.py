"""argparse speaking Chinese: its usage line, headings, help of -h/--version and every error it prints.

argparse looks its words up through the module-level `gettext` functions `argparse._` and
`argparse.ngettext` each time it prints them; `ChineseArgumentParser` points those at the table below
(the one process-wide change, made when the command line builds its parser, and harmless to anything
else). Placeholders of options without a metavar are named in Chinese from `PLACEHOLDERS`.
"""

from __future__ import annotations

import argparse
import unicodedata
from typing import Any

MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "子命令和参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示程序版本并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项值 %(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "invalid %(type)s value: %(value)r": "无效的值 %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 必须给出其中一个",
    "ignored explicit argument %r": "多余的参数值 %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有子命令 %(parser_name)r（可选：%(choices)s）",
}

# Placeholders (metavars) of options that name none, by destination.
PLACEHOLDERS = {
    "db": "路径", "estate": "小区编码", "building": "楼栋", "output": "输出文件", "title": "标题",
    "body_file": "正文文件", "issuer": "落款单位", "date": "日期", "period_end": "日期", "vote": "表决编号",
    "roll": "名册.xlsx", "ballots": "表决票汇总.xlsx", "file": "文件.xlsx",
    "plan": "计划.xlsx", "out": "输出.xlsx", "scope": "编码", "start": "日期", "days": "天数",
}


def translate(message: str) -> str:
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    return translate(singular if count == 1 else plural)


def display_width(text: str) -> int:
    """Columns a terminal gives `text`: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


class ChineseHelpFormatter(argparse.HelpFormatter):
    """Chinese placeholders for options and positionals that name no metavar, and help texts that stay in
    their column although a Chinese placeholder is two columns a character wide."""

    def _format_action(self, action: argparse.Action) -> str:
        text = super()._format_action(action)
        header = self._format_action_invocation(action)
        extra = display_width(header) - len(header)
        start = text.find(header)
        if extra and start >= 0:
            after = start + len(header)
            rest = text[after:]
            padding = len(rest) - len(rest.lstrip(" "))
            if padding >= extra + 2:
                text = text[:after] + rest[extra:]
        return text

    def _get_default_metavar_for_optional(self, action: argparse.Action) -> str:
        return PLACEHOLDERS.get(action.dest, "值")

    def _get_default_metavar_for_positional(self, action: argparse.Action) -> str:
        return PLACEHOLDERS.get(action.dest, action.dest)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose every printed word is Chinese; sub-command parsers are of this class too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        argparse._ = translate  # type: ignore[attr-defined]
        argparse.ngettext = translate_plural  # type: ignore[attr-defined]
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, **kwargs)
