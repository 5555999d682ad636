"""A stage's lane: a column with a header giving the stage, its capacity in the year and its owner."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from reeplanner.gui.canvas.canvas_figures import LaneFigures, tonnes
from reeplanner.gui.canvas.canvas_layout import HEADER_HEIGHT, LANE_PADDING, LANE_WIDTH, LaneGeometry
from reeplanner.gui.canvas.canvas_style import CanvasStyle
from reeplanner.gui.tonnage import KILOTONNES, TONNES
from reeplanner.model.enums import CapacityBasis
from reeplanner.model.records import Stage

RADIUS = 8.0


class LaneItem(QGraphicsItem):
    """Drawn behind the cards. ``stage`` is None for the lane of facilities on an unknown stage."""

    def __init__(
        self,
        stage: Stage | None,
        geometry: LaneGeometry,
        height: float,
        style: CanvasStyle,
        units: str = TONNES,
    ):
        super().__init__()
        self.stage, self.geometry, self.style = stage, geometry, style
        self.units = units  # a UnitsDisplay value: "t" or "kt"
        self.height = height
        self.figures = LaneFigures()
        self.year = 0
        self.drop_target = False  # a dragged card would land here
        self.setPos(geometry.left, 0)
        self.setZValue(-2)  # behind the arrows (-1) and the cards (0)

    @property
    def stage_id(self) -> str:
        return self.stage.id if self.stage else ""

    @property
    def title(self) -> str:
        return self.stage.name or self.stage.id if self.stage else "Unknown stage"

    @property
    def capacity_text(self) -> str:
        return tonnes(self.figures.capacity, self.units) if self.stage else ""

    @property
    def caption(self) -> str:
        if self.stage is None:
            return "Facilities whose stage is not in Stages"
        return f"Effective capacity {self.year}"

    @property
    def owner_text(self) -> str:
        if self.stage is None:
            return ""
        return f"Owner {self.stage.owner_agency}" if self.stage.owner_agency else "No owner agency"

    def set_height(self, height: float) -> None:
        if height != self.height:
            self.prepareGeometryChange()
            self.height = height

    def set_drop_target(self, on: bool) -> None:
        if on != self.drop_target:
            self.drop_target = on
            self.update()

    def set_figures(self, figures: LaneFigures, year: int) -> None:
        self.figures, self.year = figures, year
        self.setToolTip(self._tooltip())
        self.update()

    def set_units(self, units: str) -> None:
        if units != self.units:
            self.units = units
            self.setToolTip(self._tooltip())
            self.update()

    def _tooltip(self) -> str:
        if self.stage is None:
            return self.caption
        lines = [f"{self.title} ({self.stage.id}), {self.stage.basis.value} basis"]
        lines.append(f"Effective capacity {self.year}: {self.capacity_text}")
        lines += [
            f"  {material}: {tonnes(value, self.units)}" for material, value in self.figures.by_material
        ]
        if self.stage.basis is CapacityBasis.PRODUCT:
            lines.append("  (kilotonnes of product)" if self.units == KILOTONNES else "  (tonnes of product)")
        lines.append(self.owner_text)
        return "\n".join(lines)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, LANE_WIDTH, self.height)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        style = self.style
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.boundingRect()
        pen = QPen(
            style.highlight if self.drop_target else style.lane_border, 2.0 if self.drop_target else 1.0
        )
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(style.lane_fill)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)
        pen.setColor(style.lane_border)
        pen.setWidthF(1.0)
        painter.setPen(pen)
        painter.drawLine(QPointF(8, HEADER_HEIGHT), QPointF(LANE_WIDTH - 8, HEADER_HEIGHT))
        left, width = LANE_PADDING, LANE_WIDTH - 2 * LANE_PADDING
        self._text(painter, style.header_font, style.text, left, 22, self.title.upper(), width)
        self._text(painter, style.figure_font, style.text, left, 44, self.capacity_text, width)
        self._text(painter, style.small_font, style.muted_text, left, 60, self.caption, width)
        owner_colour = style.muted_text if self.stage and self.stage.owner_agency else style.warning_text
        self._text(painter, style.small_font, owner_colour, left, 73, self.owner_text, width)

    @staticmethod
    def _text(painter: QPainter, font, colour, x: float, baseline: float, text: str, width: float) -> None:
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(
            QPointF(x, baseline), QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
        )
