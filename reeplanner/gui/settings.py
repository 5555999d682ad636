"""The user's remembered settings: one place for every QSettings key.

Keys are grouped (``window/``, ``files/``, ``view/``) and always read with
``type=`` so an INI file written by hand cannot hand back the wrong type.
Tests point QSettings and the recovery folder at ``tmp_path`` (see
``tests/conftest.py``); ``REEPLANNER_RECOVERY_DIR`` overrides the recovery
folder for a run started from a test or a script.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

ORGANIZATION = "REE Planner"
APPLICATION = "REE Planner"
RECOVERY_ENV = "REEPLANNER_RECOVERY_DIR"


class PaletteChoice(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


class UnitsDisplay(StrEnum):
    """How tonnages are written: ``12,345 t`` or ``12.3 kt``."""

    TONNES = "t"
    KILOTONNES = "kt"


class Settings:
    """Typed access to the user's settings."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._q = qsettings or QSettings()

    # -- window -----------------------------------------------------------

    def window_geometry(self) -> QByteArray:
        return self._q.value("window/geometry", QByteArray(), type=QByteArray)

    def window_state(self) -> QByteArray:
        return self._q.value("window/state", QByteArray(), type=QByteArray)

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._q.setValue("window/geometry", geometry)
        self._q.setValue("window/state", state)

    # -- files ------------------------------------------------------------

    def last_directory(self) -> str:
        folder = self._q.value("files/last_directory", "", type=str)
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def set_last_directory(self, folder: str | Path) -> None:
        self._q.setValue("files/last_directory", str(folder))

    def last_plan(self) -> str:
        return self._q.value("files/last_plan", "", type=str)

    def set_last_plan(self, path: str | Path | None) -> None:
        """Remember the plan by its absolute path: the next start may be from another folder."""
        self._q.setValue("files/last_plan", str(Path(path).resolve()) if path else "")

    # -- view -------------------------------------------------------------

    def palette(self) -> PaletteChoice:
        raw = self._q.value("view/palette", PaletteChoice.SYSTEM.value, type=str)
        return PaletteChoice(raw) if raw in PaletteChoice._value2member_map_ else PaletteChoice.SYSTEM

    def set_palette(self, choice: PaletteChoice) -> None:
        self._q.setValue("view/palette", choice.value)

    def units(self) -> UnitsDisplay:
        raw = self._q.value("view/units", UnitsDisplay.TONNES.value, type=str)
        return UnitsDisplay(raw) if raw in UnitsDisplay._value2member_map_ else UnitsDisplay.TONNES

    def set_units(self, units: UnitsDisplay) -> None:
        self._q.setValue("view/units", units.value)

    @property
    def qsettings(self) -> QSettings:
        return self._q

    def sync(self) -> None:
        self._q.sync()


def recovery_folder() -> Path:
    """Where autosaved recovery copies live: under the user's data folder, never beside their file."""
    override = os.environ.get(RECOVERY_ENV)
    if override:
        return Path(override)
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(data or Path.home() / ".reeplanner") / "recovery"
