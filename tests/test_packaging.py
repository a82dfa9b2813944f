"""The built wheel carries the bundled font, its license, the catalogue and the project's LICENSE.

The wheel is built once per run from a copy of the sources (so the worktree gets no build/ folder), without
build isolation: the setuptools of the test environment (the `test` extra) builds it, and nothing is
downloaded.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "setup.py", "README.md", "LICENSE", "desktop_app", "resources")
FONT = "desktop_app/resources/fonts/wqy-microhei.ttc"
FONT_LICENSE = "desktop_app/resources/fonts/LICENSE-wqy-microhei.txt"
CATALOGUE = "desktop_app/resources/reference/renovation_catalogue.json"
DIST_INFO = "desktop_app-0.1.0.dist-info"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    major = int(version("setuptools").split(".")[0])
    assert major >= 77, "setuptools 太旧，无法构建 wheel：请运行 make test 重新安装测试依赖"
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, src / name)
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--no-index", "--wheel-dir", str(dist), str(src)], check=True, timeout=300)
    (built,) = dist.glob("desktop_app-*.whl")
    return built


def test_the_wheel_holds_the_font_its_license_and_the_catalogue(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        assert {FONT, FONT_LICENSE, CATALOGUE, "desktop_app/resources/__init__.py"} <= names
        assert zf.read(FONT) == (ROOT / "resources/fonts/wqy-microhei.ttc").read_bytes()
        assert zf.read(CATALOGUE) == (ROOT / "resources/reference/renovation_catalogue.json").read_bytes()
        # resources/ is installed only as desktop_app.resources, never as a top-level package of its own
        assert not any(name.startswith("resources/") for name in names)
        assert zf.read(f"{DIST_INFO}/top_level.txt").decode().split() == ["desktop_app"]


def test_the_wheel_holds_every_package_of_the_sources(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        packaged = {name for name in zf.namelist() if name.endswith("/__init__.py")}
    sources = {f"{p.relative_to(ROOT).as_posix()}" for p in (ROOT / "desktop_app").rglob("__init__.py")}
    assert packaged == sources | {"desktop_app/resources/__init__.py"}


def test_the_wheel_carries_the_apache_license(wheel: Path) -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert "END OF TERMS AND CONDITIONS" in text  # the full text, not a summary
    with zipfile.ZipFile(wheel) as zf:
        assert zf.read(f"{DIST_INFO}/licenses/LICENSE").decode("utf-8") == text
        assert f"{DIST_INFO}/licenses/resources/fonts/LICENSE-wqy-microhei.txt" in zf.namelist()
        metadata = zf.read(f"{DIST_INFO}/METADATA").decode("utf-8")
    assert "License-Expression: Apache-2.0" in metadata.splitlines()


def test_an_installed_wheel_finds_its_font_and_catalogue(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    "--target", str(target), str(wheel)], check=True, timeout=300)
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import json, desktop_app.paths as p\n"
        "print(p.BUNDLED_FONT.resolve()); print(p.BUNDLED_FONT.stat().st_size)\n"
        "print(len(json.loads(p.SHIPPED_CATALOGUE.read_text(encoding='utf-8'))['categories']))\n"
    )
    # -S: no site-packages, so the editable install of the sources cannot answer instead of the wheel
    out = subprocess.run([sys.executable, "-S", "-c", probe, str(target)], check=True, capture_output=True,
                         text=True, cwd=tmp_path, timeout=60).stdout.split()
    assert Path(out[0]) == (target / FONT).resolve()
    assert int(out[1]) == (ROOT / "resources/fonts/wqy-microhei.ttc").stat().st_size
    assert int(out[2]) == 3


def test_a_zipped_wheel_gives_the_font_as_a_real_file(wheel: Path, tmp_path: Path) -> None:
    """Imported straight from the zip, the font is extracted to a temporary file Qt and reportlab can open."""
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import desktop_app.paths as p\n"
        "print(p.BUNDLED_FONT.is_file(), p.BUNDLED_FONT.stat().st_size)\n"
    )
    out = subprocess.run([sys.executable, "-S", "-c", probe, str(wheel)], check=True, capture_output=True,
                         text=True, cwd=tmp_path, timeout=60).stdout.split()
    assert out == ["True", str((ROOT / "resources/fonts/wqy-microhei.ttc").stat().st_size)]
