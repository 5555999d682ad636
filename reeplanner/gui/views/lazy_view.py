"""A dock's content made the first time the dock is shown, so that what it imports (pyqtgraph, the
engine's Monte Carlo) costs nothing at start-up or while the dock stays closed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyView(QWidget):
    def __init__(self, build: Callable[[], QWidget], object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self._build = build
        self.view: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ensure_built(self) -> QWidget:
        """The view, made now if it was not yet."""
        if self.view is None:
            self.view = self._build()
            self.layout().addWidget(self.view)
        return self.view

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        # Next turn of the event loop: a dock tab shown for an instant while the window lays itself
        # out (then put behind another) is not built.
        QTimer.singleShot(0, self._build_if_visible)

    def _build_if_visible(self) -> None:
        if self.isVisible():
            self.ensure_built()
