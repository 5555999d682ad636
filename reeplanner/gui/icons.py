"""Toolbar icons (SVGs in resources/icons, crisp at any scale), the app icon, and the actions that show them."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources

from PySide6.QtCore import QObject, QSize
from PySide6.QtGui import QAction, QIcon, QKeySequence

#: The sizes scripts/make_icons.py renders the app icon in (resources/icons/reeplanner-<N>.png).
APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


@cache
def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg``, else the desktop theme's icon of that name."""
    entry = resources.files("reeplanner.resources").joinpath("icons", f"{name}.svg")
    if entry.is_file():
        return QIcon(str(entry))
    return QIcon.fromTheme(name)


@cache
def app_icon() -> QIcon:
    """REE Planner's own icon, from its renderings at each size (the window, the About box, the taskbar)."""
    folder = resources.files("reeplanner.resources").joinpath("icons")
    app = QIcon()
    for size in APP_ICON_SIZES:
        app.addFile(str(folder.joinpath(f"reeplanner-{size}.png")), QSize(size, size))
    return app


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
