"""The status colour key, pinned to the bottom-left corner of the canvas (it does not zoom)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from reeplanner.gui.canvas.canvas_style import FADED_OPACITY, STATUS_COLOURS, CanvasStyle, status_colour
from reeplanner.model.enums import Status

SWATCH = 10.0
PAD = 8.0
SPACING = 14.0
ABSENT = "not in scenario"


class StatusLegend(QWidget):
    def __init__(self, style: CanvasStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.style = style
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setToolTip("Card colours: facility status in the scenario on show")
        self.resize(self.sizeHint())

    def entries(self) -> list[str]:
        return [status.value for status in STATUS_COLOURS] + [ABSENT]

    def sizeHint(self) -> QSize:
        metrics = QFontMetricsF(self.style.small_font)
        width = sum(SWATCH + 5 + metrics.horizontalAdvance(t) for t in self.entries())
        width += SPACING * (len(self.entries()) - 1) + 2 * PAD
        return QSize(int(width) + 2, int(metrics.height() + 2 * PAD))

    def paintEvent(self, event: QPaintEvent) -> None:
        style = self.style
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        fill = style.card_fill
        fill.setAlphaF(0.92)
        pen = QPen(style.lane_border, 1.0)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(box, 6, 6)
        font = QFont(style.small_font)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        x, mid = PAD, box.center().y()
        for text in self.entries():
            absent = text == ABSENT
            swatch = QRectF(x, mid - SWATCH / 2, SWATCH, SWATCH)
            painter.setPen(Qt.PenStyle.NoPen)
            colour = style.muted_text if absent else status_colour(Status(text))
            painter.setOpacity(FADED_OPACITY if absent else 1.0)
            painter.setBrush(colour)
            painter.drawRoundedRect(swatch, 2.5, 2.5)
            painter.setOpacity(1.0)
            painter.setPen(style.text)
            baseline = mid + (metrics.ascent() - metrics.descent()) / 2
            painter.drawText(QPointF(x + SWATCH + 5, baseline), text)
            x += SWATCH + 5 + metrics.horizontalAdvance(text) + SPACING
        painter.end()
