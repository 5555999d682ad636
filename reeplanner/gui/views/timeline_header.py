"""The strip above the timeline: the phases' colours on the left (above the row labels), and above
the bars each target's ID at its year, green when met and red when missed, with today's date.

Labels of targets in the same year share a line ("T-MAG-2028 ✗  T-HRE-2028 ✗"); a label that would
run into the one before it takes the second line.
"""

from __future__ import annotations

from collections import defaultdict

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QPainter

from reeplanner.gui.charts.chart_palette import ChartPalette

LINE_PX = 16
PAD = 6


class TimelineHeader(pg.GraphicsWidget):
    def __init__(self, view_box: pg.ViewBox, palette: ChartPalette, label_width: float) -> None:
        super().__init__()
        self.view_box = view_box
        self.palette_ = palette
        self.label_width = label_width
        self.setFixedHeight(2 * LINE_PX + 4)
        self.font_ = QFont()
        self.font_.setPointSizeF(8.5)
        self.metrics = QFontMetricsF(self.font_)
        self.swatches: list[tuple[str, QBrush]] = []
        self.targets: list[dict[str, object]] = []
        self.today = 0.0
        self.placed: list[tuple[QRectF, list[int]]] = []  # (label box, target indexes) as painted
        view_box.sigXRangeChanged.connect(lambda *_args: self.update())
        view_box.sigResized.connect(lambda *_args: self.update())

    def set_palette(self, palette: ChartPalette, swatches: list[tuple[str, QBrush]]) -> None:
        self.palette_, self.swatches = palette, swatches
        self.update()

    def set_targets(self, targets: list[dict[str, object]], today: float) -> None:
        self.targets, self.today = targets, today
        self.update()

    def target_at(self, scene_pos: QPointF) -> int | None:
        """The target whose label is under ``scene_pos``."""
        pos = self.mapFromScene(scene_pos)
        for box, indexes in self.placed:
            if box.contains(pos):
                x = box.left()
                for i in indexes:  # the ID under the mouse, left to right
                    x += self.metrics.horizontalAdvance(self._label(i) + "  ")
                    if pos.x() < x:
                        return i
                return indexes[-1]
        return None

    def _label(self, i: int) -> str:
        row = self.targets[i]
        return f"{row['target']} {'✓' if row['met'] else '✗'}"

    def _x(self, time: float) -> float:
        return self.mapFromScene(self.view_box.mapViewToScene(QPointF(time, 0))).x()

    def paint(self, painter: QPainter, *_args) -> None:
        pal = self.palette_
        painter.setFont(self.font_)
        self._paint_legend(painter)
        area = self.mapRectFromScene(self.view_box.sceneBoundingRect())
        painter.setClipRect(QRectF(area.left(), 0, area.width(), self.height()))
        by_year: dict[int, list[int]] = defaultdict(list)
        for i, row in enumerate(self.targets):
            by_year[int(row["year"])].append(i)
        self.placed = []
        ends = [area.left() - 1e9, area.left() - 1e9]  # where each line's last label ends
        for year in sorted(by_year):
            indexes = by_year[year]
            text = "  ".join(self._label(i) for i in indexes)
            width = self.metrics.horizontalAdvance(text)
            x = self._x(float(year)) + 3
            line = 0 if x > ends[0] + 6 else 1 if x > ends[1] + 6 else 0
            ends[line] = x + width
            box = QRectF(x, 2 + line * LINE_PX, width, LINE_PX)
            self.placed.append((box, indexes))
            for i in indexes:
                piece = self._label(i) + "  "
                painter.setPen(pal.colour("bluish_green") if self.targets[i]["met"] else pal.shortfall)
                painter.drawText(
                    QRectF(x, box.top(), 400, LINE_PX), int(Qt.AlignmentFlag.AlignVCenter), piece
                )
                x += self.metrics.horizontalAdvance(piece)
        if self.today:
            painter.setPen(pal.muted)
            x = self._x(self.today)
            painter.drawText(
                QRectF(x - 60, 2 + LINE_PX, 57, LINE_PX),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
                "Today",
            )

    def _paint_legend(self, painter: QPainter) -> None:
        x, line = float(PAD), 0
        for text, brush in self.swatches:
            width = 12 + self.metrics.horizontalAdvance(text) + 10
            if x + width > self.label_width and x > PAD:
                x, line = float(PAD), line + 1
            top = 2 + line * LINE_PX
            if brush.style() == Qt.BrushStyle.NoBrush:
                painter.setPen(pg.mkPen(self.palette_.text, style=Qt.PenStyle.DashLine))
                painter.drawRect(QRectF(x, top + 4, 9, 8))
            else:
                painter.fillRect(QRectF(x, top + 4, 9, 8), brush)
            painter.setPen(self.palette_.text)
            painter.drawText(QRectF(x + 12, top, width, LINE_PX), int(Qt.AlignmentFlag.AlignVCenter), text)
            x += width
