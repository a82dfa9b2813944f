"""The package list, the one packaging setting pyproject.toml cannot express.

pyproject.toml maps the top-level folder `resources/` to the package `desktop_app.resources`, but a
`[tool.setuptools.packages.find]` search only finds the folders under `desktop_app/`, and an explicit
`packages` list there would have to name every sub-package by hand. The data folders of `resources/`
(fonts, reference) are listed as packages too, which is how setuptools wants folders of package data.
Everything else is in pyproject.toml.
"""

from setuptools import find_namespace_packages, find_packages, setup

RESOURCE_FOLDERS = find_namespace_packages("resources", exclude=["__pycache__", "*.__pycache__"])

setup(packages=[
    *find_packages(include=["desktop_app", "desktop_app.*"]),
    "desktop_app.resources",
    *(f"desktop_app.resources.{folder}" for folder in RESOURCE_FOLDERS),
])
