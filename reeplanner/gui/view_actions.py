"""The View and Help menus' actions: zoom, palette, units, help, about."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence

from reeplanner.gui.icons import make_action
from reeplanner.gui.palette import apply_palette
from reeplanner.gui.settings import PaletteChoice, UnitsDisplay

if TYPE_CHECKING:
    from reeplanner.gui.main_window import MainWindow

Std = QKeySequence.StandardKey


class ViewActions(QObject):
    units_changed = Signal(str)  # the UnitsDisplay value the user picked

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        canvas = window.canvas
        self.zoom_in = make_action(
            window, "Zoom &In", "action-zoom-in", canvas.zoom_in, Std.ZoomIn, "zoom-in"
        )
        self.zoom_out = make_action(
            window, "Zoom &Out", "action-zoom-out", canvas.zoom_out, Std.ZoomOut, "zoom-out"
        )
        self.fit = make_action(
            window, "&Fit Chain", "action-fit", canvas.fit_to_view, "Ctrl+0", "zoom-fit-best"
        )
        self.help = make_action(window, "REE Planner &Help", "action-help", self.show_help, Std.HelpContents)
        self.about = make_action(window, "&About REE Planner", "action-about", self.show_about)
        self.palette_actions: dict[PaletteChoice, QAction] = {}
        for choice, text in (
            (PaletteChoice.SYSTEM, "Follow &System"),
            (PaletteChoice.LIGHT, "&Light"),
            (PaletteChoice.DARK, "&Dark"),
        ):
            action = make_action(
                window, text, f"action-palette-{choice.value}", lambda c=choice: self.set_palette(c)
            )
            action.setCheckable(True)
            self.palette_actions[choice] = action
        self.units_actions: dict[UnitsDisplay, QAction] = {}
        for units, text in (
            (UnitsDisplay.TONNES, "&Tonnes (t)"),
            (UnitsDisplay.KILOTONNES, "&Kilotonnes (kt)"),
        ):
            action = make_action(
                window, text, f"action-units-{units.value}", lambda u=units: self.set_units(u)
            )
            action.setCheckable(True)
            self.units_actions[units] = action

    def show_choices(self, palette: PaletteChoice, units: UnitsDisplay) -> None:
        """Tick the remembered palette and units (applying a palette the user chose)."""
        self.palette_actions[palette].setChecked(True)
        if palette is not PaletteChoice.SYSTEM:
            apply_palette(palette)
        self.units_actions[units].setChecked(True)
        self.units_changed.emit(units.value)  # the views start in the remembered units

    def set_palette(self, choice: PaletteChoice) -> None:
        self.window.settings.set_palette(choice)
        apply_palette(choice)
        for key, action in self.palette_actions.items():
            action.setChecked(key is choice)

    def set_units(self, units: UnitsDisplay) -> None:
        self.window.settings.set_units(units)
        for key, action in self.units_actions.items():
            action.setChecked(key is units)
        self.units_changed.emit(units.value)

    def show_help(self) -> None:
        from reeplanner.gui.help_dialog import HelpDialog

        dialog = HelpDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def show_about(self) -> None:
        from reeplanner.gui.about_dialog import AboutDialog

        dialog = AboutDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
