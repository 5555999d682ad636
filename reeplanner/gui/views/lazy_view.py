"""A dock's content made the first time the dock is shown, so that what it imports (pyqtgraph, the
engine's Monte Carlo) costs nothing at start-up or while the dock stays behind another tab.

A dock in a tab group that is not the current tab is moved out of sight, not hidden: its
``visibilityChanged`` signal, not ``isVisible``, says whether it is on screen. The view is told
(``set_shown``) so that it works only while it is seen. ``preload`` imports the view's module on a
worker thread once the window is idle, so that opening the dock does not wait for pyqtgraph.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDockWidget, QVBoxLayout, QWidget


class LazyView(QWidget):
    def __init__(
        self, build: Callable[[], QWidget], module: str, object_name: str, parent: QWidget | None = None
    ) -> None:
        """``build`` makes the view (importing ``module``, its heavy part); the view has
        ``set_shown(bool)`` and ``wait()`` (stop its work and wait for it)."""
        super().__init__(parent)
        self.setObjectName(object_name)
        self._build = build
        self._module = module
        self._loader: threading.Thread | None = None
        self.view: QWidget | None = None
        self.shown = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def follow(self, dock: QDockWidget) -> None:
        """Build the view when ``dock`` comes on screen, and tell it when it comes and goes."""
        dock.visibilityChanged.connect(self._on_dock_visibility_changed)

    def preload(self) -> None:
        """Import the view's module off the GUI thread, unless it is loaded or loading."""
        if self._module in sys.modules or self._loader is not None:
            return
        # A plain daemon thread: no Qt object whose lifetime the window must manage. A failure shows
        # when the view is built, which imports the module again.
        self._loader = threading.Thread(target=self._import, name=f"preload {self._module}", daemon=True)
        self._loader.start()

    def _import(self) -> None:
        with contextlib.suppress(Exception):  # reported when the view is built
            importlib.import_module(self._module)

    @property
    def loading(self) -> bool:
        """The preload has begun and not ended."""
        return self._loader is not None and self._loader.is_alive()

    def finish(self) -> None:
        """Wait for the preload and the view's own work (the window is closing)."""
        if self._loader is not None:
            self._loader.join()
        if self.view is not None:
            self.view.wait()

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
