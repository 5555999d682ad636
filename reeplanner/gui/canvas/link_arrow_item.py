"""An offtake or supply link: an arrow from one facility's card to another's, with its tonnes."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from reeplanner.gui.canvas.canvas_figures import tonnes
from reeplanner.gui.canvas.canvas_layout import CARD_HEIGHT, CARD_WIDTH
from reeplanner.gui.canvas.canvas_style import FADED_OPACITY, CanvasStyle
from reeplanner.gui.canvas.facility_card_item import FacilityCardItem
from reeplanner.gui.tonnage import TONNES
from reeplanner.model.records import Link

HEAD = 8.0  # arrowhead length
BULGE = 36.0  # how far an arrow between cards of one lane swings out to the right


class LinkArrowItem(QGraphicsItem):
    """Drawn under the cards; follows them as they move."""

    def __init__(
        self,
        link: Link,
        source: FacilityCardItem,
        target: FacilityCardItem,
        style: CanvasStyle,
        units: str = TONNES,
    ):
        super().__init__()
        self.link, self.source, self.target, self.style = link, source, target, style
        self.units = units
        self.setZValue(-1)  # over the lanes, under the cards
        self._path = QPainterPath()
        self._label_rect = QRectF()
        self._tip = QPointF()
        self._tip_angle = 0.0
        source.attach(self)
        target.attach(self)
        self.label_lines = self._label_lines()  # stacked, to fit between lanes
        self.update_geometry()

    def _label_lines(self) -> list[str]:
        link = self.link
        amount = tonnes(link.tonnes_per_year, self.units) if link.tonnes_per_year is not None else ""
        return [part for part in (amount, link.material) if part]

    def set_units(self, units: str) -> None:
        if units != self.units:
            self.units = units
            self.label_lines = self._label_lines()
            self.update_geometry()

    def detach(self) -> None:
        """Forget the cards (before the arrow is removed from the scene)."""
        self.source.detach(self)
        self.target.detach(self)

    def update_geometry(self) -> None:
        """Recompute the curve after a card moved or faded."""
        self.prepareGeometryChange()
        src, dst = self.source.pos(), self.target.pos()
        mid_y = CARD_HEIGHT / 2
        if abs(src.x() - dst.x()) < CARD_WIDTH / 2:  # same lane: swing out to the right
            start = QPointF(src.x() + CARD_WIDTH, src.y() + mid_y)
            end = QPointF(dst.x() + CARD_WIDTH, dst.y() + mid_y)
            c1, c2 = start + QPointF(BULGE, 0), end + QPointF(BULGE, 0)
        elif dst.x() > src.x():
            start = QPointF(src.x() + CARD_WIDTH, src.y() + mid_y)
            end = QPointF(dst.x(), dst.y() + mid_y)
            dx = (end.x() - start.x()) / 2
            c1, c2 = start + QPointF(dx, 0), end - QPointF(dx, 0)
        else:
            start = QPointF(src.x(), src.y() + mid_y)
            end = QPointF(dst.x() + CARD_WIDTH, dst.y() + mid_y)
            dx = (start.x() - end.x()) / 2
            c1, c2 = start - QPointF(dx, 0), end + QPointF(dx, 0)
        path = QPainterPath(start)
        path.cubicTo(c1, c2, end)
        self._path = path
        self._tip = end
        self._tip_angle = math.atan2(end.y() - c2.y(), end.x() - c2.x())
        self._label_rect = self._label_at(path.pointAtPercent(0.5))
        faded = not (self.source.present and self.target.present)
        self.setOpacity(FADED_OPACITY if faded else 1.0)
        self.setToolTip(self._tooltip())

    def _label_at(self, centre: QPointF) -> QRectF:
        if not self.label_lines:
            return QRectF()
        metrics = QFontMetricsF(self.style.small_font)
        width = max(metrics.horizontalAdvance(line) for line in self.label_lines) + 10
        height = metrics.height() * len(self.label_lines) + 4
        return QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height)

    def _head(self) -> QPolygonF:
        a = self._tip_angle
        back = QPointF(self._tip.x() - HEAD * math.cos(a), self._tip.y() - HEAD * math.sin(a))
        side = QPointF(-math.sin(a) * HEAD * 0.45, math.cos(a) * HEAD * 0.45)
        return QPolygonF([self._tip, back + side, back - side])

    def boundingRect(self) -> QRectF:
        return (
            self._path.boundingRect()
            .united(self._head().boundingRect())
            .united(self._label_rect)
            .adjusted(-3, -3, 3, 3)
        )

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        shape = stroker.createStroke(self._path)
        shape.addRect(self._label_rect)
        return shape

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.style.link
        pen = QPen(colour, 1.5)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(self._head())
        if self.label_lines:
            painter.setBrush(self.style.background)
            border = QPen(colour, 1.0)
            border.setCosmetic(True)
            painter.setPen(border)
            painter.drawRoundedRect(self._label_rect, 5, 5)
            painter.setFont(self.style.small_font)
            painter.setPen(self.style.text)
            painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, "\n".join(self.label_lines))

    def _tooltip(self) -> str:
        link = self.link
        text = f"{self.source.facility.name} → {self.target.facility.name}"
        if self.label_lines:
            text += ": " + " ".join(self.label_lines)
        if link.start_year:
            text += f" from {link.start_year}"
        return text + (f"\n{link.notes}" if link.notes else "")
