"""A stage's lane: a column whose header gives the stage, its capacity and owner, and for the year
each material's requirement, domestic output and gap (shortfalls in red). The bottleneck lane
carries a red tab naming its material. Clicking the header selects the stage.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneMouseEvent, QStyleOptionGraphicsItem, QWidget

from reeplanner.gui.canvas.canvas_figures import LaneFigures, LaneRow, tonnes
from reeplanner.gui.canvas.canvas_layout import HEADER_HEIGHT, LANE_WIDTH, LaneGeometry
from reeplanner.gui.canvas.canvas_style import CanvasStyle
from reeplanner.gui.tonnage import KILOTONNES, TONNES, kilotonnes
from reeplanner.model.enums import CapacityBasis
from reeplanner.model.records import Stage

RADIUS = 8.0
INSET = 8.0  # header text from the lane's edges
MAX_ROWS = 3  # materials listed in the header; the tooltip lists them all
TAB_HEIGHT = 22.0  # the bottleneck's tab, over the lane's top edge
# Header columns: material, then requirement, output and gap right-aligned at these x.
COLUMN_RIGHTS = (102.0, 157.0, LANE_WIDTH - INSET)
LABEL_WIDTH = 44.0  # the material column


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
        self.selected = False  # the stage is selected (here, in a table or on a chart)
        self.setPos(geometry.left, 0)
        self.setZValue(-2)  # behind the arrows (-1) and the cards (0)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)

    @property
    def stage_id(self) -> str:
        return self.stage.id if self.stage else ""

    @property
    def title(self) -> str:
        return self.stage.name or self.stage.id if self.stage else "Unknown stage"

    @property
    def capacity_text(self) -> str:
        if not self.stage:
            return ""
        return tonnes(self.figures.capacity, self.units)

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

    @property
    def bottleneck_text(self) -> str:
        """``Bottleneck (Dy)`` on the bottleneck lane, else ""."""
        if not self.figures.bottleneck:
            return ""
        material = self.figures.bottleneck_material
        return f"Bottleneck ({material})" if material else "Bottleneck"

    def row_texts(self, row: LaneRow) -> tuple[str, str, str, str]:
        """A header row: material (``All`` on a product stage), requirement, output and gap, in the
        units on show.

        The gap is requirement minus output: a shortfall as a plain number (drawn red), a surplus
        with a plus sign (from 1,000 t on in thousands: the sign takes room).
        """
        number = kilotonnes if self.units == KILOTONNES else _number_t
        gap = row.gap
        if gap > 0.5e-9 * max(row.requirement, 1):
            gap_text = number(gap)
        elif gap < 0:
            gap_text = "+" + (number(-gap) if self.units == KILOTONNES or -gap < 999.5 else _thousands(-gap))
        else:
            gap_text = "0"
        return row.material or "All", number(row.requirement), number(row.output), gap_text

    def set_height(self, height: float) -> None:
        if height != self.height:
            self.prepareGeometryChange()
            self.height = height

    def set_drop_target(self, on: bool) -> None:
        if on != self.drop_target:
            self.drop_target = on
            self.update()

    def set_selected(self, on: bool) -> None:
        if on != self.selected:
            self.selected = on
            self.update()

    def set_figures(self, figures: LaneFigures, year: int) -> None:
        if figures == self.figures and year == self.year:
            return
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
        lines = [f"{self.title} ({self.stage.id}), {self.stage.basis.value} basis, {self.year}"]
        lines.append(f"Effective capacity: {tonnes(self.figures.capacity, self.units)}")
        lines += [
            f"  {material}: {tonnes(value, self.units)}" for material, value in self.figures.by_material
        ]
        if self.figures.rows:
            lines.append("Requirement / domestic output / gap:")
            for row in self.figures.rows:
                name, need, out, gap = self.row_texts(row)
                lines.append(f"  {name}: {need} / {out} / {gap} {'kt' if self.units == KILOTONNES else 't'}")
        if self.bottleneck_text:
            lines.append(f"{self.bottleneck_text}: the stage covering the least of its requirement")
        if self.stage.basis is CapacityBasis.PRODUCT:
            lines.append("Tonnes of product" if self.units != KILOTONNES else "Kilotonnes of product")
        lines.append(self.owner_text)
        lines.append("Click the header to select the stage")
        return "\n".join(lines)

    def boundingRect(self) -> QRectF:
        return QRectF(-2, -TAB_HEIGHT, LANE_WIDTH + 4, self.height + TAB_HEIGHT + 2)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.pos().y() <= HEADER_HEIGHT and self.stage is not None and self.scene() is not None:
            self.scene().select_stage(self.stage.id)
            event.accept()
            return
        event.ignore()  # below the header: a rubber band over the lane, as before

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        style = self.style
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(0, 0, LANE_WIDTH, self.height)
        marked = self.drop_target or self.selected
        border = style.shortfall if self.figures.bottleneck and not marked else style.highlight
        width = 2.5 if marked or self.figures.bottleneck else 1.0
        pen = QPen(border if marked or self.figures.bottleneck else style.lane_border, width)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(style.lane_fill)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)
        if self.selected:
            painter.setPen(Qt.PenStyle.NoPen)
            fill = QColor(style.highlight)
            fill.setAlphaF(0.12)
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(1, 1, LANE_WIDTH - 2, HEADER_HEIGHT - 1), RADIUS, RADIUS)
        line = QPen(style.lane_border, 1.0)
        line.setCosmetic(True)
        painter.setPen(line)
        painter.drawLine(QPointF(8, HEADER_HEIGHT), QPointF(LANE_WIDTH - 8, HEADER_HEIGHT))
        left, width = INSET, LANE_WIDTH - 2 * INSET
        self._text(painter, style.header_font, style.text, left, 26, self.title.upper(), width)
        if self.stage is None:
            self._text(painter, style.small_font, style.muted_text, left, 50, self.caption, width)
            return
        self._text(painter, style.body_font, style.text, left, 50, f"Capacity {self.capacity_text}", width)
        owner_colour = style.muted_text if self.stage.owner_agency else style.warning_text
        self._text(painter, style.small_font, owner_colour, left, 72, self.owner_text, width)
        self._paint_rows(painter)
        if self.bottleneck_text:
            self._paint_tab(painter)

    def _paint_rows(self, painter: QPainter) -> None:
        style = self.style
        if not self.figures.rows:
            text = "No figures" if self.figures.capacity is None else ""
            self._text(painter, style.small_font, style.muted_text, INSET, 98, text, LANE_WIDTH - 2 * INSET)
            return
        heads = (str(self.year), "Need", "Out", "Gap")
        self._row(painter, style.small_font, [style.muted_text] * 4, 98, heads)
        for i, row in enumerate(self.figures.rows[:MAX_ROWS]):
            texts = self._row_marked(row)
            short = row.gap > 0.5e-9 * max(row.requirement, 1)
            colours = [style.shortfall if self._is_bottleneck(row) else style.text, style.text, style.text]
            colours.append(style.shortfall if short else style.muted_text)
            self._row(painter, style.small_font, colours, 120 + 21 * i, texts)
        if len(self.figures.rows) > MAX_ROWS:
            more = f"+{len(self.figures.rows) - MAX_ROWS} more (tooltip)"
            self._text(painter, style.small_font, style.muted_text, INSET, HEADER_HEIGHT - 4, more, 200)

    def _is_bottleneck(self, row: LaneRow) -> bool:
        return self.figures.bottleneck and (
            row.material == self.figures.bottleneck_material or not row.material
        )

    def _row_marked(self, row: LaneRow) -> tuple[str, str, str, str]:
        name, need, out, gap = self.row_texts(row)
        return ("◆" + name if self._is_bottleneck(row) else name), need, out, gap

    def _row(self, painter: QPainter, font, colours, baseline: float, texts) -> None:
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        painter.setPen(colours[0])
        painter.drawText(
            QPointF(INSET, baseline), metrics.elidedText(texts[0], Qt.TextElideMode.ElideRight, LABEL_WIDTH)
        )
        for text, colour, right in zip(texts[1:], colours[1:], COLUMN_RIGHTS, strict=True):
            painter.setPen(colour)
            painter.drawText(QPointF(right - metrics.horizontalAdvance(text), baseline), text)

    def _paint_tab(self, painter: QPainter) -> None:
        style = self.style
        font = style.small_font
        text = self.bottleneck_text
        width = QFontMetricsF(font).horizontalAdvance(text) + 16
        tab = QRectF(INSET, -TAB_HEIGHT + 4, width, TAB_HEIGHT)
        path = QPainterPath()
        path.addRoundedRect(tab, 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.shortfall)
        painter.drawPath(path)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff") if not style.is_dark else QColor("#1b1d21"))
        painter.drawText(tab, Qt.AlignmentFlag.AlignCenter, text)

    @staticmethod
    def _text(painter: QPainter, font, colour, x: float, baseline: float, text: str, width: float) -> None:
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(
            QPointF(x, baseline), QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
        )


def _number_t(value: float) -> str:
    """A header figure in tonnes without the unit (the capacity line gives it); from 10,000 t on in
    thousands (``26.1k``), so three figures fit the lane. The tooltip has them whole."""
    if abs(value) >= 9999.5:
        return _thousands(value)
    return tonnes(value, TONNES, "").removesuffix(" t")


def _thousands(value: float) -> str:
    return f"{value / 1000:,.1f}k"
