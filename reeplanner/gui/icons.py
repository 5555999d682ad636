"""Toolbar icons (SVGs in resources/icons, crisp at any scale), the app icon, and the actions that show them.

The SVGs are drawn in a neutral grey with coloured accents; each icon is
painted for the palette in use: its lines in the palette's button text, its
accents in shades that read on that background, and all of it in the
palette's disabled text colour when its action is disabled. So an enabled
Undo always reads stronger than a disabled Redo, in the light palette and
in the dark one. ``retint_actions`` paints them again after a palette switch.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources

from PySide6.QtCore import QByteArray, QObject, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QKeySequence, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

LINE = "#5b6472"  # the SVGs' neutral line colour, replaced by the palette's
#: Accent colours of the SVGs, and the lighter shade each takes on a dark background.
ACCENTS = {"#2f6fde": "#7fb0ff", "#cf222e": "#ff7b72", "#1a7f37": "#56d364"}
SIZES = (16, 22, 24, 32, 48, 64)
ICON_PROPERTY = "icon_name"

#: The sizes scripts/make_icons.py renders the app icon in (resources/icons/reeplanner-<N>.png).
APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


@cache
def _svg(name: str) -> str:
    entry = resources.files("reeplanner.resources").joinpath("icons", f"{name}.svg")
    return entry.read_text(encoding="utf-8") if entry.is_file() else ""


def icon(name: str, palette: QPalette | None = None) -> QIcon:
    """``resources/icons/<name>.svg`` painted for ``palette`` (default: the application's), else the
    desktop theme's icon of that name."""
    svg = _svg(name)
    if not svg:
        return QIcon.fromTheme(name)
    if LINE not in svg:
        return _plain(name)  # the application's own logo keeps its colours
    palette = palette or QGuiApplication.palette()
    line = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    dark = palette.color(QPalette.ColorRole.Button).lightnessF() < 0.5
    return _painted(name, line.name(), disabled.name(), dark)


@cache
def _plain(name: str) -> QIcon:
    entry = resources.files("reeplanner.resources").joinpath("icons", f"{name}.svg")
    return QIcon(str(entry))


@cache
def _painted(name: str, line: str, disabled: str, dark: bool) -> QIcon:
    svg = _svg(name)
    normal = svg.replace(LINE, line)
    greyed = svg.replace(LINE, disabled)
    for accent, on_dark in ACCENTS.items():
        normal = normal.replace(accent, on_dark if dark else accent)
        greyed = greyed.replace(accent, disabled)
    result = QIcon()
    for mode, text in ((QIcon.Mode.Normal, normal), (QIcon.Mode.Disabled, greyed)):
        renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
        for size in SIZES:
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            renderer.render(painter, QRectF(0, 0, size, size))
            painter.end()
            result.addPixmap(pixmap, mode)
    return result


def set_icon(action: QAction, name: str) -> None:
    """Give ``action`` the icon ``name``, painted again by ``retint_actions``."""
    action.setProperty(ICON_PROPERTY, name)
    action.setIcon(icon(name))


def retint_actions(owner: QObject, palette: QPalette) -> None:
    """Paint the icon of every action under ``owner`` for ``palette`` (after View > Palette)."""
    for action in owner.findChildren(QAction):
        name = action.property(ICON_PROPERTY)
        if name:
            action.setIcon(icon(str(name), palette))


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
        action.setShortcuts(shortcut)  # every binding of the platform
    elif shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if icon_name:
        set_icon(action, icon_name)
    action.triggered.connect(lambda _checked=False: slot())
    return action
