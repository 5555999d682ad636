"""A dock's content made the first time the dock is shown, so that what it imports (pyqtgraph, the
engine's Monte Carlo) costs nothing at start-up or while the dock stays behind another tab.

A dock in a tab group that is not the current tab is moved out of sight, not hidden: its
``visibilityChanged`` signal, not ``isVisible``, says whether it is on screen. The view is told
(``set_shown``) so that it works only while it is seen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDockWidget, QVBoxLayout, QWidget


class ShownView(Protocol):
    def set_shown(self, shown: bool) -> None: ...


class LazyView(QWidget):
    def __init__(self, build: Callable[[], QWidget], object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self._build = build
        self.view: QWidget | None = None
        self.shown = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def follow(self, dock: QDockWidget) -> None:
        """Build the view when ``dock`` comes on screen, and tell it when it comes and goes."""
        dock.visibilityChanged.connect(self._on_dock_visibility_changed)

    def ensure_built(self) -> QWidget:
        """The view, made now if it was not yet."""
        if self.view is None:
            self.view = self._build()
            self.layout().addWidget(self.view)
        return self.view

    def _on_dock_visibility_changed(self, visible: bool) -> None:
        self.shown = visible
        if visible:
            # Next turn of the event loop: a tab current for an instant while the window lays
            # itself out (then put behind another) is not built.
            QTimer.singleShot(0, self._build_if_shown)
        elif self.view is not None:
            self.view.set_shown(False)

    def _build_if_shown(self) -> None:
        if self.shown:
            self.ensure_built().set_shown(True)
