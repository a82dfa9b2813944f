"""The package list, the one packaging setting pyproject.toml cannot express.

pyproject.toml maps the top-level folder `resources/` to the package `desktop_app.resources`, but a
`[tool.setuptools.packages.find]` search only finds the folders under `desktop_app/`, and an explicit
`packages` list there would have to name every sub-package by hand. Everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["desktop_app", "desktop_app.*"]), "desktop_app.resources"])
