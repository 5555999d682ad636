"""The timeline's bars: one pyqtgraph item that paints only the rows in sight, so 10,000 facilities
scroll and zoom as fast as 10, and moves a bar when it is dragged.

Each phase has its colour; a cancelled facility's bar is hatched grey; where the scenario moves a
facility from the base scenario, the base bar is outlined behind it (a ghost) with the shift in
months. Dragging a bar sideways emits ``bar_dropped(facility, months)`` in whole months.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from reeplanner.gui.canvas.canvas_style import mix
from reeplanner.gui.charts.chart_palette import ChartPalette
from reeplanner.gui.views.timeline_rows import PHASES, TimelineRows, phases

#: The bar's part of its row, and the ghost's (row ``r`` spans ``[r, r + 1)``).
BAR = (0.22, 0.78)
GHOST = (0.08, 0.92)
PHASE_COLOURS = {
    "permitting": "orange",
    "construction": "blue",
    "ramp-up": "bluish_green",
    "operation": "bluish_green",
}


class GanttItem(pg.GraphicsObject):
    bar_dropped = Signal(int, int)  # facility index, whole months moved
    drag_refused = Signal(int)  # facility index: a bar without a date to move

    def __init__(self, palette: ChartPalette) -> None:
        super().__init__()
        self.rows = TimelineRows(np.zeros(0, int), np.zeros(0, int), [], np.zeros(0, int))
        self.starts = np.zeros((4, 0))
        self.base_starts: np.ndarray | None = None
        self.ghost = np.zeros(0, dtype=bool)
        self.shift = np.zeros(0)
        self.cancelled = np.zeros(0, dtype=bool)
        self.draggable = np.zeros(0, dtype=bool)
        self.horizon = (2025.0, 2036.0)
        self.selected: set[int] = set()
        self.dragging: tuple[int, int] | None = None  # (facility, months) while a bar is dragged
        self.metrics = QFontMetricsF(QFont())
        self.set_palette(palette)

    def set_palette(self, palette: ChartPalette) -> None:
        self.palette_ = palette
        self.brushes = {}
        for phase in PHASES:
            colour = palette.colour(PHASE_COLOURS[phase])
            if phase == "ramp-up":
                colour = mix(colour, palette.background, 0.5)
            self.brushes[phase] = QBrush(colour)
        self.cancelled_brush = QBrush(palette.muted, Qt.BrushStyle.BDiagPattern)
        self.header_brush = QBrush(palette.grid)
        selected = QColor(palette.colour("sky_blue"))
        selected.setAlpha(70)
        self.selected_brush = QBrush(selected)
        self.ghost_pen = QPen(palette.text, 0, Qt.PenStyle.DashLine)
        self.ghost_pen.setCosmetic(True)
        self.shift_pen = QPen(palette.shortfall)
        plate = QColor(palette.background)
        plate.setAlpha(220)
        self.plate_brush = QBrush(plate)
        self.update()

    def set_rows(
        self,
        rows: TimelineRows,
        starts: np.ndarray,
        *,
        base_starts: np.ndarray | None,
        ghost: np.ndarray,
        shift: np.ndarray,
        cancelled: np.ndarray,
        draggable: np.ndarray,
        horizon: tuple[float, float],
    ) -> None:
        """What to paint: the rows, each facility's phase starts (``Schedule.starts()``), the base's
        where ``ghost``, the online shift in months, which are cancelled and which can be dragged."""
        self.prepareGeometryChange()
        self.rows, self.starts, self.base_starts = rows, starts, base_starts
        self.ghost, self.shift, self.cancelled, self.draggable = ghost, shift, cancelled, draggable
        self.horizon = horizon
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        first, end = self.horizon
        return QRectF(first - 60, 0, end - first + 120, max(1, len(self.rows)))

    def bars(self, f: int) -> list[tuple[str, float, float]]:
        """Facility ``f``'s phases as drawn (a bar being dragged: where it would drop)."""
        bars = phases(self.starts, f, self.horizon)
        if self.dragging is not None and self.dragging[0] == f:
            offset = self.dragging[1] / 12
            bars = [
                (phase, start + offset, end + offset if phase != "operation" else end)
                for phase, start, end in bars
            ]
        return bars

    # -- painting ------------------------------------------------------------

    def paint(self, painter: QPainter, *_args) -> None:
        view = self.viewRect()
        if view is None or not len(self.rows):
            return
        first = max(0, math.floor(view.top()))
        last = min(len(self.rows), math.ceil(view.bottom()) + 1)
        left, width = view.left(), view.width()
        painter.setPen(Qt.PenStyle.NoPen)
        for r in range(first, last):
            f = int(self.rows.facility[r])
            if f < 0:
                painter.fillRect(QRectF(left, r, width, 1), self.header_brush)
                continue
            if f in self.selected:
                painter.fillRect(QRectF(left, r, width, 1), self.selected_brush)
            if self.ghost[f] and self.base_starts is not None:
                self._paint_ghost(painter, f, r)
            top, bottom = BAR
            for phase, start, end in self.bars(f):
                rect = QRectF(start, r + top, end - start, bottom - top)
                painter.fillRect(rect, self.cancelled_brush if self.cancelled[f] else self.brushes[phase])
            if self.ghost[f] or (self.dragging is not None and self.dragging[0] == f):
                self._paint_shift_label(painter, f, r)

    def _paint_ghost(self, painter: QPainter, f: int, r: int) -> None:
        painter.save()
        painter.setPen(self.ghost_pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        top, bottom = GHOST
        for _phase, start, end in phases(self.base_starts, f, self.horizon):
            painter.drawRect(QRectF(start, r + top, end - start, bottom - top))
        painter.restore()

    def _paint_shift_label(self, painter: QPainter, f: int, r: int) -> None:
        """ "+24 mo" (the scenario's shift) or the month a dragged bar would drop on, in screen space
        just left of the bar."""
        if self.dragging is not None and self.dragging[0] == f:
            months = self.dragging[1]
            text = f"{months:+d} mo" if months else "drag to move"
        elif self.cancelled[f]:
            text = "cancelled"
        elif np.isfinite(self.shift[f]) and self.shift[f]:
            text = f"{int(self.shift[f]):+d} mo"
        else:
            return
        bars = self.bars(f)
        start = bars[0][1] if bars else self.horizon[0]
        transform = painter.transform()
        where = transform.map(QPointF(start, r + 0.5))
        left_edge = transform.map(QPointF(self.viewRect().left(), r)).x()
        width = self.metrics.horizontalAdvance(text) + 8
        box = QRectF(where.x() - width - 4, where.y() - 9, width, 18)
        if box.left() < left_edge:  # no room before the bar: on it, on a plate
            box.moveLeft(max(left_edge, where.x()) + 4)
        painter.save()
        painter.resetTransform()
        painter.fillRect(box, self.plate_brush)
        painter.setPen(self.shift_pen)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()

    # -- dragging --------------------------------------------------------------

    def facility_at(self, pos: QPointF) -> int | None:
        """The facility whose bar is under ``pos`` (item coordinates), else None."""
        r = math.floor(pos.y())
        if not 0 <= r < len(self.rows):
            return None
        f = int(self.rows.facility[r])
        if f < 0:
            return None
        bars = self.bars(f)
        if not bars or not (bars[0][1] <= pos.x() <= bars[-1][2]):
            return None
        return f

    def mouseDragEvent(self, ev) -> None:  # noqa: N802 (pyqtgraph's name)
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        if ev.isStart():
            f = self.facility_at(ev.buttonDownPos())
            if f is None:
                ev.ignore()  # the view pans
                return
            if not self.draggable[f]:
                self.drag_refused.emit(f)
                ev.ignore()
                return
            self.dragging = (f, 0)
        if self.dragging is None:
            ev.ignore()
            return
        ev.accept()
        months = round((ev.pos().x() - ev.buttonDownPos().x()) * 12)
        self.dragging = (self.dragging[0], months)
        self.update()
        if ev.isFinish():
            f, months = self.dragging
            self.dragging = None
            self.update()
            if months:
                self.bar_dropped.emit(f, months)
