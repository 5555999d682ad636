"""What a card being dragged will do when dropped: the lane it joins, lit, and a label saying so.

Over another lane the lane is tinted and the label reads "Joins Metal"; a
drag that has not reached well into another lane reads "Stays in
Separation", and the drop keeps the card in its lane.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from reeplanner.gui.canvas.canvas_style import CanvasStyle

PAD = 6.0


class DropHintItem(QGraphicsItem):
    """Drawn between the lanes and the cards; hidden unless a card is being dragged."""

    def __init__(self, style: CanvasStyle) -> None:
        super().__init__()
        self.style = style
        self.lane_rect = QRectF()  # the lane the drop joins (empty when it stays)
        self.label = ""
        self.label_rect = QRectF()
        self.setZValue(-1.5)  # over the lanes (-2), under arrows (-1) and cards
        self.hide()

    def show_drop(self, lane_rect: QRectF | None, label: str, card_top_left: QPointF) -> None:
        """Light ``lane_rect`` (None: the card stays) and write ``label`` just above the card."""
        self.prepareGeometryChange()
        self.lane_rect = QRectF(lane_rect) if lane_rect is not None else QRectF()
        self.label = label
        metrics = self.style.metrics(self.style.body_font)
        width = metrics.horizontalAdvance(label) + 2 * PAD
        height = metrics.height() + PAD
        self.label_rect = QRectF(card_top_left.x(), card_top_left.y() - height - 4, width, height)
        self.show()

    def boundingRect(self) -> QRectF:
        return self.lane_rect.united(self.label_rect).adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        highlight = self.style.highlight
        if not self.lane_rect.isNull():
            tint = QColor(highlight)
            tint.setAlphaF(0.16)
            pen = QPen(highlight, 3.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(tint)
            painter.drawRoundedRect(self.lane_rect.adjusted(1.5, 1.5, -1.5, -1.5), 8, 8)
        if self.label:
            joining = not self.lane_rect.isNull()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(highlight if joining else self.style.card_border)
            painter.drawRoundedRect(self.label_rect, 5, 5)
            painter.setFont(self.style.body_font)
            painter.setPen(QColor("white") if joining else self.style.text)
            painter.drawText(self.label_rect, Qt.AlignmentFlag.AlignCenter, self.label)
