"""Fonts for printed documents: official fonts when the PC has them, the bundled font otherwise.

Every font is a TrueType font embedded as a subset (reportlab TTFont). Each character is drawn with
the role's font (title: Song-style, body: FangSong-style, heading: Hei) or, when that font lacks it,
with the first other available font that has it. A character no available font has is reported
(`MissingGlyphs`) before anything is drawn, never dropped silently.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.domain.errors import UserError
from desktop_app.paths import BUNDLED_FONT

# (file name, subfont index) per role, best first; the bundled font ends every list.
CANDIDATES: dict[str, tuple[tuple[str, int], ...]] = {
    "title": (("FZXBSJW.TTF", 0), ("方正小标宋简体.ttf", 0), ("FZXBSK.TTF", 0), ("simsun.ttc", 0),
              ("simsun.ttf", 0)),
    "body": (("simfang.ttf", 0), ("FANGSONG.TTF", 0), ("simsun.ttc", 0), ("simsun.ttf", 0)),
    "heading": (("simhei.ttf", 0),),
}
# Fonts tried for characters the role's font lacks (SimSun-ExtB holds most of CJK Extension B: 𠮷).
FALLBACK_FILES: tuple[tuple[str, int], ...] = (("simsun.ttc", 0), ("simsunb.ttf", 0), ("simhei.ttf", 0))
ROLES = ("title", "body", "heading")
RUNS_CACHE_SIZE = 200_000  # texts whose font runs are remembered (labels repeat on every page of a batch)


class MissingGlyphs(UserError):
    """Characters no available font can draw, with where each occurs."""

    def __init__(self, missing: dict[str, list[str]]) -> None:
        self.missing = missing
        parts = []
        for char, places in missing.items():
            shown = "、".join(places[:3]) + (f" 等 {len(places)} 处" if len(places) > 3 else "")
            parts.append(f"“{char}”（U+{ord(char):04X}，出现在：{shown}）")
        super().__init__(
            "以下字符在本机所有可用字体中都没有，打印出来会是空白，因此没有生成文件：" + "；".join(parts)
            + "。请在电脑上安装包含这些字的字体（如 Windows 的 SimSun-ExtB 宋体扩展字体）后重试。"
        )


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int = 0


def font_dirs() -> list[Path]:
    """Where official fonts are looked for: the Windows font folders, then the usual Unix places."""
    dirs: list[Path] = []
    extra = os.environ.get("DESKTOP_APP_FONT_DIRS")
    if extra:
        dirs.extend(Path(p) for p in extra.split(os.pathsep) if p)
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR", r"C:\Windows")
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    else:
        dirs += [Path.home() / ".fonts", Path.home() / ".local/share/fonts", Path("/usr/share/fonts/truetype/msttcorefonts"),
                 Path("/Library/Fonts")]
    return dirs


def _index_dirs(dirs: Iterable[Path]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in dirs:
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            found.setdefault(entry.name.lower(), entry)
    return found


@dataclass
class FontSet:
    """The registered fonts of one process: a reportlab font name per role plus fallbacks."""

    role_font: dict[str, str]
    fallbacks: tuple[str, ...]
    cmaps: dict[str, frozenset[int]]
    files: dict[str, FontFile]
    _covered: set[str] = field(default_factory=set)
    _role_chars: dict[str, frozenset[str]] = field(default_factory=dict)
    _runs: dict[str, dict[str, tuple[tuple[str, str], ...]]] = field(default_factory=dict)

    def role_chars(self, role: str) -> frozenset[str]:
        """The characters the role's own font has (whitespace included), for a fast subset test."""
        chars = self._role_chars.get(role)
        if chars is None:
            chars = frozenset(map(chr, self.cmaps[self.role_font[role]])) | frozenset(" \t\n\u3000")
            self._role_chars[role] = chars
        return chars

    def font_for(self, char: str, role: str) -> str | None:
        """The font that draws `char` in `role`: the role's own font if it has it, else a fallback."""
        code = ord(char)
        primary = self.role_font[role]
        if code in self.cmaps[primary]:
            return primary
        for name in self.fallbacks:
            if code in self.cmaps[name]:
                return name
        return None

    def drawable(self, char: str) -> bool:
        code = ord(char)
        return any(code in cmap for cmap in self.cmaps.values())

    def check(self, items: Iterable[tuple[str, str]]) -> None:
        """Raise `MissingGlyphs` for characters in (where, text) pairs that no font can draw."""
        missing: dict[str, list[str]] = {}
        covered = self._covered
        for where, text in items:
            if not text:
                continue
            for char in set(text) - covered:
                if char.isspace() or self.drawable(char):
                    covered.add(char)
                else:
                    places = missing.setdefault(char, [])
                    if where not in places:
                        places.append(where)
        if missing:
            raise MissingGlyphs(missing)

    def segments(self, text: str, role: str) -> tuple[tuple[str, str], ...]:
        """Split `text` into (font name, run) so each run is drawn by a font that has its characters."""
        cache = self._runs.get(role)
        if cache is None:
            cache = self._runs[role] = {}
        runs = cache.get(text)
        if runs is None:
            if len(cache) > RUNS_CACHE_SIZE:
                cache.clear()
            runs = cache[text] = self._split(text, role)
        return runs

    def _split(self, text: str, role: str) -> tuple[tuple[str, str], ...]:
        primary = self.role_font[role]
        if self.role_chars(role).issuperset(text):
            return ((primary, text),)  # tuples of strings: the cache adds nothing for the GC to scan
        runs: list[tuple[str, str]] = []
        for char in text:
            name = primary if char.isspace() else (self.font_for(char, role) or primary)
            if runs and runs[-1][0] == name:
                runs[-1] = (name, runs[-1][1] + char)
            else:
                runs.append((name, char))
        return tuple(runs)


