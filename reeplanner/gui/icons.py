"""Toolbar and window icons (SVGs in resources/icons, crisp at any scale) and the actions that show them."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon, QKeySequence


@cache
def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg``, else the desktop theme's icon of that name."""
    entry = resources.files("reeplanner.resources").joinpath("icons", f"{name}.svg")
    if entry.is_file():
        return QIcon(str(entry))
    return QIcon.fromTheme(name)


def make_action(
    parent: QObject,
    text: str,
    name: str,
    slot: Callable[[], object],
    shortcut: QKeySequence.StandardKey | str | None = None,
    icon_name: str = "",
) -> QAction:
    """An action with an object name (tests find it by name), a shortcut and an icon."""
    action = QAction(text, parent)
    action.setObjectName(name)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)  # every binding of the platform (Redo: Ctrl+Y and Ctrl+Shift+Z)
    elif shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if icon_name:
        action.setIcon(icon(icon_name))
    action.triggered.connect(lambda _checked=False: slot())
    return action
