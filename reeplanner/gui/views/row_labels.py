"""The timeline's row labels, left of the bars: a bold header per stage with its count, and per
facility a chip of its status colour, its name and its status. Painted for the rows in sight only,
aligned with the bars through the plot's view box."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from reeplanner.gui.canvas.canvas_style import status_colour
from reeplanner.gui.charts.chart_palette import ChartPalette
from reeplanner.gui.views.timeline_rows import TimelineRows
from reeplanner.model.enums import Status

LABEL_WIDTH = 250
STATUS_WIDTH = 74


class RowLabels(pg.GraphicsWidget):
    def __init__(self, view_box: pg.ViewBox, palette: ChartPalette) -> None:
        super().__init__()
        self.view_box = view_box
        self.setFixedWidth(LABEL_WIDTH)
        self.rows: TimelineRows | None = None
        self.names: list[str] = []
        self.statuses: list[Status] = []
        self.palette_ = palette
        self.font_ = QFont()
        self.font_.setPointSizeF(8.5)
        self.bold = QFont(self.font_)
        self.bold.setBold(True)
        self.metrics = QFontMetricsF(self.font_)
        view_box.sigYRangeChanged.connect(lambda *_args: self.update())
        view_box.sigResized.connect(lambda *_args: self.update())

    def set_palette(self, palette: ChartPalette) -> None:
        self.palette_ = palette
        self.update()

    def set_rows(self, rows: TimelineRows, names: list[str], statuses: list[Status]) -> None:
        self.rows, self.names, self.statuses = rows, names, statuses
        self.update()

    def row_at(self, scene_pos: QPointF) -> int | None:
        """The row beside ``scene_pos`` when it is over the labels."""
        if self.rows is None or not self.sceneBoundingRect().contains(scene_pos):
            return None
        r = math.floor(self.view_box.mapSceneToView(scene_pos).y())
        return r if 0 <= r < len(self.rows) else None

    def paint(self, painter: QPainter, *_args) -> None:
        rows = self.rows
        if rows is None or not len(rows):
            return
        view = self.view_box.viewRect()
        area = self.mapRectFromScene(self.view_box.sceneBoundingRect())
        painter.setClipRect(QRectF(0, area.top(), self.width(), area.height()))
        first = max(0, math.floor(view.top()))
        last = min(len(rows), math.ceil(view.bottom()) + 1)
        pal = self.palette_
        for r in range(first, last):
            top = self.mapFromScene(self.view_box.mapViewToScene(QPointF(0, r))).y()
            bottom = self.mapFromScene(self.view_box.mapViewToScene(QPointF(0, r + 1))).y()
            box = QRectF(6, top, self.width() - 12, bottom - top)
            f = int(rows.facility[r])
            if f < 0:
                group = int(rows.group[r])
                painter.fillRect(QRectF(0, top, self.width(), bottom - top), pal.grid)
                painter.setFont(self.bold)
                painter.setPen(pal.text)
                stage_id, name = rows.stages[group]
                count = int(rows.counts[group])
                text = f"{name} ({stage_id}) · {count} facilit{'y' if count == 1 else 'ies'}"
                painter.drawText(box, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text)
                continue
            status = self.statuses[f]
            chip = QRectF(box.left(), box.center().y() - 4, 8, 8)
            painter.fillRect(chip, status_colour(status))
            painter.setFont(self.font_)
            painter.setPen(pal.text)
            name_box = QRectF(chip.right() + 5, top, box.width() - STATUS_WIDTH - 14, bottom - top)
            name = self.metrics.elidedText(self.names[f], Qt.TextElideMode.ElideRight, name_box.width())
            painter.drawText(name_box, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), name)
            painter.setPen(_status_text_colour(status, pal))
            status_box = QRectF(box.right() - STATUS_WIDTH, top, STATUS_WIDTH, bottom - top)
            painter.drawText(
                status_box, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight), str(status)
            )


def _status_text_colour(status: Status, pal: ChartPalette) -> QColor:
    return pal.shortfall if status is Status.CANCELLED else pal.muted
