"""The installed package holds every module: a subpackage missing from pyproject's list would be left out of a wheel."""

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_in_pyproject():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO).parts) for init in (REPO / "reeplanner").rglob("__init__.py")
    }
    assert found - listed == set()
