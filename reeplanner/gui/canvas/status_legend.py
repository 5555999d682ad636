"""The status colour key, in a strip along the bottom of the canvas (it does not zoom).

The strip is the view's bottom viewport margin, not an overlay on the chain,
so no card can ever be hidden behind it, at any zoom or scroll position.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from reeplanner.gui.canvas.canvas_style import FADED_OPACITY, STATUS_COLOURS, CanvasStyle, status_colour
from reeplanner.model.enums import Status

SWATCH = 10.0
PAD = 7.0  # above and below the entries
INDENT = 12.0  # before the first entry
SPACING = 14.0
ABSENT = "not in scenario"


class StatusLegend(QWidget):
    def __init__(self, style: CanvasStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("canvas-legend")
        self.style = style
        self.setToolTip("Card colours: facility status in the scenario on show")

    def entries(self) -> list[str]:
        return [status.value for status in STATUS_COLOURS] + [ABSENT]

    def entries_width(self) -> float:
        metrics = QFontMetricsF(self.style.small_font)
        width = sum(SWATCH + 5 + metrics.horizontalAdvance(t) for t in self.entries())
        return width + SPACING * (len(self.entries()) - 1) + 2 * INDENT

    def sizeHint(self) -> QSize:
        metrics = QFontMetricsF(self.style.small_font)
        return QSize(int(self.entries_width()) + 2, int(metrics.height() + 2 * PAD) + 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        style = self.style
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), style.background)
        painter.setPen(QPen(style.lane_border, 1.0))
        painter.drawLine(QPointF(0, 0.5), QPointF(self.width(), 0.5))
        painter.setFont(style.small_font)
        metrics = QFontMetricsF(style.small_font)
        x, mid = INDENT, (self.height() + 1) / 2
        baseline = mid + (metrics.ascent() - metrics.descent()) / 2
        for text in self.entries():
            absent = text == ABSENT
            swatch = QRectF(x, mid - SWATCH / 2, SWATCH, SWATCH)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setOpacity(FADED_OPACITY if absent else 1.0)
            painter.setBrush(style.muted_text if absent else status_colour(Status(text)))
            painter.drawRoundedRect(swatch, 2.5, 2.5)
            painter.setOpacity(1.0)
            painter.setPen(style.text)
            painter.drawText(QPointF(x + SWATCH + 5, baseline), text)
            x += SWATCH + 5 + metrics.horizontalAdvance(text) + SPACING
        painter.end()
