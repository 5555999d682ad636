"""Drawing a link on the canvas: a handle on the edge of the card under the pointer, dragged to another.

The handle (a dot on the card's right edge, where an arrow leaves) shows
when the pointer is over a card. Pressing it and dragging draws a dashed
arrow that follows the pointer and outlines the card it would link to;
releasing over a card asks the scene to add the link, anywhere else draws
nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from reeplanner.gui.canvas.canvas_layout import CARD_HEIGHT, CARD_WIDTH
from reeplanner.gui.canvas.canvas_style import CanvasStyle
from reeplanner.gui.canvas.facility_card_item import FacilityCardItem

RADIUS = 7.0
HEAD = 9.0

CardAt = Callable[[QPointF], "FacilityCardItem | None"]
LinkDrawn = Callable[[FacilityCardItem, "FacilityCardItem | None"], None]


def handle_point(card: FacilityCardItem) -> QPointF:
    """Where a card's handle sits: the middle of its right edge."""
    return card.pos() + QPointF(CARD_WIDTH, CARD_HEIGHT / 2)


class LinkHandleItem(QGraphicsItem):
    """The handle of the card under the pointer; dragging it draws a link (``drawn`` when released)."""

    def __init__(self, style: CanvasStyle, card_at: CardAt, drawn: LinkDrawn) -> None:
        super().__init__()
        self.style = style
        self.card: FacilityCardItem | None = None
        self._card_at, self._drawn = card_at, drawn
        self.draft: LinkDraftItem | None = None
        self.setZValue(5)  # over every card
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)  # as big at any zoom
        self.setAcceptHoverEvents(True)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip("Drag to another card to draw a link")
        self.hide()

    @property
    def drawing(self) -> bool:
        return self.draft is not None

    def attach(self, card: FacilityCardItem | None) -> None:
        """Sit on ``card``'s edge (None: hide), unless a link is being drawn."""
        if self.drawing or card is self.card and self.isVisible() == (card is not None):
            return
        self.card = card
        if card is None:
            self.hide()
            return
        self.setPos(handle_point(card))
        self.show()

    def boundingRect(self) -> QRectF:
        return QRectF(-RADIUS - 2, -RADIUS - 2, 2 * RADIUS + 4, 2 * RADIUS + 4)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(QPointF(0, 0), RADIUS + 2, RADIUS + 2)  # a little larger than drawn: easy to hit
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.style.highlight, 2.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(self.style.card_fill)
        painter.drawEllipse(QPointF(0, 0), RADIUS, RADIUS)
        painter.drawLine(QPointF(-3, 0), QPointF(3, 0))
        painter.drawLine(QPointF(0, -3), QPointF(0, 3))

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        super().hoverLeaveEvent(event)
        if not self.drawing and (self.card is None or not self.card.isUnderMouse()):
            self.hide()

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.card is None or self.scene() is None:
            event.ignore()
            return
        self.draft = LinkDraftItem(self.style, self.scenePos())
        self.scene().addItem(self.draft)
        event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.draft is not None:
            target = self._card_at(event.scenePos())
            self.draft.follow(event.scenePos(), target if target is not self.card else None)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.draft is None or self.card is None:
            return
        draft, self.draft = self.draft, None
        if draft.scene() is not None:
            draft.scene().removeItem(draft)
        source = self.card
        self.attach(None)
        self._drawn(source, self._card_at(event.scenePos()))


class LinkDraftItem(QGraphicsItem):
    """The link being drawn: a dashed arrow to the pointer, and an outline round the card it would join."""

    def __init__(self, style: CanvasStyle, start: QPointF) -> None:
        super().__init__()
        self.style = style
        self.start = self.end = start
        self.target_rect = QRectF()
        self.setZValue(4)

    def follow(self, end: QPointF, target: FacilityCardItem | None) -> None:
        self.prepareGeometryChange()
        self.end = end
        self.target_rect = QRectF(target.x(), target.y(), CARD_WIDTH, CARD_HEIGHT) if target else QRectF()

    def boundingRect(self) -> QRectF:
        line = QRectF(self.start, self.end).normalized().adjusted(-HEAD - 2, -HEAD - 2, HEAD + 2, HEAD + 2)
        return line.united(self.target_rect.adjusted(-4, -4, 4, 4)) if not self.target_rect.isNull() else line

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.style.highlight, 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.drawLine(self.start, self.end)
        line = QLineF(self.end, self.start)
        if line.length() > HEAD:
            line.setLength(HEAD)
            left, right = QLineF(line), QLineF(line)
            left.setAngle(line.angle() + 25)
            right.setAngle(line.angle() - 25)
            painter.setBrush(self.style.highlight)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawPolygon(QPolygonF([self.end, left.p2(), right.p2()]))
        if not self.target_rect.isNull():
            outline = QPen(self.style.highlight, 3.0)
            outline.setCosmetic(True)
            painter.setPen(outline)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self.target_rect.adjusted(-3, -3, 3, 3), 8, 8)
