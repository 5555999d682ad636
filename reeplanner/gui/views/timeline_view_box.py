"""The timeline's view box: the wheel scrolls the rows, Ctrl+wheel zooms the years about the mouse,
Shift+wheel pans them; a left drag pans (a drag on a bar moves the bar instead, ``GanttItem``)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

ZOOM_STEP = 1.5  # a zoom button's step; a wheel notch zooms by its square root


class TimelineViewBox(pg.ViewBox):
    """Rows scroll with the wheel; Ctrl+wheel zooms the years about the mouse, Shift+wheel pans them."""

    def __init__(self) -> None:
        super().__init__(invertY=True, enableMenu=False)
        self.setMouseMode(pg.ViewBox.PanMode)

    def wheelEvent(self, ev, axis=None) -> None:  # noqa: N802 (pyqtgraph's name)
        steps = ev.delta() / 120
        modifiers = ev.modifiers()
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            centre = self.mapSceneToView(ev.scenePos())
            self.scaleBy(x=ZOOM_STEP ** (-steps / 2), center=centre)
        elif modifiers & Qt.KeyboardModifier.ShiftModifier:
            self.translateBy(x=-steps * self.viewRect().width() / 10)
        else:
            self.translateBy(y=-steps * 3)
        ev.accept()

    def mouseDragEvent(self, ev, axis=None) -> None:  # noqa: N802 (pyqtgraph's name)
        if ev.button() == Qt.MouseButton.LeftButton:
            super().mouseDragEvent(ev, axis)
        else:
            ev.ignore()
