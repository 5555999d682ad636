"""A facility's card: name, capacity and material, status, lead agency and funding badge."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneHoverEvent, QStyleOptionGraphicsItem, QWidget

from reeplanner.gui.canvas.canvas_figures import FacilityFigures, money, tonnes
from reeplanner.gui.canvas.canvas_layout import CARD_HEIGHT, CARD_WIDTH
from reeplanner.gui.canvas.canvas_style import FADED_OPACITY, CanvasStyle, status_colour
from reeplanner.model.enums import Status
from reeplanner.model.records import Facility

if TYPE_CHECKING:
    from reeplanner.gui.canvas.link_arrow_item import LinkArrowItem

RADIUS = 6.0
STRIPE = 5.0
LEFT = 14.0  # text inset from the card's left edge (after the status stripe)
RIGHT = 10.0


class FacilityCardItem(QGraphicsItem):
    """One facility on the canvas; movable and selectable. Texts are set by the scene."""

    def __init__(self, facility: Facility, index: int, style: CanvasStyle) -> None:
        super().__init__()
        self.style = style
        self.facility = facility
        self.index = index
        self.arrows: list[LinkArrowItem] = []
        self.material_label = ""
        self.figures = FacilityFigures()
        self.present = True
        self.year = 0
        self.currency = ""
        self.stage_name = ""
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setZValue(1)

    # -- content --------------------------------------------------------

    @property
    def facility_id(self) -> str:
        return self.facility.id

    @property
    def status(self) -> Status:
        """The status in the scenario on show (a status override wins over the plan's)."""
        return self.figures.status or self.facility.status

    @property
    def cancelled(self) -> bool:
        return self.figures.cancelled or self.status is Status.CANCELLED

    def set_facility(self, facility: Facility, index: int, material_label: str, stage_name: str) -> None:
        self.facility, self.index = facility, index
        self.material_label, self.stage_name = material_label, stage_name
        self.update()

    def set_figures(self, figures: FacilityFigures, present: bool, year: int, currency: str) -> None:
        if (figures, present, year, currency) == (self.figures, self.present, self.year, self.currency):
            return  # most cards keep their figures after an edit elsewhere: skip the repaint
        if present != self.present:
            self.setOpacity(1.0 if present else FADED_OPACITY)
        self.figures, self.present, self.year, self.currency = figures, present, year, currency
        self.update()

    @property
    def capacity_text(self) -> str:
        return " ".join(part for part in (tonnes(self.facility.capacity), self.material_label) if part)

    @property
    def effective_text(self) -> str:
        if not self.present:
            return "Not in this scenario"
        if self.figures.cancelled:
            return "Cancelled in this scenario"
        return f"{self.year}: {tonnes(self.figures.effective)} effective"

    @property
    def funding_text(self) -> str:
        return money(self.figures.funding, self.currency) if self.figures.funding > 0 else ""

    @property
    def agency_text(self) -> str:
        return f"Lead {self.facility.lead_agency}" if self.facility.lead_agency else "No lead agency"

    def tooltip_text(self) -> str:
        """The card's details, built when the pointer comes to rest on it (not on every refresh)."""
        fac = self.facility
        lines = [
            f"<b>{_html(fac.name)}</b> ({_html(fac.id)})",
            f"{_html(self.stage_name)} · {self.status.value}",
            _html(self.capacity_text),
            _html(self.effective_text),
        ]
        if fac.operator or fac.location:
            lines.append(_html(", ".join(p for p in (fac.operator, fac.location) if p)))
        if fac.lead_agency:
            lines.append(f"Lead agency: {_html(fac.lead_agency)}")
        if self.funding_text:
            lines.append(f"Public funding: {_html(self.funding_text)}")
        if fac.feeds_stage:
            lines.append(f"Feeds {_html(fac.feeds_stage)}")
        return "<br>".join(lines)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.setToolTip(self.tooltip_text())
        super().hoverEnterEvent(event)

    # -- links ----------------------------------------------------------

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for arrow in self.arrows:
                arrow.update_geometry()
        return super().itemChange(change, value)

    # -- drawing --------------------------------------------------------

    def boundingRect(self) -> QRectF:
        return QRectF(-1.5, -1.5, CARD_WIDTH + 3, CARD_HEIGHT + 3)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, CARD_WIDTH, CARD_HEIGHT), RADIUS, RADIUS)
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        style = self.style
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = self.shape()
        colour = status_colour(self.status)
        painter.fillPath(card, style.card_fill)
        painter.save()
        painter.setClipPath(card)
        painter.fillRect(QRectF(0, 0, STRIPE, CARD_HEIGHT), colour)
        painter.restore()
        selected = self.isSelected()
        pen = QPen(style.highlight if selected else style.card_border, 2.0 if selected else 1.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(card)
        width = CARD_WIDTH - LEFT - RIGHT
        title = QFont(style.title_font)
        title.setStrikeOut(self.cancelled)
        self._text(painter, title, style.text, LEFT, 19, self.facility.name, width)
        status_width = QFontMetricsF(style.small_font).horizontalAdvance(self.status.value)
        self._text(
            painter, style.body_font, style.text, LEFT, 38, self.capacity_text, width - status_width - 8
        )
        self._text(
            painter, style.small_font, colour, CARD_WIDTH - RIGHT - status_width, 38, self.status.value
        )
        self._text(painter, style.small_font, style.muted_text, LEFT, 55, self.effective_text, width)
        badge_width = self._badge(painter)
        agency_colour = style.muted_text if self.facility.lead_agency else style.warning_text
        self._text(painter, style.small_font, agency_colour, LEFT, 76, self.agency_text, width - badge_width)

    def _badge(self, painter: QPainter) -> float:
        """The funding pill in the bottom-right corner; returns the width it took."""
        text = self.funding_text
        if not text:
            return 0.0
        font = QFont(self.style.small_font)
        font.setWeight(QFont.Weight.DemiBold)
        metrics = QFontMetricsF(font)
        width = metrics.horizontalAdvance(text) + 12
        rect = QRectF(CARD_WIDTH - RIGHT - width, CARD_HEIGHT - 25, width, 17)
        colour = self.style.highlight
        fill = colour.lighter(185) if not self.style.is_dark else colour.darker(220)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(rect, 8.5, 8.5)
        painter.setFont(font)
        painter.setPen(self.style.text)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        return width + 6

    @staticmethod
    def _text(
        painter: QPainter, font: QFont, colour, x: float, baseline: float, text: str, width: float = 0
    ) -> None:
        painter.setFont(font)
        painter.setPen(colour)
        if width > 0:
            text = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QPointF(x, baseline), text)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
