"""Help > About and the app icon: the version, the examples' sources, the licence, the icon at every size."""

from __future__ import annotations

import tomllib
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction

from reeplanner.gui.about_dialog import ICON_SIZE, AboutDialog
from reeplanner.gui.icons import APP_ICON_SIZES
from reeplanner.gui.main_window import MainWindow

REPO = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def open_about(qtbot, tmp_path: Path) -> tuple[MainWindow, AboutDialog]:
    window = MainWindow(recovery_dir=tmp_path / "recovery")
    qtbot.addWidget(window)
    window.findChild(QAction, "action-about").trigger()
    dialog = window.findChild(AboutDialog, "about-dialog")
    assert dialog is not None and dialog.isVisible()
    return window, dialog


def test_about_names_the_version_the_examples_sources_and_the_licence(qtbot, tmp_path: Path):
    _window, dialog = open_about(qtbot, tmp_path)
    text = dialog.text.text()
    assert f"Version {VERSION}" in text
    assert "USGS Mineral Commodity Summaries 2025" in text
    assert "Source column" in text and "Estimate:" in text
    assert "MIT licence" in text and "LGPL v3" in text
    licence = dialog.licence.toPlainText()
    assert licence.startswith("MIT License") and "Permission is hereby granted" in licence


def test_about_and_the_window_show_the_app_icon(qtbot, tmp_path: Path):
    window, dialog = open_about(qtbot, tmp_path)
    assert dialog.icon.pixmap().size() == QSize(ICON_SIZE, ICON_SIZE)
    sizes = {size.width() for size in window.windowIcon().availableSizes()}
    assert sizes == set(APP_ICON_SIZES)
    # The picture is the icon's, not an empty placeholder: its corner is transparent, its middle is not.
    image = dialog.icon.pixmap().toImage()
    assert image.pixelColor(0, 0).alpha() == 0
    assert image.pixelColor(ICON_SIZE // 2, ICON_SIZE // 2).alpha() == 255
