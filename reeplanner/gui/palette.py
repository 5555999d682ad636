"""Light and dark palettes, or the system's own."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from reeplanner.gui.settings import PaletteChoice

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

_LIGHT = {
    Role.Window: "#f3f4f6",
    Role.WindowText: "#1f2328",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#f6f8fa",
    Role.ToolTipBase: "#ffffe8",
    Role.ToolTipText: "#1f2328",
    Role.Text: "#1f2328",
    Role.Button: "#eceef1",
    Role.ButtonText: "#1f2328",
    Role.BrightText: "#d1242f",
    Role.Highlight: "#2f6fde",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#0b57d0",
    Role.PlaceholderText: "#6e7781",
    Role.Mid: "#c4c9d0",
    Role.Dark: "#9aa1a9",
    Role.Light: "#ffffff",
}

_DARK = {
    Role.Window: "#23262b",
    Role.WindowText: "#e6e8eb",
    Role.Base: "#1b1d21",
    Role.AlternateBase: "#262a30",
    Role.ToolTipBase: "#30343a",
    Role.ToolTipText: "#e6e8eb",
    Role.Text: "#e6e8eb",
    Role.Button: "#2d3137",
    Role.ButtonText: "#e6e8eb",
    Role.BrightText: "#ff7b72",
    Role.Highlight: "#3d7be0",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#7fb0ff",
    Role.PlaceholderText: "#8b949e",
    Role.Mid: "#3b4048",
    Role.Dark: "#16181b",
    Role.Light: "#4a5059",
}

_DISABLED_TEXT = {PaletteChoice.LIGHT: "#9aa1a9", PaletteChoice.DARK: "#6b7280"}


def build_palette(choice: PaletteChoice) -> QPalette:
    """The palette for ``LIGHT`` or ``DARK`` (``SYSTEM`` gives the style's standard palette)."""
    if choice is PaletteChoice.SYSTEM:
        return QApplication.style().standardPalette()
    palette = QPalette()
    for role, colour in (_DARK if choice is PaletteChoice.DARK else _LIGHT).items():
        palette.setColor(role, QColor(colour))
    disabled = QColor(_DISABLED_TEXT[choice])
    for role in (Role.Text, Role.WindowText, Role.ButtonText):
        palette.setColor(Group.Disabled, role, disabled)
    return palette


def apply_palette(choice: PaletteChoice) -> None:
    """Switch the whole application's palette; views repaint with it."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    hints = app.styleHints()
    if choice is PaletteChoice.SYSTEM:
        hints.unsetColorScheme()
        app.setPalette(QPalette())
        return
    from PySide6.QtCore import Qt

    hints.setColorScheme(Qt.ColorScheme.Dark if choice is PaletteChoice.DARK else Qt.ColorScheme.Light)
    app.setPalette(build_palette(choice))
