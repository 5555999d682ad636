"""What a card being dragged will do when dropped: the lane it joins, lit, and a label saying so.

Over another lane the lane is tinted and the label reads "Joins Metal"; a
drag that has not reached well into another lane reads "Stays in
Separation", and the drop keeps the card in its lane. The label is drawn
at the screen's scale, over the cards, so it reads at any zoom.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from reeplanner.gui.canvas.canvas_style import CanvasStyle

PAD = 6.0


class DropHintItem(QGraphicsItem):
    """The lane a drop would join, tinted; drawn over the lanes and under the cards. ``label`` is its
    words, a separate item drawn over the cards."""

    def __init__(self, style: CanvasStyle) -> None:
        super().__init__()
        self.style = style
        self.lane_rect = QRectF()  # the lane the drop joins (empty when it stays)
        self.label = DropLabelItem(style)
        self.setZValue(-1.5)  # over the lanes (-2), under arrows (-1) and cards
        self.hide()

    def show_drop(self, lane_rect: QRectF | None, text: str, card_top_left: QPointF) -> None:
        """Light ``lane_rect`` (None: the card stays) and write ``text`` just above the card."""
        self.prepareGeometryChange()
        self.lane_rect = QRectF(lane_rect) if lane_rect is not None else QRectF()
        self.label.say(text, card_top_left, joining=lane_rect is not None)
        self.setVisible(lane_rect is not None)

    def hide_drop(self) -> None:
        self.hide()
        self.label.hide()

    @property
    def text(self) -> str:
        return self.label.text if self.label.isVisible() else ""

    def boundingRect(self) -> QRectF:
        return self.lane_rect.adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.lane_rect.isNull():
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        highlight = self.style.highlight
        tint = QColor(highlight)
        tint.setAlphaF(0.16)
        pen = QPen(highlight, 3.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(tint)
        painter.drawRoundedRect(self.lane_rect.adjusted(1.5, 1.5, -1.5, -1.5), 8, 8)


class DropLabelItem(QGraphicsItem):
    """ "Joins Metal" over the dragged card's top-left corner, in screen pixels."""

    def __init__(self, style: CanvasStyle) -> None:
        super().__init__()
        self.style = style
        self.text = ""
        self.joining = False
        self._rect = QRectF()
        self.setZValue(6)  # over every card
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.hide()

    def say(self, text: str, anchor: QPointF, *, joining: bool) -> None:
        self.prepareGeometryChange()
        self.text, self.joining = text, joining
        metrics = self.style.metrics(self.style.body_font)
        width = metrics.horizontalAdvance(text) + 2 * PAD
        height = metrics.height() + PAD
        self._rect = QRectF(0, -height - 4, width, height)  # above the anchor, whatever the zoom
        self.setPos(anchor)
        self.show()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.style.highlight if self.joining else self.style.card_border)
        painter.drawRoundedRect(self._rect, 5, 5)
        painter.setFont(self.style.body_font)
        painter.setPen(QColor("white") if self.joining else self.style.text)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.text)
