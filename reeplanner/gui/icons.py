"""Toolbar and window icons: SVGs in resources/icons, crisp at any scale."""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtGui import QIcon


@cache
def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg``, else the desktop theme's icon of that name."""
    entry = resources.files("reeplanner.resources").joinpath("icons", f"{name}.svg")
    if entry.is_file():
        return QIcon(str(entry))
    return QIcon.fromTheme(name)