def _register(file: FontFile) -> str | None:
    """The reportlab name of `file`, registering it the first time; None when it cannot be used
    (a CFF-outline or damaged font: reportlab embeds TrueType outlines only)."""
    if file in _REGISTERED:
        return _REGISTERED[file]
    name = f"DA{len(_REGISTERED)}-{file.path.stem}-{file.index}"
    try:
        font = TTFont(name, str(file.path), subfontIndex=file.index)
    except Exception:  # reportlab raises TTFError, struct.error, OSError... for fonts it cannot embed
        _REGISTERED[file] = None
        return None
    pdfmetrics.registerFont(font)
    _REGISTERED[file] = name
    _CMAPS[name] = frozenset(font.face.charToGlyph)
    return name


_REGISTERED: dict[FontFile, str | None] = {}
_CMAPS: dict[str, frozenset[int]] = {}
_FONTSETS: dict[tuple[str, ...], FontSet] = {}


def _first_usable(candidates: Sequence[FontFile]) -> tuple[FontFile, str]:
    for file in candidates:
        name = _register(file)
        if name is not None:
            return file, name
    raise RuntimeError(f"内置字体 {BUNDLED_FONT} 缺失或损坏，请重新安装本程序。")


def load_fonts(dirs: Sequence[Path] | None = None) -> FontSet:
    """Find, register (once per process) and return the fonts for documents."""
    dirs = list(font_dirs() if dirs is None else dirs)
    key = tuple(str(d) for d in dirs)
    if key in _FONTSETS:
        return _FONTSETS[key]
    index = _index_dirs(dirs)
    bundled = FontFile(BUNDLED_FONT, 0)
    files: dict[str, FontFile] = {}
    role_font: dict[str, str] = {}
    for role in ROLES:
        found = [FontFile(index[n.lower()], i) for n, i in CANDIDATES[role] if n.lower() in index]
        files[role], role_font[role] = _first_usable([*found, bundled])
    fallback_files = [FontFile(index[n.lower()], i) for n, i in FALLBACK_FILES if n.lower() in index]
    fallbacks: list[str] = []
    for file in [*files.values(), *fallback_files, bundled]:
        name = _register(file)
        if name is not None and name not in fallbacks:
            fallbacks.append(name)
    names = set(role_font.values()) | set(fallbacks)
    fontset = FontSet(role_font=role_font, fallbacks=tuple(fallbacks),
                      cmaps={n: _CMAPS[n] for n in names}, files=files)
    _FONTSETS[key] = fontset
    return fontset
